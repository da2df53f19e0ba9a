import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { secretValueKind } from '../../core/private/secret-detection';

/**
 * Fails when a literal that is not meant to be secret (an annotation, a label, a
 * command-line argument, a configuration file, dashboard text) looks like a
 * credential. Names are not judged here: an annotation `auth-secret` names a
 * Secret, it does not hold one. Plain environment variables are judged by name
 * as well (`assertNoLiteralSecret`).
 */
export function assertNoSecretByValue(scope: IConstruct, prop: string, value: string): void {
  const kind = secretValueKind(value);
  if (kind) {
    throw new ValidationError(scope, prop, '<literal string redacted>', `no credential: the value looks like ${kind}, and literal secrets never go into the configuration (secrets are SecretValues)`);
  }
}
