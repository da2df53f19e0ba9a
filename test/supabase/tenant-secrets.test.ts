import { Client } from 'pg';
import { SUPABASE_POSTGRES, VAULT_STAND_IN } from './vault-stand-in';
import { Environment, SupabaseDatabase, SupabaseDatabaseProps } from '../../lib';
import { describeWithPostgres, PostgresServer, startPostgres } from '../support/postgres';
import { Template, environmentStack } from '../support/template';

/**
 * Tenant secrets (`tenantSecrets`): the SECURITY DEFINER accessors run on a real
 * PostgreSQL against a stand-in of Supabase Vault (./vault-stand-in.ts says
 * what it mirrors), applied by a role with exactly the privileges Supabase
 * gives `postgres`. Each property is checked by a helper that reports what it
 * finds; every helper is also run against a deliberately broken variant of the
 * SQL and must catch it, so no check passes vacuously.
 */

const APP = 'acme_shop_app';
const ANALYTICS = 'acme_shop_analytics';
const SELLER_A = '11111111-1111-1111-1111-111111111111';
const SELLER_B = '22222222-2222-2222-2222-222222222222';
const AUTH = { siteUrl: 'https://app.example.com' };

function database(props: Partial<SupabaseDatabaseProps> = {}): SupabaseDatabase {
  const stack = environmentStack(Environment.staging({ project: 'acme-shop' }));
  return new SupabaseDatabase(stack, 'Database', { auth: AUTH, allowedCidrs: ['198.51.100.0/24'], extensions: ['supabase_vault'], tenantSecrets: {}, ...props });
}

/** Supabase's API roles and auth.uid() (reads the JWT subject from a GUC, as Supabase's does). */
const SUPABASE_STAND_INS = `
  CREATE ROLE anon NOLOGIN;
  CREATE ROLE authenticated NOLOGIN;
  CREATE SCHEMA auth;
  CREATE FUNCTION auth.uid() RETURNS uuid LANGUAGE sql STABLE AS $$
    SELECT nullif(current_setting('request.jwt.claim.sub', true), '')::uuid
  $$;
  GRANT USAGE ON SCHEMA auth TO anon, authenticated;
`;

/** The same SQL for a schema of another name (the quoted name only: the Vault key prefix stays). */
function renamed(sql: string, schema: string): string {
  return sql.replace(/"tenant_secrets"/g, `"${schema}"`).replace(/'tenant_secrets'/g, `'${schema}'`);
}

describeWithPostgres('tenant secrets in Vault on a real PostgreSQL', () => {
  let server: PostgresServer;
  let admin: Client;
  const db = database();
  /** The roles of the access model, from a database without Vault (stock PostgreSQL has no supabase_vault extension). */
  const roles = database({ extensions: [], tenantSecrets: undefined });

  /** Applies `sql` as the stand-in for Supabase's postgres role (the functions' owner). */
  async function applyAsSupabasePostgres(sql: string): Promise<void> {
    await admin.query(`SET ROLE ${SUPABASE_POSTGRES}`);
    try {
      await admin.query(sql);
    } finally {
      await admin.query('ROLLBACK').catch(() => undefined);
      await admin.query('RESET ROLE');
    }
  }

  /** Runs `fn` in a transaction as `role`, for `seller` (the per-transaction claim the backend sets). */
  async function as<T>(role: string, seller: string | undefined, fn: (q: (sql: string, params?: unknown[]) => Promise<any[]>) => Promise<T>): Promise<T> {
    await admin.query('BEGIN');
    try {
      await admin.query(`SET LOCAL ROLE ${role}`);
      if (seller) await admin.query("SELECT set_config('request.jwt.claim.sub', $1, true)", [seller]);
      return await fn(async (sql, params) => (await admin.query(sql, params)).rows);
    } finally {
      await admin.query('ROLLBACK');
    }
  }

  /** Commits `fn` as the application role for `seller`. */
  async function commitAs(seller: string, sql: string, params: unknown[]): Promise<any[]> {
    await admin.query('BEGIN');
    try {
      await admin.query(`SET LOCAL ROLE ${APP}`);
      await admin.query("SELECT set_config('request.jwt.claim.sub', $1, true)", [seller]);
      const rows = (await admin.query(sql, params)).rows;
      await admin.query('COMMIT');
      return rows;
    } catch (e) {
      await admin.query('ROLLBACK');
      throw e;
    }
  }

  /** What seller B can learn or change of seller A's secret "meta_token" (empty: isolation holds). */
  async function isolationLeaks(schema = 'tenant_secrets'): Promise<string[]> {
    await commitAs(SELLER_A, `SELECT ${schema}.put_secret('meta_token', 'a-secret')`, []);
    const leaks: string[] = [];
    const seen = await as(APP, SELLER_B, async (q) => ({
      read: (await q(`SELECT ${schema}.get_secret('meta_token') AS v`))[0].v,
      names: (await q(`SELECT ${schema}.list_secret_names() AS n`)).map((r) => r.n),
      deleted: (await q(`SELECT ${schema}.delete_secret('meta_token') AS d`))[0].d,
    }));
    if (seen.read !== null) leaks.push(`B read A's secret: ${seen.read}`);
    if (seen.names.includes('meta_token')) leaks.push('B listed A\'s secret');
    if (seen.deleted !== false) leaks.push('B deleted A\'s secret');
    // B writing a secret of the same name writes its own, never A's.
    await commitAs(SELLER_B, `SELECT ${schema}.put_secret('meta_token', 'b-secret')`, []);
    const aStill = await as(APP, SELLER_A, async (q) => (await q(`SELECT ${schema}.get_secret('meta_token') AS v`))[0].v);
    if (aStill !== 'a-secret') leaks.push(`B overwrote A's secret (now ${aStill})`);
    await commitAs(SELLER_B, `SELECT ${schema}.delete_secret('meta_token')`, []);
    return leaks;
  }

  /** Names that must be refused (injection, path tricks, empty, too long): those that were accepted. */
  async function acceptedBadNames(schema = 'tenant_secrets'): Promise<string[]> {
    const bad = ["x'; DELETE FROM vault.secrets; --", '../' + SELLER_B + '/meta_token', `${SELLER_B}/meta_token`, 'a/b', '%', '', ' meta', 'x'.repeat(101), 'name\nwith newline', '$$'];
    const accepted: string[] = [];
    for (const name of bad) {
      const ok = await as(APP, SELLER_A, async (q) => {
        try {
          await q(`SELECT ${schema}.put_secret($1, 'v')`, [name]);
          return true;
        } catch (e) {
          if ((e as { code?: string }).code !== '22023') throw e;
          return false;
        }
      });
      if (ok) accepted.push(name);
    }
    return accepted;
  }

  /** Privileges the application (and other) roles have that they must not: empty when exact. */
  async function excessPrivileges(): Promise<string[]> {
    const rows = (await admin.query(`
      SELECT r.rolname, x.what FROM pg_catalog.pg_roles r CROSS JOIN LATERAL (VALUES
        ('USAGE on schema vault', pg_catalog.has_schema_privilege(r.oid, 'vault', 'USAGE')),
        ('SELECT on vault.decrypted_secrets', pg_catalog.has_table_privilege(r.oid, 'vault.decrypted_secrets', 'SELECT')),
        ('EXECUTE on tenant_secrets._key', pg_catalog.has_function_privilege(r.oid, 'tenant_secrets._key(text)', 'EXECUTE')),
        ('EXECUTE on tenant_secrets.get_secret', r.rolname <> $1 AND pg_catalog.has_function_privilege(r.oid, 'tenant_secrets.get_secret(text)', 'EXECUTE')),
        ('CREATE on schema tenant_secrets', pg_catalog.has_schema_privilege(r.oid, 'tenant_secrets', 'CREATE'))
      ) AS x(what, has)
      WHERE x.has AND r.rolname IN ($1, $2, 'anon', 'authenticated') ORDER BY 1, 2`, [APP, ANALYTICS])).rows;
    return rows.map((r) => `${r.rolname}: ${r.what}`);
  }

  beforeAll(async () => {
    server = await startPostgres();
    admin = await server.connect();
    await admin.query(SUPABASE_STAND_INS);
    await admin.query(roles.accessSql);
    await admin.query(VAULT_STAND_IN);
    await applyAsSupabasePostgres(db.tenantSecretsSql);
  });

  afterAll(async () => {
    await admin?.end();
    server?.stop();
  });

  test('the functions belong to the stand-in for Supabase\'s postgres role and run as it (SECURITY DEFINER, empty search_path)', async () => {
    const rows = (await admin.query(`
      SELECT p.proname, p.prosecdef, pg_catalog.pg_get_userbyid(p.proowner) AS owner, p.proconfig
      FROM pg_catalog.pg_proc p WHERE p.pronamespace = 'tenant_secrets'::regnamespace ORDER BY 1`)).rows;
    expect(rows).toEqual([
      { proname: '_key', prosecdef: false, owner: SUPABASE_POSTGRES, proconfig: ['search_path=""'] },
      { proname: '_prefix', prosecdef: false, owner: SUPABASE_POSTGRES, proconfig: ['search_path=""'] },
      { proname: 'delete_secret', prosecdef: true, owner: SUPABASE_POSTGRES, proconfig: ['search_path=""'] },
      { proname: 'get_secret', prosecdef: true, owner: SUPABASE_POSTGRES, proconfig: ['search_path=""'] },
      { proname: 'list_secret_names', prosecdef: true, owner: SUPABASE_POSTGRES, proconfig: ['search_path=""'] },
      { proname: 'put_secret', prosecdef: true, owner: SUPABASE_POSTGRES, proconfig: ['search_path=""'] },
    ]);
  });

  test('a seller stores, reads, replaces, lists and deletes its own secrets, kept in Vault under its tenant', async () => {
    await commitAs(SELLER_A, "SELECT tenant_secrets.put_secret('tiktok_token', 'first')", []);
    await commitAs(SELLER_A, "SELECT tenant_secrets.put_secret('tiktok_token', 'second')", []);
    const own = await as(APP, SELLER_A, async (q) => ({
      value: (await q("SELECT tenant_secrets.get_secret('tiktok_token') AS v"))[0].v,
      names: (await q('SELECT tenant_secrets.list_secret_names() AS n')).map((r) => r.n),
    }));
    expect(own.value).toBe('second');
    expect(own.names).toContain('tiktok_token');
    const stored = (await admin.query("SELECT name, secret, description FROM vault.secrets WHERE name LIKE 'tenant_secrets/%/tiktok_token'")).rows;
    expect(stored).toEqual([{ name: `tenant_secrets/${SELLER_A}/tiktok_token`, secret: expect.not.stringContaining('second'), description: 'tenant secret, written by tenant_secrets.put_secret' }]);
    expect((await commitAs(SELLER_A, "SELECT tenant_secrets.delete_secret('tiktok_token') AS d", []))[0].d).toBe(true);
    expect((await commitAs(SELLER_A, "SELECT tenant_secrets.delete_secret('tiktok_token') AS d", []))[0].d).toBe(false);
  });

  test('a seller can neither read, list, delete nor overwrite another seller\'s secret', async () => {
    expect(await isolationLeaks()).toEqual([]);
  });

  test('without a tenant in the transaction every accessor refuses (fails closed)', async () => {
    for (const call of ["tenant_secrets.get_secret('meta_token')", "tenant_secrets.put_secret('x', 'y')", "tenant_secrets.delete_secret('x')", 'tenant_secrets.list_secret_names()']) {
      await expect(as(APP, undefined, (q) => q(`SELECT ${call}`))).rejects.toMatchObject({ code: '42501', message: expect.stringContaining('no tenant in this transaction') });
    }
  });

  test('SQL injection through names fails: they are parameters, and only plain names are accepted', async () => {
    expect(await acceptedBadNames()).toEqual([]);
  });

  test('values are data, never SQL: hostile values are stored and read back byte for byte, and nothing else changes', async () => {
    const hostile = ["'); DELETE FROM vault.secrets; --", '$$; DROP SCHEMA tenant_secrets CASCADE; $$', "\\'\" ünïcödé 🔑 \t\r\n", 'x'.repeat(10000)];
    const before = (await admin.query('SELECT count(*)::int AS n FROM vault.secrets')).rows[0].n;
    for (const [i, value] of hostile.entries()) {
      await commitAs(SELLER_B, 'SELECT tenant_secrets.put_secret($1, $2)', [`hostile_${i}`, value]);
      const back = await as(APP, SELLER_B, async (q) => (await q('SELECT tenant_secrets.get_secret($1) AS v', [`hostile_${i}`]))[0].v);
      expect(back).toBe(value);
    }
    expect((await admin.query('SELECT count(*)::int AS n FROM vault.secrets')).rows[0].n).toBe(before + hostile.length);
    expect((await admin.query("SELECT count(*)::int AS n FROM pg_catalog.pg_namespace WHERE nspname = 'tenant_secrets'")).rows[0].n).toBe(1);
  });

  test('a tenant id with "/" is refused: no tenant can reach into another\'s names', async () => {
    const textTenants = database({ tenantSecrets: { schema: 'text_tenants', ownerId: "(current_setting('app.tenant', true))" } });
    await applyAsSupabasePostgres(textTenants.tenantSecretsSql);
    const read = (tenant: string) => as(APP, undefined, async (q) => {
      await q("SELECT set_config('app.tenant', $1, true)", [tenant]);
      return (await q("SELECT text_tenants.get_secret('meta_token') AS v"))[0].v;
    });
    expect(await read('seller-a')).toBeNull();
    await expect(read('seller-a/../seller-b')).rejects.toMatchObject({ code: '42501' });
    await expect(read('')).rejects.toMatchObject({ code: '42501' });
  });

  test('exact grants: the application role has only EXECUTE on the four accessors; no role reaches Vault directly', async () => {
    expect(await excessPrivileges()).toEqual([]);
    await expect(as(APP, SELLER_A, (q) => q('SELECT decrypted_secret FROM vault.decrypted_secrets'))).rejects.toThrow('permission denied for schema vault');
    await expect(as(APP, SELLER_A, (q) => q("SELECT vault.create_secret('x', 'y')"))).rejects.toThrow('permission denied for schema vault');
    await expect(as(APP, SELLER_A, (q) => q("SELECT tenant_secrets._key('x')"))).rejects.toThrow('permission denied for function _key');
    await expect(as(ANALYTICS, SELLER_A, (q) => q("SELECT tenant_secrets.get_secret('meta_token')"))).rejects.toThrow('permission denied for schema tenant_secrets');
    await expect(as('authenticated', SELLER_A, (q) => q("SELECT tenant_secrets.get_secret('meta_token')"))).rejects.toThrow('permission denied for schema tenant_secrets');
  });

  test('applying the SQL again is idempotent and takes back privileges granted by hand', async () => {
    await admin.query(`SET ROLE ${SUPABASE_POSTGRES}`);
    await admin.query(`GRANT USAGE ON SCHEMA tenant_secrets TO ${ANALYTICS}; GRANT EXECUTE ON FUNCTION tenant_secrets.get_secret(text) TO ${ANALYTICS}, authenticated; GRANT EXECUTE ON FUNCTION tenant_secrets._key(text) TO ${APP}`);
    await admin.query('RESET ROLE');
    expect(await excessPrivileges()).toEqual([
      `${ANALYTICS}: EXECUTE on tenant_secrets.get_secret`,
      `${APP}: EXECUTE on tenant_secrets._key`,
      'authenticated: EXECUTE on tenant_secrets.get_secret',
    ]);
    await applyAsSupabasePostgres(db.tenantSecretsSql);
    expect(await excessPrivileges()).toEqual([]);
    expect(await isolationLeaks()).toEqual([]);
  });

  describe('each check catches the fault it is for', () => {
    test('isolation: accessors that ignore the tenant are caught', async () => {
      const broken = renamed(db.tenantSecretsSql, 'broken_tenant').replace("RETURN 'tenant_secrets/' || tenant || '/';", "RETURN 'tenant_secrets/shared/';");
      expect(broken).not.toBe(db.tenantSecretsSql);
      await applyAsSupabasePostgres(broken);
      expect(await isolationLeaks('broken_tenant')).toEqual(expect.arrayContaining([expect.stringContaining("B read A's secret")]));
    });

    test('names: accessors without the name rule are caught', async () => {
      const broken = renamed(db.tenantSecretsSql, 'loose_names').replace("secret_name !~ '^[A-Za-z0-9][A-Za-z0-9_.-]{0,99}$'", 'false');
      expect(broken).not.toBe(db.tenantSecretsSql);
      await applyAsSupabasePostgres(broken);
      expect(await acceptedBadNames('loose_names')).toEqual(expect.arrayContaining(['a/b', `${SELLER_B}/meta_token`]));
    });

    test('grants: a privilege the applying role cannot take back fails the apply with the reason', async () => {
      await admin.query(`GRANT USAGE ON SCHEMA vault TO ${APP}`);
      try {
        expect(await excessPrivileges()).toContain(`${APP}: USAGE on schema vault`);
        await expect(applyAsSupabasePostgres(db.tenantSecretsSql)).rejects.toThrow(`role ${APP} can use schema vault through a grant this role cannot revoke`);
      } finally {
        await admin.query(`REVOKE USAGE ON SCHEMA vault FROM ${APP}`);
      }
      expect(await excessPrivileges()).toEqual([]);
    });

    test('ownership: a schema of that name owned by another role stops the apply', async () => {
      const other = database({ tenantSecrets: { schema: 'taken_secrets' } });
      await admin.query('CREATE SCHEMA taken_secrets');
      await expect(applyAsSupabasePostgres(other.tenantSecretsSql)).rejects.toThrow('schema taken_secrets exists and belongs to another role');
    });
  });
});

describe('tenant secrets in the synthesized stack', () => {
  test('applied by Terraform with psql after the roles and the Vault extension, as its own file', () => {
    const stack = environmentStack(Environment.staging({ project: 'acme-shop' }));
    const db = new SupabaseDatabase(stack, 'Database', { auth: AUTH, allowedCidrs: ['198.51.100.0/24'], extensions: ['pgcrypto', 'supabase_vault'], tenantSecrets: {} });
    const t = Template.of(stack);
    const apply = Object.entries(t.resources('terraform_data')).find(([id]) => id.startsWith('Database_TenantSecrets_Apply'));
    expect(apply).toBeDefined();
    const [, resource] = apply!;
    expect(resource.provisioner[0]['local-exec'].command).toMatch(/--file="\$\{path\.module\}\/assets\/Database_TenantSecrets_File_[0-9A-F]+\/[0-9A-F]+\/tenant-secrets\.sql"/);
    expect(resource.depends_on).toEqual(expect.arrayContaining([
      expect.stringMatching(/^postgresql_role\.Database_ApplicationRole_/), expect.stringMatching(/^postgresql_extension\.Database_ExtensionSupabaseVault/),
    ]));
    expect(db.migrationSql).toContain(db.tenantSecretsSql.split('\n').find((l) => l.startsWith('CREATE OR REPLACE FUNCTION "tenant_secrets".put_secret')));
    expect(db.tenantSecretsSchema).toBe('tenant_secrets');
  });

  test('a custom owner id is the same rule as row-level security, and a dollar quote in it cannot end the function body', () => {
    const db = database({ tenantSecrets: { ownerId: "(current_setting('app.tenant', true))", schema: 'seller_keys' } });
    expect(db.tenantSecretsSql).toContain("tenant text := ((current_setting('app.tenant', true)))::text;");
    const quoted = database({ tenantSecrets: { ownerId: '$lss$x$lss$' } });
    expect(quoted.tenantSecretsSql).toContain('AS $lss1$');
  });
});
