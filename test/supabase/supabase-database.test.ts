import { App, TerraformOutput, Testing } from 'cdktf';
import {
  Environment, EnvironmentStack, RowLevelSecurity, SecretValue, SecurityChecks, SupabaseDatabase, SupabaseDatabaseProps, SupabaseInstanceSize, SupabaseRegion,
} from '../../lib';
import { Template, environmentStack } from '../support/template';

const CIDRS = ['198.51.100.0/24', '2001:db8::/32'];
const AUTH = { siteUrl: 'https://app.example.com' };
const TENANT = RowLevelSecurity.ownRowsOnly({ table: 'orders', ownerColumn: 'customer_id', roles: ['authenticated', 'acme_shop_app'] });
const staging = () => Environment.staging({ project: 'acme-shop' });
const production = () => Environment.production({ project: 'acme-shop' });

function synth(props: Partial<SupabaseDatabaseProps> = {}, environment = staging()): { t: Template; db: SupabaseDatabase } {
  const stack = environmentStack(environment);
  const db = new SupabaseDatabase(stack, 'Database', { auth: AUTH, ...props });
  return { t: Template.of(stack), db };
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

  test('creates the project in the environment region with the staging size and a generated password', () => {
    expect(t.only('supabase_project')).toEqual({
      name: 'acme-shop-staging',
      organization_id: '${var.supabase_organization_slug}',
      region: 'us-east-1',
      instance_size: 'micro',
      database_password: expect.stringMatching(/^\$\{random_password\.Database_Password_[0-9A-F]+\.result\}$/),
    });
    expect(db.region).toBe(SupabaseRegion.US_EAST_1);
    expect(db.instanceSize.value).toBe('micro');
    expect(Object.values(t.resources('random_password'))).toContainEqual({ length: 32, special: false, min_lower: 2, min_upper: 2, min_numeric: 2 });
    expect(t.json.variable.supabase_organization_slug).toMatchObject({
      type: 'string', nullable: false, validation: [{ condition: '${can(regex("^[a-z0-9][a-z0-9-]*$", var.supabase_organization_slug))}' }],
    });
  });

  test('never puts a secret literal in the JSON', () => {
    const values = secretValues(t.json);
    // database_password, the provider's password, three role passwords and PGPASSWORD.
    expect(values).toHaveLength(6);
    for (const [path, value] of values) expect([path, value]).toEqual([path, expect.stringMatching(/^\$\{random_password\.[A-Za-z0-9_]+\.result\}$/)]);
  });

  test('configures the Supabase provider without credentials (SUPABASE_ACCESS_TOKEN comes from the environment)', () => {
    expect(t.json.provider.supabase).toEqual([{}]);
    expect(t.json.terraform.required_providers.supabase).toEqual({ source: 'supabase/supabase', version: '1.10.1' });
  });

  test('settings: typed API and Auth JSON, network from a variable validated by address space at plan, SSL enforced', () => {
    const s = t.only('supabase_settings');
    expect(s.ssl_enforcement).toBe(true);
    expect(JSON.parse(s.api)).toEqual({ db_schema: 'public,graphql_public', db_extra_search_path: 'public,extensions', max_rows: 1000 });
    expect(JSON.parse(s.auth)).toEqual({
      site_url: 'https://app.example.com',
      uri_allow_list: 'https://app.example.com/**',
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
    expect(v.validation[0].condition).toBe('${length(var.supabase_allowed_cidrs) > 0 && alltrue([for c in var.supabase_allowed_cidrs : can(cidrhost(c, 0)) && try(tonumber(split("/", c)[1]) >= (strcontains(c, ":") ? 23 : 13), false)])}');
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

  test('installs the default extensions, never cascading drops, unprotected outside production', () => {
    const ext = t.resourceList('postgresql_extension').map((e) => [e.name, e.schema, e.drop_cascade, e.provider, e.lifecycle]);
    expect(ext.sort()).toEqual([
      ['pg_stat_statements', 'extensions', false, 'postgresql.test_database', undefined],
      ['pgcrypto', 'extensions', false, 'postgresql.test_database', undefined],
    ]);
  });

  test('creates three least-privilege login roles named after the project', () => {
    const roles: { [name: string]: any } = Object.fromEntries(t.resourceList('postgresql_role').map((r) => [r.name, r]));
    expect(Object.keys(roles).sort()).toEqual(['acme_shop_analytics', 'acme_shop_app', 'acme_shop_migrator']);
    for (const r of Object.values(roles)) {
      expect(r).toMatchObject({ login: true, superuser: false, create_database: false, create_role: false, replication: false, bypass_row_level_security: false, idle_in_transaction_session_timeout: 60000, search_path: ['public', 'extensions'] });
      expect(r.password).toMatch(/^\$\{random_password\.Database_[A-Za-z]+Role_Password_[0-9A-F]+\.result\}$/);
    }
    expect(roles.acme_shop_app).toMatchObject({ connection_limit: 20, statement_timeout: 30000 });
    expect(roles.acme_shop_analytics).toMatchObject({ connection_limit: 5, statement_timeout: 300000 });
    expect(roles.acme_shop_migrator).toMatchObject({ connection_limit: 3, statement_timeout: 900000 });
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

  test('applies row-level security with psql from terraform_data, re-run when the file changes', () => {
    const data = t.only('terraform_data');
    const migration = db.node.findChild('RowLevelSecurity') as any;
    expect(data.triggers_replace).toEqual({ sql_sha256: migration.sha256, project: expect.stringMatching(/^\$\{supabase_project\.Database_[0-9A-F]+\.id\}$/) });
    const exec = data.provisioner[0]['local-exec'];
    expect(exec.command).toMatch(/^psql --no-psqlrc --quiet --echo-errors --set=ON_ERROR_STOP=1 --file="\$\{path\.module\}\/assets\/Database_RowLevelSecurity_File_[0-9A-F]+\/[0-9A-F]{32}\/row-level-security\.sql"$/);
    expect(exec.environment).toMatchObject({ PGUSER: 'postgres', PGDATABASE: 'postgres', PGPORT: '5432', PGSSLMODE: 'require', PGPASSWORD: expect.stringMatching(/^\$\{random_password\./) });
    expect(data.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^postgresql_role\./), expect.stringMatching(/^postgresql_grant\./), expect.stringMatching(/^postgresql_extension\./)]));
    expect(db.rowLevelSecuritySql).toContain('CREATE POLICY "orders_own_rows" ON "public"."orders"');
  });

  test('the migration SQL is one transaction: access statements, then row-level security', () => {
    expect(db.migrationSql.match(/^BEGIN;$/gm)).toHaveLength(1);
    expect(db.migrationSql.match(/^COMMIT;$/gm)).toHaveLength(1);
    expect(db.migrationSql.indexOf('CREATE ROLE "acme_shop_app"')).toBeLessThan(db.migrationSql.indexOf('CREATE POLICY "orders_own_rows"'));
    expect(db.migrationSql.startsWith('-- Everything inside Postgres')).toBe(true);
  });

  test('exposes connections only as secret references', () => {
    expect(db.applicationConnection).toMatchObject({ port: 5432, database: 'postgres', username: 'acme_shop_app', sslMode: 'require' });
    expect(SecretValue.isSecretValue(db.applicationConnection.password)).toBe(true);
    const stack = environmentStack(staging());
    const other = new SupabaseDatabase(stack, 'Database', { auth: AUTH, allowedCidrs: CIDRS });
    new TerraformOutput(stack, 'app_url', { value: other.applicationConnection.uri.value, sensitive: true });
    const out = Template.of(stack).json.output.app_url;
    expect(out.sensitive).toBe(true);
    expect(out.value).toMatch(/^postgresql:\/\/acme_shop_app:\$\{urlencode\(random_password\.Database_ApplicationRole_Password_[0-9A-F]+\.result\)\}@db\.\$\{supabase_project\.Database_[0-9A-F]+\.id\}\.supabase\.co:5432\/postgres\?sslmode=require$/);
  });

  test('API keys come from one supabase_apikeys data source, as secrets', () => {
    const stack = environmentStack(staging());
    const other = new SupabaseDatabase(stack, 'Database', { auth: AUTH, allowedCidrs: CIDRS });
    const keys = other.apiKeys();
    other.apiKeys(); // a second call reuses the data source
    new TerraformOutput(stack, 'service_role_key', { value: keys.serviceRoleKey.value, sensitive: true });
    const json = Template.of(stack).json;
    expect(Object.values(json.data.supabase_apikeys)).toEqual([{ project_ref: expect.stringMatching(/^\$\{supabase_project\.Database_[0-9A-F]+\.id\}$/) }]);
    expect(json.output.service_role_key.value).toMatch(/^\$\{data\.supabase_apikeys\.Database_ApiKeys_[0-9A-F]+\.service_role_key\}$/);
  });

  test('the project is the default child and has stable child ids', () => {
    expect(db.node.defaultChild).toBe(db.resource);
    expect(db.node.children.map((c) => c.node.id)).toEqual([
      'Password', 'Resource', 'Settings', 'PostgresProvider', 'ExtensionPgcrypto', 'ExtensionPgStatStatements',
      'MigrationRole', 'ApplicationRole', 'AnalyticsRole', 'MigrationFile', 'RowLevelSecurity',
    ]);
  });

  test('is recognised by its type guard, across copies of the library', () => {
    expect(SupabaseDatabase.isSupabaseDatabase(db)).toBe(true);
    expect(SupabaseDatabase.isSupabaseDatabase({ projectRef: 'x' })).toBe(false);
    expect(SupabaseDatabase.isSupabaseDatabase(null)).toBe(false);
  });
});

describe('SupabaseDatabase options', () => {
  test('production: small instance, prevent_destroy on the project, extensions and schemas, confirmed e-mail sign-up', () => {
    const { t } = synth({ allowedCidrs: CIDRS, schemas: ['public', 'app'] }, production());
    expect(t.only('supabase_project')).toMatchObject({ instance_size: 'small', name: 'acme-shop-production', lifecycle: { prevent_destroy: true } });
    expect(t.resourceList('postgresql_extension').every((e) => e.lifecycle?.prevent_destroy === true)).toBe(true);
    expect(t.only('postgresql_schema').lifecycle).toEqual({ prevent_destroy: true });
    expect(JSON.parse(t.only('supabase_settings').auth)).toMatchObject({ disable_signup: false, mailer_autoconfirm: false });
  });

  test('deletion protection alone also protects (Supabase has no provider-side one); both off unprotects', () => {
    const only = Environment.staging({ project: 'acme-shop', protection: { deletionProtection: true } });
    expect(synth({ allowedCidrs: CIDRS }, only).t.only('supabase_project').lifecycle).toEqual({ prevent_destroy: true });
    const off = Environment.production({ project: 'acme-shop', protection: { deletionProtection: false, preventDestroy: false } });
    expect(synth({ allowedCidrs: CIDRS }, off).t.only('supabase_project').lifecycle).toBeUndefined();
    expect(synth({ allowedCidrs: CIDRS, preventDestroy: false }, production()).t.only('supabase_project').lifecycle).toBeUndefined();
  });

  test('region and size are enum-like classes; of() takes values newer than the library', () => {
    const { t, db } = synth({ allowedCidrs: CIDRS, region: SupabaseRegion.EU_CENTRAL_1, instanceSize: SupabaseInstanceSize.XLARGE2 });
    expect(t.only('supabase_project')).toMatchObject({ region: 'eu-central-1', instance_size: '2xlarge' });
    expect(db.region).toBe(SupabaseRegion.EU_CENTRAL_1);
    expect(SupabaseRegion.of('eu-central-1')).toBe(SupabaseRegion.EU_CENTRAL_1);
    expect(synth({ allowedCidrs: CIDRS, region: SupabaseRegion.of('me-central-1') }).t.only('supabase_project').region).toBe('me-central-1');
    expect(synth({ allowedCidrs: CIDRS, instanceSize: SupabaseInstanceSize.of('64xlarge') }).t.only('supabase_project').instance_size).toBe('64xlarge');
    expect(() => SupabaseRegion.of('Frankfurt')).toThrow('[SupabaseRegion.of] invalid "code": got "Frankfurt"; expected a region code such as "us-east-1"');
    expect(() => SupabaseInstanceSize.of('Huge!')).toThrow('[SupabaseInstanceSize.of] invalid "name": got "Huge!"; expected an instance size name such as "small" or "2xlarge"');
  });

  test('the environment region is the default when Supabase offers it', () => {
    const { t } = synth({ allowedCidrs: CIDRS }, Environment.staging({ project: 'acme-shop', region: 'ap-southeast-2' }));
    expect(t.only('supabase_project').region).toBe('ap-southeast-2');
  });

  test('literal CIDRs are judged by address space and rendered as JSON', () => {
    const { t } = synth({ allowedCidrs: [...CIDRS, '34.120.0.0/16', '2600:1f18::/40'] });
    expect(JSON.parse(t.only('supabase_settings').network)).toEqual({ restrictions: [...CIDRS, '34.120.0.0/16', '2600:1f18::/40'] });
    expect(t.json.variable?.supabase_allowed_cidrs).toBeUndefined();
  });

  test('a password from a sensitive variable gets a length precondition and no random_password', () => {
    const stack = environmentStack(staging());
    new SupabaseDatabase(stack, 'Database', { auth: AUTH, databasePassword: SecretValue.fromVariable(stack, 'supabase_db_password'), allowedCidrs: CIDRS });
    const t = Template.of(stack);
    const project = t.only('supabase_project');
    expect(project.database_password).toBe('${var.supabase_db_password}');
    expect(project.lifecycle.precondition).toEqual([{ condition: '${(length(var.supabase_db_password) >= 16)}', error_message: 'The Supabase database password must have at least 16 characters.' }]);
    expect(t.json.provider.postgresql[0].password).toBe('${var.supabase_db_password}');
    expect(Object.keys(t.resources('random_password')).some((id) => id.startsWith('Database_Password_'))).toBe(false);
  });

  test('poolerHost routes every connection through Supavisor as "<role>.<ref>"', () => {
    const { t, db } = synth({ poolerHost: 'aws-0-us-east-1.pooler.supabase.com', allowedCidrs: CIDRS, rowLevelSecurity: [TENANT] });
    expect(t.json.provider.postgresql[0]).toMatchObject({ host: 'aws-0-us-east-1.pooler.supabase.com', username: expect.stringMatching(/^postgres\.\$\{supabase_project\./) });
    expect(t.only('terraform_data').provisioner[0]['local-exec'].environment.PGHOST).toBe('aws-0-us-east-1.pooler.supabase.com');
    expect(db.analyticsConnection.username).toMatch(/^acme_shop_analytics\./);
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

  test('unsafeAllowAllIps opens the network in staging, and in production only when acknowledged by name', () => {
    expect(JSON.parse(synth({ unsafeAllowAllIps: true }).t.only('supabase_settings').network)).toEqual({ restrictions: ['0.0.0.0/0', '::/0'] });
    expect(() => synth({ unsafeAllowAllIps: true }, production())).toThrow(
      '[test/Database] invalid "unsafeAllowAllIps": got true; expected false in production ("production"), or "unsafeAllowAllIps" listed in "acknowledgeUnsafeInProduction": a database reachable from any address on the internet',
    );
    const { t } = synth({ unsafeAllowAllIps: true, acknowledgeUnsafeInProduction: ['unsafeAllowAllIps'] }, production());
    expect(JSON.parse(t.only('supabase_settings').network)).toEqual({ restrictions: ['0.0.0.0/0', '::/0'] });
  });

  test('SecurityChecks find nothing to report in a default database', () => {
    const stack = environmentStack(production());
    new SupabaseDatabase(stack, 'Database', { auth: AUTH, allowedCidrs: CIDRS, rowLevelSecurity: [TENANT] });
    expect(new SecurityChecks().check(stack)).toEqual([]);
  });

  test('warns when a policy names a role nobody creates', () => {
    const { db } = synth({ allowedCidrs: CIDRS, rowLevelSecurity: [{ ...TENANT, roles: ['authenticated', 'sellers'] }] });
    const warnings = db.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => m.data);
    expect(warnings).toEqual(['[lib:supabase:policy-roles] row-level security names roles this construct does not create and Supabase does not provide: sellers. Create them before the policies are applied.']);
  });

  test('addBackup passes the application schemas and "auth" unless schemas are given', () => {
    const jobs: any[] = [];
    const host = { addScheduledJob: (_id: string, spec: any) => jobs.push(spec) };
    const stack = environmentStack(staging());
    const db = new SupabaseDatabase(stack, 'Database', { auth: AUTH, allowedCidrs: CIDRS, schemas: ['public', 'app'] });
    const destination = {
      bucketName: 'acme-shop-staging-backups',
      region: 'us-east-1',
      prefix: 'postgres/',
      kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/abc',
      accessKeyId: SecretValue.fromVariable(stack, 'k'),
      secretAccessKey: SecretValue.fromVariable(stack, 's'),
    };
    db.addBackup('Backup', { host, destination });
    db.addBackup('Public', { host, destination, schemas: ['public'], jobName: 'public-dump' });
    expect(jobs[0].command).toContain("--schema='public' --schema='app' --schema='auth'");
    expect(jobs[1].command).toContain("--schema='public' --file");
    expect(() => db.addBackup('Typo', { host, destination, schedulee: '0 3 * * *' } as any)).toThrow('[test/Database] invalid "schedulee": got "0 3 * * *"; expected no such property: the properties here are');
  });
});

describe('SupabaseDatabase.fromDatabaseAttributes', () => {
  test('imports a database by project reference and connection; API keys by reference', () => {
    const stack = environmentStack(staging());
    const source = new SupabaseDatabase(stack, 'Database', { auth: AUTH, allowedCidrs: CIDRS });
    const imported = SupabaseDatabase.fromDatabaseAttributes(stack, 'Shared', { projectRef: 'abcdefghijklmnopqrst', applicationConnection: source.applicationConnection });
    expect(SupabaseDatabase.isSupabaseDatabase(imported)).toBe(true);
    expect(imported.apiUrl).toBe('https://abcdefghijklmnopqrst.supabase.co');
    new TerraformOutput(stack, 'anon', { value: imported.apiKeys().anonKey.value, sensitive: true });
    const json = Template.of(stack).json;
    expect(Object.values(json.data.supabase_apikeys)).toEqual([{ project_ref: 'abcdefghijklmnopqrst' }]);
  });

  test('checks the attributes', () => {
    const stack = environmentStack(staging());
    expect(() => SupabaseDatabase.fromDatabaseAttributes(stack, 'Bad', { projectRef: 'https://x.supabase.co', applicationConnection: undefined as any })).toThrow(
      '[test/Bad] invalid "projectRef": got "https://x.supabase.co"; expected a Supabase project reference (20 lowercase letters and digits) or a token',
    );
    expect(() => SupabaseDatabase.fromDatabaseAttributes(stack, 'Bad2', { projectRef: 'abcdefghijklmnopqrst', applicationConnection: { host: 'h' } as any })).toThrow(
      '[test/Bad2] invalid "applicationConnection.port": got undefined; expected a whole number from 1 to 65535',
    );
  });
});

describe('SupabaseDatabase collisions', () => {
  test('two databases of the app creating one project name fail synth, each naming the other', () => {
    const app = Testing.app();
    const a = new EnvironmentStack(app, 'staging', { environment: staging() });
    const b = new EnvironmentStack(app, 'production', { environment: production() });
    new SupabaseDatabase(a, 'Database', { auth: AUTH, allowedCidrs: CIDRS, projectName: 'acme-shop' });
    new SupabaseDatabase(b, 'Database', { auth: AUTH, allowedCidrs: CIDRS, projectName: 'acme-shop' });
    expect(() => Testing.synth(a, true)).toThrow(
      '[staging/Database] invalid "projectName": got "acme-shop"; expected a Supabase project name used by one database of the app only: production/Database creates a project "acme-shop" too (set "projectName" on one of them)',
    );
    expect(() => Testing.synth(b, true)).toThrow('[production/Database] invalid "projectName": got "acme-shop"; expected a Supabase project name used by one database of the app only: staging/Database creates a project "acme-shop" too');
  });

  test('the same name in two literal organizations is fine', () => {
    const app = new App();
    const stack = new EnvironmentStack(app, 'staging', { environment: staging() });
    new SupabaseDatabase(stack, 'A', { auth: AUTH, allowedCidrs: CIDRS, projectName: 'shop', organizationSlug: 'acme' });
    new SupabaseDatabase(stack, 'B', { auth: AUTH, allowedCidrs: CIDRS, projectName: 'shop', organizationSlug: 'acme-labs' });
    expect(() => Testing.synth(stack, true)).not.toThrow();
  });
});

describe('SupabaseDatabase literal escaping', () => {
  test('free text containing Terraform template sequences comes out escaped', () => {
    const { t } = synth({
      allowedCidrs: CIDRS,
      auth: { siteUrl: 'https://app.example.com/${var.ghcr_token}', redirectUrls: ['https://app.example.com/%{endif}/**'] },
    });
    const auth = t.only('supabase_settings').auth as string;
    expect(auth).toContain('"site_url":"https://app.example.com/$${var.ghcr_token}"');
    expect(auth).toContain('"uri_allow_list":"https://app.example.com/%%{endif}/**"');
    expect(auth).not.toMatch(/(^|[^$])\$\{var\./);
  });
});
