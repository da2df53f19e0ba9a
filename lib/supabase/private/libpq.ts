import { Fn } from 'cdktf';
import { SecretValue } from '../../core/secrets';
import { PostgresConnection } from '../connection';

/** Builds a connection; the password is URL-encoded inside the URI. */
export function postgresConnection(
  host: string, port: number, database: string, username: string, password: SecretValue, sslMode: string,
): PostgresConnection {
  const uri = `postgresql://${username}:${Fn.urlencode(password.value)}@${host}:${port}/${database}?sslmode=${sslMode}`;
  return { host, port, database, username, password, sslMode, uri: SecretValue.fromToken(uri) };
}

/** libpq environment variables for `psql`/`pg_dump` (the password separately, as a secret). */
export function libpqEnvironment(c: PostgresConnection, applicationName: string): { [name: string]: string } {
  return {
    PGHOST: c.host,
    PGPORT: String(c.port),
    PGDATABASE: c.database,
    PGUSER: c.username,
    PGSSLMODE: c.sslMode,
    PGCONNECT_TIMEOUT: '15',
    PGAPPNAME: applicationName,
  };
}
