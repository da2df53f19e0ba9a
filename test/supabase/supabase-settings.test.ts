import { Environment, SignUpPolicy, SupabaseAuthSettings, SupabaseDatabase, SupabaseDatabaseProps } from '../../lib';
import { SHARED_HOSTING_DOMAINS } from '../../lib/supabase/private/auth-urls';
import { Template, environmentStack } from '../support/template';

const CIDRS = ['198.51.100.0/24'];
const staging = () => Environment.staging({ project: 'acme-shop' });
const production = () => Environment.production({ project: 'acme-shop' });

function props(p: Partial<SupabaseDatabaseProps>, auth: Partial<SupabaseAuthSettings> = {}): SupabaseDatabaseProps {
  return { allowedCidrs: CIDRS, ...p, auth: { siteUrl: 'https://app.example.com', ...auth } };
}

function settings(p: Partial<SupabaseDatabaseProps>, auth: Partial<SupabaseAuthSettings> = {}, environment = staging()): { api: any; auth: any } {
  const stack = environmentStack(environment);
  new SupabaseDatabase(stack, 'Database', props(p, auth));
  const s = Template.of(stack).only('supabase_settings');
  return { api: JSON.parse(s.api), auth: JSON.parse(s.auth) };
}

function build(p: Partial<SupabaseDatabaseProps>, auth: Partial<SupabaseAuthSettings> = {}, environment = staging()): () => void {
  return () => new SupabaseDatabase(environmentStack(environment), 'Database', props(p, auth));
}

describe('supabase_settings typed inputs', () => {
  test('API: exposed schemas, search path and max rows', () => {
    expect(settings({ api: { exposedSchemas: ['api'], extraSearchPath: ['extensions'], maxRows: 200 } }).api).toEqual({ db_schema: 'api', db_extra_search_path: 'extensions', max_rows: 200 });
  });

  test('Auth: site URL, redirect allow-list, JWT expiry, sign-up policy and password length', () => {
    const { auth } = settings({}, {
      redirectUrls: ['https://app.example.com/auth/callback', 'https://*.preview.example.com/**', 'https://acme-shop.vercel.app/**'],
      jwtExpirySeconds: 900,
      signUp: SignUpPolicy.CONFIRMED_EMAIL,
      passwordMinLength: 16,
    });
    expect(auth).toMatchObject({
      site_url: 'https://app.example.com',
      uri_allow_list: 'https://app.example.com/auth/callback,https://*.preview.example.com/**,https://acme-shop.vercel.app/**',
      jwt_exp: 900,
      disable_signup: false,
      password_min_length: 16,
      mailer_autoconfirm: false,
      external_anonymous_users_enabled: false,
    });
  });

  test('Auth: localhost redirects are allowed outside production', () => {
    expect(settings({}, { redirectUrls: ['http://localhost:3000/**'] }).auth.uri_allow_list).toBe('http://localhost:3000/**');
  });

  test('Auth: invite-only closes sign-ups in production too', () => {
    expect(settings({}, { signUp: SignUpPolicy.INVITE_ONLY }, production()).auth.disable_signup).toBe(true);
  });

  test('Auth: siteUrl is required, and so is auth', () => {
    expect(() => new SupabaseDatabase(environmentStack(staging()), 'Database', { allowedCidrs: CIDRS } as any)).toThrow(
      '[test/Database] invalid "auth": got undefined; expected Auth settings with at least "siteUrl": the https URL of the app users sign in to (Auth redirects there after sign-in and e-mail confirmation), for example "https://app.example.com"',
    );
    expect(() => new SupabaseDatabase(environmentStack(staging()), 'Database', { allowedCidrs: CIDRS, auth: {} } as any)).toThrow(
      '[test/Database] invalid "auth.siteUrl": got undefined; expected the https URL of the app users sign in to',
    );
  });

  test.each(SHARED_HOSTING_DOMAINS)('Auth: a redirect wildcard under the shared domain %s is refused', (domain) => {
    expect(build({}, { redirectUrls: [`https://*.${domain}/**`] })).toThrow(
      `[test/Database] invalid "auth.redirectUrls[0]": got "https://*.${domain}/**"; expected an https:// URL without a wildcard under "${domain}": anyone can get a subdomain there`,
    );
  });

  test('Auth: deeper wildcards under a shared domain are refused too; exact hosts there are fine', () => {
    expect(build({}, { redirectUrls: ['https://*.eu-west-1.elasticbeanstalk.com/**'] })).toThrow('expected an https:// URL without a wildcard under "elasticbeanstalk.com"');
    expect(build({}, { redirectUrls: ['https://acme.github.io/app/**', 'https://acme-shop.pages.dev/**'] })).not.toThrow();
  });

  const bad: Array<[string, Partial<SupabaseAuthSettings>, string, Environment?]> = [
    ['an http site URL', { siteUrl: 'http://app.example.com' },
      '[test/Database] invalid "auth.siteUrl": got "http://app.example.com"; expected an https:// URL without wildcards, no commas or spaces, or http://localhost[:port] outside production'],
    ['a wildcard site URL', { siteUrl: 'https://*.example.com' }, '[test/Database] invalid "auth.siteUrl": got "https://*.example.com"'],
    ['a redirect with a comma', { redirectUrls: ['https://a.example.com/x,https://evil.example'] },
      '[test/Database] invalid "auth.redirectUrls[0]": got "https://a.example.com/x,https://evil.example"; expected an https:// URL (a leading "*." subdomain and "*"/"**" in the path are allowed), no commas or spaces'],
    ['a catch-all redirect host', { redirectUrls: ['https://*'] }, '[test/Database] invalid "auth.redirectUrls[0]": got "https://*"'],
    ['a wildcard over a public suffix', { redirectUrls: ['https://*.co.uk/**'] }, '[test/Database] invalid "auth.redirectUrls[0]": got "https://*.co.uk/**"; expected an https:// URL without a wildcard under "co.uk"'],
    ['localhost in production', { redirectUrls: ['http://localhost:3000'] },
      '[test/Database] invalid "auth.redirectUrls[0]": got "http://localhost:3000"; expected an https:// URL (a leading "*." subdomain and "*"/"**" in the path are allowed), no commas or spaces', production()],
    ['a token in a redirect URL', { redirectUrls: [`https://app.example.com/cb?t=ghp_${'a'.repeat(36)}`] },
      '[test/Database] invalid "auth.redirectUrls[0]": got "<URL redacted>"; expected a URL without a credential in it (it contains a GitHub token)'],
    ['an empty redirect list', { redirectUrls: [] }, '[test/Database] invalid "auth.redirectUrls": got []; expected a list of at least 1 item'],
    ['a redirect list as a string', { redirectUrls: 'https://app.example.com/**' as any }, '[test/Database] invalid "auth.redirectUrls": got "https://app.example.com/**"; expected a list'],
    ['a JWT expiry over a week', { jwtExpirySeconds: 604801 }, '[test/Database] invalid "auth.jwtExpirySeconds": got 604801; expected a whole number from 300 to 604800'],
    ['a short password policy', { passwordMinLength: 6 }, '[test/Database] invalid "auth.passwordMinLength": got 6; expected a whole number from 8 to 72'],
    ['a sign-up policy as a string', { signUp: 'invite-only' as any }, '[test/Database] invalid "auth.signUp": got "invite-only"; expected a SignUpPolicy: SignUpPolicy.CONFIRMED_EMAIL or SignUpPolicy.INVITE_ONLY'],
    ['an unknown auth key', { siteURL: 'https://x.example.com' } as any, '[test/Database] invalid "auth.siteURL": got "https://x.example.com"; expected no such property'],
  ];
  test.each(bad)('rejects %s', (_what, auth, message, ...environment) => {
    expect(build({}, auth, environment[0] ?? staging())).toThrow(message);
  });

  const badProps: Array<[string, Partial<SupabaseDatabaseProps>, string]> = [
    ['max rows of 0', { api: { maxRows: 0 } }, '[test/Database] invalid "api.maxRows": got 0; expected a whole number from 1 to 1000000'],
    ['an exposed schema that is not an identifier', { api: { exposedSchemas: ['public,auth'] } }, '[test/Database] invalid "api.exposedSchemas[0]": got "public,auth"; expected a lowercase SQL identifier'],
    ['exposing the vault through the Data API', { api: { exposedSchemas: ['public', 'vault'] } }, '[test/Database] invalid "api.exposedSchemas[1]": got "vault"; expected an application schema: the Data API would expose a schema that PostgreSQL or Supabase manages'],
    ['a statement timeout of 0', { database: { statementTimeoutSeconds: 0 } }, '[test/Database] invalid "database.statementTimeoutSeconds": got 0; expected a whole number from 1 to 86400'],
    ['too few max connections', { database: { maxConnections: 5 } }, '[test/Database] invalid "database.maxConnections": got 5; expected a whole number from 10 to 5000'],
    ['a boolean parameter as a string', { database: { trackCommitTimestamp: 'false' as any } }, '[test/Database] invalid "database.trackCommitTimestamp": got "false"; expected true or false (a boolean, not a string)'],
  ];
  test.each(badProps)('rejects %s', (_what, p, message) => {
    expect(build(p)).toThrow(message);
  });
});
