import { Testing, TerraformStack } from 'cdktf';
import { PolicyCommand, RowLevelSecurity, RowLevelSecurityPolicy } from '../../lib';
import { Input } from '../../lib/core/private/input';
import { renderRowLevelSecuritySql, resolvePolicies } from '../../lib/supabase/private/row-level-security-sql';

function render(policies: RowLevelSecurityPolicy[], force = false): string {
  const stack = new TerraformStack(Testing.app(), 'rls');
  const inputs = Input.of(stack, { rowLevelSecurity: policies }).objectList('rowLevelSecurity')!;
  return renderRowLevelSecuritySql(stack, 'rowLevelSecurity', resolvePolicies(stack, 'rowLevelSecurity', inputs), { force });
}

const tenant = RowLevelSecurity.ownRowsOnly({ table: 'orders', ownerColumn: 'customer_id', roles: ['authenticated', 'acme_shop_app'] });

describe('RowLevelSecurity helpers', () => {
  test('ownRowsOnly is one FOR ALL policy with the same USING and WITH CHECK, the owner id parenthesised', () => {
    expect(tenant).toEqual({
      table: 'orders',
      name: 'orders_own_rows',
      command: PolicyCommand.ALL,
      roles: ['authenticated', 'acme_shop_app'],
      using: '"customer_id" = ((select auth.uid()))',
      withCheck: '"customer_id" = ((select auth.uid()))',
    });
  });

  test('ownRowsOnly takes an owner id expression and a name', () => {
    const p = RowLevelSecurity.ownRowsOnly({ table: 'app.clips', roles: ['r'], ownerColumn: 'owner_id', ownerId: "current_setting('app.owner')::uuid", name: 'own clips' });
    expect(p).toMatchObject({ table: 'app.clips', name: 'own clips', using: '"owner_id" = (current_setting(\'app.owner\')::uuid)' });
  });

  test('readAllRows is a SELECT policy over every row', () => {
    expect(RowLevelSecurity.readAllRows('public.orders', ['acme_shop_analytics'])).toEqual({
      table: 'public.orders', name: 'orders_read_all_rows', command: PolicyCommand.SELECT, roles: ['acme_shop_analytics'], using: 'true',
    });
  });

  const badOwner: Array<[string, string, string]> = [
    ['OR true (a condition, not a value)', '(select auth.uid()) OR true',
      '[RowLevelSecurity.ownRowsOnly] invalid "ownerId": got "(select auth.uid()) OR true"; expected the current owner\'s id as one SQL value, such as "(select auth.uid())" (this is an OR condition, not a value: the policy compares "customer_id" with the whole of it)'],
    ['a comparison', 'auth.uid() = auth.uid()',
      '[RowLevelSecurity.ownRowsOnly] invalid "ownerId": got "auth.uid() = auth.uid()"; expected the current owner\'s id as one SQL value, such as "(select auth.uid())" (this is a comparison ("="), not a value: the policy compares "customer_id" with the whole of it)'],
    ['the row\'s own column', 'customer_id',
      '[RowLevelSecurity.ownRowsOnly] invalid "ownerId": got "customer_id"; expected the current owner\'s id as one SQL value, such as "(select auth.uid())" (this reads the column "customer_id" of the row itself, so every row would pass: use a value of the session)'],
    ['a correlated sub-select of the row', '(select customer_id)',
      '[RowLevelSecurity.ownRowsOnly] invalid "ownerId": got "(select customer_id)"; expected the current owner\'s id as one SQL value, such as "(select auth.uid())" (this reads the column "customer_id" of the row itself'],
    ['a statement break', 'auth.uid()); DROP TABLE orders; --',
      '[RowLevelSecurity.ownRowsOnly] invalid "ownerId": got "auth.uid()); DROP TABLE orders; --"; expected one SQL expression, as PostgreSQL\'s parser reads it (the text ends the statement it is placed in and starts another: SQL injection)'],
    ['unbalanced parentheses', '(select auth.uid()',
      '[RowLevelSecurity.ownRowsOnly] invalid "ownerId": got "(select auth.uid()"; expected one SQL expression, as PostgreSQL\'s parser reads it (PostgreSQL reports: syntax error at end of input, at its end)'],
  ];
  test.each(badOwner)('ownRowsOnly refuses an owner id that is %s', (_what, ownerId, message) => {
    expect(() => RowLevelSecurity.ownRowsOnly({ table: 'orders', roles: ['r'], ownerColumn: 'customer_id', ownerId })).toThrow(message);
  });

  test('ownRowsOnly accepts a sub-select that reads a table of its own', () => {
    expect(() => RowLevelSecurity.ownRowsOnly({ table: 'orders', roles: ['r'], ownerColumn: 'shop_id', ownerId: '(select s.id from public.shops s where s.user_id = auth.uid())' })).not.toThrow();
  });

  test('ownRowsOnly checks its options', () => {
    expect(() => RowLevelSecurity.ownRowsOnly({ table: 't', roles: ['r'], ownerColumn: 'owner_id" OR true OR "x' })).toThrow(
      '[RowLevelSecurity.ownRowsOnly] invalid "ownerColumn": got "owner_id\\" OR true OR \\"x"; expected a lowercase SQL identifier: a letter or "_" followed by up to 62 lowercase letters, digits or "_"',
    );
    expect(() => RowLevelSecurity.ownRowsOnly({ table: 't', roles: 'r' as any, ownerColumn: 'owner_id' })).toThrow('[RowLevelSecurity.ownRowsOnly] invalid "roles": got "r"; expected a list');
    expect(() => RowLevelSecurity.ownRowsOnly({ table: 't', roles: ['r'] } as any)).toThrow('[RowLevelSecurity.ownRowsOnly] invalid "ownerColumn": got undefined; expected a lowercase SQL identifier');
    expect(() => RowLevelSecurity.ownRowsOnly({ table: 't', roles: ['r'], ownerColumn: 'o', sellerId: 'x' } as any)).toThrow('[RowLevelSecurity.ownRowsOnly] invalid "sellerId": got "x"; expected no such property');
    expect(() => RowLevelSecurity.readAllRows('t', 'r' as any)).toThrow('[RowLevelSecurity.readAllRows] invalid "roles": got "r"; expected a list');
  });
});

describe('renderRowLevelSecuritySql', () => {
  test('renders an idempotent transaction: enable, drop undeclared, drop-and-create each policy', () => {
    const sql = render([tenant]);
    expect(sql.startsWith('-- Row-level security, generated by SupabaseDatabase.\n-- Idempotent: applying it again leaves the database unchanged.\nSET standard_conforming_strings = on;\nBEGIN;\n')).toBe(true);
    expect(sql).toContain('SET LOCAL lock_timeout = \'10s\';\nSET LOCAL client_min_messages = warning;');
    expect(sql).toContain('ALTER TABLE "public"."orders" ENABLE ROW LEVEL SECURITY;');
    expect(sql).toContain('ALTER TABLE "public"."orders" NO FORCE ROW LEVEL SECURITY;');
    expect(sql).toContain("AND policyname <> ALL (ARRAY['orders_own_rows']::name[])");
    expect(sql).toContain([
      'DROP POLICY IF EXISTS "orders_own_rows" ON "public"."orders";',
      'CREATE POLICY "orders_own_rows" ON "public"."orders"',
      '  AS PERMISSIVE FOR ALL',
      '  TO "authenticated", "acme_shop_app"',
      '  USING ("customer_id" = ((select auth.uid())))',
      '  WITH CHECK ("customer_id" = ((select auth.uid())));',
    ].join('\n'));
    expect(sql.trimEnd().endsWith('COMMIT;')).toBe(true);
  });

  test('snapshot: one table with a tenant rule and a read-all policy', () => {
    expect(render([tenant, RowLevelSecurity.readAllRows('orders', ['acme_shop_analytics'])])).toMatchSnapshot();
  });

  test('FORCE and RESTRICTIVE when asked; INSERT has only WITH CHECK', () => {
    const sql = render([{ table: 'orders', name: 'insert own', command: PolicyCommand.INSERT, roles: ['r'], withCheck: 'true', restrictive: true }], true);
    expect(sql).toContain('ALTER TABLE "public"."orders" FORCE ROW LEVEL SECURITY;');
    expect(sql).toContain('CREATE POLICY "insert own" ON "public"."orders"\n  AS RESTRICTIVE FOR INSERT\n  TO "r"\n  WITH CHECK (true);');
    expect(sql).not.toContain('USING');
  });

  test('groups policies by table and keeps declaration order', () => {
    const sql = render([tenant, RowLevelSecurity.readAllRows('orders', ['a']), RowLevelSecurity.readAllRows('app.clips', ['a'])]);
    expect(sql.indexOf('-- public.orders')).toBeLessThan(sql.indexOf('-- app.clips'));
    expect(sql.match(/ENABLE ROW LEVEL SECURITY/g)).toHaveLength(2);
  });

  test('accepts what the parser reads as one expression: quotes, E-strings, dollar quotes, comments inside', () => {
    const using = '"Owner ""Id""" = \'it\'\'s;\' OR note = E\'a\\\'b;\' OR tag = $t$ ); drop $t$ OR (a = 1) /* ); */';
    expect(render([{ ...tenant, using }])).toContain(`USING (${using})`);
  });

  const bad: Array<[string, RowLevelSecurityPolicy, string]> = [
    ['a command that is a string', { ...tenant, command: 'TRUNCATE' as any },
      '[rls] invalid "rowLevelSecurity[0].command": got "TRUNCATE"; expected a PolicyCommand: PolicyCommand.ALL, PolicyCommand.SELECT, PolicyCommand.INSERT, PolicyCommand.UPDATE or PolicyCommand.DELETE'],
    ['an injected table name', { ...tenant, table: 'orders; DROP TABLE users' },
      '[rls] invalid "rowLevelSecurity[0].table": got "orders; DROP TABLE users"; expected "table" or "schema.table", each part a lowercase SQL identifier: a letter or "_" followed by up to 62 lowercase letters, digits or "_"'],
    ['a three-part table name', { ...tenant, table: 'db.public.orders' }, '[rls] invalid "rowLevelSecurity[0].table": got "db.public.orders"; expected "table" or "schema.table"'],
    ['a quoted policy name', { ...tenant, name: 'x" ON users; --' },
      '[rls] invalid "rowLevelSecurity[0].name": got "x\\" ON users; --"; expected 1-63 letters, digits, spaces, "_" or "-", starting with a letter, digit or "_" (no quotes)'],
    ['an invalid role', { ...tenant, roles: ['authenticated', 'App Role'] }, '[rls] invalid "rowLevelSecurity[0].roles[1]": got "App Role"; expected a lowercase SQL identifier'],
    ['PUBLIC as a role', { ...tenant, roles: ['public'] },
      '[rls] invalid "rowLevelSecurity[0].roles[0]": got "public"; expected a lowercase SQL identifier: a letter or "_" followed by up to 62 lowercase letters, digits or "_", not one of "public", "none", "current_user", "current_role", "session_user" and not starting with "pg_"'],
    ['no roles', { ...tenant, roles: [] }, '[rls] invalid "rowLevelSecurity[0].roles": got []; expected at least one role name (policies never apply to PUBLIC implicitly)'],
    ['a role twice', { ...tenant, roles: ['r', 'r'] }, '[rls] invalid "rowLevelSecurity[0].roles[1]": got "r"; expected a value not already in the list'],
    ['an expression that ends the statement', { ...tenant, using: 'true); DROP TABLE users; --' },
      '[rls] invalid "rowLevelSecurity[0].using": got "true); DROP TABLE users; --"; expected one SQL expression, as PostgreSQL\'s parser reads it (the text ends the statement it is placed in and starts another: SQL injection)'],
    ['a semicolon', { ...tenant, using: 'true; DELETE FROM users' },
      '[rls] invalid "rowLevelSecurity[0].using": got "true; DELETE FROM users"; expected one SQL expression, as PostgreSQL\'s parser reads it (PostgreSQL reports: syntax error at or near ";", at character 5)'],
    ['a comment that swallows the closing parenthesis', { ...tenant, withCheck: 'true -- x' },
      '[rls] invalid "rowLevelSecurity[0].withCheck": got "true -- x"; expected one SQL expression, as PostgreSQL\'s parser reads it (PostgreSQL reports: syntax error at end of input, at its end)'],
    ['an open block comment', { ...tenant, using: 'true /* ' },
      '[rls] invalid "rowLevelSecurity[0].using": got "true /* "; expected one SQL expression, as PostgreSQL\'s parser reads it (PostgreSQL reports: unterminated /* comment at or near "/* )", at character 6)'],
    ['an open dollar quote', { ...tenant, using: 'x = $q$ ) OR true' },
      '[rls] invalid "rowLevelSecurity[0].using": got "x = $q$ ) OR true"; expected one SQL expression, as PostgreSQL\'s parser reads it (PostgreSQL reports: unterminated dollar-quoted string at or near "$q$ ) OR true)", at character 5)'],
    ['an unterminated literal', { ...tenant, using: "name = 'x" },
      '[rls] invalid "rowLevelSecurity[0].using": got "name = \'x"; expected one SQL expression, as PostgreSQL\'s parser reads it (PostgreSQL reports: unterminated quoted string at or near "\'x)", at character 8)'],
    ['a closing parenthesis too many', { ...tenant, using: 'a = 1)' },
      '[rls] invalid "rowLevelSecurity[0].using": got "a = 1)"; expected one SQL expression, as PostgreSQL\'s parser reads it (PostgreSQL reports: syntax error at or near ")", at its end)'],
    ['a smuggled FROM clause', { ...tenant, using: 'true) FROM pg_authid WHERE (true' },
      '[rls] invalid "rowLevelSecurity[0].using": got "true) FROM pg_authid WHERE (true"; expected one SQL expression, as PostgreSQL\'s parser reads it (the text closes the parentheses around it and adds a FROM clause)'],
    ['a smuggled UNION', { ...tenant, using: 'true) UNION SELECT (false' },
      '[rls] invalid "rowLevelSecurity[0].using": got "true) UNION SELECT (false"; expected one SQL expression, as PostgreSQL\'s parser reads it (the text closes the parentheses around it and adds a UNION, INTERSECT or EXCEPT)'],
    ['a second output column', { ...tenant, using: 'true), (false' },
      '[rls] invalid "rowLevelSecurity[0].using": got "true), (false"; expected one SQL expression, as PostgreSQL\'s parser reads it (the text closes the parentheses around it and adds another output column)'],
    ['a psql meta-command', { ...tenant, using: 'true \\! id' },
      '[rls] invalid "rowLevelSecurity[0].using": got "true \\\\! id"; expected one SQL expression, as PostgreSQL\'s parser reads it (PostgreSQL reports: syntax error at or near "\\", at character 6)'],
    ['Terraform template text', { ...tenant, using: '${var.x}' }, '[rls] invalid "rowLevelSecurity[0].using": got "${var.x}"; expected one SQL expression, as PostgreSQL\'s parser reads it (PostgreSQL reports: syntax error at or near "$", at character 1)'],
    ['an empty expression', { ...tenant, using: ' ' }, '[rls] invalid "rowLevelSecurity[0].using": got " "; expected one SQL expression, as PostgreSQL\'s parser reads it (not empty)'],
    ['an expression that is not a string', { ...tenant, using: 42 as any }, '[rls] invalid "rowLevelSecurity[0].using": got 42; expected a string'],
    ['USING on INSERT', { table: 't', name: 'p', command: PolicyCommand.INSERT, roles: ['r'], using: 'true', withCheck: 'true' },
      '[rls] invalid "rowLevelSecurity[0].using": got "true"; expected no USING expression for an INSERT policy (only WITH CHECK applies to new rows)'],
    ['WITH CHECK on SELECT', { table: 't', name: 'p', command: PolicyCommand.SELECT, roles: ['r'], using: 'true', withCheck: 'true' },
      '[rls] invalid "rowLevelSecurity[0].withCheck": got "true"; expected no WITH CHECK expression for a SELECT policy (only USING applies)'],
    ['INSERT without WITH CHECK', { table: 't', name: 'p', command: PolicyCommand.INSERT, roles: ['r'] },
      '[rls] invalid "rowLevelSecurity[0].withCheck": got undefined; expected a WITH CHECK expression: an INSERT policy must say which new rows are allowed'],
    ['UPDATE without USING', { table: 't', name: 'p', command: PolicyCommand.UPDATE, roles: ['r'], withCheck: 'true' },
      '[rls] invalid "rowLevelSecurity[0].using": got undefined; expected a USING expression: an UPDATE policy must say which rows it covers (use "true" deliberately for all rows)'],
    ['restrictive as a string', { ...tenant, restrictive: 'false' as any }, '[rls] invalid "rowLevelSecurity[0].restrictive": got "false"; expected true or false (a boolean, not a string)'],
    ['a misspelt key', { ...tenant, withcheck: 'true' } as any, '[rls] invalid "rowLevelSecurity[0].withcheck": got "true"; expected no such property'],
  ];
  test.each(bad)('rejects %s', (_what, policy, message) => {
    expect(() => render([policy])).toThrow(message);
  });

  test('rejects two policies with one name on one table, naming both', () => {
    expect(() => render([tenant, RowLevelSecurity.readAllRows('orders', ['x']), { ...tenant, roles: ['x'] }])).toThrow(
      '[rls] invalid "rowLevelSecurity[2].name": got "orders_own_rows"; expected a policy name unique per table: rowLevelSecurity[0] already names a policy "orders_own_rows" on "public"."orders"',
    );
    expect(() => render([tenant, { ...tenant, table: 'app.orders' }])).not.toThrow();
  });
});
