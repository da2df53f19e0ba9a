import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { Input, StringOptions, isUnresolved } from '../../core/private/input';
import { secretValueKind } from '../../core/private/secret-detection';
import { PostgresConnection } from '../connection';

const HOST = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$|^[0-9A-Fa-f:.]{2,45}$/;
const DATABASE = /^[A-Za-z0-9_][A-Za-z0-9_$-]{0,62}$/;
const USERNAME = /^[A-Za-z0-9_][A-Za-z0-9_.$-]{0,127}$/;
/** libpq modes that refuse a connection without TLS. */
export const SSL_MODES = ['require', 'verify-ca', 'verify-full'] as const;

/**
 * Checks a `PostgresConnection` given as a prop (a plain object: the library's
 * own connections, or one spread and changed): every field present and typed,
 * the password and URI real `SecretValue`s, TLS required.
 */
export function checkConnection(scope: IConstruct, prop: string, value: unknown): PostgresConnection {
  if (value === undefined) throw new ValidationError(scope, prop, value, 'a PostgresConnection (for example db.migrationConnection)');
  const input = Input.of(scope, value, prop);
  const present = <T>(name: string, v: T | undefined, allowed: string): T => {
    if (v === undefined) throw new ValidationError(scope, input.path(name), undefined, allowed);
    return v;
  };
  const connection: PostgresConnection = {
    host: input.requiredString('host', { pattern: HOST, allowed: 'a hostname or IP address' }),
    port: present('port', input.integer('port', 1, 65535), 'a whole number from 1 to 65535'),
    database: input.requiredString('database', { pattern: DATABASE, allowed: 'a database name of letters, digits, "_", "$" or "-"' }),
    username: input.requiredString('username', { pattern: USERNAME, allowed: 'a user name of letters, digits, "_", ".", "$" or "-"' }),
    password: present('password', input.secret('password'), 'a SecretValue'),
    sslMode: present('sslMode', input.oneOf('sslMode', SSL_MODES), `one of ${SSL_MODES.map((m) => JSON.stringify(m)).join(', ')}`),
    uri: present('uri', input.secret('uri'), 'a SecretValue'),
  };
  input.done();
  return connection;
}

/**
 * A plain-text prop that lands in the JSON (a name, a hostname): refused
 * without repeating it when it looks like a credential (a URL with a password,
 * a token), then checked like any string.
 */
export function checkPlainText(input: Input, name: string, options: StringOptions): string | undefined {
  const value = input.raw(name);
  if (typeof value === 'string' && !isUnresolved(value)) {
    const kind = secretValueKind(value);
    if (kind) throw new ValidationError(input.scope, input.path(name), '<literal redacted>', `${options.allowed ?? 'a string'}, not a credential (it looks like ${kind})`);
  }
  return input.string(name, options);
}
