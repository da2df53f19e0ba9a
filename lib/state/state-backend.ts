import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { StateBackendAttributes, defaultStateBackendAttributes } from './state-names';
import { markLibraryConstruct } from '../core/private/escape';
import { protectFromDestroy } from '../core/private/lifecycle';
import { assertMatches } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { CustomerManagedKey } from '../kms/customer-managed-key';
import { SecureBucket } from '../storage/secure-bucket';

/** Props of `StateBackend`. */
export interface StateBackendProps {
  /**
   * State bucket name.
   * @default "<project>-shared-tfstate"
   */
  readonly bucketName?: string;
  /**
   * Lock table name.
   * @default "<project>-shared-tflock"
   */
  readonly lockTableName?: string;
  /**
   * Days that old state versions are kept (they are the undo history of every apply).
   * @default 90
   */
  readonly noncurrentVersionRetentionDays?: number;
  /**
   * The environment whose project name, region and tags apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * Bootstrap construct: everything Terraform remote state needs, hardened.
 *
 * - an S3 state bucket (a `SecureBucket`: versioned, SSE-KMS with a rotating
 *   customer-managed key, all public-access blocks, BucketOwnerEnforced, TLS-only
 *   policy, lifecycle for noncurrent versions and aborted uploads, access logging,
 *   always `prevent_destroy`, never `force_destroy`);
 * - a DynamoDB lock table (`LockID` hash key, on-demand, point-in-time recovery,
 *   encrypted with the same customer-managed key, deletion protection, prevent-destroy).
 *
 * Deploy it first with local state, then migrate its own state into the bucket
 * (see the README). Other stacks point at it with `RemoteState`.
 *
 * @example
 * new StateBackend(bootstrapStack, 'State');
 */
export class StateBackend extends Construct {
  /** The state bucket. */
  public readonly bucket: SecureBucket;
  /** The lock table. */
  public readonly lockTable: DynamodbTable;
  /** The key that encrypts state objects and the lock table. */
  public readonly key: CustomerManagedKey;
  /** Literal names for `RemoteState`. */
  public readonly attributes: StateBackendAttributes;

  constructor(scope: Construct, id: string, props: StateBackendProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    const defaults = defaultStateBackendAttributes(env.project, env.region);
    const lockTableName = props.lockTableName ?? defaults.lockTableName;
    assertMatches(this, 'lockTableName', lockTableName, /^[a-zA-Z0-9_.-]{3,255}$/, 'a DynamoDB table name: 3-255 letters, digits, "_", "-" or "."');

    // State must survive any `destroy`, whatever the environment says.
    this.key = new CustomerManagedKey(this, 'Key', { purpose: 'tfstate', alias: defaults.kmsKeyAlias, preventDestroy: true, deletionWindowDays: 30, environment: env });
    this.bucket = new SecureBucket(this, 'Bucket', {
      purpose: 'tfstate',
      bucketName: props.bucketName ?? defaults.bucketName,
      encryptionKey: this.key,
      noncurrentVersionExpirationDays: props.noncurrentVersionRetentionDays ?? 90,
      preventDestroy: true,
      environment: env,
    });

    this.lockTable = new DynamodbTable(this, 'LockTable', {
      name: lockTableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: this.key.keyArn },
      deletionProtectionEnabled: true,
      tags: { ...env.tags, Name: lockTableName },
    });
    protectFromDestroy(this.lockTable, true);

    this.attributes = { bucketName: this.bucket.bucketName, lockTableName, kmsKeyAlias: defaults.kmsKeyAlias, region: env.region };

    new TerraformOutput(this, 'BucketName', { value: this.bucket.bucketName, description: 'Terraform state bucket' });
    new TerraformOutput(this, 'LockTableName', { value: lockTableName, description: 'Terraform state lock table' });
    new TerraformOutput(this, 'KmsKeyArn', { value: this.key.keyArn, description: 'KMS key that encrypts Terraform state' });
  }
}
