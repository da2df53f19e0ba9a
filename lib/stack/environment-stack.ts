import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { guardStack } from '../core/private/synth-guard';
import { assertMatches } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
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
   * Settings of the S3 backend.
   * @default - RemoteState defaults: encrypted, DynamoDB-locked, key "<project>/<environment>/<stack id>.tfstate"
   */
  readonly remoteState?: RemoteStateProps;
  /**
   * Configure a default AWS provider for the environment's region with the
   * environment's tags as `default_tags`.
   * @default true
   */
  readonly awsProvider?: boolean;
}

/**
 * A Terraform stack bound to one environment: its constructs find the environment
 * with `Environment.of(this)`, state goes to the encrypted and locked S3 backend,
 * and the AWS provider tags everything with project, environment and managed-by.
 *
 * @example
 * const stack = new EnvironmentStack(app, 'staging', { environment: Environment.staging() });
 */
export class EnvironmentStack extends TerraformStack {
  /** The stack's environment. */
  public readonly environment: Environment;
  /** The remote state configuration (undefined with local state). */
  public readonly remoteState?: RemoteState;

  constructor(scope: Construct, id: string, props: EnvironmentStackProps) {
    super(scope, id);
    guardStack(this);
    this.environment = environmentOf(this, props.environment);
    if (props.localStatePath !== undefined) {
      assertMatches(this, 'localStatePath', props.localStatePath, /^[^\0]+\.tfstate$/, 'a file path ending in ".tfstate"');
      new LocalBackend(this, { path: props.localStatePath });
    } else {
      this.remoteState = new RemoteState(this, 'RemoteState', { environment: this.environment, ...props.remoteState });
    }
    if (props.awsProvider ?? true) {
      new AwsProvider(this, 'aws', {
        region: this.environment.region,
        defaultTags: [{ tags: this.environment.tags }],
      });
    }
  }
}
