import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { TABLE_NAME, TABLE_NAME_ALLOWED, defaultStateBackendAttributes } from './private/names';
import { StateBackendAttributes } from './state-names';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { protectFromDestroy } from '../core/private/lifecycle';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { claimUniqueName } from '../iam/private/unique-names';
import { CustomerManagedKey } from '../kms/customer-managed-key';
import { checkBucketName } from '../storage/private/bucket-name';
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
   * Days that old state versions are kept (they are the undo history of every apply), 1-36500.
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
 *   never `force_destroy`);
 * - a DynamoDB lock table (`LockID` hash key, on-demand, point-in-time recovery,
 *   encrypted with the same customer-managed key).
 *
 * Protection is always on here, whatever the environment says: the bucket, its key
 * and the table carry `prevent_destroy`, the table has DynamoDB deletion protection
 * and the key a 30-day deletion window. The state of every other stack lives here,
 * so it must survive any `destroy` (including one of a non-production environment,
 * where `Environment.deletionProtection` and `preventDestroy` are off).
 *
 * Deploy it first with local state, then migrate its own state into the bucket
 * (see the README). Other stacks point at it with `RemoteState` (an
 * `EnvironmentStack` does by default).
 *
 * @example
 * declare const app: App;
 * const bootstrap = new EnvironmentStack(app, 'bootstrap', {
 *   environment: new Environment({ name: 'shared', production: true, project: 'acme-shop' }),
 *   localStatePath: 'terraform.bootstrap.tfstate',
 * });
 * new StateBackend(bootstrap, 'State');
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
    const input = Input.of(this, props);
    const env = environmentOf(this, input.raw('environment'));
    const defaults = defaultStateBackendAttributes(env.project, env.region);
    const bucketName = checkBucketName(this, 'bucketName', input.raw('bucketName') ?? defaults.bucketName)!;
    claimUniqueName(this, { kind: 'an S3 bucket name', name: bucketName, prop: 'bucketName', why: 'bucket names are global: give one state bucket another "bucketName"' });
    const lockTableName = input.string('lockTableName', { pattern: TABLE_NAME, allowed: TABLE_NAME_ALLOWED }) ?? defaults.lockTableName;
    claimUniqueName(this, { kind: 'a DynamoDB table name', name: lockTableName, scope: env.region, prop: 'lockTableName', why: 'table names are unique per account and region: give one lock table another "lockTableName"' });
    const noncurrentDays = input.integer('noncurrentVersionRetentionDays', 1, 36500) ?? 90;
    input.done();

    // State must survive any `destroy`, whatever the environment says (see the class docs).
    this.key = new CustomerManagedKey(this, 'Key', { purpose: 'tfstate', alias: defaults.kmsKeyAlias, preventDestroy: true, deletionWindowDays: 30 });
    this.bucket = new SecureBucket(this, 'Bucket', {
      purpose: 'tfstate',
      bucketName,
      encryptionKey: this.key,
      noncurrentVersionExpirationDays: noncurrentDays,
      preventDestroy: true,
    });

    this.lockTable = new DynamodbTable(this, 'LockTable', {
      name: lockTableName,
      billingMode: 'PAY_PER_REQUEST',
      hashKey: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      pointInTimeRecovery: { enabled: true },
      serverSideEncryption: { enabled: true, kmsKeyArn: this.key.keyArn },
      // Always on, not `env.deletionProtection`: losing the lock table breaks every stack's locking.
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
