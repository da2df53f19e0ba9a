import { CloudBackend, NamedCloudWorkspace, TaggedCloudWorkspaces, TerraformBackend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError, pathOf } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Options of HCP Terraform (Terraform Cloud) state, as `EnvironmentStack`'s `hcpTerraform` prop. */
export interface HcpTerraformStateOptions {
  /** The HCP Terraform organization. */
  readonly organization: string;
  /**
   * The workspace that holds this stack's state: one per stack and environment,
   * like the S3 keys of RemoteState.
   * @default "<project>-<environment>-<stack id>"
   */
  readonly workspace?: string;
  /**
   * Select the workspace by tags instead of by name (`terraform workspace select`
   * or `TF_WORKSPACE` then picks one of the tagged workspaces). The library always
   * adds the tags `<project>`, `<environment>` and `<stack id>`, so each
   * stack/environment pair stays its own set.
   * @default - a named workspace (`workspace`)
   */
  readonly workspaceTags?: string[];
  /**
   * The HCP Terraform project the workspace belongs to.
   * @default - the organization's default project
   */
  readonly project?: string;
  /**
   * Hostname of HCP Terraform or of a Terraform Enterprise installation.
   * @default "app.terraform.io"
   */
  readonly hostname?: string;
}

/** Props of `HcpTerraformState`. */
export interface HcpTerraformStateProps extends HcpTerraformStateOptions {
  /**
   * The environment whose project and name go into the workspace.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

const NAME = /^[A-Za-z0-9_-]{1,90}$/;
const NAME_ALLOWED = '1-90 letters, digits, "-" or "_" (HCP Terraform names)';
const TAG = /^[a-z0-9][a-z0-9:_-]{0,254}$/;

/**
 * Keeps a stack's state in HCP Terraform (Terraform Cloud), the alternative to S3 the
 * PRD names ("locking via DynamoDB or Terraform Cloud's native backend"): a `cloud`
 * block with one workspace per stack and environment. HCP Terraform encrypts state
 * at rest, locks runs natively and keeps every state version; the API token is never
 * in the configuration (`terraform login`, or `TF_TOKEN_app_terraform_io` in CI).
 * No bootstrap stack is needed: create the workspaces (or let the first `terraform
 * init` create them) and set each to local or remote execution.
 *
 * @example
 * declare const app: App;
 * new EnvironmentStack(app, 'production', {
 *   environment: Environment.production({ project: 'acme-shop' }),
 *   hcpTerraform: { organization: 'acme' },
 * });
 */
export class HcpTerraformState extends Construct {
  /** The `cloud` backend. */
  public readonly backend: CloudBackend;
  /** The workspace name (undefined when selected by tags). */
  public readonly workspace?: string;
  /** The workspace tags (undefined when selected by name). */
  public readonly workspaceTags?: string[];

  constructor(scope: Construct, id: string, props: HcpTerraformStateProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const input = Input.of(this, props);
    const env = environmentOf(this, input.raw('environment'));
    const stack = TerraformStack.of(this);
    const existing = stack.node.findAll().find(TerraformBackend.isBackend);
    if (existing) {
      throw new ValidationError(this, 'scope', stack.node.id, `a stack without a backend: [${pathOf(existing)}] already configures one (a stack keeps its state in one place)`);
    }
    const organization = input.requiredString('organization', { pattern: NAME, allowed: `an organization name: ${NAME_ALLOWED}` });
    const named = input.string('workspace', { pattern: NAME, allowed: `a workspace name: ${NAME_ALLOWED}` });
    const tags = input.stringList('workspaceTags', { pattern: TAG, allowed: 'a workspace tag: lowercase letters, digits, ":", "_" or "-"', minItems: 1, unique: true });
    const project = input.string('project', { pattern: /^[A-Za-z0-9 _-]{1,40}$/, allowed: 'an HCP Terraform project name: 1-40 letters, digits, spaces, "-" or "_"' });
    const hostname = input.string('hostname', { pattern: /^([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, allowed: 'a hostname such as "app.terraform.io"' });
    input.done();
    if (named !== undefined && tags !== undefined) {
      throw new ValidationError(this, 'workspaceTags', tags, `no tags when "workspace" is set (got workspace ${JSON.stringify(named)}): select the workspace by name or by tags`);
    }
    if (tags !== undefined) {
      this.workspaceTags = [...new Set([...tags, env.project, env.name, stack.node.id.toLowerCase()])];
    } else {
      this.workspace = named ?? `${env.project}-${env.name}-${stack.node.id}`;
      if (!NAME.test(this.workspace)) throw new ValidationError(this, 'workspace', this.workspace, `a workspace name: ${NAME_ALLOWED}`);
    }
    this.backend = new CloudBackend(stack, {
      organization,
      hostname,
      workspaces: this.workspace !== undefined ? new NamedCloudWorkspace(this.workspace, project) : new TaggedCloudWorkspaces(this.workspaceTags!, project),
    });
  }
}
