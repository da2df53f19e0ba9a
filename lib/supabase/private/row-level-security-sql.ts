import { IConstruct } from 'constructs';
import {
  QualifiedName, checkPolicyName, checkRoleName, parseQualifiedName, quoteIdent, quoteIdentList, quoteLiteral, quoteQualified,
} from './sql';
import { ExpressionToCheck, checkSqlExpressions } from './sql-expression';
import { SqlScript } from './sql-script';
import { ValidationError } from '../../core/errors';
import { checkEnumLike } from '../../core/private/enum-like';
import { Input } from '../../core/private/input';
import { PolicyCommand } from '../row-level-security';

/** Options of `renderRowLevelSecuritySql`. */
export interface RenderRowLevelSecurityOptions {
  /** Also `FORCE ROW LEVEL SECURITY`, so the table owner is subject to the policies too. */
  readonly force: boolean;
}

/** A policy read and checked. */
export interface ResolvedPolicy {
  readonly table: QualifiedName;
  readonly name: string;
  readonly command: string;
  readonly roles: string[];
  readonly using?: string;
  readonly withCheck?: string;
  readonly restrictive: boolean;
}

const COMMANDS = 'PolicyCommand.ALL, PolicyCommand.SELECT, PolicyCommand.INSERT, PolicyCommand.UPDATE or PolicyCommand.DELETE';

/**
 * Reads `policies` (the raw `rowLevelSecurity` prop: errors name `prop[i].field`)
 * and checks them: names, roles, commands, PostgreSQL's own rules for which
 * expressions a command takes, unique names per table, and each expression
 * parsed as exactly one SQL expression.
 */
export function resolvePolicies(scope: IConstruct, prop: string, inputs: Input[]): ResolvedPolicy[] {
  const expressions: ExpressionToCheck[] = [];
  const resolved = inputs.map((input) => {
    const p = resolvePolicy(scope, input);
    if (p.using !== undefined) expressions.push({ prop: input.path('using'), text: p.using, use: 'condition' });
    if (p.withCheck !== undefined) expressions.push({ prop: input.path('withCheck'), text: p.withCheck, use: 'condition' });
    return p;
  });
  const seen = new Map<string, number>();
  resolved.forEach((p, i) => {
    const key = `${quoteQualified(p.table)} ${quoteIdent(p.name)}`;
    const first = seen.get(key);
    if (first !== undefined) {
      throw new ValidationError(scope, `${prop}[${i}].name`, p.name, `a policy name unique per table: ${prop}[${first}] already names a policy ${JSON.stringify(p.name)} on ${quoteQualified(p.table)}`);
    }
    seen.set(key, i);
  });
  checkSqlExpressions(scope, expressions);
  return resolved;
}

function resolvePolicy(scope: IConstruct, input: Input): ResolvedPolicy {
  const table = parseQualifiedName(scope, input.path('table'), input.raw('table'));
  const name = checkPolicyName(scope, input.path('name'), input.raw('name'));
  const command = checkEnumLike<PolicyCommand>(scope, input.path('command'), input.raw('command'), 'PolicyCommand', COMMANDS)?.value ?? 'ALL';
  const roles = input.stringList('roles', { unique: true });
  if (roles === undefined || roles.length === 0) {
    throw new ValidationError(scope, input.path('roles'), roles, 'at least one role name (policies never apply to PUBLIC implicitly)');
  }
  roles.forEach((r, i) => checkRoleName(scope, `${input.path('roles')}[${i}]`, r));
  const using = input.string('using');
  const withCheck = input.string('withCheck');
  const restrictive = input.boolean('restrictive') ?? false;
  input.done();

  // PostgreSQL's own rules, reported at synth instead of at apply.
  if (command === 'INSERT' && using !== undefined) {
    throw new ValidationError(scope, input.path('using'), using, 'no USING expression for an INSERT policy (only WITH CHECK applies to new rows)');
  }
  if ((command === 'SELECT' || command === 'DELETE') && withCheck !== undefined) {
    throw new ValidationError(scope, input.path('withCheck'), withCheck, `no WITH CHECK expression for ${article(command)} policy (only USING applies)`);
  }
  if (command === 'INSERT' && withCheck === undefined) {
    throw new ValidationError(scope, input.path('withCheck'), undefined, 'a WITH CHECK expression: an INSERT policy must say which new rows are allowed');
  }
  if (command !== 'INSERT' && using === undefined) {
    throw new ValidationError(scope, input.path('using'), undefined, `a USING expression: ${article(command)} policy must say which rows it covers (use "true" deliberately for all rows)`);
  }
  return { table, name, command, roles, using, withCheck, restrictive };
}

/** "a SELECT", "an UPDATE". */
function article(command: string): string {
  return `${/^[AEIOU]/.test(command) ? 'an' : 'a'} ${command}`;
}

/**
 * Renders checked policies to SQL that can be applied any number of times with
 * the same result:
 *
 * - one transaction, with a lock timeout so it never queues behind long locks;
 * - per table: `ENABLE ROW LEVEL SECURITY` (and FORCE when asked), then policies
 *   not declared here are dropped (removing a policy in TypeScript removes it from
 *   the database), then each declared policy is dropped if it exists and created
 *   again: PostgreSQL has no `CREATE OR REPLACE POLICY`, and inside the
 *   transaction no statement ever sees the table without its policies.
 *
 * The result is verified with PostgreSQL's parser to be exactly these statements.
 */
export function renderRowLevelSecuritySql(scope: IConstruct, prop: string, policies: readonly ResolvedPolicy[], options: RenderRowLevelSecurityOptions): string {
  const script = new SqlScript([
    'Row-level security, generated by SupabaseDatabase.',
    'Idempotent: applying it again leaves the database unchanged.',
  ]);
  addRowLevelSecurityStatements(script, policies, options);
  return script.finish(scope, prop);
}

/** Adds the statements of `renderRowLevelSecuritySql` to `script`. */
export function addRowLevelSecurityStatements(script: SqlScript, policies: readonly ResolvedPolicy[], options: RenderRowLevelSecurityOptions): void {
  const byTable = new Map<string, ResolvedPolicy[]>();
  for (const p of policies) {
    const key = quoteQualified(p.table);
    byTable.set(key, [...(byTable.get(key) ?? []), p]);
  }
  script.comment('row-level security');
  script.add('VariableSetStmt', "SET LOCAL lock_timeout = '10s';");
  // DROP POLICY IF EXISTS reports a NOTICE on first apply; keep the output to real problems.
  script.add('VariableSetStmt', 'SET LOCAL client_min_messages = warning;');
  for (const [table, list] of byTable) {
    const { schema, name } = list[0].table;
    script.comment(`${schema}.${name}`);
    script.add('AlterTableStmt', `ALTER TABLE ${table} ENABLE ROW LEVEL SECURITY;`);
    script.add('AlterTableStmt', `ALTER TABLE ${table} ${options.force ? 'FORCE' : 'NO FORCE'} ROW LEVEL SECURITY;`);
    script.add('DoStmt', dropUndeclared(schema, name, list.map((p) => p.name)));
    for (const p of list) {
      script.add('DropStmt', `DROP POLICY IF EXISTS ${quoteIdent(p.name)} ON ${table};`);
      script.add('CreatePolicyStmt', createPolicy(table, p));
    }
  }
}

function createPolicy(table: string, p: ResolvedPolicy): string {
  const parts = [
    `CREATE POLICY ${quoteIdent(p.name)} ON ${table}`,
    `  AS ${p.restrictive ? 'RESTRICTIVE' : 'PERMISSIVE'} FOR ${p.command}`,
    `  TO ${quoteIdentList(p.roles)}`,
  ];
  // Each expression on its own lines, in parentheses exactly as it was checked.
  if (p.using !== undefined) parts.push(`  USING (${p.using})`);
  if (p.withCheck !== undefined) parts.push(`  WITH CHECK (${p.withCheck})`);
  return `${parts.join('\n')};`;
}

function dropUndeclared(schema: string, table: string, keep: string[]): string {
  return [
    'DO $lss$',
    'DECLARE p record;',
    'BEGIN',
    '  FOR p IN SELECT policyname FROM pg_catalog.pg_policies',
    `    WHERE schemaname = ${quoteLiteral(schema)} AND tablename = ${quoteLiteral(table)}`,
    `      AND policyname <> ALL (ARRAY[${keep.map(quoteLiteral).join(', ')}]::name[])`,
    '  LOOP',
    `    EXECUTE format('DROP POLICY %I ON %I.%I', p.policyname, ${quoteLiteral(schema)}, ${quoteLiteral(table)});`,
    '  END LOOP;',
    'END',
    '$lss$;',
  ].join('\n');
}
