import { IConstruct } from 'constructs';
import { CorsRule } from './cors-rule';
import { LifecycleRule } from './lifecycle-rule';
import { ObjectLockOptions } from './object-lock';
import { Environment } from '../environment/environment';
import { Grant } from '../iam/grant';
import { IGrantee } from '../iam/grantee';
import { ICustomerManagedKey } from '../kms/customer-managed-key-props';

/** An S3 bucket that other code references: its names and the grants it offers. */
export interface ISecureBucket extends IConstruct {
  /** The bucket name. */
  readonly bucketName: string;
  /** The bucket ARN. */
  readonly bucketArn: string;
  /** The bucket's region. */
  readonly region: string;
  /**
   * ARN of the KMS key of the bucket's default encryption (SSE-KMS).
   * @default - none: an imported bucket whose key was not given (grants carry no KMS statements)
   */
  readonly encryptionKeyArn?: string;
  /** ARN pattern of the objects matching `pattern` (all objects by default). */
  arnForObjects(pattern?: string): string;
  /** Read objects under `prefix` (and list it), with the KMS decrypt this needs. */
  grantRead(grantee: IGrantee, prefix?: string): Grant;
  /** Write objects under `prefix`, without read or delete (a backup job's access). */
  grantWrite(grantee: IGrantee, prefix?: string): Grant;
  /** Read, write and delete objects under `prefix`. */
  grantReadWrite(grantee: IGrantee, prefix?: string): Grant;
}

/** An existing bucket (`SecureBucket.fromBucketAttributes`). */
export interface SecureBucketAttributes {
  /** The bucket name. */
  readonly bucketName: string;
  /**
   * The bucket ARN.
   * @default - "arn:<partition>:s3:::<bucketName>"
   */
  readonly bucketArn?: string;
  /**
   * The bucket's region.
   * @default - the environment's region
   */
  readonly region?: string;
  /**
   * ARN of the bucket's SSE-KMS key (`arn:<partition>:kms:<region>:<account>:key/<id>`):
   * grants then also allow the KMS actions they need on it.
   * @default - none: grants carry S3 statements only (a bucket with SSE-S3)
   */
  readonly encryptionKeyArn?: string;
}

/** Props of `SecureBucket`. */
export interface SecureBucketProps {
  /** What the bucket holds ("tfstate", "backups", "product-images", ...), a DNS label of at most 58 characters: used in names, keys and statement ids. */
  readonly purpose: string;
  /**
   * Bucket name (globally unique, S3 naming rules); no other bucket of the app may have it.
   * @default - "<project>-<environment>-<purpose>"
   */
  readonly bucketName?: string;
  /**
   * KMS key for default encryption (SSE-KMS with bucket keys), in the bucket's region.
   * @default - a new rotating customer-managed key dedicated to this bucket
   */
  readonly encryptionKey?: ICustomerManagedKey;
  /**
   * Bucket that receives this bucket's server access logs (same region).
   * @default - a dedicated, equally hardened log bucket "<bucketName>-logs" is created
   */
  readonly accessLogsBucket?: ISecureBucket;
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
   * Days after which incomplete multipart uploads are aborted (1-365).
   * @default 7
   */
  readonly abortIncompleteMultipartUploadDays?: number;
  /**
   * More lifecycle rules (transitions, expiry). More can be added with `addLifecycleRule`.
   * @default - only the baseline rule (aborted uploads, noncurrent expiry)
   */
  readonly lifecycleRules?: LifecycleRule[];
  /**
   * CORS rules. More can be added with `addCorsRule`.
   * @default - none: browsers cannot call the bucket directly
   */
  readonly corsRules?: CorsRule[];
  /**
   * Object Lock (WORM) default retention. Requires versioning, which is always on.
   * @default - no Object Lock
   */
  readonly objectLock?: ObjectLockOptions;
  /**
   * Region of the bucket, for buckets outside the provider's region (replicas).
   * @default - the environment's region (the AWS provider's)
   */
  readonly region?: string;
  /**
   * UNSAFE, opt-in: make objects under this key prefix world-readable. Turns off the
   * `block_public_policy` and `restrict_public_buckets` blocks of this bucket (ACLs
   * stay blocked) and adds an anonymous `s3:GetObject` statement for the prefix.
   * In production it must also be listed in `acknowledgeUnsafeInProduction`.
   * Prefer private objects served through signed URLs.
   * @default - no public access
   */
  readonly unsafePublicReadPrefix?: string;
  /**
   * The unsafe options that are wanted in production, by name ("unsafePublicReadPrefix").
   * @default - none
   */
  readonly acknowledgeUnsafeInProduction?: string[];
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
