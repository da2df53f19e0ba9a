import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { isToken } from '../core/private/validation';

/**
 * SQL text helpers shared by the generated SQL (roles, grants, row-level security).
 *
 * Names are validated against a conservative pattern AND always quoted, so a name
 * can never end an identifier and start a statement: SQL injection through a
 * role, schema, table or policy name is impossible twice over. Expressions (policy
 * `USING` / `WITH CHECK`) are code written by the developer, not data; they are
 * checked lexically so that they cannot close the surrounding statement either.
 */

/** Lowercase identifiers only: what PostgreSQL folds unquoted names to, up to 63 bytes. */
export const SQL_IDENTIFIER_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** Policy names may read like sentences ("sellers read own rows"), but never contain quotes. */
export const POLICY_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_ -]{0,62}$/;

/** Role names PostgreSQL reserves (CREATE ROLE rejects them) or that mean "everyone". */
const RESERVED_ROLE_NAMES = ['public', 'none', 'current_user', 'current_role', 'session_user'];

const IDENTIFIER_ALLOWED = 'a lowercase SQL identifier: a letter or "_" followed by up to 62 lowercase letters, digits or "_"';

/** Double-quotes an identifier (embedded quotes doubled), as PostgreSQL's quote_ident does. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Single-quotes a string literal (embedded quotes doubled), as quote_literal does. */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** Asserts a lowercase identifier (schema, table, column, extension). */
export function assertSqlIdentifier(scope: IConstruct, prop: string, value: string): void {
  if (isToken(value)) {
    throw new ValidationError(scope, prop, '<unresolved token>', `${IDENTIFIER_ALLOWED}, known at synth time (it is rendered into SQL)`);
  }
  if (typeof value !== 'string' || !SQL_IDENTIFIER_PATTERN.test(value)) {
    throw new ValidationError(scope, prop, value, IDENTIFIER_ALLOWED);
  }
}

/** Asserts a role name: an identifier that PostgreSQL allows for CREATE ROLE. */
export function assertRoleName(scope: IConstruct, prop: string, value: string): void {
  assertSqlIdentifier(scope, prop, value);
  if (RESERVED_ROLE_NAMES.includes(value) || value.startsWith('pg_')) {
    throw new ValidationError(scope, prop, value, `${IDENTIFIER_ALLOWED}, not one of ${RESERVED_ROLE_NAMES.map((r) => JSON.stringify(r)).join(', ')} and not starting with "pg_" (reserved by PostgreSQL; name the roles a policy applies to explicitly)`);
  }
}

/** Asserts a policy name. */
export function assertPolicyName(scope: IConstruct, prop: string, value: string): void {
  if (typeof value !== 'string' || isToken(value) || !POLICY_NAME_PATTERN.test(value)) {
    throw new ValidationError(scope, prop, value, '1-63 letters, digits, spaces, "_" or "-", starting with a letter, digit or "_" (no quotes)');
  }
}

/** A table reference split into schema and table. */
export interface QualifiedName {
  readonly schema: string;
  readonly name: string;
}

/** Parses "schema.table" or "table" (schema `defaultSchema`), validating both parts. */
export function parseQualifiedName(scope: IConstruct, prop: string, value: string, defaultSchema = 'public'): QualifiedName {
  const parts = typeof value === 'string' ? value.split('.') : [];
  if (parts.length < 1 || parts.length > 2) {
    throw new ValidationError(scope, prop, value, `"table" or "schema.table", each part ${IDENTIFIER_ALLOWED}`);
  }
  const [schema, name] = parts.length === 2 ? parts : [defaultSchema, parts[0]];
  if (!SQL_IDENTIFIER_PATTERN.test(schema) || !SQL_IDENTIFIER_PATTERN.test(name)) {
    throw new ValidationError(scope, prop, value, `"table" or "schema.table", each part ${IDENTIFIER_ALLOWED}`);
  }
  return { schema, name };
}

/** `"schema"."name"`. */
export function quoteQualified(q: QualifiedName): string {
  return `${quoteIdent(q.schema)}.${quoteIdent(q.name)}`;
}

/**
 * Asserts that a boolean SQL expression can be placed inside `USING ( ... )`
 * without escaping it: not empty; parentheses balanced; no `;`, comments or
 * dollar quoting outside string literals and quoted identifiers. Whether the
 * expression is valid for the table is the server's call at apply time.
 */
export function assertSqlExpression(scope: IConstruct, prop: string, expression: string): void {
  const fail = (why: string): never => {
    throw new ValidationError(scope, prop, expression, `a single SQL boolean expression (${why})`);
  };
  if (typeof expression !== 'string' || isToken(expression)) fail('a plain string known at synth time');
  if (expression.trim() === '') fail('not empty');
  let depth = 0;
  for (let i = 0; i < expression.length; i++) {
    const c = expression[i];
    const next = expression[i + 1];
    if (c === "'" || c === '"') {
      // Skip a literal or quoted identifier; a doubled quote is an escaped quote.
      // E'...' strings may also escape with a backslash.
      const escapeWithBackslash = c === "'" && i > 0 && /[eE]/.test(expression[i - 1]) && !/[A-Za-z0-9_]/.test(expression[i - 2] ?? ' ');
      let j = i + 1;
      for (; j < expression.length; j++) {
        if (escapeWithBackslash && expression[j] === '\\') { j++; continue; }
        if (expression[j] === c) {
          if (expression[j + 1] === c) { j++; continue; }
          break;
        }
      }
      if (j >= expression.length) fail(`unterminated ${c === "'" ? 'string literal' : 'quoted identifier'}`);
      i = j;
    } else if (c === ';') {
      fail('no ";" outside quotes: it would end the CREATE POLICY statement');
    } else if ((c === '-' && next === '-') || (c === '/' && next === '*')) {
      fail('no SQL comments');
    } else if (c === '$' && /[A-Za-z_$]/.test(next ?? '') && !/[A-Za-z0-9_]/.test(expression[i - 1] ?? ' ')) {
      fail('no dollar-quoted strings');
    } else if (c === '(') {
      depth++;
    } else if (c === ')') {
      depth--;
      if (depth < 0) fail('balanced parentheses');
    }
  }
  if (depth !== 0) fail('balanced parentheses');
}

/** `"a", "b"` */
export function quoteIdentList(names: readonly string[]): string {
  return names.map(quoteIdent).join(', ');
}

/** "pg_stat_statements" -> "PgStatStatements", for stable construct ids derived from names. */
export function pascal(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}
