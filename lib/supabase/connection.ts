import { SecretValue } from '../core/secrets';

/**
 * How to reach the database as one role. Handed to other modules (compute env
 * vars, the backup job) so that nobody copies a host or a password by hand; the
 * password and the URI are `SecretValue`s, never literals.
 */
export interface PostgresConnection {
  /** Hostname (a token when it derives from the project). */
  readonly host: string;
  /** TCP port. */
  readonly port: number;
  /** Database name. */
  readonly database: string;
  /** User name to log in with (for the Supabase pooler: "<role>.<project ref>"). */
  readonly username: string;
  /** The role's password (sensitive). */
  readonly password: SecretValue;
  /** libpq `sslmode`; "require" or stricter. */
  readonly sslMode: string;
  /** `postgresql://user:password@host:port/database?sslmode=...` (sensitive). */
  readonly uri: SecretValue;
}
