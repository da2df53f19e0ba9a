import { Client } from 'pg';
import { Environment, RowLevelSecurity, RowLevelSecurityPolicy, SupabaseDatabase } from '../../lib';
import { describeWithPostgres, PostgresServer, startPostgres } from '../support/postgres';
import { environmentStack } from '../support/template';

/**
 * The SQL that SupabaseDatabase generates (extensions available in stock
 * PostgreSQL, roles, grants, default privileges, row-level security), applied to
 * a real PostgreSQL server, and the behaviour it promises checked there.
 */

const APP = 'acme_shop_app';
const ANALYTICS = 'acme_shop_analytics';
const MIGRATOR = 'acme_shop_migrator';
const SELLER_A = '11111111-1111-1111-1111-111111111111';
const SELLER_B = '22222222-2222-2222-2222-222222222222';

const TENANT_POLICIES: RowLevelSecurityPolicy[] = [
  RowLevelSecurity.ownRowsOnly({ table: 'campaigns', ownerColumn: 'seller_id', roles: ['authenticated', APP] }),
  RowLevelSecurity.readAllRows('campaigns', [ANALYTICS]),
  RowLevelSecurity.ownRowsOnly({ table: 'app.clips', ownerColumn: 'seller_id', roles: [APP] }),
];

/** The generated SQL for the given policies (stock-PostgreSQL extensions only). */
function database(policies: RowLevelSecurityPolicy[] = TENANT_POLICIES): SupabaseDatabase {
  const stack = environmentStack(Environment.staging({ project: 'acme-shop' }));
  return new SupabaseDatabase(stack, 'Database', {
    auth: { siteUrl: 'https://app.example.com' },
    extensions: ['pgcrypto', 'pg_stat_statements'],
    schemas: ['public', 'app'],
    rowLevelSecurity: policies,
    allowedCidrs: ['198.51.100.0/24'],
  });
}

/**
 * Minimal stand-ins for what Supabase provides and stock PostgreSQL lacks: the
 * API roles and `auth.uid()`, which reads the JWT subject from a GUC as
 * Supabase's does.
 */
const SUPABASE_STAND_INS = `
  CREATE ROLE anon NOLOGIN;
  CREATE ROLE authenticated NOLOGIN;
  CREATE ROLE service_role NOLOGIN BYPASSRLS;
  CREATE SCHEMA auth;
  CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT coalesce(nullif(current_setting('request.jwt.claim.sub', true), ''),
                    (nullif(current_setting('request.jwt.claims', true), '')::jsonb ->> 'sub'))::uuid
  $$;
  GRANT USAGE ON SCHEMA auth TO anon, authenticated, service_role;
`;

/** What the migration role's tooling (Alembic) would create: tables owned by it. */
const APPLICATION_TABLES = `
  SET ROLE ${MIGRATOR};
  CREATE TABLE public.campaigns (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, seller_id uuid NOT NULL, name text NOT NULL);
  CREATE TABLE app.clips (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, seller_id uuid NOT NULL, title text NOT NULL);
  RESET ROLE;
  -- Supabase grants table privileges to its API roles; here only on campaigns.
  GRANT SELECT, INSERT, UPDATE, DELETE ON public.campaigns TO authenticated;
`;

/** Policies, RLS flags, role attributes, ACLs and default ACLs: everything the SQL manages. */
async function snapshot(client: Client): Promise<unknown> {
  const q = async (sql: string) => (await client.query(sql)).rows;
  return {
    policies: await q('SELECT schemaname, tablename, policyname, permissive, roles::text[], cmd, qual, with_check FROM pg_policies ORDER BY 1, 2, 3'),
    rls: await q("SELECT c.oid::regclass::text AS t, relrowsecurity, relforcerowsecurity, relacl::text FROM pg_class c WHERE relname IN ('campaigns', 'clips') ORDER BY 1"),
    roles: await q("SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolinherit, rolcanlogin, rolconnlimit FROM pg_roles WHERE rolname LIKE 'acme_shop_%' ORDER BY 1"),
    settings: await q('SELECT r.rolname, s.setconfig FROM pg_db_role_setting s JOIN pg_roles r ON r.oid = s.setrole ORDER BY 1'),
    schemas: await q("SELECT nspname, nspowner::regrole::text, nspacl::text FROM pg_namespace WHERE nspname IN ('public', 'app', 'extensions', 'auth') ORDER BY 1"),
    defaults: await q('SELECT defaclrole::regrole::text, defaclnamespace::regnamespace::text, defaclobjtype, defaclacl::text FROM pg_default_acl ORDER BY 1, 2, 3'),
    extensions: await q("SELECT extname, extnamespace::regnamespace::text FROM pg_extension WHERE extname <> 'plpgsql' ORDER BY 1"),
    database: await q('SELECT datacl::text FROM pg_database WHERE datname = current_database()'),
  };
}

/** Runs `fn` in a transaction as `role`, acting for `seller` (undefined: no JWT claim). */
async function as<T>(client: Client, role: string, seller: string | undefined, fn: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    await client.query(`SET LOCAL ROLE ${role}`);
    if (seller) await client.query("SELECT set_config('request.jwt.claim.sub', $1, true)", [seller]);
    return await fn();
  } finally {
    await client.query('ROLLBACK');
  }
}

describeWithPostgres('generated SQL on a real PostgreSQL', () => {
  let server: PostgresServer;
  let admin: Client;
  const db = database();

  beforeAll(async () => {
    server = await startPostgres();
    admin = await server.connect();
    await admin.query(SUPABASE_STAND_INS);
    await admin.query(db.accessSql);
    await admin.query(APPLICATION_TABLES);
    // RLS is applied after the tables exist, as the Terraform path does.
    await admin.query(db.rowLevelSecuritySql);
    await admin.query(`INSERT INTO public.campaigns (seller_id, name) VALUES ('${SELLER_A}', 'a1'), ('${SELLER_A}', 'a2'), ('${SELLER_B}', 'b1')`);
    await admin.query(`INSERT INTO app.clips (seller_id, title) VALUES ('${SELLER_A}', 'clip a'), ('${SELLER_B}', 'clip b')`);
  });

  afterAll(async () => {
    await admin?.end();
    server?.stop();
  });

  test('installs the extensions into the extensions schema', async () => {
    const rows = (await admin.query("SELECT extname, extnamespace::regnamespace::text AS schema FROM pg_extension WHERE extname IN ('pgcrypto', 'pg_stat_statements') ORDER BY 1")).rows;
    expect(rows).toEqual([{ extname: 'pg_stat_statements', schema: 'extensions' }, { extname: 'pgcrypto', schema: 'extensions' }]);
  });

  test('creates login roles without superuser, createdb, createrole, replication or bypassrls', async () => {
    const rows = (await admin.query("SELECT rolname, rolsuper, rolcreatedb, rolcreaterole, rolreplication, rolbypassrls, rolcanlogin, rolconnlimit FROM pg_roles WHERE rolname LIKE 'acme_shop_%' ORDER BY 1")).rows;
    const safe = { rolsuper: false, rolcreatedb: false, rolcreaterole: false, rolreplication: false, rolbypassrls: false, rolcanlogin: true };
    expect(rows).toEqual([
      { rolname: ANALYTICS, ...safe, rolconnlimit: 5 },
      { rolname: APP, ...safe, rolconnlimit: 20 },
      { rolname: MIGRATOR, ...safe, rolconnlimit: 3 },
    ]);
  });

  test('a seller session sees only its own rows', async () => {
    const names = await as(admin, APP, SELLER_A, async () => (await admin.query('SELECT name FROM campaigns ORDER BY name')).rows.map((r) => r.name));
    expect(names).toEqual(['a1', 'a2']);
    const viaApi = await as(admin, 'authenticated', SELLER_B, async () => (await admin.query('SELECT name FROM campaigns')).rows.map((r) => r.name));
    expect(viaApi).toEqual(['b1']);
    const clips = await as(admin, APP, SELLER_B, async () => (await admin.query('SELECT title FROM app.clips')).rows.map((r) => r.title));
    expect(clips).toEqual(['clip b']);
  });

  test('a session without a seller claim sees nothing (fails closed)', async () => {
    const count = await as(admin, APP, undefined, async () => (await admin.query('SELECT count(*)::int AS n FROM campaigns')).rows[0].n);
    expect(count).toBe(0);
  });

  test('a seller cannot insert rows for another seller, nor move its rows to one', async () => {
    await expect(as(admin, APP, SELLER_A, () => admin.query(`INSERT INTO campaigns (seller_id, name) VALUES ('${SELLER_B}', 'forged')`)))
      .rejects.toThrow('new row violates row-level security policy for table "campaigns"');
    await expect(as(admin, APP, SELLER_A, () => admin.query(`UPDATE campaigns SET seller_id = '${SELLER_B}' WHERE name = 'a1'`)))
      .rejects.toThrow('new row violates row-level security policy for table "campaigns"');
    const own = await as(admin, APP, SELLER_A, async () => (await admin.query(`INSERT INTO campaigns (seller_id, name) VALUES ('${SELLER_A}', 'a3') RETURNING name`)).rows);
    expect(own).toEqual([{ name: 'a3' }]);
  });

  test('a seller cannot update or delete another seller\'s rows (they are invisible)', async () => {
    const result = await as(admin, APP, SELLER_A, async () => ({
      updated: (await admin.query("UPDATE campaigns SET name = 'hijacked' WHERE name = 'b1'")).rowCount,
      deleted: (await admin.query("DELETE FROM campaigns WHERE name = 'b1'")).rowCount,
    }));
    expect(result).toEqual({ updated: 0, deleted: 0 });
  });

  test('the analytics role reads every row and cannot write', async () => {
    const count = await as(admin, ANALYTICS, undefined, async () => (await admin.query('SELECT count(*)::int AS n FROM campaigns')).rows[0].n);
    expect(count).toBe(3);
    await expect(as(admin, ANALYTICS, undefined, () => admin.query(`INSERT INTO campaigns (seller_id, name) VALUES ('${SELLER_A}', 'x')`)))
      .rejects.toThrow('permission denied for table campaigns');
    await expect(as(admin, ANALYTICS, undefined, () => admin.query('UPDATE campaigns SET name = name'))).rejects.toThrow('permission denied for table campaigns');
    await expect(as(admin, ANALYTICS, undefined, () => admin.query('DELETE FROM campaigns'))).rejects.toThrow('permission denied for table campaigns');
  });

  test('the application role cannot change the schema or truncate', async () => {
    await expect(as(admin, APP, SELLER_A, () => admin.query('CREATE TABLE public.evil (id int)'))).rejects.toThrow('permission denied for schema public');
    await expect(as(admin, APP, SELLER_A, () => admin.query('TRUNCATE campaigns'))).rejects.toThrow('permission denied for table campaigns');
    await expect(as(admin, APP, SELLER_A, () => admin.query('ALTER TABLE campaigns DISABLE ROW LEVEL SECURITY'))).rejects.toThrow('must be owner of table campaigns');
  });

  test('the migration role creates tables; default privileges reach the other roles', async () => {
    const acl = await as(admin, MIGRATOR, undefined, async () => {
      await admin.query('CREATE TABLE app.reports (id int)');
      return (await admin.query("SELECT relacl::text AS acl FROM pg_class WHERE oid = 'app.reports'::regclass")).rows[0].acl as string;
    });
    expect(acl).toContain(`${APP}=arwd/${MIGRATOR}`);
    expect(acl).toContain(`${ANALYTICS}=r/${MIGRATOR}`);
  });

  test('applying the SQL a second time changes nothing', async () => {
    const before = await snapshot(admin);
    await admin.query(db.migrationSql);
    expect(await snapshot(admin)).toEqual(before);
  });

  test('a policy removed from the declaration is dropped on the next apply', async () => {
    const smaller = database(TENANT_POLICIES.filter((p) => p.name !== 'campaigns_read_all_rows'));
    await admin.query(smaller.rowLevelSecuritySql);
    const names = (await admin.query("SELECT policyname FROM pg_policies WHERE tablename = 'campaigns' ORDER BY 1")).rows.map((r) => r.policyname);
    expect(names).toEqual(['campaigns_own_rows']);
    await admin.query(db.rowLevelSecuritySql);
  });

  test('a bad policy expression fails with the server\'s error and leaves the policies as they were', async () => {
    const before = await snapshot(admin);
    const broken = database([RowLevelSecurity.ownRowsOnly({ table: 'campaigns', roles: [APP], ownerColumn: 'sellr_id' })]);
    await expect(admin.query(broken.rowLevelSecuritySql)).rejects.toThrow('column "sellr_id" does not exist');
    await admin.query('ROLLBACK');
    expect(await snapshot(admin)).toEqual(before);
  });

  test('refuses to take over an existing role that bypasses RLS', async () => {
    await admin.query('CREATE ROLE acme_shop_other_app LOGIN BYPASSRLS');
    const stack = environmentStack(Environment.staging({ project: 'acme-shop' }));
    const other = new SupabaseDatabase(stack, 'Database', { auth: { siteUrl: 'https://app.example.com' }, extensions: [], applicationRole: { name: 'acme_shop_other_app' }, allowedCidrs: ['198.51.100.0/24'] });
    await expect(admin.query(other.accessSql)).rejects.toThrow('role acme_shop_other_app already exists with SUPERUSER, REPLICATION or BYPASSRLS; a superuser must remove them first');
    await admin.query('ROLLBACK');
    const leaked = (await admin.query(`SELECT count(*)::int AS n FROM pg_roles WHERE rolname = '${ANALYTICS}' AND rolbypassrls`)).rows[0].n;
    expect(leaked).toBe(0);
  });
});
