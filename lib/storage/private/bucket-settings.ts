import { IConstruct } from 'constructs';
import { CUSTOMER_MANAGED_KEY, SECURE_BUCKET, isAnyBucket } from './brands';
import { checkBucketName } from './bucket-name';
import { readCorsRule } from './cors';
import { readLifecycleRule } from './lifecycle';
import { ValidationError } from '../../core/errors';
import { checkEnumLike } from '../../core/private/enum-like';
import { Input, isUnresolved } from '../../core/private/input';
import { assertUnsafeAllowed } from '../../core/private/unsafe';
import { AWS_REGION_PATTERN } from '../../core/private/validation';
import { Environment } from '../../environment/environment';
import { environmentOf } from '../../environment/private/resolve';
import { claimUniqueName } from '../../iam/private/unique-names';
import { CustomerManagedKey } from '../../kms/customer-managed-key';
import { ICustomerManagedKey } from '../../kms/customer-managed-key-props';
import { isOwnedKey } from '../../kms/private/key-grants';
import { CorsRule } from '../cors-rule';
import { LifecycleRule } from '../lifecycle-rule';
import { ObjectLockMode } from '../object-lock';
import { ISecureBucket } from '../secure-bucket-props';

/** Purposes: DNS labels short enough that "<purpose>-logs" is one too. */
export const PURPOSE_PATTERN = /^[a-z0-9]([a-z0-9-]{0,56}[a-z0-9])?$/;
export const PURPOSE_ALLOWED = 'a DNS label of at most 58 characters such as "backups": lowercase letters, digits or "-", starting and ending with a letter or digit';
export const REGION_ALLOWED = 'an AWS region name such as "us-east-1"';
/** Key prefixes that name a folder: at least one segment, ending in "/", no wildcards. */
export const FOLDER_PREFIX = /^([A-Za-z0-9!_.'()-]+\/)+$/;
const OBJECT_LOCK_MODES = 'ObjectLockMode.GOVERNANCE or ObjectLockMode.COMPLIANCE';

/** The props of a SecureBucket, read and checked, with the defaults applied. */
export interface BucketSettings {
  readonly env: Environment;
  readonly purpose: string;
  readonly bucketName: string;
  /** Name of the dedicated log bucket, when the bucket name is literal. */
  readonly defaultLogBucketName?: string;
  /** The region the bucket is in. */
  readonly region: string;
  /** The `region` prop as given (resources carry a region only when it was given). */
  readonly explicitRegion?: string;
  readonly abortDays: number;
  readonly noncurrentDays: number;
  readonly objectLock?: { readonly mode: ObjectLockMode; readonly retentionDays: number };
  readonly encryptionKey?: ICustomerManagedKey;
  readonly accessLogsBucket?: ISecureBucket;
  readonly accessLogsPrefix: string;
  readonly isAccessLogsBucket: boolean;
  readonly lifecycleRules: LifecycleRule[];
  readonly corsRules: CorsRule[];
  readonly unsafePublicReadPrefix?: string;
  readonly preventDestroy: boolean;
}

/** Reads every prop of a SecureBucket through the input layer (`input.done()` included). */
export function readBucketSettings(scope: IConstruct, input: Input): BucketSettings {
  const env = environmentOf(scope, input.raw('environment'));
  const purpose = input.requiredString('purpose', { pattern: PURPOSE_PATTERN, allowed: PURPOSE_ALLOWED });
  const explicitRegion = input.string('region', { pattern: AWS_REGION_PATTERN, allowed: REGION_ALLOWED });
  const region = explicitRegion ?? env.region;
  const bucketName = checkBucketName(scope, 'bucketName', input.raw('bucketName') ?? env.resourceName(purpose))!;
  claimUniqueName(scope, { kind: 'an S3 bucket name', name: bucketName, prop: 'bucketName', why: 'bucket names are global: give one bucket another "bucketName" (or "purpose")' });
  const abortDays = input.integer('abortIncompleteMultipartUploadDays', 1, 365) ?? 7;
  const noncurrentDays = input.integer('noncurrentVersionExpirationDays', 1, 36500) ?? env.backupRetentionDays;
  const lock = input.object('objectLock');
  let objectLock: BucketSettings['objectLock'];
  if (lock) {
    const mode = checkEnumLike<ObjectLockMode>(scope, lock.path('mode'), lock.raw('mode'), 'ObjectLockMode', OBJECT_LOCK_MODES) ?? ObjectLockMode.GOVERNANCE;
    const retentionDays = lock.integer('retentionDays', 1, 36500);
    if (retentionDays === undefined) throw new ValidationError(scope, lock.path('retentionDays'), undefined, 'a whole number from 1 to 36500');
    lock.done();
    objectLock = { mode, retentionDays };
  }
  const encryptionKey = input.instance('encryptionKey', CustomerManagedKey.isCustomerManagedKey, CUSTOMER_MANAGED_KEY);
  const accessLogsBucket = input.instance('accessLogsBucket', isAnyBucket, SECURE_BUCKET);
  const isAccessLogsBucket = input.boolean('isAccessLogsBucket') ?? false;
  const accessLogsPrefix = input.string('accessLogsPrefix', { pattern: /^[A-Za-z0-9!_.'()/-]{0,511}\/$/, allowed: 'a key prefix ending in "/"' })
    ?? (isUnresolved(bucketName) ? `${purpose}/` : `${bucketName}/`);
  const lifecycleRules = (input.objectList('lifecycleRules') ?? []).map(readLifecycleRule);
  const corsRules = (input.objectList('corsRules') ?? []).map((r) => readCorsRule(r, env));
  const unsafePublicReadPrefix = input.string('unsafePublicReadPrefix', { pattern: FOLDER_PREFIX, allowed: 'a non-empty key prefix ending in "/" such as "public/" (never the whole bucket)' });
  assertUnsafeAllowed(scope, env, 'unsafePublicReadPrefix', unsafePublicReadPrefix !== undefined, input.raw('acknowledgeUnsafeInProduction'),
    'every object under the prefix becomes readable by anyone on the internet; serve them through signed URLs instead');
  const preventDestroy = input.boolean('preventDestroy') ?? env.preventDestroy;
  input.done();

  if (encryptionKey && !isUnresolved(encryptionKey.region) && encryptionKey.region !== region) {
    throw new ValidationError(scope, 'encryptionKey', encryptionKey.keyArn, `a key in the bucket's region "${region}" (S3 encrypts only with keys of its own region), not one in "${encryptionKey.region}"`);
  }
  if (isAccessLogsBucket && accessLogsBucket) {
    throw new ValidationError(scope, 'accessLogsBucket', accessLogsBucket.bucketName, 'no accessLogsBucket on a bucket with "isAccessLogsBucket: true": a log bucket does not log (that would loop)');
  }
  if (isAccessLogsBucket && encryptionKey && !isOwnedKey(encryptionKey)) {
    throw new ValidationError(scope, 'encryptionKey', encryptionKey.keyArn, 'a CustomerManagedKey created in this app, or none: a log bucket adds S3 log delivery to its key\'s policy, which an imported key does not let this app change');
  }
  if (accessLogsBucket && !isUnresolved(accessLogsBucket.region) && accessLogsBucket.region !== region) {
    throw new ValidationError(scope, 'accessLogsBucket', accessLogsBucket.bucketName, `a log bucket in the bucket's region "${region}" (S3 delivers access logs within a region), not one in "${accessLogsBucket.region}"`);
  }
  return {
    env,
    purpose,
    bucketName,
    defaultLogBucketName: isUnresolved(bucketName) ? undefined : `${bucketName.slice(0, 58)}-logs`,
    region,
    explicitRegion,
    abortDays,
    noncurrentDays,
    objectLock,
    encryptionKey,
    accessLogsBucket,
    accessLogsPrefix,
    isAccessLogsBucket,
    lifecycleRules,
    corsRules,
    unsafePublicReadPrefix,
    preventDestroy,
  };
}
