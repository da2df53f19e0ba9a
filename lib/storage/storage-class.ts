import { ValidationError } from '../core/errors';
import { brandEnumLike } from '../core/private/enum-like';

/**
 * An S3 storage class: where lifecycle rules move objects and where replicas are
 * written. The classes below are the ones S3 offers today; `StorageClass.of` takes
 * one that is newer than the library.
 *
 * @example
 * const rule: LifecycleRule = {
 *   id: 'archive',
 *   transitions: [{ days: 30, storageClass: StorageClass.STANDARD_IA }, { days: 90, storageClass: StorageClass.GLACIER_IR }],
 * };
 */
export class StorageClass {
  /** S3 Standard: where every object starts (replicas may be written here). */
  public static readonly STANDARD = new StorageClass('STANDARD');
  /** Standard-Infrequent Access: not before day 30, 30-day minimum charge. */
  public static readonly STANDARD_IA = new StorageClass('STANDARD_IA');
  /** One Zone-Infrequent Access: one Availability Zone only; not before day 30. */
  public static readonly ONEZONE_IA = new StorageClass('ONEZONE_IA');
  /** Intelligent-Tiering: S3 moves each object between access tiers. */
  public static readonly INTELLIGENT_TIERING = new StorageClass('INTELLIGENT_TIERING');
  /** Glacier Instant Retrieval: archive with millisecond reads. */
  public static readonly GLACIER_IR = new StorageClass('GLACIER_IR');
  /** Glacier Flexible Retrieval: archive, reads in minutes to hours. */
  public static readonly GLACIER = new StorageClass('GLACIER');
  /** Glacier Deep Archive: the cheapest, reads within 12 hours. */
  public static readonly DEEP_ARCHIVE = new StorageClass('DEEP_ARCHIVE');

  /** A storage class by its S3 name, for classes newer than the library (uppercase letters, digits and "_"). */
  public static of(name: string): StorageClass {
    if (typeof name !== 'string' || !/^[A-Z][A-Z0-9_]{0,63}$/.test(name)) {
      throw new ValidationError('StorageClass.of', 'name', name, 'an S3 storage class name such as "GLACIER_IR" (uppercase letters, digits and "_")');
    }
    return new StorageClass(name);
  }

  private constructor(
    /** The S3 name of the class, for example "GLACIER_IR". */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'StorageClass');
  }

  /** The S3 name. */
  public toString(): string {
    return this.value;
  }
}
