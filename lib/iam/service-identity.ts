import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { IamGroup } from '@cdktf/provider-aws/lib/iam-group';
import { IamGroupPolicy } from '@cdktf/provider-aws/lib/iam-group-policy';
import { IamUser } from '@cdktf/provider-aws/lib/iam-user';
import { IamUserGroupMembership } from '@cdktf/provider-aws/lib/iam-user-group-membership';
import { TerraformOutput } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { IGrantee } from './grantee';
import { PolicyDocument, PolicyStatement } from './policy-document';
import { IDENTITY_BRAND, ImportedServiceIdentity, SERVICE_NAME_ALLOWED, SERVICE_NAME_PATTERN } from './private/imported-identity';
import { claimUniqueName } from './private/unique-names';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/**
 * An AWS identity that grants attach to: an IAM group whose inline policy holds
 * what was granted, with the access key of its service user when it has one.
 */
export interface IServiceIdentity extends IGrantee, IConstruct {
  /** Name of the IAM group whose policy carries the grants. */
  readonly groupName: string;
  /**
   * Access key id of the identity's user (sensitive reference).
   * @default - none: an imported identity without keys
   */
  readonly accessKeyId?: SecretValue;
  /**
   * Secret access key of the identity's user (sensitive reference).
   * @default - none: an imported identity without keys
   */
  readonly secretAccessKey?: SecretValue;
}

/** An existing IAM group to attach grants to (`ServiceIdentity.fromIdentityAttributes`). */
export interface ServiceIdentityAttributes {
  /** Name of the existing IAM group; grants become an inline policy of this group. */
  readonly groupName: string;
  /**
   * Name used in statement ids (lowercase letters, digits and "-").
   * @default - the group name
   */
  readonly granteeName?: string;
  /**
   * Name of the inline policy this app adds to the group.
   * @default "<construct id>-grants"
   */
  readonly policyName?: string;
  /**
   * Access key id of a user in the group, for consumers outside AWS (a backup job).
   * @default - none
   */
  readonly accessKeyId?: SecretValue;
  /**
   * Secret access key of that user. Given with `accessKeyId`, never alone.
   * @default - none
   */
  readonly secretAccessKey?: SecretValue;
}

/** Props of `ServiceIdentity`. */
export interface ServiceIdentityProps {
  /** Service name, for example "api" or "backup-job": lowercase letters, digits and "-", at most 41 characters. */
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
 * The user and group are named `<project>-<environment>-<serviceName>`; a second
 * identity of the app with the same name fails synth, naming both. An identity that
 * was granted nothing fails synth too.
 *
 * @example
 * declare const stack: EnvironmentStack;
 * declare const images: ISecureBucket;
 * const api = new ServiceIdentity(stack, 'ApiIdentity', { serviceName: 'api' });
 * images.grantReadWrite(api);
 */
export class ServiceIdentity extends Construct implements IServiceIdentity {
  /**
   * An existing IAM group as an identity: grants on it become one inline policy of
   * that group (created on the first grant). Give `accessKeyId` and
   * `secretAccessKey` (from your secret store) when a consumer outside AWS needs them.
   */
  public static fromIdentityAttributes(scope: Construct, id: string, attrs: ServiceIdentityAttributes): IServiceIdentity {
    return new ImportedServiceIdentity(scope, id, attrs);
  }

  /** True when `x` is a service identity of this library, created or imported (works across copies of the library). */
  public static isServiceIdentity(x: unknown): x is IServiceIdentity {
    return x !== null && typeof x === 'object' && (x as any)[IDENTITY_BRAND] === true;
  }

  /** The IAM user. */
  public readonly user: IamUser;
  /** The IAM group whose policy carries the grants. */
  public readonly group: IamGroup;
  /** The policy document of the group. */
  public readonly policy: PolicyDocument;
  /** Access key id of the user (sensitive reference); always set on a created identity. */
  public readonly accessKeyId?: SecretValue;
  /** Secret access key of the user (sensitive reference); always set on a created identity. */
  public readonly secretAccessKey?: SecretValue;
  /** Name used in statement ids: the service name. */
  public readonly granteeName: string;
  /** Name of the IAM group (and of the user): `<project>-<environment>-<serviceName>`. */
  public readonly groupName: string;

  constructor(scope: Construct, id: string, props: ServiceIdentityProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, IDENTITY_BRAND, { value: true });
    const input = Input.of(this, props);
    const env = environmentOf(this, input.raw('environment'));
    const serviceName = input.requiredString('serviceName', { pattern: SERVICE_NAME_PATTERN, allowed: SERVICE_NAME_ALLOWED });
    const sensitiveOutputs = input.boolean('sensitiveOutputs') ?? false;
    input.done();
    this.granteeName = serviceName;
    const name = env.resourceName(serviceName);
    this.groupName = name;
    const why = 'IAM names are unique in an AWS account: give one of the identities another "serviceName"';
    claimUniqueName(this, { kind: 'an IAM user name', name, prop: 'serviceName', why });
    claimUniqueName(this, { kind: 'an IAM group name', name, prop: 'serviceName', why });
    claimUniqueName(this, { kind: 'an inline policy name', name: `${name}-grants`, scope: `IAM group "${name}"`, prop: 'serviceName', why });

    this.group = new IamGroup(this, 'Group', { name, path: `/${env.project}/` });
    this.user = new IamUser(this, 'Resource', { name, path: `/${env.project}/`, forceDestroy: false, tags: { ...env.tags, service: serviceName } });
    new IamUserGroupMembership(this, 'Membership', { user: this.user.name, groups: [this.group.name] });
    this.policy = new PolicyDocument(this, 'PolicyDocument');
    new IamGroupPolicy(this, 'Policy', { name: `${name}-grants`, group: this.group.name, policy: this.policy.json });
    // An identity that was granted nothing would carry an empty, invalid policy: fail synth instead.
    this.node.addValidation({
      validate: () => (this.policy.statementCount === 0
        ? [ValidationError.format(this.node.path, 'serviceName', serviceName, 'an identity that is granted something: this one was granted nothing, so remove it or grant it access').replace(`[${this.node.path}] `, '')]
        : []),
    });

    const key = new IamAccessKey(this, 'AccessKey', { user: this.user.name });
    this.accessKeyId = SecretValue.fromToken(key.id);
    this.secretAccessKey = SecretValue.fromToken(key.secret);
    if (sensitiveOutputs) {
      new TerraformOutput(this, 'AccessKeyIdOutput', { value: key.id, sensitive: true, description: `${name} access key id` });
      new TerraformOutput(this, 'SecretAccessKeyOutput', { value: key.secret, sensitive: true, description: `${name} secret access key` });
    }
  }

  /** Adds statements to the group's policy. */
  public addToPrincipalPolicy(...statements: PolicyStatement[]): void {
    this.policy.addStatements(...statements);
  }
}
