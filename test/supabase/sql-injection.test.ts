import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing, TerraformStack } from 'cdktf';
import { Client } from 'pg';
import { Environment, EnvironmentStack, RowLevelSecurity, RowLevelSecurityPolicy, SupabaseDatabase } from '../../lib';
import { ownerComparison } from '../../lib/supabase/private/sql';
import { SqlScript } from '../../lib/supabase/private/sql-script';
import { describeWithPostgres, PostgresServer, startPostgres } from '../support/postgres';

/**
 * Tenant isolation under hostile SQL, proved on a real PostgreSQL with the
 * real `psql`: every hostile text is refused at synth by PostgreSQL's own parser,
 * and for each one a control shows that the attack is real (splicing the text
 * the way a naive renderer would lets a seller read every row or runs an
 * injected statement). The emitted files are run with plain `psql -f` (no
 * flags, no psqlrc): they stop at the first error and commit nothing.
 */

const SELLER_A = '11111111-1111-1111-1111-111111111111';
const SELLER_B = '22222222-2222-2222-2222-222222222222';
const ENV = () => Environment.staging({ project: 'acme-shop' });

const SETUP = `
  CREATE SCHEMA auth;
  CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$ SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid $$;
  GRANT USAGE ON SCHEMA auth TO authenticated;
  CREATE TABLE public.campaigns (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, seller_id uuid NOT NULL, name text NOT NULL);
  GRANT SELECT, INSERT, UPDATE, DELETE ON public.campaigns TO authenticated;
  INSERT INTO public.campaigns (seller_id, name) VALUES ('${SELLER_A}', 'a1'), ('${SELLER_A}', 'a2'), ('${SELLER_B}', 'b1');
  ALTER TABLE public.campaigns ENABLE ROW LEVEL SECURITY;
  CREATE POLICY tenant ON public.campaigns TO authenticated USING (seller_id = (select auth.uid()));
`;

// Every block runs on the server: skipped (and reported once) without PostgreSQL.
describeWithPostgres('hostile SQL on a real PostgreSQL', () => {
  let server: PostgresServer;
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-inject-'));
  let databases = 0;

  beforeAll(async () => {
    server = await startPostgres();
    const c = await server.connect();
    await c.query('CREATE ROLE authenticated NOLOGIN');
    await c.end();
  });
  afterAll(() => {
    server?.stop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** A fresh database with the Supabase stand-ins, a seller table and its tenant policy. */
  async function freshDatabase(): Promise<string> {
    const name = await server.createDatabase(`inject_${++databases}`);
    const c = await server.connect(server.superuser, name);
    try {
      await c.query(SETUP);
    } finally {
      await c.end();
    }
    return name;
  }

  async function query<T = any>(database: string, sql: string): Promise<T[]> {
    const c: Client = await server.connect(server.superuser, database);
    try {
      return (await c.query(sql)).rows;
    } finally {
      await c.end();
    }
  }

  /** The campaign names seller A sees through the API role. */
  async function seenBySellerA(database: string): Promise<string[]> {
    const c: Client = await server.connect(server.superuser, database);
    try {
      await c.query('BEGIN');
      await c.query('SET LOCAL ROLE authenticated');
      await c.query("SELECT set_config('request.jwt.claim.sub', $1, true)", [SELLER_A]);
      const rows = (await c.query('SELECT name FROM public.campaigns ORDER BY name')).rows.map((r) => r.name);
      await c.query('ROLLBACK');
      return rows;
    } finally {
      await c.end();
    }
  }

  async function tableExists(database: string, table: string): Promise<boolean> {
    return (await query(database, `SELECT to_regclass('public.${table}') IS NOT NULL AS e`))[0].e;
  }

  /** Runs `sql` as a file with plain `psql -f` (no flags; psqlrc disabled so the user's cannot help). */
  function psqlFile(database: string, sql: string) {
    const file = path.join(work, `f${Math.random().toString(36).slice(2)}.sql`);
    fs.writeFileSync(file, sql);
    return spawnSync(path.join(server.binDir, 'psql'), ['-f', file], { env: { ...process.env, ...server.env(server.superuser, database), PSQLRC: '/dev/null' }, encoding: 'utf8' });
  }

  /** What a renderer that splices without parsing or parentheses would write. */
  function naivePolicy(using: string): string {
    return `BEGIN;\nDROP POLICY tenant ON public.campaigns;\nCREATE POLICY tenant ON public.campaigns TO authenticated USING (${using});\nCOMMIT;\n`;
  }

  function renderPolicies(policies: RowLevelSecurityPolicy[]): SupabaseDatabase {
    const stack = new EnvironmentStack(Testing.app(), 'test', { environment: ENV() });
    return new SupabaseDatabase(stack, 'Database', { auth: { siteUrl: 'https://app.example.com' }, allowedCidrs: ['198.51.100.0/24'], extensions: [], rowLevelSecurity: policies });
  }

  const tenantPolicy = (using: string): RowLevelSecurityPolicy => ({ table: 'campaigns', name: 'tenant', roles: ['authenticated'], using });

  describe('an owner id of "(select auth.uid()) OR true"', () => {
    const hostile = '(select auth.uid()) OR true';

    test('is refused at synth', () => {
      expect(() => RowLevelSecurity.ownRowsOnly({ table: 'campaigns', ownerColumn: 'seller_id', roles: ['authenticated'], ownerId: hostile })).toThrow(
        '[RowLevelSecurity.ownRowsOnly] invalid "ownerId": got "(select auth.uid()) OR true"; expected the current owner\'s id as one SQL value',
      );
    });

    test('parenthesised as the library composes it, PostgreSQL refuses the policy and the tenant rule stays', async () => {
      const db = await freshDatabase();
      const result = psqlFile(db, `\\set ON_ERROR_STOP on\n${naivePolicy(ownerComparison('seller_id', hostile))}`);
      expect(result.status).toBe(3);
      expect(result.stderr).toContain('ERROR:  argument of OR must be type boolean, not type uuid');
      expect(await seenBySellerA(db)).toEqual(['a1', 'a2']);
    });

    test('control: spliced without parentheses, seller A reads seller B\'s rows', async () => {
      const db = await freshDatabase();
      expect(psqlFile(db, naivePolicy(`"seller_id" = ${hostile}`)).status).toBe(0);
      expect(await seenBySellerA(db)).toEqual(['a1', 'a2', 'b1']);
    });
  });

  /** [what, hostile USING text, marker table the injection creates]. */
  const HOSTILE: Array<[string, string, string]> = [
    ['a ";" ending the statement early', 'true); CREATE TABLE public.pwned_semicolon (); SELECT (true', 'pwned_semicolon'],
    ['a comment swallowing the rest', 'true); CREATE TABLE public.pwned_comment (); --', 'pwned_comment'],
    ['a dollar quote a lexer can misread', 'x$q$) ; ROLLBACK; CREATE TABLE public.pwned_dollar (); SELECT ($q$', 'pwned_dollar'],
    ['unbalanced parentheses', 'true)) ; ROLLBACK; CREATE TABLE public.pwned_paren (); SELECT ((true', 'pwned_paren'],
    ['multiple statements with their own COMMIT', 'true); COMMIT; CREATE TABLE public.pwned_multi (); BEGIN; SELECT (true', 'pwned_multi'],
  ];

  describe.each(HOSTILE)('a USING expression with %s', (_what, using, marker) => {
    test('is refused at synth by PostgreSQL\'s parser', () => {
      expect(() => renderPolicies([tenantPolicy(using)])).toThrow(/^\[test\/Database\] invalid "rowLevelSecurity\[0\]\.using": got .*; expected one SQL expression, as PostgreSQL's parser reads it \(/);
    });

    test('control: spliced naively and run with plain psql -f, the injected statement runs', async () => {
      const db = await freshDatabase();
      psqlFile(db, naivePolicy(using));
      expect(await tableExists(db, marker)).toBe(true);
    });
  });

  describe('expressions the parser reads as one expression', () => {
    test('comments and dollar-quoted strings inside are inert: nothing injected runs, isolation holds', async () => {
      const db = await freshDatabase();
      const database = renderPolicies([
        tenantPolicy('"seller_id" = (select auth.uid()) /* ); CREATE TABLE public.pwned_c (); -- */'),
        { ...tenantPolicy('"seller_id" = (select auth.uid()) AND $x$ ); CREATE TABLE public.pwned_d (); $x$ IS NOT NULL'), name: 'tenant 2' },
      ]);
      const result = psqlFile(db, `\\set ON_ERROR_STOP on\n${database.rowLevelSecuritySql}`);
      expect({ status: result.status, stderr: result.stderr }).toEqual({ status: 0, stderr: '' });
      expect(await tableExists(db, 'pwned_c')).toBe(false);
      expect(await tableExists(db, 'pwned_d')).toBe(false);
      expect(await seenBySellerA(db)).toEqual(['a1', 'a2']);
    });

    test('a backslash literal stays a literal even where the database turned standard_conforming_strings off', async () => {
      const db = await freshDatabase();
      await query(db, `ALTER DATABASE ${db} SET standard_conforming_strings = off`);
      // One expression with standard strings ('\' is a backslash): what the parser checked.
      const using = "'\\' = ' IS NOT NULL OR true) ; CREATE TABLE public.pwned_strings (); -- '";
      const database = renderPolicies([tenantPolicy(using)]);
      const result = psqlFile(db, `\\set ON_ERROR_STOP on\n${database.rowLevelSecuritySql}`);
      expect(result.status).toBe(0);
      expect(await tableExists(db, 'pwned_strings')).toBe(false);
      expect(await seenBySellerA(db)).toEqual([]);
      // Control: without the pinned setting, psql and the server read '\' as an escaped quote.
      const db2 = await freshDatabase();
      await query(db2, `ALTER DATABASE ${db2} SET standard_conforming_strings = off`);
      psqlFile(db2, database.rowLevelSecuritySql.replace('SET standard_conforming_strings = on;\n', ''));
      expect(await tableExists(db2, 'pwned_strings')).toBe(true);
      expect(await seenBySellerA(db2)).toEqual(['a1', 'a2', 'b1']);
    });
  });

  describe('the emitted .sql files under plain psql -f', () => {
    const outdir = fs.mkdtempSync(path.join(work, 'out-'));
    const app = new App({ outdir });
    const stack = new EnvironmentStack(app, 'staging', { environment: ENV() });
    new SupabaseDatabase(stack, 'Database', {
      auth: { siteUrl: 'https://app.example.com' },
      allowedCidrs: ['198.51.100.0/24'],
      extensions: ['pgcrypto'],
      rowLevelSecurity: [RowLevelSecurity.ownRowsOnly({ table: 'campaigns', ownerColumn: 'seller_id', roles: ['authenticated'] })],
    });
    app.synth();
    const fileOf = (name: string) => {
      const found = (function walk(dir: string): string[] {
        return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      })(path.join(outdir, 'stacks', 'staging', 'assets')).filter((f) => f.endsWith(`/${name}`));
      expect(found).toHaveLength(1);
      return fs.readFileSync(found[0], 'utf8');
    };

    test('both files start with ON_ERROR_STOP and hold one transaction', () => {
      for (const name of ['row-level-security.sql', 'database.sql']) {
        const sql = fileOf(name);
        expect(sql.split('\n')[0]).toBe('\\set ON_ERROR_STOP on');
        expect(sql.match(/^BEGIN;$/gm)).toHaveLength(1);
        expect(sql.trimEnd().endsWith('COMMIT;')).toBe(true);
      }
    });

    test('as written they apply: database.sql on a fresh database, then row-level-security.sql', async () => {
      const db = await freshDatabase();
      const access = psqlFile(db, fileOf('database.sql'));
      expect({ status: access.status, stderr: access.stderr }).toEqual({ status: 0, stderr: '' });
      expect((await query(db, "SELECT policyname FROM pg_policies WHERE tablename = 'campaigns'")).map((r) => r.policyname)).toEqual(['campaigns_own_rows']);
      expect(psqlFile(db, fileOf('row-level-security.sql')).status).toBe(0);
      expect(await seenBySellerA(db)).toEqual(['a1', 'a2']);
    });

    const injected = (sql: string) => sql.replace('USING (', 'USING (no_such_column) ; ROLLBACK; CREATE TABLE public.pwned_file (); SELECT (');

    test('with a statement injected after a failing one, plain psql -f stops: nothing runs, nothing commits', async () => {
      const db = await freshDatabase();
      const before = await query(db, "SELECT policyname, qual FROM pg_policies WHERE tablename = 'campaigns'");
      const result = psqlFile(db, injected(fileOf('row-level-security.sql')));
      expect(result.status).toBe(3);
      expect(result.stderr).toContain('ERROR:  column "no_such_column" does not exist');
      expect(await tableExists(db, 'pwned_file')).toBe(false);
      expect(await query(db, "SELECT policyname, qual FROM pg_policies WHERE tablename = 'campaigns'")).toEqual(before);
      expect(await query(db, "SELECT relforcerowsecurity FROM pg_class WHERE relname = 'campaigns'")).toEqual([{ relforcerowsecurity: false }]);
    });

    test('control: the same file without its ON_ERROR_STOP line runs the injected statement', async () => {
      const db = await freshDatabase();
      psqlFile(db, injected(fileOf('row-level-security.sql')).replace('\\set ON_ERROR_STOP on\n', ''));
      expect(await tableExists(db, 'pwned_file')).toBe(true);
    });
  });

  describe('generated SQL is verified statement by statement', () => {
    test('a rendered statement that the parser splits in two fails synth', () => {
      const stack = new TerraformStack(Testing.app(), 'test');
      const script = new SqlScript(['test']);
      script.add('CreatePolicyStmt', 'CREATE POLICY p ON t USING (true); CREATE TABLE pwned ();');
      expect(() => script.finish(stack, 'rowLevelSecuritySql')).toThrow(
        '[test] invalid "rowLevelSecuritySql": got "<generated SQL>"; expected inputs that render to the 4 statements the library wrote (1 VariableSetStmt, 2 TransactionStmt, 1 CreatePolicyStmt); PostgreSQL\'s parser found 5 statements (1 VariableSetStmt, 2 TransactionStmt, 1 CreatePolicyStmt, 1 CreateStmt)',
      );
    });
  });
});
