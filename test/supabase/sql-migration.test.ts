import { spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { Client } from 'pg';
import { Environment, EnvironmentStack, RowLevelSecurity, RowLevelSecurityPolicy, SecretValue, SqlMigration, SupabaseDatabase } from '../../lib';
import { PostgresServer, startPostgres } from '../support/postgres';
import { Template, environmentStack } from '../support/template';

/**
 * The exact `psql` command Terraform's local-exec runs, taken from the
 * synthesized JSON and run against a real PostgreSQL server with TLS
 * (`sslmode=require` as synthesized); only the Terraform references (host, port,
 * user, password) are replaced by the test server's.
 */

interface Synthesized {
  readonly db: SupabaseDatabase;
  readonly stackDir: string;
  readonly command: string;
  readonly environment: { [name: string]: string };
}

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function synthesize(policies: RowLevelSecurityPolicy[]): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-synth-'));
  outdirs.push(outdir);
  const app = new App({ outdir });
  const stack = new EnvironmentStack(app, 'staging', { environment: Environment.staging({ project: 'livestreamsell' }) });
  const db = new SupabaseDatabase(stack, 'Database', { auth: { siteUrl: 'https://app.livestreamsell.ai' }, extensions: ['pgcrypto'], rowLevelSecurity: policies, allowedCidrs: ['203.0.113.0/24'] });
  app.synth();
  const stackDir = path.join(outdir, 'stacks', 'staging');
  const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
  const exec = (Object.values(json.resource.terraform_data)[0] as any).provisioner[0]['local-exec'];
  return { db, stackDir, command: exec.command, environment: exec.environment };
}

/** Runs the provisioner's command as Terraform would, in the stack directory. */
function runLocalExec(s: Synthesized, server: PostgresServer) {
  const command = s.command.replace('${path.module}', '.');
  expect(command).not.toContain('${');
  const env = { ...process.env, ...s.environment, ...server.env(), PGPASSWORD: 'unused-with-trust-auth' };
  return spawnSync('/bin/sh', ['-c', command], { cwd: s.stackDir, env, encoding: 'utf8' });
}

const POLICIES = [RowLevelSecurity.sellerOwnsRows({ table: 'campaigns', roles: ['livestreamsell_app'] })];

describe('SqlMigration applied by the synthesized local-exec', () => {
  let server: PostgresServer;
  let admin: Client;
  const good = synthesize(POLICIES);

  beforeAll(async () => {
    server = await startPostgres({ ssl: true });
    admin = await server.connect();
    await admin.query(`CREATE ROLE authenticated NOLOGIN; CREATE SCHEMA auth;
      CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;`);
    await admin.query(good.db.accessSql);
    await admin.query('CREATE TABLE public.campaigns (id int PRIMARY KEY, seller_id uuid NOT NULL)');
  });

  afterAll(async () => {
    await admin?.end();
    server?.stop();
  });

  test('the stack contains the SQL files: row-level security and the full migration', () => {
    const rls = good.command.match(/\$\{path\.module\}\/(.+?)"/)![1];
    expect(fs.readFileSync(path.join(good.stackDir, rls), 'utf8')).toBe(good.db.rowLevelSecuritySql);
    const assets = path.join(good.stackDir, 'assets');
    const migrationDir = fs.readdirSync(assets).find((d) => d.startsWith('Database_MigrationFile_'))!;
    const [hash] = fs.readdirSync(path.join(assets, migrationDir));
    expect(fs.readFileSync(path.join(assets, migrationDir, hash, 'database.sql'), 'utf8')).toBe(good.db.migrationSql);
  });

  test('psql over TLS applies the policies; running it again changes nothing', async () => {
    const first = runLocalExec(good, server);
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
    const policies = async () => (await admin.query("SELECT policyname, cmd, qual, with_check FROM pg_policies WHERE tablename = 'campaigns'")).rows;
    const applied = await policies();
    expect(applied).toEqual([{ policyname: 'campaigns_seller_owns_rows', cmd: 'ALL', qual: '(seller_id = ( SELECT auth.uid() AS uid))', with_check: '(seller_id = ( SELECT auth.uid() AS uid))' }]);
    expect(runLocalExec(good, server).status).toBe(0);
    expect(await policies()).toEqual(applied);
    // It connected with the synthesized PGSSLMODE=require, which this server satisfies:
    expect(good.environment.PGSSLMODE).toBe('require');
    expect(spawnSync('psql', ['--no-psqlrc', '-Atc', 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'], { env: { ...process.env, ...server.env(), PGSSLMODE: 'require' }, encoding: 'utf8' }).stdout.trim()).toBe('t');
  });

  test('a bad expression fails the apply with the server\'s error, its line, and no change', async () => {
    const before = (await admin.query("SELECT policyname, qual FROM pg_policies WHERE tablename = 'campaigns'")).rows;
    const broken = synthesize([RowLevelSecurity.sellerOwnsRows({ table: 'campaigns', roles: ['livestreamsell_app'], column: 'sellr_id' })]);
    const result = runLocalExec(broken, server);
    expect(result.status).toBe(3); // psql: ON_ERROR_STOP hit an error in the script
    expect(result.stderr).toMatch(/^psql:assets\/Database_RowLevelSecurity_File_[0-9A-F]+\/[0-9A-F]+\/row-level-security\.sql:\d+: ERROR: {2}column "sellr_id" does not exist$/m);
    expect(result.stderr).toContain('CREATE POLICY "campaigns_seller_owns_rows" ON "public"."campaigns"');
    expect((await admin.query("SELECT policyname, qual FROM pg_policies WHERE tablename = 'campaigns'")).rows).toEqual(before);
  });

  test('a missing table fails the apply, naming the table', () => {
    const missing = synthesize([RowLevelSecurity.sellerOwnsRows({ table: 'orders', roles: ['livestreamsell_app'] })]);
    const result = runLocalExec(missing, server);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('ERROR:  relation "public.orders" does not exist');
  });
});

describe('SqlMigration on its own', () => {
  test('apply: false writes only the file', () => {
    const stack = environmentStack();
    const m = new SqlMigration(stack, 'Seed', { sql: 'SELECT 1;', fileName: 'seed.sql', apply: false });
    expect(m.resource).toBeUndefined();
    expect(m.sha256).toBe(crypto.createHash('sha256').update('SELECT 1;').digest('hex'));
    expect(Template.of(stack).count('terraform_data')).toBe(0);
  });

  test('rejects a bad file name, empty SQL, and apply without a connection', () => {
    const stack = environmentStack();
    expect(() => new SqlMigration(stack, 'A', { sql: 'SELECT 1;', fileName: '../x.sql', apply: false })).toThrow(
      '[test/A] invalid "fileName": got "../x.sql"; expected a file name of letters, digits, ".", "_" or "-" ending in ".sql"',
    );
    expect(() => new SqlMigration(stack, 'B', { sql: '  ', fileName: 'b.sql', apply: false })).toThrow('[test/B] invalid "sql": got "  "; expected non-empty SQL');
    expect(() => new SqlMigration(stack, 'C', { sql: 'SELECT 1;', fileName: 'c.sql' })).toThrow(
      '[test/C] invalid "connection": got undefined; expected a PostgresConnection to apply the SQL with (or apply: false)',
    );
  });

  test('extra triggers and dependencies are rendered', () => {
    const app = Testing.app();
    const stack = new EnvironmentStack(app, 'test', { environment: Environment.staging({ project: 'livestreamsell' }) });
    const db = new SupabaseDatabase(stack, 'Database', { auth: { siteUrl: 'https://app.livestreamsell.ai' }, allowedCidrs: ['203.0.113.0/24'] });
    new SqlMigration(stack, 'Seed', { sql: 'SELECT 1;', fileName: 'seed.sql', connection: { ...db.analyticsConnection, password: SecretValue.fromVariable(stack, 'seed_password') }, triggers: { version: '2' }, dependsOn: [db.resource] });
    const data = Template.of(stack).only('terraform_data');
    expect(data.triggers_replace).toEqual({ sql_sha256: crypto.createHash('sha256').update('SELECT 1;').digest('hex'), version: '2' });
    expect(data.depends_on).toEqual([expect.stringMatching(/^supabase_project\./)]);
    expect(data.provisioner[0]['local-exec'].environment).toMatchObject({ PGUSER: 'livestreamsell_analytics', PGPASSWORD: '${var.seed_password}', PGAPPNAME: 'cdktf-seed' });
  });
});
