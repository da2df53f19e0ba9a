import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { checkString, isUnresolved } from '../../core/private/input';

/** S3's bucket naming rules, in words. */
export const BUCKET_NAME_ALLOWED = '3-63 characters of lowercase letters, digits, "." and "-", starting and ending with a letter or digit, not an IP address, not starting with "xn--", "sthree-" or "amzn-s3-demo-", not ending with "-s3alias", "--ol-s3" or ".mrap", and no ".." (S3 bucket naming rules)';

/** True when a literal name follows S3's bucket naming rules. */
export function isValidBucketName(name: string): boolean {
  return /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)
    && !/\.\./.test(name)
    && !/^\d{1,3}(\.\d{1,3}){3}$/.test(name)
    && !/^(xn--|sthree-|amzn-s3-demo-)/.test(name)
    && !/(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(name);
}

/** Checks a bucket name (a string following S3's rules, or a token); returns it. */
export function checkBucketName(scope: IConstruct, prop: string, value: unknown): string | undefined {
  const name = checkString(scope, prop, value, { allowed: BUCKET_NAME_ALLOWED });
  if (name === undefined || isUnresolved(name)) return name;
  if (!isValidBucketName(name)) throw new ValidationError(scope, prop, name, BUCKET_NAME_ALLOWED);
  return name;
}
