import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketCorsConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-cors-configuration';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketObjectLockConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-object-lock-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { Construct } from 'constructs';
import { GrantAccess, grantStatements } from './bucket-grants';
import { assertBucketName } from './bucket-name';
import { CorsRule, renderCorsRule, validateCorsRule } from './cors-rule';
import { LifecycleRule, renderLifecycleRule, validateLifecycleRule } from './lifecycle-rule';
import { awsAccountId } from '../core/private/aws-account';
import { markLibraryConstruct } from '../core/private/escape';
import { protectFromDestroy } from '../core/private/lifecycle';
import { assertAwsRegion, assertInteger, assertMatches, assertOneOf } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { IGrantee } from '../iam/grantee';
import { PolicyDocument, PolicyStatement } from '../iam/policy-document';
import { CustomerManagedKey } from '../kms/customer-managed-key';

/** Object Lock (WORM) settings. */
export interface ObjectLockOptions {
  /**
   * "GOVERNANCE" (users with a special permission can still delete) or "COMPLIANCE" (nobody can, not even root).
   * @default "GOVERNANCE"
   */
  readonly mode?: string;
  /** Default retention of every new object version, days. */
  readonly retentionDays: number;
}

/** Props of `SecureBucket`. */
export interface SecureBucketProps {
  /** What the bucket holds ("tfstate", "backups", "product-images", ...): used in names and keys. */
  readonly purpose: string;
  /**
   * Bucket name (globally unique, S3 naming rules).
   * @default - "<project>-<environment>-<purpose>"
   */
  readonly bucketName?: string;
  /**
   * KMS key for default encryption (SSE-KMS with bucket keys).
   * @default - a new rotating customer-managed key dedicated to this bucket
   */
  readonly encryptionKey?: CustomerManagedKey;
  /**
   * Bucket that receives this bucket's server access logs.
   * @default - a dedicated, equally hardened log bucket "<bucketName>-logs" is created
   */
  readonly accessLogsBucket?: SecureBucket;
  /**
   * Key prefix of this bucket's access logs in the log bucket.
   * @default "<bucketName>/"
   */
  readonly accessLogsPrefix?: string;
  /**
   * This bucket is a server-access-log destination: it lets `logging.s3.amazonaws.com`
   * write (scoped to this account) and does not log to itself, which would loop.
   * @default false
   */
  readonly isAccessLogsBucket?: boolean;
  /**
   * Days after which noncurrent versions are deleted.
   * @default - the environment's `backupRetentionDays`
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which incomplete multipart uploads are aborted.
   * @default 7
   */
  readonly abortIncompleteMultipartUploadDays?: number;
  /**
   * More lifecycle rules (transitions, expiry). More can be added with `addLifecycleRule`.
   * @default - only the baseline rule (aborted uploads, noncurrent expiry)
   */
  readonly lifecycleRules?: LifecycleRule[];
  /**
   * Object Lock (WORM) default retention. Requires versioning, which is always on.
   * @default - no Object Lock
   */
  readonly objectLock?: ObjectLockOptions;
  /**
   * Region of the bucket, for buckets outside the provider's region (replicas).
   * @default - the AWS provider's region
   */
  readonly region?: string;
  /**
   * UNSAFE, opt-in: make objects under this key prefix world-readable. Turns off the
   * `block_public_policy` and `restrict_public_buckets` blocks of this bucket (ACLs
   * stay blocked) and adds an anonymous `s3:GetObject` statement for the prefix.
   * Prefer private objects served through signed URLs.
   * @default - no public access
   */
  readonly unsafePublicReadPrefix?: string;
  /**
   * Add `prevent_destroy` to the bucket and its key.
   * @default - the environment's `preventDestroy`
   */
  readonly preventDestroy?: boolean;
  /**
   * The environment whose names, tags and defaults apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * The one hardened S3 bucket primitive every bucket of the library is built on.
 *
 * Always: all four public-access blocks, `BucketOwnerEnforced` (ACLs off), SSE-KMS
 * with a rotating customer-managed key and bucket keys, versioning, a bucket policy
 * that denies plain HTTP and TLS older than 1.2, a lifecycle rule that aborts
 * incomplete multipart uploads and expires noncurrent versions, server access
 * logging to a hardened log bucket, and `force_destroy = false`. Nothing here can be
 * switched off; other constructs only add to it.
 *
 * @example
 * const bucket = new SecureBucket(this, 'Backups', { purpose: 'backups', objectLock: { retentionDays: 30 } });
 */
export class SecureBucket extends Construct {
  /** The `aws_s3_bucket`. */
  public readonly resource: S3Bucket;
  /** The bucket name. */
  public readonly bucketName: string;
  /** The KMS key of the bucket's default encryption. */
  public readonly encryptionKey: CustomerManagedKey;
  /** The bucket that holds this bucket's access logs (undefined for a log bucket). */
  public readonly accessLogsBucket?: SecureBucket;
  /** The bucket policy document; add statements with `addToResourcePolicy`. */
  public readonly policy: PolicyDocument;
  /** The environment the bucket belongs to. */
  public readonly environment: Environment;
  /** The versioning configuration (replication and Object Lock depend on it). */
  public readonly versioning: S3BucketVersioningA;
  /** What the bucket holds. */
  public readonly purpose: string;
  /** Region of the bucket (undefined: the provider's region). */
  public readonly region?: string;

  private readonly lifecycleRules: LifecycleRule[] = [];
  private readonly lifecycle: S3BucketLifecycleConfiguration;
  private readonly corsRules: CorsRule[] = [];
  private cors?: S3BucketCorsConfiguration;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    this.environment = env;
    this.purpose = props.purpose;
    this.region = props.region;
    assertAwsRegion(this, 'region', props.region);
    this.bucketName = props.bucketName ?? env.resourceName(props.purpose);
    assertBucketName(this, 'bucketName', this.bucketName);
    const abortDays = props.abortIncompleteMultipartUploadDays ?? 7;
    assertInteger(this, 'abortIncompleteMultipartUploadDays', abortDays, 1, 365);
    const noncurrentDays = props.noncurrentVersionExpirationDays ?? env.backupRetentionDays;
    assertInteger(this, 'noncurrentVersionExpirationDays', noncurrentDays, 1, 36500);
    if (props.objectLock) {
      assertOneOf(this, 'objectLock.mode', props.objectLock.mode, ['GOVERNANCE', 'COMPLIANCE']);
      assertInteger(this, 'objectLock.retentionDays', props.objectLock.retentionDays, 1, 36500);
    }
    const preventDestroy = props.preventDestroy ?? env.preventDestroy;

    this.encryptionKey = props.encryptionKey ?? new CustomerManagedKey(this, 'Key', {
      purpose: props.purpose,
      alias: `alias/${this.bucketName}`,
      preventDestroy,
      region: props.region,
      environment: env,
    });

    this.resource = new S3Bucket(this, 'Resource', {
      bucket: this.bucketName,
      region: this.region,
      forceDestroy: false,
      objectLockEnabled: props.objectLock ? true : undefined,
      tags: { ...env.tags, Name: this.bucketName, purpose: props.purpose },
    });
    protectFromDestroy(this.resource, preventDestroy);

    const publicRead = props.unsafePublicReadPrefix !== undefined;
    if (publicRead) assertMatches(this, 'unsafePublicReadPrefix', props.unsafePublicReadPrefix, /^([A-Za-z0-9!_.()-]+\/)+$/, 'a non-empty key prefix ending in "/" such as "public/" (never the whole bucket)');
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: this.resource.id,
      region: this.region,
      blockPublicAcls: true,
      blockPublicPolicy: !publicRead,
      ignorePublicAcls: true,
      restrictPublicBuckets: !publicRead,
    });
    new S3BucketOwnershipControls(this, 'Ownership', {
      bucket: this.resource.id,
      region: this.region,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    this.versioning = new S3BucketVersioningA(this, 'Versioning', {
      bucket: this.resource.id,
      region: this.region,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.resource.id,
      region: this.region,
      rule: [{
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.encryptionKey.keyArn },
        bucketKeyEnabled: true,
      }],
    });

    this.policy = new PolicyDocument(this, 'PolicyDocument', [
      {
        sid: 'DenyInsecureTransport',
        effect: 'Deny',
        actions: ['s3:*'],
        resources: [this.resource.arn, `${this.resource.arn}/*`],
        principals: [{ type: '*', identifiers: ['*'] }],
        conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }],
      },
      {
        sid: 'DenyOutdatedTls',
        effect: 'Deny',
        actions: ['s3:*'],
        resources: [this.resource.arn, `${this.resource.arn}/*`],
        principals: [{ type: '*', identifiers: ['*'] }],
        conditions: [{ test: 'NumericLessThan', variable: 's3:TlsVersion', values: ['1.2'] }],
      },
    ]);
    if (publicRead) {
      this.addToResourcePolicy({
        sid: 'UnsafePublicRead',
        actions: ['s3:GetObject'],
        resources: [this.arnForObjects(`${props.unsafePublicReadPrefix}*`)],
        principals: [{ type: '*', identifiers: ['*'] }],
      });
    }
    // The policy must follow the public access block, or S3 rejects a public statement.
    new S3BucketPolicy(this, 'Policy', { bucket: this.resource.id, region: this.region, policy: this.policy.json, dependsOn: [publicAccessBlock] });

    this.lifecycleRules.push({ id: 'baseline', abortIncompleteMultipartUploadDays: abortDays, noncurrentVersionExpirationDays: noncurrentDays });
    this.lifecycle = new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: this.resource.id,
      region: this.region,
      rule: this.lifecycleRules.map(renderLifecycleRule),
      dependsOn: [this.versioning],
    });
    for (const rule of props.lifecycleRules ?? []) this.addLifecycleRule(rule);

    if (props.objectLock) {
      new S3BucketObjectLockConfigurationA(this, 'ObjectLock', {
        bucket: this.resource.id,
        region: this.region,
        rule: { defaultRetention: { mode: props.objectLock.mode ?? 'GOVERNANCE', days: props.objectLock.retentionDays } },
        dependsOn: [this.versioning],
      });
    }

    if (props.isAccessLogsBucket) {
      this.allowAccessLogDelivery();
    } else {
      this.accessLogsBucket = props.accessLogsBucket ?? new SecureBucket(this, 'AccessLogs', {
        purpose: `${props.purpose}-logs`,
        bucketName: `${this.bucketName.slice(0, 58)}-logs`,
        isAccessLogsBucket: true,
        noncurrentVersionExpirationDays: noncurrentDays,
        lifecycleRules: [{ id: 'expire-logs', expirationDays: env.logRetentionDays }],
        preventDestroy,
        region: props.region,
        environment: env,
      });
      const prefix = props.accessLogsPrefix ?? `${this.bucketName}/`;
      assertMatches(this, 'accessLogsPrefix', prefix, /^[A-Za-z0-9!_.*'()/-]{0,512}\/$/, 'a key prefix ending in "/"');
      new S3BucketLoggingA(this, 'Logging', {
        bucket: this.resource.id,
        region: this.region,
        targetBucket: this.accessLogsBucket.resource.id,
        targetPrefix: prefix,
      });
    }
  }

  /** Bucket ARN. */
  public get bucketArn(): string {
    return this.resource.arn;
  }

  /** ARN pattern of the objects under `prefix` (all objects by default). */
  public arnForObjects(prefix = '*'): string {
    return `${this.resource.arn}/${prefix}`;
  }

  /** Read objects under `prefix` (and list it), with the KMS decrypt this needs. */
  public grantRead(grantee: IGrantee, prefix = ''): void {
    this.grant(grantee, { read: true, write: false, delete: false }, prefix);
  }

  /** Write objects under `prefix`, without read or delete (a backup job's access). */
  public grantWrite(grantee: IGrantee, prefix = ''): void {
    this.grant(grantee, { read: false, write: true, delete: false }, prefix);
  }

  /** Read, write and delete objects under `prefix`. */
  public grantReadWrite(grantee: IGrantee, prefix = ''): void {
    this.grant(grantee, { read: true, write: true, delete: true }, prefix);
  }

  /** Adds a validated CORS rule (the first call creates the CORS configuration). */
  public addCorsRule(rule: CorsRule): void {
    validateCorsRule(this, rule, this.environment, this.corsRules.length);
    this.corsRules.push(rule);
    this.cors ??= new S3BucketCorsConfiguration(this, 'Cors', { bucket: this.resource.id, region: this.region, corsRule: [] });
    this.cors.putCorsRule(this.corsRules.map(renderCorsRule));
  }

  /** Adds statements to the bucket policy. */
  public addToResourcePolicy(...statements: PolicyStatement[]): void {
    this.policy.addStatements(...statements);
  }

  /** Adds a validated lifecycle rule (transitions, expiry). */
  public addLifecycleRule(rule: LifecycleRule): void {
    validateLifecycleRule(this, rule);
    this.lifecycleRules.push(rule);
    this.lifecycle.putRule(this.lifecycleRules.map(renderLifecycleRule));
  }

  private grant(grantee: IGrantee, access: GrantAccess, prefix: string): void {
    const target = { scope: this, bucketArn: this.bucketArn, keyArn: this.encryptionKey.keyArn, purpose: this.purpose };
    grantee.addToPrincipalPolicy(...grantStatements(target, grantee, access, prefix));
  }

  /**
   * Lets S3 server access logging write into this bucket. ACL-based log delivery is
   * impossible under BucketOwnerEnforced, so the log service gets a bucket-policy
   * grant (scoped to this account) and the right to use the bucket's KMS key.
   */
  private allowAccessLogDelivery(): void {
    const account = awsAccountId(this);
    this.addToResourcePolicy({
      sid: 'AllowServerAccessLogDelivery',
      actions: ['s3:PutObject'],
      resources: [this.arnForObjects()],
      principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
      conditions: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] }],
    });
    this.encryptionKey.allowService('logging.s3.amazonaws.com', ['kms:GenerateDataKey*', 'kms:Decrypt']);
  }
}
