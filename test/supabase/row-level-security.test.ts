import { Testing, TerraformStack } from 'cdktf';
import { RowLevelSecurity, RowLevelSecurityPolicy } from '../../lib';
import { renderRowLevelSecuritySql } from '../../lib/supabase/row-level-security-sql';

function render(policies: RowLevelSecurityPolicy[], force = false): string {
  const stack = new TerraformStack(Testing.app(), 'rls');
  return renderRowLevelSecuritySql(stack, 'rowLevelSecurity', policies, { force });
}

const tenant = RowLevelSecurity.sellerOwnsRows({ table: 'campaigns', roles: ['authenticated', 'livestreamsell_app'] });

describe('RowLevelSecurity helpers', () => {
  test('sellerOwnsRows is one FOR ALL policy with the same USING and WITH CHECK', () => {
    expect(tenant).toEqual({
      table: 'campaigns',
      name: 'campaigns_seller_owns_rows',
      command: 'ALL',
      roles: ['authenticated', 'livestreamsell_app'],
      using: '"seller_id" = (select auth.uid())',
      withCheck: '"seller_id" = (select auth.uid())',
    });
  });

  test('sellerOwnsRows takes a column, a seller-id expression and a name', () => {
    const p = RowLevelSecurity.sellerOwnsRows({ table: 'app.clips', roles: ['r'], column: 'owner_id', sellerId: "current_setting('app.seller')::uuid", name: 'own clips' });
    expect(p).toMatchObject({ table: 'app.clips', name: 'own clips', using: '"owner_id" = current_setting(\'app.seller\')::uuid' });
  });

  test('sellerOwnsRows rejects a column that is not an identifier', () => {
    expect(() => RowLevelSecurity.sellerOwnsRows({ table: 't', roles: ['r'], column: 'seller_id" OR true OR "x' })).toThrow(
      '[RowLevelSecurity.sellerOwnsRows] invalid "column": got "seller_id\\" OR true OR \\"x"; expected a lowercase SQL identifier: a letter or "_" followed by up to 62 lowercase letters, digits or "_"',
    );
  });

  test('readAllRows is a SELECT policy over every row', () => {
    expect(RowLevelSecurity.readAllRows('public.campaigns', ['livestreamsell_analytics'])).toEqual({
      table: 'public.campaigns', name: 'campaigns_read_all_rows', command: 'SELECT', roles: ['livestreamsell_analytics'], using: 'true',
    });
  });
});

describe('renderRowLevelSecuritySql', () => {
  test('renders an idempotent transaction: enable, drop undeclared, drop-and-create each policy', () => {
    const sql = render([tenant]);
    expect(sql).toContain('BEGIN;\nSET LOCAL lock_timeout = \'10s\';\nSET LOCAL client_min_messages = warning;');
    expect(sql).toContain('ALTER TABLE "public"."campaigns" ENABLE ROW LEVEL SECURITY;');
    expect(sql).toContain('ALTER TABLE "public"."campaigns" NO FORCE ROW LEVEL SECURITY;');
    expect(sql).toContain("AND policyname <> ALL (ARRAY['campaigns_seller_owns_rows']::name[])");
    expect(sql).toContain([
      'DROP POLICY IF EXISTS "campaigns_seller_owns_rows" ON "public"."campaigns";',
      'CREATE POLICY "campaigns_seller_owns_rows" ON "public"."campaigns"',
      '  AS PERMISSIVE FOR ALL',
      '  TO "authenticated", "livestreamsell_app"',
      '  USING ("seller_id" = (select auth.uid()))',
      '  WITH CHECK ("seller_id" = (select auth.uid()));',
    ].join('\n'));
    expect(sql.trimEnd().endsWith('COMMIT;')).toBe(true);
  });

  test('FORCE and RESTRICTIVE when asked; INSERT has only WITH CHECK', () => {
    const sql = render([{ table: 'orders', name: 'insert own', command: 'INSERT', roles: ['r'], withCheck: 'true', restrictive: true }], true);
    expect(sql).toContain('ALTER TABLE "public"."orders" FORCE ROW LEVEL SECURITY;');
    expect(sql).toContain('CREATE POLICY "insert own" ON "public"."orders"\n  AS RESTRICTIVE FOR INSERT\n  TO "r"\n  WITH CHECK (true);');
    expect(sql).not.toContain('USING');
  });

  test('groups policies by table and keeps declaration order', () => {
    const sql = render([tenant, RowLevelSecurity.readAllRows('campaigns', ['a']), RowLevelSecurity.readAllRows('app.clips', ['a'])]);
    expect(sql.indexOf('-- public.campaigns')).toBeLessThan(sql.indexOf('-- app.clips'));
    expect(sql.match(/ENABLE ROW LEVEL SECURITY/g)).toHaveLength(2);
  });

  const bad: Array<[string, RowLevelSecurityPolicy, string]> = [
    ['a command outside SELECT/INSERT/UPDATE/DELETE/ALL', { ...tenant, command: 'TRUNCATE' },
      '[rls] invalid "rowLevelSecurity[0].command": got "TRUNCATE"; expected one of "SELECT", "INSERT", "UPDATE", "DELETE", "ALL"'],
    ['an injected table name', { ...tenant, table: 'campaigns; DROP TABLE users' },
      '[rls] invalid "rowLevelSecurity[0].table": got "campaigns; DROP TABLE users"; expected "table" or "schema.table", each part a lowercase SQL identifier: a letter or "_" followed by up to 62 lowercase letters, digits or "_"'],
    ['a three-part table name', { ...tenant, table: 'db.public.campaigns' },
      '[rls] invalid "rowLevelSecurity[0].table": got "db.public.campaigns"; expected "table" or "schema.table"'],
    ['a quoted policy name', { ...tenant, name: 'x" ON users; --' },
      '[rls] invalid "rowLevelSecurity[0].name": got "x\\" ON users; --"; expected 1-63 letters, digits, spaces, "_" or "-", starting with a letter, digit or "_" (no quotes)'],
    ['an invalid role', { ...tenant, roles: ['authenticated', 'App Role'] },
      '[rls] invalid "rowLevelSecurity[0].roles[1]": got "App Role"; expected a lowercase SQL identifier'],
    ['PUBLIC as a role', { ...tenant, roles: ['public'] },
      '[rls] invalid "rowLevelSecurity[0].roles[0]": got "public"; expected a lowercase SQL identifier: a letter or "_" followed by up to 62 lowercase letters, digits or "_", not one of "public", "none", "current_user", "current_role", "session_user" and not starting with "pg_"'],
    ['no roles', { ...tenant, roles: [] },
      '[rls] invalid "rowLevelSecurity[0].roles": got []; expected at least one role name (policies never apply to PUBLIC implicitly)'],
    ['an expression that ends the statement', { ...tenant, using: 'true); DROP TABLE users; --' },
      '[rls] invalid "rowLevelSecurity[0].using": got "true); DROP TABLE users; --"; expected a single SQL boolean expression (balanced parentheses)'],
    ['a semicolon', { ...tenant, using: 'true; DELETE FROM users' },
      '[rls] invalid "rowLevelSecurity[0].using": got "true; DELETE FROM users"; expected a single SQL boolean expression (no ";" outside quotes: it would end the CREATE POLICY statement)'],
    ['a comment', { ...tenant, withCheck: 'true -- x' },
      '[rls] invalid "rowLevelSecurity[0].withCheck": got "true -- x"; expected a single SQL boolean expression (no SQL comments)'],
    ['dollar quoting', { ...tenant, using: '$x$a$x$ = \'a\'' },
      '[rls] invalid "rowLevelSecurity[0].using": got "$x$a$x$ = \'a\'"; expected a single SQL boolean expression (no dollar-quoted strings)'],
    ['an unterminated literal', { ...tenant, using: "name = 'x" },
      '[rls] invalid "rowLevelSecurity[0].using": got "name = \'x"; expected a single SQL boolean expression (unterminated string literal)'],
    ['an empty expression', { ...tenant, using: ' ' },
      '[rls] invalid "rowLevelSecurity[0].using": got " "; expected a single SQL boolean expression (not empty)'],
    ['USING on INSERT', { table: 't', name: 'p', command: 'INSERT', roles: ['r'], using: 'true', withCheck: 'true' },
      '[rls] invalid "rowLevelSecurity[0].using": got "true"; expected no USING expression for an INSERT policy (only WITH CHECK applies to new rows)'],
    ['WITH CHECK on SELECT', { table: 't', name: 'p', command: 'SELECT', roles: ['r'], using: 'true', withCheck: 'true' },
      '[rls] invalid "rowLevelSecurity[0].withCheck": got "true"; expected no WITH CHECK expression for a SELECT policy (only USING applies)'],
    ['INSERT without WITH CHECK', { table: 't', name: 'p', command: 'INSERT', roles: ['r'] },
      '[rls] invalid "rowLevelSecurity[0].withCheck": got undefined; expected a WITH CHECK expression: an INSERT policy must say which new rows are allowed'],
    ['UPDATE without USING', { table: 't', name: 'p', command: 'UPDATE', roles: ['r'], withCheck: 'true' },
      '[rls] invalid "rowLevelSecurity[0].using": got undefined; expected a USING expression: an UPDATE policy must say which rows it covers (use "true" deliberately for all rows)'],
  ];
  test.each(bad)('rejects %s', (_what, policy, message) => {
    expect(() => render([policy])).toThrow(message);
  });

  test('rejects two policies with the same name on one table, naming the second', () => {
    expect(() => render([tenant, { ...tenant, roles: ['x'] }])).toThrow(
      '[rls] invalid "rowLevelSecurity[1].name": got "campaigns_seller_owns_rows"; expected a policy name unique per table ("public"."campaigns" already has one with this name)',
    );
  });

  test('accepts quotes, E-strings and quoted identifiers inside an expression', () => {
    const sql = render([{ ...tenant, using: '"Seller ""Id""" = \'it\'\'s;\' OR note = E\'a\\\'b;\' OR (a = 1)' }]);
    expect(sql).toContain('USING ("Seller ""Id""" = \'it\'\'s;\' OR note = E\'a\\\'b;\' OR (a = 1))');
  });
});
