import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { CustomerManagedKeyProps, ICustomerManagedKey } from './customer-managed-key-props';
import { KMS_ENCRYPT_DECRYPT_ACTIONS } from './private/actions';
import { ImportedKey } from './private/imported-key';
import { KEY_BRAND, KeyGrants, OWNED_KEY_BRAND } from './private/key-grants';
import { accountRootArn, awsAccountId } from '../core/private/aws-account';
import { markLibraryConstruct } from '../core/private/escape';
import { Input, checkList, checkString } from '../core/private/input';
import { protectFromDestroy } from '../core/private/lifecycle';
import { AWS_REGION_PATTERN, DNS_LABEL_PATTERN } from '../core/private/validation';
import { environmentOf } from '../environment/private/resolve';
import { Grant } from '../iam/grant';
import { IGrantee } from '../iam/grantee';
import { PolicyCondition, PolicyDocument, PolicyStatement } from '../iam/policy-document';
import { stableSid } from '../iam/private/sid';
import { claimUniqueName } from '../iam/private/unique-names';

// Kept importable here for the other areas of the library (not exported from the package root).
export { KMS_ENCRYPT_DECRYPT_ACTIONS } from './private/actions';

const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com(\.cn)?$/;
const KMS_ACTION = /^kms:[A-Za-z*]+$/;

/**
 * A customer-managed KMS key with automatic yearly rotation (always on), a
 * deletion window from the environment, an alias, and a key policy that gives the
 * account's IAM full control and lets services be added with `allowService`.
 *
 * @example
 * declare const stack: EnvironmentStack;
 * const key = new CustomerManagedKey(stack, 'StateKey', { purpose: 'tfstate' });
 */
export class CustomerManagedKey extends Construct implements ICustomerManagedKey {
  /**
   * An existing key, by its ARN (`arn:<partition>:kms:<region>:<account>:key/<id>`):
   * buckets can encrypt with it and grants on it become identity-policy statements.
   * Its key policy stays where the key is defined (`allowService` refuses).
   */
  public static fromKeyArn(scope: Construct, id: string, keyArn: string): ICustomerManagedKey {
    return new ImportedKey(scope, id, keyArn);
  }

  /** True when `x` is a customer-managed key of this library, created or imported (works across copies of the library). */
  public static isCustomerManagedKey(x: unknown): x is ICustomerManagedKey {
    return x !== null && typeof x === 'object' && (x as any)[KEY_BRAND] === true;
  }

  /** The `aws_kms_key`. */
  public readonly resource: KmsKey;
  /** The `aws_kms_alias`. */
  public readonly aliasResource: KmsAlias;
  /** The key policy; add statements with `allowService`. */
  public readonly policy: PolicyDocument;
  /** Region of the key: `region`, else the environment's. */
  public readonly region: string;
  private readonly keyGrants = new KeyGrants(this);

  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, KEY_BRAND, { value: true });
    Object.defineProperty(this, OWNED_KEY_BRAND, { value: true });
    const input = Input.of(this, props);
    const env = environmentOf(this, input.raw('environment'));
    const purpose = input.requiredString('purpose', { pattern: DNS_LABEL_PATTERN, allowed: 'a DNS label such as "tfstate": 1-63 lowercase letters, digits or "-"' });
    const deletionWindow = input.integer('deletionWindowDays', 7, 30) ?? env.kmsDeletionWindowDays;
    const preventDestroy = input.boolean('preventDestroy') ?? env.preventDestroy;
    const region = input.string('region', { pattern: AWS_REGION_PATTERN, allowed: 'an AWS region name such as "us-east-1"' });
    const alias = input.string('alias', { pattern: /^alias\/(?!aws\/)[a-zA-Z0-9/_-]{1,250}$/, allowed: 'a name "alias/<letters, digits, /, _ or ->" that does not start with "alias/aws/"' })
      ?? `alias/${env.resourceName(purpose)}`;
    input.done();
    this.region = region ?? env.region;
    claimUniqueName(this, { kind: 'a KMS alias', name: alias, scope: this.region, prop: 'alias', why: 'aliases are unique per account and region: give one key another "alias" (or "purpose")' });

    this.policy = new PolicyDocument(this, 'Policy', [{
      sid: 'AccountAdministration',
      actions: ['kms:*'],
      resources: ['*'],
      principals: [{ type: 'AWS', identifiers: [accountRootArn(this)] }],
    }]);

    this.resource = new KmsKey(this, 'Resource', {
      description: `${env.resourceName(purpose)} (managed by cdktf)`,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindow,
      policy: this.policy.json,
      region,
      tags: { ...env.tags, Name: env.resourceName(purpose) },
    });
    protectFromDestroy(this.resource, preventDestroy);

    this.aliasResource = new KmsAlias(this, 'Alias', { name: alias, targetKeyId: this.resource.keyId, region });
  }

  /** Key ARN. */
  public get keyArn(): string {
    return this.resource.arn;
  }

  /** Key id. */
  public get keyId(): string {
    return this.resource.keyId;
  }

  /**
   * Lets an AWS service principal (for example "logging.s3.amazonaws.com") use the
   * key, limited to this account with an `aws:SourceAccount` condition. The
   * statement id is derived from the service, actions and conditions, so it is
   * the same whatever else the key allows.
   */
  public allowService(servicePrincipal: string, actions: string[] = KMS_ENCRYPT_DECRYPT_ACTIONS, conditions: PolicyCondition[] = []): PolicyStatement {
    const service = checkString(this, 'servicePrincipal', servicePrincipal, { pattern: SERVICE_PRINCIPAL, allowed: 'an AWS service principal such as "logging.s3.amazonaws.com"' })!;
    const checkedActions = (checkList(this, 'actions', actions, { minItems: 1 }) ?? []).map((a, i) => checkString(this, `actions[${i}]`, a, { pattern: KMS_ACTION, allowed: 'a KMS action such as "kms:Decrypt"' })!);
    const extra = checkList(this, 'conditions', conditions) as PolicyCondition[];
    const identity = [service, checkedActions, extra.map((c) => [c?.test, c?.variable])];
    const statement: PolicyStatement = {
      sid: stableSid(['Allow', service.split('.')[0]], identity),
      actions: checkedActions,
      resources: ['*'],
      principals: [{ type: 'Service', identifiers: [service] }],
      conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [awsAccountId(this)] }, ...extra],
    };
    this.policy.addStatements(statement);
    return statement;
  }

  /** Lets `grantee` decrypt with the key. */
  public grantDecrypt(grantee: IGrantee): Grant {
    return this.keyGrants.grant(grantee, { read: true, write: false });
  }

  /** Lets `grantee` encrypt with the key and generate data keys. */
  public grantEncrypt(grantee: IGrantee): Grant {
    return this.keyGrants.grant(grantee, { read: false, write: true });
  }

  /** Lets `grantee` encrypt and decrypt with the key. */
  public grantEncryptDecrypt(grantee: IGrantee): Grant {
    return this.keyGrants.grant(grantee, { read: true, write: true });
  }
}
