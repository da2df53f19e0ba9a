import { brandEnumLike } from '../core/private/enum-like';

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

/**
 * Who may create accounts through Supabase Auth.
 *
 * @example
 * const auth: SupabaseAuthSettings = { siteUrl: 'https://app.example.com', signUp: SignUpPolicy.INVITE_ONLY };
 */
export class SignUpPolicy {
  /** Anyone may sign up; the e-mail address must be confirmed before the first sign-in. */
  public static readonly CONFIRMED_EMAIL = new SignUpPolicy('confirmed-email', false);
  /** Sign-ups are closed: accounts exist only through invitations or the admin API. */
  public static readonly INVITE_ONLY = new SignUpPolicy('invite-only', true);

  private constructor(
    /** The policy's name, for example "invite-only". */
    public readonly value: string,
    /** Whether Auth's `disable_signup` is set. */
    public readonly disablesSignUp: boolean,
  ) {
    brandEnumLike(this, 'SignUpPolicy');
  }

  /** The policy's name. */
  public toString(): string {
    return this.value;
  }
}

/** Supabase Auth (GoTrue) settings. */
export interface SupabaseAuthSettings {
  /**
   * Site URL (`site_url`): the https URL of the app users sign in to, where
   * confirmation and password-reset links land, for example
   * "https://app.example.com". Required: it is the app's own fact, and no
   * default could be right for everyone. `http://localhost[:port]` only outside
   * production.
   */
  readonly siteUrl: string;
  /**
   * Redirect allow-list after sign-in (`uri_allow_list`): HTTPS URLs, with an
   * optional leading `*.` subdomain wildcard and `*`/`**` in the path;
   * `http://localhost[:port]` only outside production. A wildcard under a
   * shared hosting domain where anyone can get a subdomain (`*.vercel.app`,
   * `*.netlify.app`, `*.github.io`, ...: see docs/supabase.md) is refused: it
   * would let a stranger's site receive your users' sign-in redirects.
   * @default - ["<siteUrl>/**"]
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
