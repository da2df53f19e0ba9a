/**
 * Typed inputs of `supabase_settings`. The provider takes each section as a JSON
 * string that it does not check; these structs are checked at synth and rendered
 * to the exact keys of the Supabase Management API. Only the keys rendered are
 * managed: everything else keeps Supabase's value.
 */

/** PostgREST (Data API) settings. */
export interface SupabaseApiSettings {
  /**
   * Schemas the Data API exposes (`db_schema`). Tables there are reachable with
   * the anon key, so every table in them needs row-level security.
   * @default ["public", "graphql_public"]
   */
  readonly exposedSchemas?: string[];
  /**
   * Extra schemas on the Data API's search path (`db_extra_search_path`).
   * @default ["public", "extensions"]
   */
  readonly extraSearchPath?: string[];
  /**
   * Maximum rows one Data API request returns (`max_rows`), 1-1,000,000: a cap on
   * what a single request (or scraper) can pull.
   * @default 1000
   */
  readonly maxRows?: number;
}

/** Who may create accounts through Supabase Auth. */
export enum SignUpPolicy {
  /** Anyone may sign up; the e-mail address must be confirmed before the first sign-in. */
  CONFIRMED_EMAIL = 'confirmed-email',
  /** Sign-ups are closed: accounts exist only through invitations or the admin API. */
  INVITE_ONLY = 'invite-only',
}

/** Supabase Auth (GoTrue) settings. */
export interface SupabaseAuthSettings {
  /**
   * Site URL: where confirmation and password-reset links land (`site_url`). HTTPS.
   * @default - "https://<environment dashboard hostname>"
   */
  readonly siteUrl?: string;
  /**
   * Redirect allow-list after sign-in (`uri_allow_list`): HTTPS URLs, optionally
   * with `*` wildcards; `http://localhost[:port]` only outside production.
   * @default - ["https://<environment dashboard hostname>/**"]
   */
  readonly redirectUrls?: string[];
  /**
   * Lifetime of access tokens (`jwt_exp`), seconds, 300-604800. Short tokens limit
   * the damage of a leaked one; refresh tokens rotate.
   * @default 3600
   */
  readonly jwtExpirySeconds?: number;
  /**
   * Sign-up policy.
   * @default - SignUpPolicy.CONFIRMED_EMAIL in production, SignUpPolicy.INVITE_ONLY elsewhere (staging holds synthetic data only)
   */
  readonly signUp?: SignUpPolicy;
  /**
   * Minimum password length (`password_min_length`), 8-72.
   * @default 12
   */
  readonly passwordMinLength?: number;
}

/** Postgres parameters Supabase lets projects set. */
export interface SupabasePostgresSettings {
  /**
   * Database-wide `statement_timeout`, seconds, 1-86400. The roles this construct
   * creates carry their own timeouts; this one bounds every other session.
   * @default - Supabase's default (not managed)
   */
  readonly statementTimeoutSeconds?: number;
  /**
   * `max_connections`, 10-5000.
   * @default - Supabase's default for the instance size (not managed)
   */
  readonly maxConnections?: number;
  /**
   * `work_mem`, MB, 1-2048.
   * @default - Supabase's default for the instance size (not managed)
   */
  readonly workMemMb?: number;
  /**
   * `track_commit_timestamp`.
   * @default - Supabase's default (not managed)
   */
  readonly trackCommitTimestamp?: boolean;
}
