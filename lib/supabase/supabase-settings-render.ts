import * as net from 'net';
import { Fn, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { assertSqlIdentifier } from './sql';
import { SignUpPolicy, SupabaseApiSettings, SupabaseAuthSettings, SupabasePostgresSettings } from './supabase-settings';
import { ValidationError } from '../core/errors';
import { cidrsOverlap, parseCidr } from '../core/private/cidr';
import { assertInteger, isToken } from '../core/private/validation';
import { Environment } from '../environment/environment';

/**
 * Renders the typed settings to the JSON strings of `supabase_settings`, with
 * the exact keys of the Supabase Management API, validating every value.
 */

const HTTPS_URL = /^https:\/\/(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+(:\d{1,5})?(\/[^\s,]*)?$/;
const LOCALHOST_URL = /^http:\/\/localhost(:\d{1,5})?(\/[^\s,]*)?$/;

/** `api` section. */
export function renderApiSettings(scope: IConstruct, api: SupabaseApiSettings = {}): string {
  const exposed = api.exposedSchemas ?? ['public', 'graphql_public'];
  exposed.forEach((s, i) => assertSqlIdentifier(scope, `api.exposedSchemas[${i}]`, s));
  const searchPath = api.extraSearchPath ?? ['public', 'extensions'];
  searchPath.forEach((s, i) => assertSqlIdentifier(scope, `api.extraSearchPath[${i}]`, s));
  const maxRows = api.maxRows ?? 1000;
  assertInteger(scope, 'api.maxRows', maxRows, 1, 1_000_000);
  return JSON.stringify({ db_schema: exposed.join(','), db_extra_search_path: searchPath.join(','), max_rows: maxRows });
}

/** `auth` section: secure values for every key it manages. */
export function renderAuthSettings(scope: IConstruct, environment: Environment, auth: SupabaseAuthSettings = {}): string {
  // The app users sign in to is the app's own fact: no default could be right for everyone.
  if (auth.siteUrl === undefined) {
    throw new ValidationError(scope, 'auth.siteUrl', undefined, 'the https URL of the app users sign in to (Auth redirects there after sign-in and e-mail confirmation), for example "https://app.example.com"');
  }
  const siteUrl = auth.siteUrl;
  assertUrl(scope, 'auth.siteUrl', siteUrl, environment, false);
  const redirects = auth.redirectUrls ?? [`${siteUrl.replace(/\/+$/, '')}/**`];
  redirects.forEach((u, i) => assertUrl(scope, `auth.redirectUrls[${i}]`, u, environment, true));
  const jwtExp = auth.jwtExpirySeconds ?? 3600;
  assertInteger(scope, 'auth.jwtExpirySeconds', jwtExp, 300, 604800);
  const minLength = auth.passwordMinLength ?? 12;
  assertInteger(scope, 'auth.passwordMinLength', minLength, 8, 72);
  const signUp = auth.signUp ?? (environment.isProduction ? SignUpPolicy.CONFIRMED_EMAIL : SignUpPolicy.INVITE_ONLY);
  if (!Object.values(SignUpPolicy).includes(signUp)) {
    throw new ValidationError(scope, 'auth.signUp', signUp, `one of ${Object.values(SignUpPolicy).map((v) => JSON.stringify(v)).join(', ')}`);
  }
  return JSON.stringify({
    site_url: siteUrl,
    uri_allow_list: redirects.join(','),
    jwt_exp: jwtExp,
    disable_signup: signUp === SignUpPolicy.INVITE_ONLY,
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
export function renderPostgresSettings(scope: IConstruct, db: SupabasePostgresSettings = {}): string | undefined {
  assertInteger(scope, 'database.statementTimeoutSeconds', db.statementTimeoutSeconds, 1, 86400);
  assertInteger(scope, 'database.maxConnections', db.maxConnections, 10, 5000);
  assertInteger(scope, 'database.workMemMb', db.workMemMb, 1, 2048);
  const body: { [key: string]: unknown } = {};
  if (db.statementTimeoutSeconds !== undefined) body.statement_timeout = `${db.statementTimeoutSeconds}s`;
  if (db.maxConnections !== undefined) body.max_connections = db.maxConnections;
  if (db.workMemMb !== undefined) body.work_mem = `${db.workMemMb}MB`;
  if (db.trackCommitTimestamp !== undefined) body.track_commit_timestamp = db.trackCommitTimestamp;
  return Object.keys(body).length > 0 ? JSON.stringify(body) : undefined;
}

/** Private, loopback, link-local and shared ranges, which Supabase rejects in restrictions. */
const NON_PUBLIC_IPV4 = ['0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseCidr(c)!);

/** Addresses any client may come from. */
export const UNRESTRICTED_CIDRS = ['0.0.0.0/0', '::/0'];

/**
 * `network` section: `{"restrictions": [...]}`. A token list (a Terraform
 * variable) is passed through `jsonencode`; literal blocks are checked here.
 */
export function renderNetworkSettings(scope: IConstruct, cidrs: string[], allowUnrestricted: boolean): string {
  if (isToken(cidrs)) return Fn.jsonencode({ restrictions: cidrs });
  if (cidrs.length === 0) {
    throw new ValidationError(scope, 'allowedCidrs', cidrs, 'at least one public CIDR block allowed to reach the database (the platform egress ranges and the Terraform runner)');
  }
  cidrs.forEach((c, i) => assertPublicCidr(scope, `allowedCidrs[${i}]`, c, allowUnrestricted));
  return JSON.stringify({ restrictions: cidrs });
}

function assertPublicCidr(scope: IConstruct, prop: string, value: string, allowUnrestricted: boolean): void {
  if (Token.isUnresolved(value)) return;
  const allowed = 'a public IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set';
  if (UNRESTRICTED_CIDRS.includes(value)) {
    if (allowUnrestricted) return;
    throw new ValidationError(scope, prop, value, `${allowed}; "${value}" opens the database to the whole internet (set unsafeAllowAllIps to do that deliberately)`);
  }
  const v4 = parseCidr(value);
  if (v4) {
    if (NON_PUBLIC_IPV4.some((range) => cidrsOverlap(range, v4))) {
      throw new ValidationError(scope, prop, value, `${allowed}: Supabase network restrictions apply to public addresses, private and loopback ranges are rejected`);
    }
    return;
  }
  const m = /^([0-9a-fA-F:]+)\/(\d{1,3})$/.exec(value);
  if (m && net.isIPv6(m[1]) && Number(m[2]) <= 128) return;
  throw new ValidationError(scope, prop, value, allowed);
}

function assertUrl(scope: IConstruct, prop: string, value: string, environment: Environment, allowWildcards: boolean): void {
  if (isToken(value)) return;
  const https = allowWildcards ? HTTPS_URL : /^https:\/\/[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+(:\d{1,5})?(\/[^\s,*]*)?$/;
  if (https.test(value)) return;
  if (!environment.isProduction && LOCALHOST_URL.test(value)) return;
  throw new ValidationError(scope, prop, value, `an https:// URL${allowWildcards ? ' (a leading "*." subdomain and "*"/"**" in the path are allowed)' : ' without wildcards'}, no commas or spaces${environment.isProduction ? '' : ', or http://localhost[:port] outside production'}`);
}
