import { IamGroupPolicy } from '@cdktf/provider-aws/lib/iam-group-policy';
import { Construct } from 'constructs';
import { claimUniqueName } from './unique-names';
import { ValidationError } from '../../core/errors';
import { markLibraryConstruct } from '../../core/private/escape';
import { Input } from '../../core/private/input';
import { SecretValue } from '../../core/secrets';
import { PolicyDocument, PolicyStatement } from '../policy-document';
import type { IServiceIdentity, ServiceIdentityAttributes } from '../service-identity';

/** Brand of every service identity, created or imported. */
export const IDENTITY_BRAND = Symbol.for('@livestreamsell/cdktf-constructs.ServiceIdentity');

/** Service names: they end up in IAM user and group names (`<project>-<environment>-<service>`, at most 64 characters). */
export const SERVICE_NAME_PATTERN = /^[a-z0-9][a-z0-9-]{0,40}$/;
export const SERVICE_NAME_ALLOWED = 'lowercase letters, digits and "-", at most 41 characters';

const GROUP_NAME = /^[\w+=,.@-]{1,128}$/;
const GRANTEE_NAME = /^[a-z0-9][a-z0-9-]{0,62}$/;

/** An existing IAM group as a grantee: the grants become one inline policy of the group. */
export class ImportedServiceIdentity extends Construct implements IServiceIdentity {
  public readonly groupName: string;
  public readonly granteeName: string;
  public readonly accessKeyId?: SecretValue;
  public readonly secretAccessKey?: SecretValue;
  private readonly policyName: string;
  private policy?: PolicyDocument;

  constructor(scope: Construct, id: string, attrs: ServiceIdentityAttributes) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, IDENTITY_BRAND, { value: true });
    const input = Input.of(this, attrs, 'attrs');
    this.groupName = input.requiredString('groupName', { pattern: GROUP_NAME, allowed: 'an IAM group name: 1-128 letters, digits and "+=,.@_-"' });
    this.granteeName = input.string('granteeName', { pattern: GRANTEE_NAME, allowed: 'lowercase letters, digits and "-", at most 63 characters' })
      ?? this.groupName.toLowerCase().replace(/[^a-z0-9-]/g, '-');
    this.policyName = input.string('policyName', { pattern: GROUP_NAME, allowed: 'an IAM policy name: 1-128 letters, digits and "+=,.@_-"' }) ?? `${id.replace(/[^\w+=,.@-]/g, '-')}-grants`;
    this.accessKeyId = input.secret('accessKeyId');
    this.secretAccessKey = input.secret('secretAccessKey');
    input.done();
    if ((this.accessKeyId === undefined) !== (this.secretAccessKey === undefined)) {
      const missing = this.accessKeyId === undefined ? 'accessKeyId' : 'secretAccessKey';
      throw new ValidationError(this, `attrs.${missing}`, undefined, 'a SecretValue: an access key is given as both "accessKeyId" and "secretAccessKey", or not at all');
    }
    claimUniqueName(this, {
      kind: 'an inline policy name',
      name: this.policyName,
      scope: `IAM group "${this.groupName}"`,
      prop: 'attrs.policyName',
      why: 'a second policy of that name would replace the first: give one import another "policyName"',
    });
  }

  public addToPrincipalPolicy(...statements: PolicyStatement[]): void {
    if (this.policy === undefined) {
      this.policy = new PolicyDocument(this, 'PolicyDocument');
      new IamGroupPolicy(this, 'Policy', { name: this.policyName, group: this.groupName, policy: this.policy.json });
    }
    this.policy.addStatements(...statements);
  }
}
