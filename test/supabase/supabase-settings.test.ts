import { Environment, SignUpPolicy, SupabaseDatabase, SupabaseDatabaseProps } from '../../lib';
import { Template, environmentStack } from '../support/template';

const CIDRS = ['203.0.113.0/24'];

function settings(props: SupabaseDatabaseProps, environment = Environment.staging({ project: 'livestreamsell' })): { api: any; auth: any } {
  const stack = environmentStack(environment);
  new SupabaseDatabase(stack, 'Database', { allowedCidrs: CIDRS, ...props, auth: { siteUrl: 'https://app.livestreamsell.ai', ...props.auth } });
  const s = Template.of(stack).only('supabase_settings');
  return { api: JSON.parse(s.api), auth: JSON.parse(s.auth) };
}

function build(props: SupabaseDatabaseProps, environment = Environment.staging({ project: 'livestreamsell' })): () => void {
  return () => new SupabaseDatabase(environmentStack(environment), 'Database', { allowedCidrs: CIDRS, ...props, auth: { siteUrl: 'https://app.livestreamsell.ai', ...props.auth } });
}

describe('supabase_settings typed inputs', () => {
  test('API: exposed schemas, search path and max rows', () => {
    expect(settings({ api: { exposedSchemas: ['api'], extraSearchPath: ['extensions'], maxRows: 200 } }).api).toEqual({ db_schema: 'api', db_extra_search_path: 'extensions', max_rows: 200 });
  });

  test('Auth: site URL, redirect allow-list, JWT expiry, sign-up policy and password length', () => {
    const { auth } = settings({
      auth: {
        siteUrl: 'https://app.example.com',
        redirectUrls: ['https://app.example.com/auth/callback', 'https://*.preview.example.com/**'],
        jwtExpirySeconds: 900,
        signUp: SignUpPolicy.CONFIRMED_EMAIL,
        passwordMinLength: 16,
      },
    });
    expect(auth).toMatchObject({
      site_url: 'https://app.example.com',
      uri_allow_list: 'https://app.example.com/auth/callback,https://*.preview.example.com/**',
      jwt_exp: 900,
      disable_signup: false,
      password_min_length: 16,
      mailer_autoconfirm: false,
      external_anonymous_users_enabled: false,
    });
  });

  test('Auth: localhost redirects are allowed outside production', () => {
    expect(settings({ auth: { redirectUrls: ['http://localhost:3000/**'] } }).auth.uri_allow_list).toBe('http://localhost:3000/**');
  });

  test('Auth: invite-only closes sign-ups in production too', () => {
    expect(settings({ auth: { signUp: SignUpPolicy.INVITE_ONLY } }, Environment.production({ project: 'livestreamsell' })).auth.disable_signup).toBe(true);
  });

  const bad: Array<[string, SupabaseDatabaseProps, string, Environment]> = [
    ['an http site URL', { auth: { siteUrl: 'http://app.example.com' } },
      '[test/Database] invalid "auth.siteUrl": got "http://app.example.com"; expected an https:// URL without wildcards, no commas or spaces, or http://localhost[:port] outside production', Environment.staging({ project: 'livestreamsell' })],
    ['a wildcard site URL', { auth: { siteUrl: 'https://*.example.com' } }, '[test/Database] invalid "auth.siteUrl": got "https://*.example.com"', Environment.staging({ project: 'livestreamsell' })],
    ['a redirect with a comma', { auth: { redirectUrls: ['https://a.example.com/x,https://evil.example'] } },
      '[test/Database] invalid "auth.redirectUrls[0]": got "https://a.example.com/x,https://evil.example"; expected an https:// URL (a leading "*." subdomain and "*"/"**" in the path are allowed), no commas or spaces', Environment.staging({ project: 'livestreamsell' })],
    ['a catch-all redirect host', { auth: { redirectUrls: ['https://*'] } }, '[test/Database] invalid "auth.redirectUrls[0]": got "https://*"', Environment.staging({ project: 'livestreamsell' })],
    ['localhost in production', { auth: { redirectUrls: ['http://localhost:3000'] } },
      '[test/Database] invalid "auth.redirectUrls[0]": got "http://localhost:3000"; expected an https:// URL (a leading "*." subdomain and "*"/"**" in the path are allowed), no commas or spaces', Environment.production({ project: 'livestreamsell' })],
    ['a JWT expiry over a week', { auth: { jwtExpirySeconds: 604801 } }, '[test/Database] invalid "auth.jwtExpirySeconds": got 604801; expected a whole number from 300 to 604800', Environment.staging({ project: 'livestreamsell' })],
    ['a short password policy', { auth: { passwordMinLength: 6 } }, '[test/Database] invalid "auth.passwordMinLength": got 6; expected a whole number from 8 to 72', Environment.staging({ project: 'livestreamsell' })],
    ['an unknown sign-up policy', { auth: { signUp: 'anyone' as SignUpPolicy } }, '[test/Database] invalid "auth.signUp": got "anyone"; expected one of "confirmed-email", "invite-only"', Environment.staging({ project: 'livestreamsell' })],
    ['max rows of 0', { api: { maxRows: 0 } }, '[test/Database] invalid "api.maxRows": got 0; expected a whole number from 1 to 1000000', Environment.staging({ project: 'livestreamsell' })],
    ['an exposed schema that is not an identifier', { api: { exposedSchemas: ['public,auth'] } }, '[test/Database] invalid "api.exposedSchemas[0]": got "public,auth"; expected a lowercase SQL identifier', Environment.staging({ project: 'livestreamsell' })],
    ['a statement timeout of 0', { database: { statementTimeoutSeconds: 0 } }, '[test/Database] invalid "database.statementTimeoutSeconds": got 0; expected a whole number from 1 to 86400', Environment.staging({ project: 'livestreamsell' })],
    ['too few max connections', { database: { maxConnections: 5 } }, '[test/Database] invalid "database.maxConnections": got 5; expected a whole number from 10 to 5000', Environment.staging({ project: 'livestreamsell' })],
  ];
  test.each(bad)('rejects %s', (_what, props, message, environment) => {
    expect(build(props, environment)).toThrow(message);
  });
});
