import { Construct } from 'constructs';
import { BucketReplication } from './bucket-replication';
import { LifecycleTransition } from './lifecycle-rule';
import { SecureBucket } from './secure-bucket';
import { IBackupDestination } from '../core/contracts';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { assertAwsRegion, assertOneOf } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { ServiceIdentity } from '../iam/service-identity';

/** Options of the backups bucket. */
export interface BackupsBucketOptions {
  /**
   * Object Lock mode: "GOVERNANCE" or "COMPLIANCE".
   * @default "GOVERNANCE"
   */
  readonly objectLockMode?: string;
  /**
   * Object Lock default retention, days: a dump cannot be deleted or overwritten before.
   * @default - the environment's `backupRetentionDays` (production 35, staging 7)
   */
  readonly lockRetentionDays?: number;
  /**
   * Days after which a dump expires.
   * @default - the environment's `backupRetentionDays`
   */
  readonly expirationDays?: number;
  /**
   * Transitions to colder classes (ascending, all before `expirationDays`).
   * @default - STANDARD_IA at 30 days, GLACIER_IR at 90, DEEP_ARCHIVE at 180, keeping those before expiry
   */
  readonly transitions?: LifecycleTransition[];
  /**
   * Replicate every dump to a hardened bucket in this region (disaster recovery).
   * @default - no replication
   */
  readonly replicationRegion?: string;
  /**
   * Key prefix of database dumps.
   * @default "postgres/"
   */
  readonly dumpPrefix?: string;
}

/** Options of the product images bucket. */
export interface ProductImagesBucketOptions {
  /**
   * Browser origins allowed by CORS (GET, PUT and HEAD, for direct uploads with signed URLs).
   * @default - no CORS rule: browsers cannot call the bucket directly
   */
  readonly corsOrigins?: string[];
  /**
   * UNSAFE, opt-in: make objects under `public/` world-readable instead of serving
   * them through signed URLs. Refused in production unless `acknowledgePublicReadInProduction`.
   * @default false
   */
  readonly unsafePublicRead?: boolean;
  /**
   * Acknowledge that `unsafePublicRead` is wanted in production.
   * @default false
   */
  readonly acknowledgePublicReadInProduction?: boolean;
}

/** Props of `StorageBuckets`. */
export interface StorageBucketsProps {
  /** @default - see BackupsBucketOptions */
  readonly backups?: BackupsBucketOptions;
  /** @default - see ProductImagesBucketOptions */
  readonly productImages?: ProductImagesBucketOptions;
  /**
   * Also emit the service access keys as sensitive outputs.
   * @default false
   */
  readonly sensitiveOutputs?: boolean;
  /**
   * The environment whose names and defaults apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

const DEFAULT_TRANSITIONS: LifecycleTransition[] = [
  { days: 30, storageClass: 'STANDARD_IA' },
  { days: 90, storageClass: 'GLACIER_IR' },
  { days: 180, storageClass: 'DEEP_ARCHIVE' },
];

/**
 * The PRD's `modules/storage`: S3 buckets for database backups and product images,
 * plus the access-log bucket they log to, all `SecureBucket`s; and one AWS identity
 * per consuming service with least-privilege grants (the API reads and writes
 * product images; the backup job may only write dumps, never read or delete them).
 *
 * @example
 * const storage = new StorageBuckets(stack, 'Storage', { backups: { replicationRegion: 'us-west-2' } });
 * new DatabaseBackup(stack, 'Backup', { destination: storage.backupDestination, ... });
 */
export class StorageBuckets extends Construct {
  /** Receives the server access logs of every bucket here. */
  public readonly accessLogs: SecureBucket;
  /** Database dumps and exports (Object Lock, lifecycle, optional replica). */
  public readonly backups: SecureBucket;
  /** Product images (private, CORS for the app origins, intelligent tiering). */
  public readonly productImages: SecureBucket;
  /** The disaster-recovery copy of the backups, when replication is on. */
  public readonly backupsReplica?: SecureBucket;
  /** The API's identity: read/write on product images. */
  public readonly apiIdentity: ServiceIdentity;
  /** The backup job's identity: write-only on the dump prefix of the backups bucket. */
  public readonly backupIdentity: ServiceIdentity;
  /** Where the backup job writes, with its write-only credentials. */
  public readonly backupDestination: IBackupDestination;

  constructor(scope: Construct, id: string, props: StorageBucketsProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    const b = props.backups ?? {};
    const retention = b.expirationDays ?? env.backupRetentionDays;
    const lockDays = b.lockRetentionDays ?? env.backupRetentionDays;
    if (lockDays > retention) {
      throw new ValidationError(this, 'backups.lockRetentionDays', lockDays, `at most "backups.expirationDays" (${retention}): a locked dump cannot expire`);
    }
    assertOneOf(this, 'backups.objectLockMode', b.objectLockMode, ['GOVERNANCE', 'COMPLIANCE']);
    assertAwsRegion(this, 'backups.replicationRegion', b.replicationRegion);
    const dumpPrefix = b.dumpPrefix ?? 'postgres/';

    this.accessLogs = new SecureBucket(this, 'AccessLogs', {
      purpose: 'access-logs',
      isAccessLogsBucket: true,
      lifecycleRules: [{ id: 'expire-logs', expirationDays: env.logRetentionDays }],
      environment: env,
    });

    const backupsBucket = (bucketId: string, purpose: string, region?: string) => new SecureBucket(this, bucketId, {
      purpose,
      region,
      // A replica in another region cannot log to this region's log bucket: it gets its own.
      accessLogsBucket: region ? undefined : this.accessLogs,
      objectLock: { mode: b.objectLockMode ?? 'GOVERNANCE', retentionDays: lockDays },
      noncurrentVersionExpirationDays: retention,
      lifecycleRules: [{
        id: 'backups-retention',
        transitions: b.transitions ?? DEFAULT_TRANSITIONS.filter((t) => t.days < retention),
        expirationDays: retention,
      }],
      // Backups must outlive mistakes: always protected from `terraform destroy`.
      preventDestroy: true,
      environment: env,
    });
    this.backups = backupsBucket('Backups', 'backups');
    if (b.replicationRegion) {
      this.backupsReplica = backupsBucket('BackupsReplica', `backups-${b.replicationRegion}`, b.replicationRegion);
      new BucketReplication(this, 'BackupsReplication', { source: this.backups, destination: this.backupsReplica, sourceRegion: env.region });
    }

    const images = props.productImages ?? {};
    if (images.unsafePublicRead && env.isProduction && !images.acknowledgePublicReadInProduction) {
      throw new ValidationError(this, 'productImages.unsafePublicRead', true, 'false in production (serve images through signed URLs), or set "acknowledgePublicReadInProduction: true" to accept world-readable images');
    }
    this.productImages = new SecureBucket(this, 'ProductImages', {
      purpose: 'product-images',
      accessLogsBucket: this.accessLogs,
      unsafePublicReadPrefix: images.unsafePublicRead ? 'public/' : undefined,
      // Images are read unpredictably: let S3 move each object between access tiers.
      lifecycleRules: [{ id: 'intelligent-tiering', transitions: [{ days: 0, storageClass: 'INTELLIGENT_TIERING' }] }],
      environment: env,
    });
    // Browsers may upload and read directly only from the origins the app names.
    if (images.corsOrigins !== undefined) {
      this.productImages.addCorsRule({ allowedOrigins: images.corsOrigins, allowedMethods: ['GET', 'PUT', 'HEAD'], maxAgeSeconds: 3600 });
    }

    this.apiIdentity = new ServiceIdentity(this, 'ApiIdentity', { serviceName: 'api-storage', sensitiveOutputs: props.sensitiveOutputs, environment: env });
    this.productImages.grantReadWrite(this.apiIdentity);
    this.backupIdentity = new ServiceIdentity(this, 'BackupIdentity', { serviceName: 'backup-job', sensitiveOutputs: props.sensitiveOutputs, environment: env });
    this.backups.grantWrite(this.backupIdentity, dumpPrefix);

    this.backupDestination = {
      bucketName: this.backups.bucketName,
      region: env.region,
      prefix: dumpPrefix,
      kmsKeyArn: this.backups.encryptionKey.keyArn,
      accessKeyId: this.backupIdentity.accessKeyId,
      secretAccessKey: this.backupIdentity.secretAccessKey,
    };
  }
}
