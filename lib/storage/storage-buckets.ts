import { Construct } from 'constructs';
import { BucketReplication } from './bucket-replication';
import { CorsHttpMethod } from './cors-rule';
import { LifecycleTransition } from './lifecycle-rule';
import { ObjectLockMode } from './object-lock';
import { StorageOptions, readStorageOptions } from './private/storage-options';
import { SecureBucket } from './secure-bucket';
import { StorageClass } from './storage-class';
import { IBackupDestination } from '../core/contracts';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { checkString } from '../core/private/input';
import { Environment } from '../environment/environment';
import { IServiceIdentity, ServiceIdentity } from '../iam/service-identity';

/** Options of the backups bucket. */
export interface BackupsBucketOptions {
  /**
   * Bucket name (globally unique).
   * @default - "<project>-<environment>-backups"
   */
  readonly bucketName?: string;
  /**
   * Name of the cross-region replica (with `replicationRegion`).
   * @default - "<project>-<environment>-backups-<replicationRegion>"
   */
  readonly replicaBucketName?: string;
  /**
   * Object Lock mode of the dumps.
   * @default ObjectLockMode.GOVERNANCE
   */
  readonly objectLockMode?: ObjectLockMode;
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
   * Key prefix of database dumps, ending in "/".
   * @default "postgres/"
   */
  readonly dumpPrefix?: string;
}

/** Options of the product images bucket. */
export interface ProductImagesBucketOptions {
  /**
   * Bucket name (globally unique).
   * @default - "<project>-<environment>-product-images"
   */
  readonly bucketName?: string;
  /**
   * Browser origins allowed by CORS (GET, PUT and HEAD, for direct uploads with signed URLs).
   * @default - no CORS rule: browsers cannot call the bucket directly
   */
  readonly corsOrigins?: string[];
  /**
   * UNSAFE, opt-in: make objects under `public/` world-readable instead of serving
   * them through signed URLs. In production it must also be listed in the module's
   * `acknowledgeUnsafeInProduction`.
   * @default false
   */
  readonly unsafePublicRead?: boolean;
}

/** Options of the access-log bucket. */
export interface AccessLogsBucketOptions {
  /**
   * Bucket name (globally unique).
   * @default - "<project>-<environment>-access-logs"
   */
  readonly bucketName?: string;
}

/**
 * The AWS identities of the module, each created (an IAM user, its group and one
 * access key) only when its service name is given here.
 */
export interface StorageIdentitiesOptions {
  /**
   * Service name of the backup job's identity: write-only on the dump prefix of the
   * backups bucket (never read or delete). `backupDestination` hands it to the job.
   * @default - none; or pass your own identity to `backupDestinationFor`
   */
  readonly backupWriter?: string;
  /**
   * Service name of an identity that reads, writes and deletes product images (an API).
   * @default - none; grant your own identities with `productImages.grantReadWrite`
   */
  readonly productImagesReadWriter?: string;
}

/** Props of `StorageBuckets`. */
export interface StorageBucketsProps {
  /** @default - see BackupsBucketOptions */
  readonly backups?: BackupsBucketOptions;
  /** @default - see ProductImagesBucketOptions */
  readonly productImages?: ProductImagesBucketOptions;
  /** @default - see AccessLogsBucketOptions */
  readonly accessLogs?: AccessLogsBucketOptions;
  /**
   * Identities to create, with their access keys.
   * @default - none: no IAM user and no long-lived key exists unless asked for
   */
  readonly identities?: StorageIdentitiesOptions;
  /**
   * Also emit the access keys of the created identities as sensitive outputs.
   * @default false
   */
  readonly sensitiveOutputs?: boolean;
  /**
   * The unsafe options that are wanted in production, by name ("unsafePublicRead").
   * @default - none
   */
  readonly acknowledgeUnsafeInProduction?: string[];
  /**
   * The environment whose names and defaults apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * A storage module: S3 buckets for database backups and product images, plus the
 * access-log bucket they log to, all `SecureBucket`s; and, when asked for, one
 * AWS identity per consuming service with least-privilege grants (an API that
 * reads and writes product images; a backup job that may only write dumps, never
 * read or delete them).
 *
 * @example
 * declare const stack: EnvironmentStack;
 * const storage = new StorageBuckets(stack, 'Storage', {
 *   backups: { replicationRegion: 'us-west-2' },
 *   productImages: { corsOrigins: ['https://app.example.com'] },
 *   identities: { backupWriter: 'backup-job' },
 * });
 * const destination: IBackupDestination = storage.backupDestination; // for DatabaseBackup
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
  /** The identity that reads and writes product images (`identities.productImagesReadWriter`). */
  public readonly productImagesIdentity?: ServiceIdentity;
  /** The backup job's identity, write-only on the dump prefix (`identities.backupWriter`). */
  public readonly backupIdentity?: ServiceIdentity;
  /** Key prefix of the database dumps in the backups bucket. */
  public readonly dumpPrefix: string;
  private readonly options: StorageOptions;

  constructor(scope: Construct, id: string, props: StorageBucketsProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const o = readStorageOptions(this, props);
    this.options = o;
    const env = o.env;
    this.dumpPrefix = o.dumpPrefix;

    this.accessLogs = new SecureBucket(this, 'AccessLogs', {
      purpose: 'access-logs',
      bucketName: o.accessLogsBucketName,
      isAccessLogsBucket: true,
      lifecycleRules: [{ id: 'expire-logs', expirationDays: env.logRetentionDays }],
    });

    const backupsBucket = (bucketId: string, purpose: string, bucketName: string, region?: string) => new SecureBucket(this, bucketId, {
      purpose,
      bucketName,
      region,
      // A replica in another region cannot log to this region's log bucket: it gets its own.
      accessLogsBucket: region ? undefined : this.accessLogs,
      objectLock: { mode: o.objectLockMode, retentionDays: o.lockDays },
      noncurrentVersionExpirationDays: o.retention,
      lifecycleRules: [{ id: 'backups-retention', transitions: o.transitions, expirationDays: o.retention }],
      // Backups must outlive mistakes: always protected from `terraform destroy`.
      preventDestroy: true,
    });
    this.backups = backupsBucket('Backups', 'backups', o.backupsBucketName);
    if (o.replicationRegion) {
      this.backupsReplica = backupsBucket('BackupsReplica', `backups-${o.replicationRegion}`, o.replicaBucketName!, o.replicationRegion);
      new BucketReplication(this, 'BackupsReplication', { source: this.backups, destination: this.backupsReplica });
    }

    this.productImages = new SecureBucket(this, 'ProductImages', {
      purpose: 'product-images',
      bucketName: o.productImagesBucketName,
      accessLogsBucket: this.accessLogs,
      unsafePublicReadPrefix: o.unsafePublicRead ? 'public/' : undefined,
      // Acknowledged (in production) on this module, under its own prop name.
      acknowledgeUnsafeInProduction: o.unsafePublicRead ? ['unsafePublicReadPrefix'] : undefined,
      // Images are read unpredictably: let S3 move each object between access tiers.
      lifecycleRules: [{ id: 'intelligent-tiering', transitions: [{ days: 0, storageClass: StorageClass.INTELLIGENT_TIERING }] }],
      // Browsers may upload and read directly only from the origins the app names.
      corsRules: o.corsOrigins
        ? [{ allowedOrigins: o.corsOrigins, allowedMethods: [CorsHttpMethod.GET, CorsHttpMethod.PUT, CorsHttpMethod.HEAD], maxAgeSeconds: 3600 }]
        : undefined,
    });

    // Construct ids "ApiIdentity" and "BackupIdentity" are kept from earlier releases (state addresses).
    if (o.productImagesReadWriter) {
      this.productImagesIdentity = new ServiceIdentity(this, 'ApiIdentity', { serviceName: o.productImagesReadWriter, sensitiveOutputs: o.sensitiveOutputs });
      this.productImages.grantReadWrite(this.productImagesIdentity);
    }
    if (o.backupWriter) {
      this.backupIdentity = new ServiceIdentity(this, 'BackupIdentity', { serviceName: o.backupWriter, sensitiveOutputs: o.sensitiveOutputs });
      this.backups.grantWrite(this.backupIdentity, o.dumpPrefix);
    }
  }

  /**
   * Where the backup job writes: the backups bucket, the dump prefix, its KMS key
   * and the write-only credentials of `backupIdentity`. Needs
   * `identities.backupWriter`; with an identity of your own use `backupDestinationFor`.
   */
  public get backupDestination(): IBackupDestination {
    if (!this.backupIdentity) {
      throw new ValidationError(this, 'identities.backupWriter', undefined, 'a service name such as "backup-job", so that the module creates the backup job\'s write-only identity; or call backupDestinationFor(identity) with an identity of your own');
    }
    return this.destinationOf(this.backupIdentity);
  }

  /**
   * Grants `identity` write-only access to the dump prefix of the backups bucket and
   * returns where the backup job writes, with the identity's keys. The identity
   * needs an access key (the job runs outside AWS).
   */
  public backupDestinationFor(identity: IServiceIdentity): IBackupDestination {
    if (!ServiceIdentity.isServiceIdentity(identity)) {
      throw new ValidationError(this, 'identity', identity, 'an IServiceIdentity (a ServiceIdentity, or ServiceIdentity.fromIdentityAttributes(...) with an access key)');
    }
    const destination = this.destinationOf(identity);
    this.backups.grantWrite(identity, this.dumpPrefix);
    return destination;
  }

  private destinationOf(identity: IServiceIdentity): IBackupDestination {
    if (!identity.accessKeyId || !identity.secretAccessKey) {
      throw new ValidationError(this, 'identity', checkString(this, 'identity.groupName', identity.groupName), 'an identity with an access key ("accessKeyId" and "secretAccessKey"): the backup job runs outside AWS and cannot assume a role');
    }
    return {
      bucketName: this.backups.bucketName,
      region: this.options.env.region,
      prefix: this.dumpPrefix,
      kmsKeyArn: this.backups.encryptionKey.keyArn,
      accessKeyId: identity.accessKeyId,
      secretAccessKey: identity.secretAccessKey,
    };
  }
}
