import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { isToken } from '../core/private/validation';

const ALLOWED = '3-63 characters of lowercase letters, digits, "." and "-", starting and ending with a letter or digit, not an IP address, not starting with "xn--", "sthree-" or "amzn-s3-demo-", not ending with "-s3alias", "--ol-s3" or ".mrap", and no ".." (S3 bucket naming rules)';

/** Validates an S3 bucket name against S3's naming rules. */
export function assertBucketName(scope: IConstruct, prop: string, name: string | undefined): void {
  if (isToken(name)) return;
  const ok = name !== undefined
    && /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(name)
    && !/\.\./.test(name)
    && !/^\d{1,3}(\.\d{1,3}){3}$/.test(name)
    && !/^(xn--|sthree-|amzn-s3-demo-)/.test(name)
    && !/(-s3alias|--ol-s3|\.mrap|--x-s3)$/.test(name);
  if (!ok) throw new ValidationError(scope, prop, name, ALLOWED);
}
