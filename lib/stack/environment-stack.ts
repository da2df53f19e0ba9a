import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { escapeTree } from '../core/private/escape';
import { Input } from '../core/private/input';
import { guardStack } from '../core/private/synth-guard';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { HcpTerraformState, HcpTerraformStateOptions } from '../state/hcp-terraform-state';
import { readBackendConfig } from '../state/private/backend-config';
import { RemoteState, RemoteStateProps } from '../state/remote-state';

/** Props of `EnvironmentStack`. */
export interface EnvironmentStackProps {
  /** The environment every construct in the stack takes its defaults from. */
  readonly environment: Environment;
  /**
   * Keep this stack's state in a local file instead of the S3 backend. Only the
   * bootstrap stack needs this, before the state bucket exists.
   * @default - remote state (RemoteState)
   */
  readonly localStatePath?: string;
  /**
   * Settings of the S3 backend: the one way to configure the remote state of an
   * EnvironmentStack (it creates its `RemoteState` itself).
   * @default - RemoteState defaults: encrypted, DynamoDB-locked, key "<project>/<environment>/<stack id>.tfstate"
   */
  readonly remoteState?: RemoteStateProps;
  /**
   * Keep this stack's state in HCP Terraform (Terraform Cloud) instead of S3: a
   * `cloud` block with one workspace per stack and environment.
   * @default - S3 remote state (`remoteState`)
   */
  readonly hcpTerraform?: HcpTerraformStateOptions;
  /**
   * Configure a default AWS provider for the environment's region with the
   * environment's tags as `default_tags`.
   * @default true
   */
  readonly awsProvider?: boolean;
}

/**
 * A Terraform stack bound to one environment: its constructs find the environment
 * with `Environment.of(this)`, state goes to the encrypted and locked S3 backend
 * (configured with `remoteState`), and the AWS provider tags everything with
 * project, environment and managed-by.
 *
 * @example
 * declare const app: App;
 * const stack = new EnvironmentStack(app, 'staging', {
 *   environment: Environment.staging({ project: 'acme-shop' }),
 *   remoteState: { useLockfile: true },
 * });
 */
export class EnvironmentStack extends TerraformStack {
  /** The stack's environment. */
  public readonly environment: Environment;
  /** The S3 remote state configuration (undefined with local or HCP Terraform state). */
  public readonly remoteState?: RemoteState;
  /** The HCP Terraform state configuration, when `hcpTerraform` is set. */
  public readonly hcpTerraformState?: HcpTerraformState;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id);
    guardStack(this);
    const input = Input.of(this, props);
    this.environment = environmentOf(this, input.raw('environment'));
    const localStatePath = input.string('localStatePath', { pattern: /^[^\0]+\.tfstate$/, allowed: 'a file path ending in ".tfstate"' });
    const remote = input.object('remoteState');
    const hcp = input.raw('hcpTerraform');
    const awsProvider = input.boolean('awsProvider') ?? true;
    input.done();
    const places = [['localStatePath', localStatePath], ['remoteState', remote], ['hcpTerraform', hcp]].filter(([, v]) => v !== undefined);
    if (places.length > 1) {
      throw new ValidationError(this, places[1][0] as string, (props as any)[places[1][0] as string], `no "${places[1][0]}" together with "${places[0][0]}": a stack keeps its state in one place`);
    }
    if (localStatePath !== undefined) {
      new LocalBackend(this, { path: localStatePath });
    } else if (hcp !== undefined) {
      this.hcpTerraformState = new HcpTerraformState(this, 'HcpTerraformState', hcp as HcpTerraformStateOptions);
    } else {
      // Checked here first, so that a message names the prop set on the stack ("remoteState.key").
      readBackendConfig(this, remote ?? Input.of(this, {}, 'remoteState'), false);
      this.remoteState = new RemoteState(this, 'RemoteState', props.remoteState);
    }
    if (awsProvider) {
      new AwsProvider(this, 'aws', {
        region: this.environment.region,
        // The provider is the stack's, not a library construct's: escape the tags' text here.
        defaultTags: [{ tags: escapeTree(this.environment.tags, this) }],
      });
    }
  }
}
