import { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { assertInteger, assertOneOf } from '../core/private/validation';

/** S3 storage classes a lifecycle rule can transition objects to. */
export const TRANSITION_STORAGE_CLASSES = ['STANDARD_IA', 'ONEZONE_IA', 'INTELLIGENT_TIERING', 'GLACIER_IR', 'GLACIER', 'DEEP_ARCHIVE'] as const;

/** Classes that S3 refuses to transition into before day 30. */
const MIN_30_DAYS = ['STANDARD_IA', 'ONEZONE_IA'];

/** A move of objects to a colder storage class. */
export interface LifecycleTransition {
  /** Days after creation (or after becoming noncurrent); 0 is allowed except for the IA classes. */
  readonly days: number;
  /** One of `TRANSITION_STORAGE_CLASSES`, for example "GLACIER_IR". */
  readonly storageClass: string;
}

/** One lifecycle rule of a `SecureBucket`. */
export interface LifecycleRule {
  /** Rule id, unique within the bucket. */
  readonly id: string;
  /**
   * Key prefix the rule applies to.
   * @default "" (the whole bucket)
   */
  readonly prefix?: string;
  /**
   * Transitions of current versions, in ascending order of days.
   * @default - none
   */
  readonly transitions?: LifecycleTransition[];
  /**
   * Days after which current versions expire (become noncurrent in a versioned bucket).
   * @default - never
   */
  readonly expirationDays?: number;
  /**
   * Transitions of noncurrent versions, in ascending order of days.
   * @default - none
   */
  readonly noncurrentTransitions?: LifecycleTransition[];
  /**
   * Days after which noncurrent versions are deleted.
   * @default - never
   */
  readonly noncurrentVersionExpirationDays?: number;
  /**
   * Days after which incomplete multipart uploads are aborted.
   * @default - none on this rule
   */
  readonly abortIncompleteMultipartUploadDays?: number;
}

/**
 * Checks a rule: positive whole days, known storage classes, strictly ascending
 * transitions, IA classes not before day 30, and expiry after the last transition.
 */
export function validateLifecycleRule(scope: IConstruct, rule: LifecycleRule): void {
  const at = `lifecycleRules[${rule.id}]`;
  checkTransitions(scope, `${at}.transitions`, rule.transitions ?? [], rule.expirationDays, `${at}.expirationDays`);
  checkTransitions(scope, `${at}.noncurrentTransitions`, rule.noncurrentTransitions ?? [], rule.noncurrentVersionExpirationDays, `${at}.noncurrentVersionExpirationDays`);
  assertInteger(scope, `${at}.abortIncompleteMultipartUploadDays`, rule.abortIncompleteMultipartUploadDays, 1, 3650);
}

function checkTransitions(scope: IConstruct, prop: string, transitions: LifecycleTransition[], expiration: number | undefined, expirationProp: string): void {
  let previous = -1;
  transitions.forEach((t, i) => {
    assertOneOf(scope, `${prop}[${i}].storageClass`, t.storageClass, TRANSITION_STORAGE_CLASSES);
    assertInteger(scope, `${prop}[${i}].days`, t.days, 0, 36500);
    if (MIN_30_DAYS.includes(t.storageClass) && t.days < 30) {
      throw new ValidationError(scope, `${prop}[${i}].days`, t.days, `at least 30 for ${t.storageClass} (an S3 minimum)`);
    }
    if (i > 0 && t.days <= previous) {
      throw new ValidationError(scope, `${prop}[${i}].days`, t.days, `more than the previous transition's ${previous} days: transitions must be in ascending order`);
    }
    previous = t.days;
  });
  assertInteger(scope, expirationProp, expiration, 1, 36500);
  if (expiration !== undefined && transitions.length > 0 && expiration <= previous) {
    throw new ValidationError(scope, expirationProp, expiration, `more than the last transition (${previous} days): objects must expire after they are transitioned`);
  }
}

/** Renders a rule as the provider's `rule` block. */
export function renderLifecycleRule(rule: LifecycleRule): S3BucketLifecycleConfigurationRule {
  return {
    id: rule.id,
    status: 'Enabled',
    filter: [{ prefix: rule.prefix ?? '' }],
    transition: rule.transitions?.length ? rule.transitions.map((t) => ({ days: t.days, storageClass: t.storageClass })) : undefined,
    expiration: rule.expirationDays !== undefined ? [{ days: rule.expirationDays }] : undefined,
    noncurrentVersionTransition: rule.noncurrentTransitions?.length ? rule.noncurrentTransitions.map((t) => ({ noncurrentDays: t.days, storageClass: t.storageClass })) : undefined,
    noncurrentVersionExpiration: rule.noncurrentVersionExpirationDays !== undefined ? [{ noncurrentDays: rule.noncurrentVersionExpirationDays }] : undefined,
    abortIncompleteMultipartUpload: rule.abortIncompleteMultipartUploadDays !== undefined ? [{ daysAfterInitiation: rule.abortIncompleteMultipartUploadDays }] : undefined,
  };
}
