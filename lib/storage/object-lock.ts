import { brandEnumLike } from '../core/private/enum-like';

/**
 * How Object Lock protects object versions (WORM). S3 has exactly these two modes.
 *
 * @example
 * const lock: ObjectLockOptions = { mode: ObjectLockMode.COMPLIANCE, retentionDays: 30 };
 */
export class ObjectLockMode {
  /** Users with `s3:BypassGovernanceRetention` can still delete or shorten the lock. */
  public static readonly GOVERNANCE = new ObjectLockMode('GOVERNANCE');
  /** Nobody can delete a locked version before its retention ends, not even the root user. */
  public static readonly COMPLIANCE = new ObjectLockMode('COMPLIANCE');

  private constructor(
    /** The S3 name of the mode. */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'ObjectLockMode');
  }

  /** The S3 name. */
  public toString(): string {
    return this.value;
  }
}

/** Object Lock (WORM) settings. */
export interface ObjectLockOptions {
  /**
   * Lock mode.
   * @default ObjectLockMode.GOVERNANCE
   */
  readonly mode?: ObjectLockMode;
  /** Default retention of every new object version, days (1-36500). */
  readonly retentionDays: number;
}
