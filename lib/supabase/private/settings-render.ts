import { IConstruct } from 'constructs';
import { MANAGED_SCHEMAS } from './access-model';
import { checkAuthUrl } from './auth-urls';
import { checkSqlIdentifier } from './sql';
import { ValidationError } from '../../core/errors';
import { checkEnumLike } from '../../core/private/enum-like';
import { Input } from '../../core/private/input';
import { Environment } from '../../environment/environment';
import { SignUpPolicy } from '../supabase-settings';

/**
 * Renders the typed settings to the JSON strings of `supabase_settings`, with
 * the exact keys of the Supabase Management API, validating every value.
 */

/** `api` section. */
export function renderApiSettings(scope: IConstruct, api: Input): string {
  const exposed = api.stringList('exposedSchemas', { minItems: 1, unique: true }) ?? ['public', 'graphql_public'];
  exposed.forEach((s, i) => {
    const prop = `${api.path('exposedSchemas')}[${i}]`;
    checkSqlIdentifier(scope, prop, s);
    if (s !== 'graphql_public' && (s.startsWith('pg_') || MANAGED_SCHEMAS.includes(s))) {
      throw new ValidationError(scope, prop, s, 'an application schema: the Data API would expose a schema that PostgreSQL or Supabase manages (its tables and functions would be reachable with the anon key)');
    }
  });
  const searchPath = api.stringList('extraSearchPath', { unique: true }) ?? ['public', 'extensions'];
  searchPath.forEach((s, i) => checkSqlIdentifier(scope, `${api.path('extraSearchPath')}[${i}]`, s));
  const maxRows = api.integer('maxRows', 1, 1_000_000) ?? 1000;
  api.done();
  return JSON.stringify({ db_schema: exposed.join(','), db_extra_search_path: searchPath.join(','), max_rows: maxRows });
}

/** `auth` section: secure values for every key it manages. */
export function renderAuthSettings(scope: IConstruct, environment: Environment, auth: Input | undefined): string {
  // The app users sign in to is the app's own fact: no default could be right for everyone.
  const siteUrlAllowed = 'the https URL of the app users sign in to (Auth redirects there after sign-in and e-mail confirmation), for example "https://app.example.com"';
  if (!auth) throw new ValidationError(scope, 'auth', undefined, `Auth settings with at least "siteUrl": ${siteUrlAllowed}`);
  if (!auth.has('siteUrl')) throw new ValidationError(scope, auth.path('siteUrl'), undefined, siteUrlAllowed);
  const siteUrl = checkAuthUrl(scope, auth.path('siteUrl'), auth.raw('siteUrl'), environment, false);
  const redirects = auth.stringList('redirectUrls', { minItems: 1, unique: true }) ?? [`${siteUrl.replace(/\/+$/, '')}/**`];
  redirects.forEach((u, i) => checkAuthUrl(scope, `${auth.path('redirectUrls')}[${i}]`, u, environment, true));
  const jwtExp = auth.integer('jwtExpirySeconds', 300, 604800) ?? 3600;
  const minLength = auth.integer('passwordMinLength', 8, 72) ?? 12;
  const signUp = checkEnumLike<SignUpPolicy>(scope, auth.path('signUp'), auth.raw('signUp'), 'SignUpPolicy', 'SignUpPolicy.CONFIRMED_EMAIL or SignUpPolicy.INVITE_ONLY')
    ?? (environment.isProduction ? SignUpPolicy.CONFIRMED_EMAIL : SignUpPolicy.INVITE_ONLY);
  auth.done();
  return JSON.stringify({
    site_url: siteUrl,
    uri_allow_list: redirects.join(','),
    jwt_exp: jwtExp,
    disable_signup: signUp.disablesSignUp,
    // E-mail must be confirmed before a session is issued.
    mailer_autoconfirm: false,
    // Both the old and the new address confirm an e-mail change.
    mailer_secure_email_change_enabled: true,
    external_anonymous_users_enabled: false,
    security_manual_linking_enabled: false,
    password_min_length: minLength,
    // A stolen refresh token is detected on reuse (10 s grace for concurrent tabs).
    refresh_token_rotation_enabled: true,
    security_refresh_token_reuse_interval: 10,
  });
}

/** `database` section, or undefined when nothing is set. */
export function renderPostgresSettings(db: Input): string | undefined {
  const statementTimeout = db.integer('statementTimeoutSeconds', 1, 86400);
  const maxConnections = db.integer('maxConnections', 10, 5000);
  const workMem = db.integer('workMemMb', 1, 2048);
  const trackCommitTimestamp = db.boolean('trackCommitTimestamp');
  db.done();
  const body: { [key: string]: unknown } = {};
  if (statementTimeout !== undefined) body.statement_timeout = `${statementTimeout}s`;
  if (maxConnections !== undefined) body.max_connections = maxConnections;
  if (workMem !== undefined) body.work_mem = `${workMem}MB`;
  if (trackCommitTimestamp !== undefined) body.track_commit_timestamp = trackCommitTimestamp;
  return Object.keys(body).length > 0 ? JSON.stringify(body) : undefined;
}
