import { spawn, spawnSync } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { Client } from 'pg';
import { Environment, EnvironmentStack, RowLevelSecurity, RowLevelSecurityPolicy, SecretValue, SqlMigration, SupabaseDatabase } from '../../lib';
import { describeWithPostgres, PostgresServer, startPostgres } from '../support/postgres';
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

const ENV = () => Environment.staging({ project: 'acme-shop' });
const AUTH = { siteUrl: 'https://app.example.com' };
const CIDRS = ['198.51.100.0/24'];
const outdirs: string[] = [];
afterAll(() => outdirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

function synthesize(policies: RowLevelSecurityPolicy[]): Synthesized {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-synth-'));
  outdirs.push(outdir);
  const app = new App({ outdir });
  const stack = new EnvironmentStack(app, 'staging', { environment: ENV() });
  const db = new SupabaseDatabase(stack, 'Database', { auth: AUTH, extensions: ['pgcrypto'], rowLevelSecurity: policies, allowedCidrs: CIDRS });
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

const POLICIES = [RowLevelSecurity.ownRowsOnly({ table: 'campaigns', ownerColumn: 'seller_id', roles: ['acme_shop_app'] })];

describeWithPostgres('SqlMigration applied by the synthesized local-exec', () => {
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

  test('the stack contains the psql scripts: row-level security and the full migration', () => {
    const rls = good.command.match(/\$\{path\.module\}\/(.+?)"/)![1];
    const migration = good.db.node.findChild('RowLevelSecurity') as SqlMigration;
    expect(rls).toBe(migration.filePath);
    expect(fs.readFileSync(path.join(good.stackDir, rls), 'utf8')).toBe(migration.fileContent);
    expect(migration.fileContent).toBe([
      '\\set ON_ERROR_STOP on',
      '-- row-level-security.sql: a psql script (psql -f row-level-security.sql). It stops at the first error',
      '-- (ON_ERROR_STOP, set above) and runs in one transaction: on error nothing of it commits.',
      good.db.rowLevelSecuritySql,
    ].join('\n'));
    const file = good.db.node.findChild('MigrationFile') as SqlMigration;
    expect(fs.readFileSync(path.join(good.stackDir, file.filePath), 'utf8')).toContain(good.db.migrationSql);
    expect(migration.sha256).toBe(crypto.createHash('sha256').update(migration.fileContent).digest('hex'));
  });

  test('psql over TLS applies the policies; running it again changes nothing', async () => {
    const first = runLocalExec(good, server);
    expect({ status: first.status, stderr: first.stderr }).toEqual({ status: 0, stderr: '' });
    const policies = async () => (await admin.query("SELECT policyname, cmd, qual, with_check FROM pg_policies WHERE tablename = 'campaigns'")).rows;
    const applied = await policies();
    expect(applied).toEqual([{ policyname: 'campaigns_own_rows', cmd: 'ALL', qual: '(seller_id = ( SELECT auth.uid() AS uid))', with_check: '(seller_id = ( SELECT auth.uid() AS uid))' }]);
    expect(runLocalExec(good, server).status).toBe(0);
    expect(await policies()).toEqual(applied);
    expect(good.environment.PGSSLMODE).toBe('require');
    expect(spawnSync('psql', ['--no-psqlrc', '-Atc', 'SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()'], { env: { ...process.env, ...server.env(), PGSSLMODE: 'require' }, encoding: 'utf8' }).stdout.trim()).toBe('t');
  });

  test('a bad expression fails the apply with the server\'s error, its line, and no change', async () => {
    const before = (await admin.query("SELECT policyname, qual FROM pg_policies WHERE tablename = 'campaigns'")).rows;
    const broken = synthesize([RowLevelSecurity.ownRowsOnly({ table: 'campaigns', roles: ['acme_shop_app'], ownerColumn: 'sellr_id' })]);
    const result = runLocalExec(broken, server);
    expect(result.status).toBe(3); // psql: ON_ERROR_STOP hit an error in the script
    expect(result.stderr).toMatch(/^psql:assets\/Database_RowLevelSecurity_File_[0-9A-F]+\/[0-9A-F]{32}\/row-level-security\.sql:\d+: ERROR: {2}column "sellr_id" does not exist$/m);
    expect(result.stderr).toContain('CREATE POLICY "campaigns_own_rows" ON "public"."campaigns"');
    expect((await admin.query("SELECT policyname, qual FROM pg_policies WHERE tablename = 'campaigns'")).rows).toEqual(before);
  });

  test('a missing table fails the apply, naming the table', () => {
    const missing = synthesize([RowLevelSecurity.ownRowsOnly({ table: 'orders', ownerColumn: 'seller_id', roles: ['acme_shop_app'] })]);
    const result = runLocalExec(missing, server);
    expect(result.status).toBe(3);
    expect(result.stderr).toContain('ERROR:  relation "public.orders" does not exist');
  });

  test('user SQL without a transaction is wrapped in one; a last statement without ";" does not swallow the COMMIT', async () => {
    const stack = environmentStack(ENV());
    const m = new SqlMigration(stack, 'Seed', { sql: 'CREATE TABLE public.seeded (id int);\nINSERT INTO public.seeded VALUES (1)', fileName: 'seed.sql', apply: false });
    expect(m.fileContent).toBe([
      '\\set ON_ERROR_STOP on',
      '-- seed.sql: a psql script (psql -f seed.sql). It stops at the first error',
      '-- (ON_ERROR_STOP, set above) and runs in one transaction: on error nothing of it commits.',
      'SET standard_conforming_strings = on;',
      'BEGIN;',
      'CREATE TABLE public.seeded (id int);',
      'INSERT INTO public.seeded VALUES (1)',
      ';',
      'COMMIT;',
      '',
    ].join('\n'));
    const file = path.join(outdirs[0], 'seed.sql');
    fs.writeFileSync(file, m.fileContent);
    const run = spawnSync('psql', ['-f', file], { env: { ...process.env, ...server.env(), PSQLRC: '/dev/null' }, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect((await admin.query('SELECT count(*)::int AS n FROM public.seeded')).rows[0].n).toBe(1);
  });
});

describe('SqlMigration on its own', () => {
  test('apply: false writes only the file', () => {
    const stack = environmentStack(ENV());
    const m = new SqlMigration(stack, 'Seed', { sql: 'SELECT 1;', fileName: 'seed.sql', apply: false });
    expect(m.resource).toBeUndefined();
    expect(m.sha256).toBe(crypto.createHash('sha256').update(m.fileContent).digest('hex'));
    expect(Template.of(stack).count('terraform_data')).toBe(0);
  });

  test('nothing is written while the app is built, nor by Testing.synth', () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-tmp-'));
    const previous = process.env.TMPDIR;
    process.env.TMPDIR = tmp;
    try {
      const stack = environmentStack(ENV());
      new SqlMigration(stack, 'Seed', { sql: 'SELECT 1;', fileName: 'seed.sql', apply: false });
      Testing.synth(stack);
      expect(fs.readdirSync(tmp)).toEqual([]);
    } finally {
      process.env.TMPDIR = previous;
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  const stack = environmentStack(ENV());
  const bad: Array<[string, any, string]> = [
    ['a file name with a path', { sql: 'SELECT 1;', fileName: '../x.sql', apply: false }, '[test/A] invalid "fileName": got "../x.sql"; expected a file name of letters, digits, ".", "_" or "-" ending in ".sql"'],
    ['empty SQL', { sql: '  ', fileName: 'b.sql', apply: false }, '[test/A] invalid "sql": got "  "; expected non-empty SQL'],
    ['apply without a connection', { sql: 'SELECT 1;', fileName: 'c.sql' }, '[test/A] invalid "connection": got undefined; expected a PostgresConnection to apply the SQL with (or apply: false)'],
    ['SQL that does not parse', { sql: 'SELEC 1;', fileName: 'd.sql', apply: false }, '[test/A] invalid "sql": got "SELEC 1;"; expected SQL that PostgreSQL can parse (it reports: syntax error at or near "SELEC", on line 1)'],
    ['a psql meta-command', { sql: 'SELECT 1;\n\\! rm -rf /', fileName: 'e.sql', apply: false }, '[test/A] invalid "sql": got "SELECT 1;\\n\\\\! rm -rf /"; expected SQL that PostgreSQL can parse (it reports: syntax error at or near "\\", on line 2); psql meta-commands such as "\\set" or "\\i" are not allowed'],
    ['a COMMIT in the middle', { sql: 'BEGIN; SELECT 1; COMMIT; DROP TABLE t;', fileName: 'f.sql', apply: false }, '[test/A] invalid "sql": got "BEGIN; SELECT 1; COMMIT; DROP TABLE t;"; expected SQL without transaction control (the file runs it in one transaction), or exactly one BEGIN ... COMMIT around every statement but leading SETs'],
    ['a ROLLBACK', { sql: 'SELECT 1; ROLLBACK;', fileName: 'g.sql', apply: false }, '[test/A] invalid "sql": got "SELECT 1; ROLLBACK;"; expected SQL without transaction control'],
    ['VACUUM', { sql: 'VACUUM t;', fileName: 'h.sql', apply: false }, '[test/A] invalid "sql": got "VACUUM t"; expected statements that can run inside a transaction (statement 1, VacuumStmt, cannot: PostgreSQL refuses it in a transaction block, and the file is one transaction)'],
    ['CREATE INDEX CONCURRENTLY', { sql: 'CREATE INDEX CONCURRENTLY i ON t (a);', fileName: 'i.sql', apply: false }, '[test/A] invalid "sql": got "CREATE INDEX CONCURRENTLY i ON t (a)"; expected statements that can run inside a transaction (statement 1, IndexStmt'],
    ['a literal secret in the SQL', { sql: `ALTER ROLE app PASSWORD 'sk_live_${'a'.repeat(24)}';`, fileName: 'j.sql', apply: false }, '[test/A] invalid "sql": got "<SQL redacted>"; expected SQL without literal credentials (it contains a Stripe secret key)'],
    ['apply as a string', { sql: 'SELECT 1;', fileName: 'k.sql', apply: 'false' }, '[test/A] invalid "apply": got "false"; expected true or false (a boolean, not a string)'],
    ['a secret-looking trigger', { sql: 'SELECT 1;', fileName: 'l.sql', apply: false, triggers: { api_token: 'abc' } }, '[test/A] invalid "triggers.api_token": got "<literal string redacted>"; expected a SecretValue'],
    ['a trigger named like the hash', { sql: 'SELECT 1;', fileName: 'm.sql', apply: false, triggers: { sql_sha256: 'x' } }, '[test/A] invalid "triggers.sql_sha256": got "x"; expected another key: "sql_sha256" is the file\'s own hash'],
    ['dependsOn that is not a resource', { sql: 'SELECT 1;', fileName: 'n.sql', apply: false, dependsOn: ['x'] }, '[test/A] invalid "dependsOn[0]": got "x"; expected a Terraform resource or other dependable (it has an "fqn")'],
    ['a connection with a plain-string password', { sql: 'SELECT 1;', fileName: 'o.sql', connection: { host: 'db', port: 5432, database: 'postgres', username: 'u', password: 'hunter2', sslMode: 'require', uri: 'x' } },
      '[test/A] invalid "connection.password": got "<string redacted>"; expected a SecretValue'],
    ['a connection without TLS', { sql: 'SELECT 1;', fileName: 'p.sql', connection: { host: 'db', port: 5432, database: 'postgres', username: 'u', password: SecretValue.fromVariable(stack, 'pw'), sslMode: 'disable', uri: SecretValue.fromVariable(stack, 'uri') } },
      '[test/A] invalid "connection.sslMode": got "disable"; expected one of "require", "verify-ca", "verify-full"'],
    ['a misspelt prop', { sql: 'SELECT 1;', fileName: 'q.sql', apply: false, trigers: {} }, '[test/A] invalid "trigers": got {}; expected no such property'],
  ];
  test.each(bad)('rejects %s', (_what, props, message) => {
    expect(() => new SqlMigration(environmentStack(ENV()), 'A', props)).toThrow(message);
  });

  test('trigger values are plain text: Terraform template sequences in them come out escaped', () => {
    const s = environmentStack(ENV());
    new SqlMigration(s, 'Seed', { sql: 'SELECT 1;', fileName: 'seed.sql', connection: SupabaseDatabase.fromDatabaseAttributes(s, 'Db', { projectRef: 'abcdefghijklmnopqrst', applicationConnection: new SupabaseDatabase(s, 'Database', { auth: AUTH, allowedCidrs: CIDRS }).applicationConnection }).applicationConnection, triggers: { version: '${var.ghcr_token}-%{if x}' } });
    expect(Template.of(s).only('terraform_data').triggers_replace.version).toBe('$${var.ghcr_token}-%%{if x}');
  });

  test('extra triggers and dependencies are rendered', () => {
    const s = environmentStack(ENV());
    const db = new SupabaseDatabase(s, 'Database', { auth: AUTH, allowedCidrs: CIDRS });
    const m = new SqlMigration(s, 'Seed', { sql: 'SELECT 1;', fileName: 'seed.sql', connection: { ...db.analyticsConnection, password: SecretValue.fromVariable(s, 'seed_password') }, triggers: { version: '2' }, dependsOn: [db.resource] });
    const data = Template.of(s).only('terraform_data');
    expect(data.triggers_replace).toEqual({ sql_sha256: m.sha256, version: '2' });
    expect(data.depends_on).toEqual([expect.stringMatching(/^supabase_project\./)]);
    expect(data.provisioner[0]['local-exec'].environment).toMatchObject({ PGUSER: 'acme_shop_analytics', PGPASSWORD: '${var.seed_password}', PGAPPNAME: 'cdktf-seed' });
  });
});

describe('SqlMigration in concurrent synths', () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-parallel-'));
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A child process that synthesizes `runs` apps, each with 3 SQL files of known content, into its own output directories. */
  const script = (worker: number, runs: number) => `
    require('ts-node').register({ transpileOnly: true, compilerOptions: { module: 'commonjs' } });
    const { App } = require('cdktf');
    const lib = {
      ...require(${JSON.stringify(path.resolve(__dirname, '../../lib/supabase/sql-migration.ts'))}),
      ...require(${JSON.stringify(path.resolve(__dirname, '../../lib/stack/environment-stack.ts'))}),
      ...require(${JSON.stringify(path.resolve(__dirname, '../../lib/environment/environment.ts'))}),
    };
    for (let run = 0; run < ${runs}; run++) {
      const app = new App({ outdir: ${JSON.stringify(root)} + '/w${worker}-r' + run });
      const stack = new lib.EnvironmentStack(app, 'staging', { environment: lib.Environment.staging({ project: 'acme-shop' }) });
      // Same file names everywhere; contents per worker and run, and one content shared by all.
      new lib.SqlMigration(stack, 'Shared', { sql: 'SELECT 1;', fileName: 'migration.sql', apply: false });
      new lib.SqlMigration(stack, 'Own', { sql: 'SELECT ${worker} AS worker, ' + run + ' AS run, repeat(\\'x\\', 200000) AS pad;', fileName: 'migration.sql', apply: false });
      new lib.SqlMigration(stack, 'Big', { sql: 'SELECT ' + ${worker} + ' * ' + run + ', \\'' + 'y'.repeat(400000) + '\\';', fileName: 'big.sql', apply: false });
      app.synth();
    }
  `;

  test('4 parallel synth processes x 5 apps: every one of the 60 files is exactly its own content, nothing written outside the outputs', async () => {
    const tmp = fs.mkdtempSync(path.join(root, 'tmp-'));
    const runs = 5;
    const results = await Promise.all([0, 1, 2, 3].map((worker) => new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['-e', script(worker, runs)], { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, TMPDIR: tmp, DISABLE_V8_COMPILE_CACHE: '1' } });
      let stderr = '';
      child.stderr.on('data', (d) => { stderr += d; });
      child.on('close', (code) => resolve({ code, stderr }));
    })));
    expect(results).toEqual([0, 1, 2, 3].map(() => ({ code: 0, stderr: '' })));
    let checked = 0;
    for (const worker of [0, 1, 2, 3]) {
      for (let run = 0; run < runs; run++) {
        const assets = path.join(root, `w${worker}-r${run}`, 'stacks', 'staging', 'assets');
        const read = (prefix: string, name: string) => {
          const dir = fs.readdirSync(assets).find((d) => d.startsWith(prefix))!;
          const [hash] = fs.readdirSync(path.join(assets, dir));
          return fs.readFileSync(path.join(assets, dir, hash, name), 'utf8');
        };
        expect(read('Shared_File_', 'migration.sql')).toContain('\nBEGIN;\nSELECT 1;\nCOMMIT;\n');
        expect(read('Own_File_', 'migration.sql')).toContain(`\nSELECT ${worker} AS worker, ${run} AS run, repeat('x', 200000) AS pad;\nCOMMIT;\n`);
        expect(read('Big_File_', 'big.sql')).toContain(`SELECT ${worker} * ${run}, '${'y'.repeat(400000)}';\nCOMMIT;\n`);
        checked += 3;
      }
    }
    expect(checked).toBe(60);
    // The library wrote nothing into the temp directory of the processes.
    expect(fs.readdirSync(tmp)).toEqual([]);
  }, 240_000);
});
