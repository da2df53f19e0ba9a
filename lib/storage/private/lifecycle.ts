import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { ValidationError } from '../../core/errors';
import { checkEnumLike } from '../../core/private/enum-like';
import { Input, isUnresolved } from '../../core/private/input';
import { assertNotCredential } from '../../iam/private/statements';
import { LifecycleRule, LifecycleTransition } from '../lifecycle-rule';
import { StorageClass } from '../storage-class';

const RULE_ID = /^[A-Za-z0-9._-]{1,255}$/;
const STORAGE_CLASSES = 'StorageClass.STANDARD_IA, StorageClass.ONEZONE_IA, StorageClass.INTELLIGENT_TIERING, StorageClass.GLACIER_IR, StorageClass.GLACIER, StorageClass.DEEP_ARCHIVE or StorageClass.of("...")';
/** Classes that S3 refuses to transition into before day 30. */
const MIN_30_DAYS = ['STANDARD_IA', 'ONEZONE_IA'];

/**
 * Reads a lifecycle rule through the input layer: positive whole days, storage
 * classes, strictly ascending transitions, IA classes not before day 30, and
 * expiry after the last transition. Paths are the reader's ("lifecycleRules[1].id").
 */
export function readLifecycleRule(input: Input): LifecycleRule {
  const id = input.requiredString('id', { pattern: RULE_ID, allowed: 'a rule id of 1-255 letters, digits, ".", "_" or "-"' });
  const prefix = input.string('prefix', { maxLength: 1024, allowed: 'an object key prefix' });
  if (prefix !== undefined) assertNotCredential(input.scope, input.path('prefix'), prefix);
  const transitions = readTransitions(input, 'transitions');
  const expirationDays = readExpiry(input, 'expirationDays', transitions);
  const noncurrentTransitions = readTransitions(input, 'noncurrentTransitions');
  const noncurrentVersionExpirationDays = readExpiry(input, 'noncurrentVersionExpirationDays', noncurrentTransitions);
  const abortIncompleteMultipartUploadDays = input.integer('abortIncompleteMultipartUploadDays', 1, 3650);
  input.done();
  return { id, prefix, transitions, expirationDays, noncurrentTransitions, noncurrentVersionExpirationDays, abortIncompleteMultipartUploadDays };
}

/** Reads a list of transitions (`name[i].days`, `name[i].storageClass`), checked in order. */
export function readTransitions(input: Input, name: string): LifecycleTransition[] | undefined {
  let previous: number | undefined;
  return input.objectList(name)?.map((t) => {
    const storageClass = checkEnumLike<StorageClass>(input.scope, t.path('storageClass'), t.raw('storageClass'), 'StorageClass', STORAGE_CLASSES);
    if (storageClass === undefined) throw new ValidationError(input.scope, t.path('storageClass'), undefined, `a StorageClass: ${STORAGE_CLASSES}`);
    if (storageClass.value === 'STANDARD') throw new ValidationError(input.scope, t.path('storageClass'), 'STANDARD', `a colder class than STANDARD (objects start there): ${STORAGE_CLASSES}`);
    const days = t.integer('days', 0, 36500);
    if (days === undefined) throw new ValidationError(input.scope, t.path('days'), undefined, 'a whole number from 0 to 36500');
    t.done();
    if (!isUnresolved(days)) {
      if (MIN_30_DAYS.includes(storageClass.value) && days < 30) {
        throw new ValidationError(input.scope, t.path('days'), days, `at least 30 for ${storageClass.value} (an S3 minimum)`);
      }
      if (previous !== undefined && days <= previous) {
        throw new ValidationError(input.scope, t.path('days'), days, `more than the previous transition's ${previous} days: transitions must be in ascending order`);
      }
      previous = days;
    }
    return { days, storageClass };
  });
}

/** Reads an expiry in days that must come after the last of `transitions`. */
export function readExpiry(input: Input, name: string, transitions: LifecycleTransition[] | undefined): number | undefined {
  const days = input.integer(name, 1, 36500);
  const last = transitions?.filter((t) => !isUnresolved(t.days)).pop()?.days;
  if (days !== undefined && !isUnresolved(days) && last !== undefined && days <= last) {
    throw new ValidationError(input.scope, input.path(name), days, `more than the last transition (${last} days): objects must expire after they are transitioned`);
  }
  return days;
}

/** Renders a rule as the provider's `rule` block. */
export function renderLifecycleRule(rule: LifecycleRule): S3BucketLifecycleConfigurationRule {
  return {
    id: rule.id,
    status: 'Enabled',
    filter: [{ prefix: rule.prefix ?? '' }],
    transition: rule.transitions?.length ? rule.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass.value })) : undefined,
    expiration: rule.expirationDays !== undefined ? [{ days: rule.expirationDays }] : undefined,
    noncurrentVersionTransition: rule.noncurrentTransitions?.length
      ? rule.noncurrentTransitions.map((t) => ({ noncurrentDays: t.days, storageClass: t.storageClass.value }))
      : undefined,
    noncurrentVersionExpiration: rule.noncurrentVersionExpirationDays !== undefined ? [{ noncurrentDays: rule.noncurrentVersionExpirationDays }] : undefined,
    abortIncompleteMultipartUpload: rule.abortIncompleteMultipartUploadDays !== undefined ? [{ daysAfterInitiation: rule.abortIncompleteMultipartUploadDays }] : undefined,
  };
}
