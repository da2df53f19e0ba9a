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

/** API keys of a Supabase project, as secrets. */
export interface SupabaseApiKeys {
  /** Legacy anon JWT key (browser-safe, but kept out of literals like any key). */
  readonly anonKey: SecretValue;
  /** Publishable key, the anon key's successor. */
  readonly publishableKey: SecretValue;
  /** Legacy service-role key: bypasses row-level security; server side only. */
  readonly serviceRoleKey: SecretValue;
}
