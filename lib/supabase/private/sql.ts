import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { checkString, isUnresolved } from '../../core/private/input';

/**
 * SQL names: validated against a conservative pattern AND always double-quoted
 * when rendered, so a name can never end an identifier and start a statement.
 * Expressions (policy `USING` / `WITH CHECK`, owner ids) are checked by
 * PostgreSQL's own parser instead: see sql-expression.ts.
 */

/** Lowercase identifiers only: what PostgreSQL folds unquoted names to, up to 63 bytes. */
export const SQL_IDENTIFIER_PATTERN = /^[a-z_][a-z0-9_]{0,62}$/;

/** Policy names may read like sentences ("owners read own rows"), but never contain quotes. */
export const POLICY_NAME_PATTERN = /^[A-Za-z0-9_][A-Za-z0-9_ -]{0,62}$/;

/** Role names PostgreSQL reserves (CREATE ROLE rejects them) or that mean "everyone". */
const RESERVED_ROLE_NAMES = ['public', 'none', 'current_user', 'current_role', 'session_user'];

export const IDENTIFIER_ALLOWED = 'a lowercase SQL identifier: a letter or "_" followed by up to 62 lowercase letters, digits or "_"';

/** Double-quotes an identifier (embedded quotes doubled), as PostgreSQL's quote_ident does. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** Single-quotes a string literal (embedded quotes doubled; standard_conforming_strings is on). */
export function quoteLiteral(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** `"a", "b"` */
export function quoteIdentList(names: readonly string[]): string {
  return names.map(quoteIdent).join(', ');
}

/** Checks a lowercase identifier (schema, table, column, extension) known at synth time. */
export function checkSqlIdentifier(scope: IConstruct, prop: string, value: unknown): string {
  if (isUnresolved(value)) {
    throw new ValidationError(scope, prop, '<unresolved token>', `${IDENTIFIER_ALLOWED}, known at synth time (it is rendered into SQL)`);
  }
  if (value === undefined) throw new ValidationError(scope, prop, value, IDENTIFIER_ALLOWED);
  return checkString(scope, prop, value, { pattern: SQL_IDENTIFIER_PATTERN, allowed: IDENTIFIER_ALLOWED })!;
}

/** Checks a role name: an identifier that PostgreSQL allows for CREATE ROLE. */
export function checkRoleName(scope: IConstruct, prop: string, value: unknown): string {
  const name = checkSqlIdentifier(scope, prop, value);
  if (RESERVED_ROLE_NAMES.includes(name) || name.startsWith('pg_')) {
    throw new ValidationError(scope, prop, name, `${IDENTIFIER_ALLOWED}, not one of ${RESERVED_ROLE_NAMES.map((r) => JSON.stringify(r)).join(', ')} and not starting with "pg_" (reserved by PostgreSQL; name the roles a policy applies to explicitly)`);
  }
  return name;
}

/** Checks a policy name. */
export function checkPolicyName(scope: IConstruct, prop: string, value: unknown): string {
  const allowed = '1-63 letters, digits, spaces, "_" or "-", starting with a letter, digit or "_" (no quotes)';
  if (value === undefined || isUnresolved(value)) throw new ValidationError(scope, prop, value, allowed);
  return checkString(scope, prop, value, { pattern: POLICY_NAME_PATTERN, allowed })!;
}

/** A table reference split into schema and table. */
export interface QualifiedName {
  readonly schema: string;
  readonly name: string;
}

/** Parses "schema.table" or "table" (schema `defaultSchema`), validating both parts. */
export function parseQualifiedName(scope: IConstruct, prop: string, value: unknown, defaultSchema = 'public'): QualifiedName {
  const allowed = `"table" or "schema.table", each part ${IDENTIFIER_ALLOWED}`;
  if (typeof value !== 'string' || isUnresolved(value)) throw new ValidationError(scope, prop, value, allowed);
  const parts = value.split('.');
  if (parts.length > 2) throw new ValidationError(scope, prop, value, allowed);
  const [schema, name] = parts.length === 2 ? parts : [defaultSchema, parts[0]];
  if (!SQL_IDENTIFIER_PATTERN.test(schema) || !SQL_IDENTIFIER_PATTERN.test(name)) {
    throw new ValidationError(scope, prop, value, allowed);
  }
  return { schema, name };
}

/** `"schema"."name"`. */
export function quoteQualified(q: QualifiedName): string {
  return `${quoteIdent(q.schema)}.${quoteIdent(q.name)}`;
}

/**
 * The tenant rule `"<column>" = (<ownerId>)`: the owner id is parenthesised, so
 * whatever it is, it is compared with the column as a whole (an owner id of
 * `auth.uid() OR true` compares a uuid with a boolean and fails, instead of
 * making the rule `... OR true`).
 */
export function ownerComparison(column: string, ownerId: string): string {
  return `${quoteIdent(column)} = (${ownerId})`;
}

/** "pg_stat_statements" -> "PgStatStatements", for stable construct ids derived from names. */
export function pascal(name: string): string {
  return name.split(/[^A-Za-z0-9]+/).filter(Boolean).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
}
