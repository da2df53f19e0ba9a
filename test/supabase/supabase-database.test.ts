import * as crypto from 'crypto';
import { TerraformOutput } from 'cdktf';
import { Environment, RowLevelSecurity, SecretValue, SupabaseDatabase, SupabaseDatabaseProps } from '../../lib';
import { Template, environmentStack } from '../support/template';

const CIDRS = ['203.0.113.0/24', '2001:db8::/32'];
const TENANT = RowLevelSecurity.sellerOwnsRows({ table: 'campaigns', roles: ['authenticated', 'livestreamsell_app'] });

function synth(props: SupabaseDatabaseProps = {}, environment = Environment.staging({ project: 'livestreamsell' })): { t: Template; db: SupabaseDatabase } {
  const stack = environmentStack(environment);
  const db = new SupabaseDatabase(stack, 'Database', { ...props, auth: { siteUrl: 'https://app.livestreamsell.ai', ...props.auth } });
  return { t: Template.of(stack), db };
}

function build(props: SupabaseDatabaseProps, environment = Environment.staging({ project: 'livestreamsell' })): () => SupabaseDatabase {
  return () => new SupabaseDatabase(environmentStack(environment), 'Database', { ...props, auth: { siteUrl: 'https://app.livestreamsell.ai', ...props.auth } });
}

/** Every value under a secret-looking key, anywhere in the JSON. */
function secretValues(json: unknown, path = ''): Array<[string, unknown]> {
  if (Array.isArray(json)) return json.flatMap((v, i) => secretValues(v, `${path}[${i}]`));
  if (json && typeof json === 'object') {
    return Object.entries(json).flatMap(([k, v]) => (/password|secret|token|PGPASSWORD/i.test(k) && typeof v !== 'object' ? [[`${path}.${k}`, v] as [string, unknown]] : secretValues(v, `${path}.${k}`)));
  }
  return [];
}

describe('SupabaseDatabase defaults (staging)', () => {
  const { t, db } = synth({ rowLevelSecurity: [TENANT] });

  test('creates the project in us-east-1 with the staging size and a generated password', () => {
    const project = t.only('supabase_project');
    expect(project).toEqual({
      name: 'livestreamsell-staging',
      organization_id: '${var.supabase_organization_slug}',
      region: 'us-east-1',
      instance_size: 'micro',
      database_password: expect.stringMatching(/^\$\{random_password\.Database_Password_[0-9A-F]+\.result\}$/),
    });
    const pw = t.resources('random_password');
    expect(Object.values(pw)).toContainEqual({ length: 32, special: false, min_lower: 2, min_upper: 2, min_numeric: 2 });
    expect(t.json.variable.supabase_organization_slug).toMatchObject({ type: 'string', nullable: false });
  });

  test('never puts a secret literal in the JSON', () => {
    const values = secretValues(t.json);
    // database_password, the provider's password, three role passwords and PGPASSWORD.
    expect(values).toHaveLength(6);
    for (const [path, value] of values) {
      expect([path, value]).toEqual([path, expect.stringMatching(/^\$\{random_password\.[A-Za-z0-9_]+\.result\}$/)]);
    }
  });

  test('configures the Supabase provider without credentials (SUPABASE_ACCESS_TOKEN comes from the environment)', () => {
    expect(t.json.provider.supabase).toEqual([{}]);
    expect(t.json.terraform.required_providers.supabase).toEqual({ source: 'supabase/supabase', version: '1.10.1' });
  });

  test('settings: typed API and Auth JSON, network from a variable, SSL enforced', () => {
    const s = t.only('supabase_settings');
    expect(s.project_ref).toMatch(/^\$\{supabase_project\.Database_[0-9A-F]+\.id\}$/);
    expect(s.ssl_enforcement).toBe(true);
    expect(JSON.parse(s.api)).toEqual({ db_schema: 'public,graphql_public', db_extra_search_path: 'public,extensions', max_rows: 1000 });
    expect(JSON.parse(s.auth)).toEqual({
      site_url: 'https://app.livestreamsell.ai',
      uri_allow_list: 'https://app.livestreamsell.ai/**',
      jwt_exp: 3600,
      disable_signup: true,
      mailer_autoconfirm: false,
      mailer_secure_email_change_enabled: true,
      external_anonymous_users_enabled: false,
      security_manual_linking_enabled: false,
      password_min_length: 12,
      refresh_token_rotation_enabled: true,
      security_refresh_token_reuse_interval: 10,
    });
    expect(s.database).toBeUndefined();
    expect(s.network).toBe('${jsonencode({"restrictions" = var.supabase_allowed_cidrs})}');
    const v = t.json.variable.supabase_allowed_cidrs;
    expect(v.type).toBe('list(string)');
    expect(v.validation[0].condition).toContain('!contains(["0.0.0.0/0", "::/0"], c)');
  });

  test('connects the postgresql provider with the project\'s own attributes over TLS', () => {
    expect(t.json.provider.postgresql).toEqual([{
      alias: 'test_database',
      host: expect.stringMatching(/^db\.\$\{supabase_project\.Database_[0-9A-F]+\.id\}\.supabase\.co$/),
      port: 5432,
      database: 'postgres',
      username: 'postgres',
      password: expect.stringMatching(/^\$\{random_password\.Database_Password_[0-9A-F]+\.result\}$/),
      sslmode: 'require',
      connect_timeout: 15,
      superuser: false,
    }]);
  });

  test('installs the extensions, Vault in its own schema, never cascading drops', () => {
    const ext = t.resourceList('postgresql_extension').map((e) => [e.name, e.schema, e.drop_cascade, e.provider]);
    expect(ext).toEqual(expect.arrayContaining([
      ['pgcrypto', 'extensions', false, 'postgresql.test_database'],
      ['pg_stat_statements', 'extensions', false, 'postgresql.test_database'],
      ['vector', 'extensions', false, 'postgresql.test_database'],
      ['supabase_vault', 'vault', false, 'postgresql.test_database'],
    ]));
    expect(ext).toHaveLength(4);
    expect(t.resourceList('postgresql_extension').every((e) => e.lifecycle === undefined)).toBe(true);
  });

  test('creates three least-privilege login roles with generated passwords', () => {
    const roles: { [name: string]: any } = Object.fromEntries(t.resourceList('postgresql_role').map((r) => [r.name, r]));
    expect(Object.keys(roles).sort()).toEqual(['livestreamsell_analytics', 'livestreamsell_app', 'livestreamsell_migrator']);
    for (const r of Object.values(roles)) {
      expect(r).toMatchObject({ login: true, superuser: false, create_database: false, create_role: false, replication: false, bypass_row_level_security: false, idle_in_transaction_session_timeout: 60000, search_path: ['public', 'extensions'] });
      expect(r.password).toMatch(/^\$\{random_password\.Database_[A-Za-z]+Role_Password_[0-9A-F]+\.result\}$/);
    }
    expect(roles.livestreamsell_app).toMatchObject({ connection_limit: 20, statement_timeout: 30000 });
    expect(roles.livestreamsell_analytics).toMatchObject({ connection_limit: 5, statement_timeout: 300000 });
    expect(roles.livestreamsell_migrator).toMatchObject({ connection_limit: 3, statement_timeout: 900000 });
  });

  test('grants exactly the profile of each role', () => {
    const grants = t.resourceList('postgresql_grant').map((g) => `${/(Analytics|Application|Migration)Role/.exec(g.role)![1]} ${g.object_type} ${g.schema ?? '-'} ${g.privileges.join(',')}`).sort();
    expect(grants).toEqual([
      'Analytics database - CONNECT',
      'Analytics schema extensions USAGE',
      'Analytics schema public USAGE',
      'Analytics table public SELECT',
      'Application database - CONNECT',
      'Application schema auth USAGE',
      'Application schema extensions USAGE',
      'Application schema public USAGE',
      'Application sequence public SELECT,USAGE',
      'Application table public SELECT,INSERT,UPDATE,DELETE',
      'Migration database - CONNECT',
      'Migration schema extensions USAGE',
      'Migration schema public USAGE,CREATE',
    ]);
    const defaults = t.resourceList('postgresql_default_privileges').map((d) => `${/(Analytics|Application)Role/.exec(d.role)![1]} ${d.object_type} ${d.privileges.join(',')} owner=${/MigrationRole/.test(d.owner)}`).sort();
    expect(defaults).toEqual(['Analytics table SELECT owner=true', 'Application sequence SELECT,USAGE owner=true', 'Application table SELECT,INSERT,UPDATE,DELETE owner=true']);
  });

  test('applies row-level security with psql from terraform_data, re-run when the SQL changes', () => {
    const data = t.only('terraform_data');
    expect(data.triggers_replace).toEqual({
      sql_sha256: crypto.createHash('sha256').update(db.rowLevelSecuritySql).digest('hex'),
      project: expect.stringMatching(/^\$\{supabase_project\.Database_[0-9A-F]+\.id\}$/),
    });
    const exec = data.provisioner[0]['local-exec'];
    expect(exec.command).toMatch(/^psql --no-psqlrc --quiet --echo-errors --set=ON_ERROR_STOP=1 --file="\$\{path\.module\}\/assets\/Database_RowLevelSecurity_File_[0-9A-F]+\/[0-9A-F]+\/row-level-security\.sql"$/);
    expect(exec.environment).toMatchObject({ PGUSER: 'postgres', PGDATABASE: 'postgres', PGPORT: '5432', PGSSLMODE: 'require', PGPASSWORD: expect.stringMatching(/^\$\{random_password\./) });
    expect(data.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^postgresql_role\./), expect.stringMatching(/^postgresql_grant\./), expect.stringMatching(/^postgresql_extension\./)]));
    expect(db.rowLevelSecuritySql).toContain('CREATE POLICY "campaigns_seller_owns_rows" ON "public"."campaigns"');
    expect(db.migrationSql).toBe(`${db.accessSql}\n${db.rowLevelSecuritySql}`);
  });

  test('exposes connections only as secret references', () => {
    expect(db.applicationConnection).toMatchObject({ port: 5432, database: 'postgres', username: 'livestreamsell_app', sslMode: 'require' });
    expect(SecretValue.isSecretValue(db.applicationConnection.password)).toBe(true);
    const stack = environmentStack();
    const other = new SupabaseDatabase(stack, 'Database', { auth: { siteUrl: 'https://app.livestreamsell.ai' }, allowedCidrs: CIDRS });
    new TerraformOutput(stack, 'app_url', { value: other.applicationConnection.uri.value, sensitive: true });
    const out = Template.of(stack).json.output.app_url;
    expect(out.sensitive).toBe(true);
    expect(out.value).toMatch(/^postgresql:\/\/livestreamsell_app:\$\{urlencode\(random_password\.Database_ApplicationRole_Password_[0-9A-F]+\.result\)\}@db\.\$\{supabase_project\.Database_[0-9A-F]+\.id\}\.supabase\.co:5432\/postgres\?sslmode=require$/);
  });

  test('API keys come from one supabase_apikeys data source, as secrets', () => {
    const stack = environmentStack();
    const other = new SupabaseDatabase(stack, 'Database', { auth: { siteUrl: 'https://app.livestreamsell.ai' }, allowedCidrs: CIDRS });
    const keys = other.apiKeys();
    other.apiKeys(); // a second call reuses the data source
    new TerraformOutput(stack, 'service_role_key', { value: keys.serviceRoleKey.value, sensitive: true });
    const json = Template.of(stack).json;
    expect(Object.values(json.data.supabase_apikeys)).toEqual([{ project_ref: expect.stringMatching(/^\$\{supabase_project\.Database_[0-9A-F]+\.id\}$/) }]);
    expect(json.output.service_role_key.value).toMatch(/^\$\{data\.supabase_apikeys\.Database_ApiKeys_[0-9A-F]+\.service_role_key\}$/);
  });

  test('the project is the default child and has stable child ids', () => {
    expect(db.node.defaultChild).toBe(db.resource);
    expect(db.node.children.map((c) => c.node.id)).toEqual(expect.arrayContaining([
      'Password', 'Resource', 'Settings', 'PostgresProvider', 'ExtensionPgcrypto', 'ExtensionSupabaseVault',
      'MigrationRole', 'ApplicationRole', 'AnalyticsRole', 'MigrationFile', 'RowLevelSecurity',
    ]));
  });
});

describe('SupabaseDatabase options', () => {
  test('production: small instance, prevent_destroy, open sign-up with confirmed e-mail', () => {
    const { t } = synth({ allowedCidrs: CIDRS }, Environment.production({ project: 'livestreamsell' }));
    expect(t.only('supabase_project')).toMatchObject({ instance_size: 'small', name: 'livestreamsell-production', lifecycle: { prevent_destroy: true } });
    expect(t.resourceList('postgresql_extension').every((e) => e.lifecycle?.prevent_destroy === true)).toBe(true);
    const auth = JSON.parse(t.only('supabase_settings').auth);
    expect(auth).toMatchObject({ disable_signup: false, mailer_autoconfirm: false, site_url: 'https://app.livestreamsell.ai' });
  });

  test('literal CIDRs are validated and rendered as JSON', () => {
    const { t } = synth({ allowedCidrs: CIDRS });
    expect(JSON.parse(t.only('supabase_settings').network)).toEqual({ restrictions: CIDRS });
    expect(t.json.variable?.supabase_allowed_cidrs).toBeUndefined();
  });

  test('a password from a sensitive variable gets a length precondition and no random_password', () => {
    const stack = environmentStack();
    new SupabaseDatabase(stack, 'Database', { auth: { siteUrl: 'https://app.livestreamsell.ai' }, databasePassword: SecretValue.fromVariable(stack, 'supabase_db_password'), allowedCidrs: CIDRS });
    const t = Template.of(stack);
    const project = t.only('supabase_project');
    expect(project.database_password).toBe('${var.supabase_db_password}');
    expect(project.lifecycle.precondition).toEqual([{ condition: '${(length(var.supabase_db_password) >= 16)}', error_message: 'The Supabase database password must have at least 16 characters.' }]);
    expect(t.json.variable.supabase_db_password).toMatchObject({ sensitive: true });
    expect(t.json.provider.postgresql[0].password).toBe('${var.supabase_db_password}');
    expect(Object.keys(t.resources('random_password')).some((id) => id.startsWith('Database_Password_'))).toBe(false);
  });

  test('poolerHost routes every connection through Supavisor as "<role>.<ref>"', () => {
    const { t, db } = synth({ poolerHost: 'aws-0-us-east-1.pooler.supabase.com', allowedCidrs: CIDRS, rowLevelSecurity: [TENANT] });
    expect(t.json.provider.postgresql[0]).toMatchObject({ host: 'aws-0-us-east-1.pooler.supabase.com', username: expect.stringMatching(/^postgres\.\$\{supabase_project\./) });
    expect(t.only('terraform_data').provisioner[0]['local-exec'].environment.PGHOST).toBe('aws-0-us-east-1.pooler.supabase.com');
    expect(db.analyticsConnection.username).toMatch(/^livestreamsell_analytics\./);
  });

  test('custom schemas are created, owned by the migration role, and granted per schema', () => {
    const { t } = synth({ schemas: ['public', 'app'], allowedCidrs: CIDRS });
    expect(t.only('postgresql_schema')).toMatchObject({ name: 'app', owner: expect.stringMatching(/^\$\{postgresql_role\.Database_MigrationRole_/), drop_cascade: false, if_not_exists: true });
    expect(t.resourceList('postgresql_grant').filter((g) => /postgresql_schema\./.test(g.schema ?? ''))).toHaveLength(6);
  });

  test('applyRowLevelSecurity: false writes the file without a terraform_data', () => {
    const { t, db } = synth({ rowLevelSecurity: [TENANT], applyRowLevelSecurity: false, allowedCidrs: CIDRS });
    expect(t.count('terraform_data')).toBe(0);
    expect(db.rowLevelSecuritySql).toContain('ENABLE ROW LEVEL SECURITY');
  });

  test('database parameters are typed and rendered only when set', () => {
    const database = { statementTimeoutSeconds: 60, maxConnections: 120, workMemMb: 8, trackCommitTimestamp: true };
    const { t } = synth({ allowedCidrs: CIDRS, database });
    expect(JSON.parse(t.only('supabase_settings').database)).toEqual({ statement_timeout: '60s', max_connections: 120, work_mem: '8MB', track_commit_timestamp: true });
  });

  test('unsafeAllowAllIps opens the network in staging', () => {
    const { t } = synth({ unsafeAllowAllIps: true });
    expect(JSON.parse(t.only('supabase_settings').network)).toEqual({ restrictions: ['0.0.0.0/0', '::/0'] });
  });

  test('unsafeAllowAllIps needs acknowledgeUnsafeInProduction in production', () => {
    expect(build({ unsafeAllowAllIps: true }, Environment.production({ project: 'livestreamsell' }))).toThrow(
      '[test/Database] invalid "unsafeAllowAllIps": got true; expected false in production ("production"): a database reachable from any address needs acknowledgeUnsafeInProduction: true as well',
    );
    expect(build({ unsafeAllowAllIps: true, acknowledgeUnsafeInProduction: true }, Environment.production({ project: 'livestreamsell' }))).not.toThrow();
  });

  test('warns when a policy names a role nobody creates', () => {
    const stack = environmentStack();
    const db = new SupabaseDatabase(stack, 'Database', { auth: { siteUrl: 'https://app.livestreamsell.ai' }, allowedCidrs: CIDRS, rowLevelSecurity: [{ ...TENANT, roles: ['authenticated', 'sellers'] }] });
    const warnings = db.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);
    expect(warnings).toEqual(['[lss:supabase:policy-roles] row-level security names roles this construct does not create and Supabase does not provide: sellers. Create them before the policies are applied.']);
  });
});

describe('SupabaseDatabase bad input', () => {
  const cases: Array<[string, SupabaseDatabaseProps, string]> = [
    ['an unknown instance size', { instanceSize: 'huge' }, '[test/Database] invalid "instanceSize": got "huge"; expected one of "nano", "micro", "small"'],
    ['an unknown region', { region: 'us-central-1' }, '[test/Database] invalid "region": got "us-central-1"; expected one of "ap-east-1"'],
    ['a password shorter than allowed', { passwordLength: 3 }, '[test/Database] invalid "passwordLength": got 3; expected a whole number from 16 to 128'],
    ['an invalid role name', { applicationRole: { name: 'app"; DROP ROLE postgres; --' } }, '[test/Database] invalid "applicationRole.name": got "app\\"; DROP ROLE postgres; --"; expected a lowercase SQL identifier'],
    ['a reserved role name', { analyticsRole: { name: 'pg_monitor' } }, '[test/Database] invalid "analyticsRole.name": got "pg_monitor"; expected a lowercase SQL identifier: a letter or "_" followed by up to 62 lowercase letters, digits or "_", not one of'],
    ['two roles with one name', { analyticsRole: { name: 'shared' }, applicationRole: { name: 'shared' } }, '[test/Database] invalid "roles": got ["livestreamsell_migrator","shared","shared"]; expected three distinct names for the application, analytics and migration roles'],
    ['a connection limit of 0', { migrationRole: { connectionLimit: 0 } }, '[test/Database] invalid "migrationRole.connectionLimit": got 0; expected a whole number from 1 to 1000'],
    ['an invalid schema', { schemas: ['Public'] }, '[test/Database] invalid "schemas[0]": got "Public"; expected a lowercase SQL identifier'],
    ['a Supabase-managed schema', { schemas: ['public', 'auth'] }, '[test/Database] invalid "schemas[1]": got "auth"; expected an application schema, not one that PostgreSQL or Supabase manages'],
    ['no schema', { schemas: [] }, '[test/Database] invalid "schemas": got []; expected at least one application schema'],
    ['an invalid extension', { extensions: ['pg-trgm'] }, '[test/Database] invalid "extensions[0]": got "pg-trgm"; expected a lowercase SQL identifier'],
    ['a CIDR that is not one', { allowedCidrs: ['203.0.113.0/33'] }, '[test/Database] invalid "allowedCidrs[0]": got "203.0.113.0/33"; expected a public IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set'],
    ['a CIDR with host bits', { allowedCidrs: ['203.0.113.7/24'] }, '[test/Database] invalid "allowedCidrs[0]": got "203.0.113.7/24"'],
    ['a bad IPv6 CIDR', { allowedCidrs: ['2001:db8:::/32'] }, '[test/Database] invalid "allowedCidrs[0]": got "2001:db8:::/32"'],
    ['a private CIDR', { allowedCidrs: ['10.0.0.0/8'] }, '[test/Database] invalid "allowedCidrs[0]": got "10.0.0.0/8"; expected a public IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set: Supabase network restrictions apply to public addresses, private and loopback ranges are rejected'],
    ['the whole internet', { allowedCidrs: ['0.0.0.0/0'] }, '[test/Database] invalid "allowedCidrs[0]": got "0.0.0.0/0"; expected a public IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set; "0.0.0.0/0" opens the database to the whole internet (set unsafeAllowAllIps to do that deliberately)'],
    ['an empty CIDR list', { allowedCidrs: [] }, '[test/Database] invalid "allowedCidrs": got []; expected at least one public CIDR block'],
    ['a bad pooler host', { poolerHost: 'https://pooler' }, '[test/Database] invalid "poolerHost": got "https://pooler"; expected a lowercase hostname'],
    ['a bad organization slug', { organizationSlug: 'My Org' }, '[test/Database] invalid "organizationSlug": got "My Org"; expected a Supabase organization slug: lowercase letters, digits and "-"'],
    ['a bad project name', { projectName: 'x'.repeat(70) }, '[test/Database] invalid "projectName": got "xxxxxxxx'],
    ['a bad policy command', { rowLevelSecurity: [{ ...TENANT, command: 'MERGE' }] }, '[test/Database] invalid "rowLevelSecurity[0].command": got "MERGE"; expected one of "SELECT", "INSERT", "UPDATE", "DELETE", "ALL"'],
    ['an injected policy table', { rowLevelSecurity: [{ ...TENANT, table: 'x"; drop table y; --' }] }, '[test/Database] invalid "rowLevelSecurity[0].table": got "x\\"; drop table y; --"'],
  ];
  test.each(cases)('rejects %s', (_what, props, message) => {
    expect(build({ allowedCidrs: CIDRS, ...props, auth: { siteUrl: 'https://app.livestreamsell.ai', ...props.auth } })).toThrow(message);
  });

  test('rejects an environment region Supabase does not offer, naming the prop', () => {
    expect(build({ allowedCidrs: CIDRS }, Environment.staging({ project: 'livestreamsell', region: 'me-south-1' }))).toThrow('[test/Database] invalid "region": got "me-south-1"; expected one of');
  });
});
