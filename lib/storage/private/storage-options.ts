import { IConstruct } from 'constructs';
import { checkBucketName } from './bucket-name';
import { FOLDER_PREFIX, REGION_ALLOWED } from './bucket-settings';
import { readOrigins } from './cors';
import { readExpiry, readTransitions } from './lifecycle';
import { ValidationError } from '../../core/errors';
import { checkEnumLike } from '../../core/private/enum-like';
import { Input, isUnresolved } from '../../core/private/input';
import { assertUnsafeAllowed } from '../../core/private/unsafe';
import { AWS_REGION_PATTERN } from '../../core/private/validation';
import { Environment } from '../../environment/environment';
import { environmentOf } from '../../environment/private/resolve';
import { SERVICE_NAME_ALLOWED, SERVICE_NAME_PATTERN } from '../../iam/private/imported-identity';
import { claimUniqueName } from '../../iam/private/unique-names';
import { LifecycleTransition } from '../lifecycle-rule';
import { ObjectLockMode } from '../object-lock';
import { StorageClass } from '../storage-class';

/** The props of StorageBuckets, read and checked under the names the user wrote, with the defaults applied. */
export interface StorageOptions {
  readonly env: Environment;
  readonly accessLogsBucketName: string;
  readonly backupsBucketName: string;
  readonly replicaBucketName?: string;
  readonly productImagesBucketName: string;
  readonly objectLockMode: ObjectLockMode;
  readonly lockDays: number;
  readonly retention: number;
  readonly transitions: LifecycleTransition[];
  readonly replicationRegion?: string;
  readonly dumpPrefix: string;
  readonly corsOrigins?: string[];
  readonly unsafePublicRead: boolean;
  readonly backupWriter?: string;
  readonly productImagesReadWriter?: string;
  readonly sensitiveOutputs: boolean;
}

const DEFAULT_TRANSITIONS: LifecycleTransition[] = [
  { days: 30, storageClass: StorageClass.STANDARD_IA },
  { days: 90, storageClass: StorageClass.GLACIER_IR },
  { days: 180, storageClass: StorageClass.DEEP_ARCHIVE },
];
const BUCKET_WHY = 'bucket names are global: set another name here';

/**
 * Reads the props of StorageBuckets. Everything is checked here, on the module, so
 * that a message names the prop the user set ("backups.transitions[0].days"), not a
 * prop of an inner bucket; the names of the buckets and identities are claimed
 * here for the same reason.
 */
export function readStorageOptions(scope: IConstruct, props: unknown): StorageOptions {
  const input = Input.of(scope, props);
  const env = environmentOf(scope, input.raw('environment'));
  const bucketName = (reader: Input, fallback: string) => {
    const name = checkBucketName(scope, reader.path('bucketName'), reader.raw('bucketName') ?? fallback)!;
    claimUniqueName(scope, { kind: 'an S3 bucket name', name, prop: reader.path('bucketName'), why: BUCKET_WHY });
    return name;
  };

  const b = input.objectOrEmpty('backups');
  const backupsBucketName = bucketName(b, env.resourceName('backups'));
  const objectLockMode = checkEnumLike<ObjectLockMode>(scope, b.path('objectLockMode'), b.raw('objectLockMode'), 'ObjectLockMode', 'ObjectLockMode.GOVERNANCE or ObjectLockMode.COMPLIANCE') ?? ObjectLockMode.GOVERNANCE;
  const givenTransitions = readTransitions(b, 'transitions');
  const retention = readExpiry(b, 'expirationDays', givenTransitions) ?? env.backupRetentionDays;
  givenTransitions?.forEach((t, i) => {
    if (!isUnresolved(t.days) && !isUnresolved(retention) && t.days >= retention) {
      throw new ValidationError(scope, `${b.path('transitions')}[${i}].days`, t.days, `less than the dumps' retention (${retention} days, "backups.expirationDays"): a dump would expire before it moves`);
    }
  });
  const transitions = givenTransitions ?? DEFAULT_TRANSITIONS.filter((t) => t.days < retention);
  const lockDays = b.integer('lockRetentionDays', 1, 36500) ?? env.backupRetentionDays;
  if (!isUnresolved(lockDays) && !isUnresolved(retention) && lockDays > retention) {
    throw new ValidationError(scope, b.path('lockRetentionDays'), lockDays, `at most "backups.expirationDays" (${retention}): a locked dump cannot expire`);
  }
  const replicationRegion = b.string('replicationRegion', { pattern: AWS_REGION_PATTERN, allowed: REGION_ALLOWED });
  if (replicationRegion !== undefined && replicationRegion === env.region) {
    throw new ValidationError(scope, b.path('replicationRegion'), replicationRegion, `a region other than the backups bucket's ("${env.region}"): a same-region copy does not survive a regional outage`);
  }
  const replicaName = b.raw('replicaBucketName');
  if (replicaName !== undefined && replicationRegion === undefined) {
    throw new ValidationError(scope, b.path('replicaBucketName'), replicaName, 'no replica name without "backups.replicationRegion" (there is no replica)');
  }
  let replicaBucketName: string | undefined;
  if (replicationRegion !== undefined) {
    replicaBucketName = checkBucketName(scope, b.path('replicaBucketName'), replicaName ?? env.resourceName(`backups-${replicationRegion}`))!;
    claimUniqueName(scope, { kind: 'an S3 bucket name', name: replicaBucketName, prop: b.path('replicaBucketName'), why: BUCKET_WHY });
  }
  const dumpPrefix = b.string('dumpPrefix', { pattern: FOLDER_PREFIX, allowed: 'a key prefix ending in "/" such as "postgres/" (no wildcards)' }) ?? 'postgres/';
  b.done();

  const images = input.objectOrEmpty('productImages');
  const productImagesBucketName = bucketName(images, env.resourceName('product-images'));
  const corsOrigins = readOrigins(images, 'corsOrigins', env);
  const unsafePublicRead = images.boolean('unsafePublicRead') ?? false;
  images.done();
  assertUnsafeAllowed(scope, env, images.path('unsafePublicRead'), unsafePublicRead, input.raw('acknowledgeUnsafeInProduction'),
    'every image under "public/" becomes readable by anyone on the internet; serve images through signed URLs instead');

  const logs = input.objectOrEmpty('accessLogs');
  const accessLogsBucketName = bucketName(logs, env.resourceName('access-logs'));
  logs.done();

  const ids = input.objectOrEmpty('identities');
  const identity = (name: string) => {
    const service = ids.string(name, { pattern: SERVICE_NAME_PATTERN, allowed: `a service name: ${SERVICE_NAME_ALLOWED}` });
    if (service !== undefined) {
      const why = 'IAM names are unique in an AWS account: give one of the identities another service name';
      claimUniqueName(scope, { kind: 'an IAM user name', name: env.resourceName(service), prop: ids.path(name), why });
      claimUniqueName(scope, { kind: 'an IAM group name', name: env.resourceName(service), prop: ids.path(name), why });
    }
    return service;
  };
  const productImagesReadWriter = identity('productImagesReadWriter');
  const backupWriter = identity('backupWriter');
  ids.done();
  const sensitiveOutputs = input.boolean('sensitiveOutputs') ?? false;
  input.done();

  return {
    env,
    accessLogsBucketName,
    backupsBucketName,
    replicaBucketName,
    productImagesBucketName,
    objectLockMode,
    lockDays,
    retention,
    transitions,
    replicationRegion,
    dumpPrefix,
    corsOrigins,
    unsafePublicRead,
    backupWriter,
    productImagesReadWriter,
    sensitiveOutputs,
  };
}
