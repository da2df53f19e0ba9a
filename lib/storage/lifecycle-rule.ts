import { StorageClass } from './storage-class';

/** A move of objects to a colder storage class. */
export interface LifecycleTransition {
  /** Days after creation (or after becoming noncurrent), 0-36500; the IA classes not before day 30. */
  readonly days: number;
  /** The class objects move to, for example `StorageClass.GLACIER_IR`. */
  readonly storageClass: StorageClass;
}

/** One lifecycle rule of a `SecureBucket`. */
export interface LifecycleRule {
  /** Rule id, unique within the bucket: 1-255 letters, digits, ".", "_" or "-" ("baseline" is the bucket's own). */
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
