import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { IGrantee } from '../grantee';

/**
 * Checks a method's grantee argument. `IGrantee` is implemented by users too (their
 * own roles), so it is recognized by shape: a string `granteeName` and an
 * `addToPrincipalPolicy` method.
 */
export function checkGrantee(scope: IConstruct, prop: string, value: unknown): IGrantee {
  const ok = value !== null && typeof value === 'object'
    && typeof (value as IGrantee).granteeName === 'string' && (value as IGrantee).granteeName !== ''
    && typeof (value as IGrantee).addToPrincipalPolicy === 'function';
  if (!ok) throw new ValidationError(scope, prop, value, 'an IGrantee (a ServiceIdentity, ServiceIdentity.fromIdentityAttributes(...) or your own implementation)');
  return value as IGrantee;
}
