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
import { CorsRule } from './cors-rule';
import { LifecycleRule } from './lifecycle-rule';
import { BUCKET_BRAND, OWNED_BUCKET_BRAND, isAnyBucket, isOwnedBucket } from './private/brands';
import { BucketGrants } from './private/bucket-grants';
import { BucketSettings, readBucketSettings } from './private/bucket-settings';
import { readCorsRule, renderCorsRule, sameCorsRule } from './private/cors';
import { ImportedBucket } from './private/imported-bucket';
import { readLifecycleRule, renderLifecycleRule } from './private/lifecycle';
import { ISecureBucket, SecureBucketAttributes, SecureBucketProps } from './secure-bucket-props';
import { ValidationError } from '../core/errors';
import { awsAccountId } from '../core/private/aws-account';
import { markLibraryConstruct } from '../core/private/escape';
import { Input, checkString } from '../core/private/input';
import { protectFromDestroy } from '../core/private/lifecycle';
import { Environment } from '../environment/environment';
import { Grant } from '../iam/grant';
import { IGrantee } from '../iam/grantee';
import { PolicyDocument, PolicyStatement } from '../iam/policy-document';
import { CustomerManagedKey } from '../kms/customer-managed-key';
import { ICustomerManagedKey } from '../kms/customer-managed-key-props';

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
 * Its name is global: a second bucket of the app with the same name fails synth,
 * naming both. Lifecycle rule ids and CORS rules must not repeat either.
 *
 * @example
 * declare const stack: EnvironmentStack;
 * const bucket = new SecureBucket(stack, 'Exports', {
 *   purpose: 'exports',
 *   objectLock: { mode: ObjectLockMode.GOVERNANCE, retentionDays: 30 },
 *   lifecycleRules: [{ id: 'archive', transitions: [{ days: 90, storageClass: StorageClass.GLACIER_IR }] }],
 * });
 */
export class SecureBucket extends Construct implements ISecureBucket {
  /**
   * An existing bucket: grants on it become statements on its ARN (and on its KMS
   * key when given). Its policy and settings stay where the bucket is defined.
   */
  public static fromBucketAttributes(scope: Construct, id: string, attrs: SecureBucketAttributes): ISecureBucket {
    return new ImportedBucket(scope, id, attrs);
  }

  /** True when `x` is a bucket of this library, created or imported (works across copies of the library). */
  public static isSecureBucket(x: unknown): x is ISecureBucket {
    return isAnyBucket(x);
  }

  /** The `aws_s3_bucket`. */
  public readonly resource: S3Bucket;
  /** The bucket name. */
  public readonly bucketName: string;
  /** The KMS key of the bucket's default encryption. */
  public readonly encryptionKey: ICustomerManagedKey;
  /** The bucket that holds this bucket's access logs (undefined for a log bucket). */
  public readonly accessLogsBucket?: ISecureBucket;
  /** The bucket policy document; add statements with `addToResourcePolicy`. */
  public readonly policy: PolicyDocument;
  /** The environment the bucket belongs to. */
  public readonly environment: Environment;
  /** The versioning configuration (replication and Object Lock depend on it). */
  public readonly versioning: S3BucketVersioningA;
  /** What the bucket holds. */
  public readonly purpose: string;
  /** Region of the bucket: `region`, else the environment's. */
  public readonly region: string;

  private readonly lifecycleRules: Array<{ rule: LifecycleRule; origin: string }> = [];
  private readonly lifecycle: S3BucketLifecycleConfiguration;
  private readonly corsRules: Array<{ rule: CorsRule; origin: string }> = [];
  private cors?: S3BucketCorsConfiguration;
  private corsCalls = 0;
  private lifecycleCalls = 0;
  private readonly settings: BucketSettings;
  private readonly grants: BucketGrants;

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, BUCKET_BRAND, { value: true });
    Object.defineProperty(this, OWNED_BUCKET_BRAND, { value: true });
    const input = Input.of(this, props);
    const s = readBucketSettings(this, input);
    const env = s.env;
    this.settings = s;
    this.environment = env;
    this.purpose = s.purpose;
    this.region = s.region;
    this.bucketName = s.bucketName;
    const explicitRegion = s.explicitRegion;

    this.encryptionKey = s.encryptionKey ?? new CustomerManagedKey(this, 'Key', {
      purpose: s.purpose,
      alias: `alias/${s.bucketName}`,
      preventDestroy: s.preventDestroy,
      region: explicitRegion,
      environment: env,
    });

    this.resource = new S3Bucket(this, 'Resource', {
      bucket: this.bucketName,
      region: explicitRegion,
      forceDestroy: false,
      objectLockEnabled: s.objectLock ? true : undefined,
      tags: { ...env.tags, Name: this.bucketName, purpose: s.purpose },
    });
    protectFromDestroy(this.resource, s.preventDestroy);

    const publicRead = s.unsafePublicReadPrefix !== undefined;
    const publicAccessBlock = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket: this.resource.id,
      region: explicitRegion,
      blockPublicAcls: true,
      blockPublicPolicy: !publicRead,
      ignorePublicAcls: true,
      restrictPublicBuckets: !publicRead,
    });
    new S3BucketOwnershipControls(this, 'Ownership', {
      bucket: this.resource.id,
      region: explicitRegion,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });
    this.versioning = new S3BucketVersioningA(this, 'Versioning', {
      bucket: this.resource.id,
      region: explicitRegion,
      versioningConfiguration: { status: 'Enabled' },
    });
    new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket: this.resource.id,
      region: explicitRegion,
      rule: [{
        applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: this.encryptionKey.keyArn },
        bucketKeyEnabled: true,
      }],
    });

    const everyone = [{ type: '*', identifiers: ['*'] }];
    const wholeBucket = [this.resource.arn, `${this.resource.arn}/*`];
    this.policy = new PolicyDocument(this, 'PolicyDocument', [
      { sid: 'DenyInsecureTransport', effect: 'Deny', actions: ['s3:*'], resources: wholeBucket, principals: everyone, conditions: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] },
      { sid: 'DenyOutdatedTls', effect: 'Deny', actions: ['s3:*'], resources: wholeBucket, principals: everyone, conditions: [{ test: 'NumericLessThan', variable: 's3:TlsVersion', values: ['1.2'] }] },
    ]);
    if (publicRead) {
      this.addToResourcePolicy({ sid: 'UnsafePublicRead', actions: ['s3:GetObject'], resources: [this.arnForObjects(`${s.unsafePublicReadPrefix}*`)], principals: everyone });
    }
    // The policy must follow the public access block, or S3 rejects a public statement.
    new S3BucketPolicy(this, 'Policy', { bucket: this.resource.id, region: explicitRegion, policy: this.policy.json, dependsOn: [publicAccessBlock] });

    this.lifecycleRules.push({
      rule: { id: 'baseline', abortIncompleteMultipartUploadDays: s.abortDays, noncurrentVersionExpirationDays: s.noncurrentDays },
      origin: 'the baseline rule (aborted uploads, noncurrent expiry)',
    });
    this.lifecycle = new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket: this.resource.id,
      region: explicitRegion,
      rule: this.lifecycleRules.map((r) => renderLifecycleRule(r.rule)),
      dependsOn: [this.versioning],
    });
    s.lifecycleRules.forEach((rule, i) => this.addRule(rule, `lifecycleRules[${i}]`));
    s.corsRules.forEach((rule, i) => this.addCors(rule, `corsRules[${i}]`));

    if (s.objectLock) {
      new S3BucketObjectLockConfigurationA(this, 'ObjectLock', {
        bucket: this.resource.id,
        region: explicitRegion,
        rule: { defaultRetention: { mode: s.objectLock.mode.value, days: s.objectLock.retentionDays } },
        dependsOn: [this.versioning],
      });
    }

    if (s.isAccessLogsBucket) {
      this.allowAccessLogDelivery();
    } else {
      this.accessLogsBucket = s.accessLogsBucket ?? new SecureBucket(this, 'AccessLogs', {
        purpose: `${s.purpose}-logs`,
        bucketName: s.defaultLogBucketName,
        isAccessLogsBucket: true,
        noncurrentVersionExpirationDays: s.noncurrentDays,
        lifecycleRules: [{ id: 'expire-logs', expirationDays: env.logRetentionDays }],
        preventDestroy: s.preventDestroy,
        region: explicitRegion,
        environment: env,
      });
      new S3BucketLoggingA(this, 'Logging', {
        bucket: this.resource.id,
        region: explicitRegion,
        // A reference to a bucket of this app, so Terraform creates the log bucket first.
        targetBucket: isOwnedBucket(this.accessLogsBucket) ? this.accessLogsBucket.resource.id : this.accessLogsBucket.bucketName,
        targetPrefix: s.accessLogsPrefix,
      });
    }
    this.grants = new BucketGrants(this, s.purpose);
  }

  /**
   * The `region` prop as given: sub-resources carry a region only when it was given.
   * @internal
   */
  public get _explicitRegion(): string | undefined {
    return this.settings.explicitRegion;
  }

  /** Bucket ARN. */
  public get bucketArn(): string {
    return this.resource.arn;
  }

  /** ARN of the bucket's KMS key (always set on a SecureBucket: `encryptionKey.keyArn`). */
  public get encryptionKeyArn(): string | undefined {
    return this.encryptionKey.keyArn;
  }

  /** ARN pattern of the objects matching `pattern` (all objects by default). */
  public arnForObjects(pattern: string = '*'): string {
    return `${this.resource.arn}/${checkString(this, 'pattern', pattern)}`;
  }

  /** Read objects under `prefix` (and list it), with the KMS decrypt this needs. */
  public grantRead(grantee: IGrantee, prefix?: string): Grant {
    return this.grants.grant(grantee, { read: true, write: false, delete: false }, prefix);
  }

  /** Write objects under `prefix`, without read or delete (a backup job's access). */
  public grantWrite(grantee: IGrantee, prefix?: string): Grant {
    return this.grants.grant(grantee, { read: false, write: true, delete: false }, prefix);
  }

  /** Read, write and delete objects under `prefix`. */
  public grantReadWrite(grantee: IGrantee, prefix?: string): Grant {
    return this.grants.grant(grantee, { read: true, write: true, delete: true }, prefix);
  }

  /** Adds a validated CORS rule (the first one creates the CORS configuration); a repeat of a rule is refused. */
  public addCorsRule(rule: CorsRule): void {
    this.addCors(readCorsRule(Input.of(this, rule, 'rule'), this.environment), 'rule', `the rule of addCorsRule call ${++this.corsCalls}`);
  }

  /** Adds statements to the bucket policy. */
  public addToResourcePolicy(...statements: PolicyStatement[]): void {
    this.policy.addStatements(...statements);
  }

  /** Adds a validated lifecycle rule (transitions, expiry); its id must be new on this bucket. */
  public addLifecycleRule(rule: LifecycleRule): void {
    this.addRule(readLifecycleRule(Input.of(this, rule, 'rule')), 'rule', `the rule of addLifecycleRule call ${++this.lifecycleCalls}`);
  }

  /** @param prop the rule's path in messages; @param origin how a later clash names it */
  private addRule(rule: LifecycleRule, prop: string, origin = prop): void {
    const clash = this.lifecycleRules.find((r) => r.rule.id === rule.id);
    if (clash) throw new ValidationError(this, `${prop}.id`, rule.id, `a rule id not already used on this bucket by ${clash.origin}: S3 refuses two rules with one id`);
    this.lifecycleRules.push({ rule, origin });
    this.lifecycle.putRule(this.lifecycleRules.map((r) => renderLifecycleRule(r.rule)));
  }

  private addCors(rule: CorsRule, prop: string, origin = prop): void {
    const clash = this.corsRules.find((r) => sameCorsRule(r.rule, rule));
    if (clash) {
      const value = { allowedOrigins: rule.allowedOrigins, allowedMethods: rule.allowedMethods.map((m) => m.value) };
      throw new ValidationError(this, prop, value, `a rule that does not repeat ${clash.origin} (same origins and methods): S3 applies the first matching rule, so the repeat would never apply`);
    }
    this.corsRules.push({ rule, origin });
    this.cors ??= new S3BucketCorsConfiguration(this, 'Cors', { bucket: this.resource.id, region: this.settings.explicitRegion, corsRule: [] });
    this.cors.putCorsRule(this.corsRules.map((r) => renderCorsRule(r.rule)));
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
