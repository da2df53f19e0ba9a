import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicy } from '@cdktf/provider-aws/lib/iam-group-policy';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserGroupMembership } from '@cdktf/provider-aws/lib/iam-user-group-membership';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { IGrantee } from './grantee';
import { PolicyDocument, PolicyStatement } from './policy-document';
import { markLibraryConstruct } from '../core/private/escape';
import { assertMatches } from '../core/private/validation';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Props of `ServiceIdentity`. */
export interface ServiceIdentityProps {
  /** Service name, for example "api" or "backup-job". */
  readonly serviceName: string;
  /**
   * Emit the access key as `sensitive` Terraform outputs (`<id>_access_key_id`, `<id>_secret_access_key`).
   * @default false - consumers take `accessKeyId`/`secretAccessKey` as SecretValues instead
   */
  readonly sensitiveOutputs?: boolean;
  /**
   * The environment whose names and tags apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * An AWS identity for a service that runs outside AWS (Render, Supabase jobs) and so
 * cannot assume a role: an IAM user in a dedicated group whose inline policy holds
 * exactly what was granted (policies go on groups, never on users), plus one access
 * key. The key is handed on only as sensitive values (`SecretValue`) or sensitive
 * outputs; it is never a literal.
 *
 * @example
 * const api = new ServiceIdentity(this, 'ApiIdentity', { serviceName: 'api' });
 * imagesBucket.grantReadWrite(api);
 */
export class ServiceIdentity extends Construct implements IGrantee {
  /** The IAM user. */
  public readonly user: IamUser;
  /** The IAM group whose policy carries the grants. */
  public readonly group: IamGroup;
  /** The policy document of the group. */
  public readonly policy: PolicyDocument;
  /** Access key id (sensitive reference). */
  public readonly accessKeyId: SecretValue;
  /** Secret access key (sensitive reference). */
  public readonly secretAccessKey: SecretValue;
  /** Name used in statement ids. */
  public readonly granteeName: string;

  constructor(scope: Construct, id: string, props: ServiceIdentityProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    assertMatches(this, 'serviceName', props.serviceName, /^[a-z0-9][a-z0-9-]{0,40}$/, 'lowercase letters, digits and "-", at most 41 characters');
    this.granteeName = props.serviceName;
    const name = env.resourceName(props.serviceName);

    this.group = new IamGroup(this, 'Group', { name, path: `/${env.project}/` });
    this.user = new IamUser(this, 'Resource', { name, path: `/${env.project}/`, forceDestroy: false, tags: { ...env.tags, service: props.serviceName } });
    new IamUserGroupMembership(this, 'Membership', { user: this.user.name, groups: [this.group.name] });
    this.policy = new PolicyDocument(this, 'PolicyDocument');
    // An identity that was granted nothing would carry an empty, invalid policy: fail synth instead.
    new IamGroupPolicy(this, 'Policy', { name: `${name}-grants`, group: this.group.name, policy: this.policy.json });
    this.node.addValidation({ validate: () => (this.policy.statementCount === 0 ? [`[${this.node.path}] ServiceIdentity "${props.serviceName}" was granted nothing: remove it or grant it access`] : []) });

    const key = new IamAccessKey(this, 'AccessKey', { user: this.user.name });
    this.accessKeyId = SecretValue.fromToken(key.id);
    this.secretAccessKey = SecretValue.fromToken(key.secret);
    if (props.sensitiveOutputs) {
      new TerraformOutput(this, 'AccessKeyIdOutput', { value: key.id, sensitive: true, description: `${name} access key id` });
      new TerraformOutput(this, 'SecretAccessKeyOutput', { value: key.secret, sensitive: true, description: `${name} secret access key` });
    }
  }

  /** Adds statements to the group's policy. */
  public addToPrincipalPolicy(...statements: PolicyStatement[]): void {
    this.policy.addStatements(...statements);
  }
}
