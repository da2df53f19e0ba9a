import { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { Construct } from 'constructs';
import { accountRootArn, awsAccountId } from '../core/private/aws-account';
import { markLibraryConstruct } from '../core/private/escape';
import { protectFromDestroy } from '../core/private/lifecycle';
import { assertAwsRegion, assertInteger, assertMatches } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { PolicyCondition, PolicyDocument, PolicyStatement } from '../iam/policy-document';

/** Props of `CustomerManagedKey`. */
export interface CustomerManagedKeyProps {
  /**
   * What the key protects; used in the alias and the description.
   */
  readonly purpose: string;
  /**
   * Alias name, with the `alias/` prefix.
   * @default - "alias/<project>-<environment>-<purpose>"
   */
  readonly alias?: string;
  /**
   * Waiting period before a scheduled deletion, 7-30 days.
   * @default - the environment's `kmsDeletionWindowDays` (production 30, staging 7)
   */
  readonly deletionWindowDays?: number;
  /**
   * Add `prevent_destroy`: losing the key loses every object it encrypted.
   * @default - the environment's `preventDestroy`
   */
  readonly preventDestroy?: boolean;
  /**
   * Region of the key, for keys outside the provider's region (replicas).
   * @default - the AWS provider's region
   */
  readonly region?: string;
  /**
   * The environment whose names, tags and defaults apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/** Actions a service needs to encrypt and decrypt with the key. */
export const KMS_ENCRYPT_DECRYPT_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];
/** Actions needed to read objects encrypted with the key. */
export const KMS_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
/** Actions needed to write objects encrypted with the key. */
export const KMS_ENCRYPT_ACTIONS = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/**
 * A customer-managed KMS key with automatic yearly rotation (always on), a
 * deletion window from the environment, an alias, and a key policy that gives the
 * account's IAM full control and lets services be added with `allowService`.
 *
 * @example
 * const key = new CustomerManagedKey(this, 'StateKey', { purpose: 'tfstate' });
 */
export class CustomerManagedKey extends Construct {
  /** The `aws_kms_key`. */
  public readonly resource: KmsKey;
  /** The `aws_kms_alias`. */
  public readonly aliasResource: KmsAlias;
  /** The key policy; add statements with `allowService`. */
  public readonly policy: PolicyDocument;

  constructor(scope: Construct, id: string, props: CustomerManagedKeyProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    const deletionWindow = props.deletionWindowDays ?? env.kmsDeletionWindowDays;
    assertInteger(this, 'deletionWindowDays', deletionWindow, 7, 30);
    assertAwsRegion(this, 'region', props.region);
    const alias = props.alias ?? `alias/${env.resourceName(props.purpose)}`;
    assertMatches(this, 'alias', alias, /^alias\/(?!aws\/)[a-zA-Z0-9/_-]{1,250}$/, 'a name "alias/<letters, digits, /, _ or ->" that does not start with "alias/aws/"');

    this.policy = new PolicyDocument(this, 'Policy', [{
      sid: 'AccountAdministration',
      actions: ['kms:*'],
      resources: ['*'],
      principals: [{ type: 'AWS', identifiers: [accountRootArn(this)] }],
    }]);

    this.resource = new KmsKey(this, 'Resource', {
      description: `${env.resourceName(props.purpose)} (managed by cdktf)`,
      enableKeyRotation: true,
      deletionWindowInDays: deletionWindow,
      policy: this.policy.json,
      region: props.region,
      tags: { ...env.tags, Name: env.resourceName(props.purpose) },
    });
    protectFromDestroy(this.resource, props.preventDestroy ?? env.preventDestroy);

    this.aliasResource = new KmsAlias(this, 'Alias', { name: alias, targetKeyId: this.resource.keyId, region: props.region });
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
   * key, limited to this account with an `aws:SourceAccount` condition.
   */
  public allowService(servicePrincipal: string, actions: string[] = KMS_ENCRYPT_DECRYPT_ACTIONS, conditions: PolicyCondition[] = []): void {
    this.policy.addStatements({
      sid: `Allow${servicePrincipal.split('.')[0].replace(/[^A-Za-z0-9]/g, '')}${this.policy.statementCount}`,
      actions,
      resources: ['*'],
      principals: [{ type: 'Service', identifiers: [servicePrincipal] }],
      conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [awsAccountId(this)] }, ...conditions],
    });
  }

  /** An identity-policy statement that allows `actions` on this key only. */
  public statementFor(actions: string[]): PolicyStatement {
    return { actions, resources: [this.keyArn] };
  }
}
