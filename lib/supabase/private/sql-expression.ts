import { IConstruct } from 'constructs';
import { parseSql } from './pg-parser';
import { ValidationError } from '../../core/errors';
import { isUnresolved } from '../../core/private/input';

/**
 * SQL expressions written by developers (policy `USING` / `WITH CHECK`, the
 * owner-id expression of `RowLevelSecurity.ownRowsOnly`) are placed inside
 * parentheses in the generated SQL: `USING (<expression>)`. Each is checked by
 * PostgreSQL's own parser (libpg_query) to be exactly one expression in exactly
 * that position: the text is parsed as `SELECT (<expression>)` and must come
 * out as one SELECT of one unnamed output column and nothing else. So it cannot
 * close the parentheses and add a clause, end the statement and start another,
 * comment out what follows, or leave a string, identifier or dollar quote open:
 * the lexer that decides where a literal ends is the server's own.
 *
 * The generated SQL also pins `standard_conforming_strings = on` (what the
 * parser assumes) before any expression, so the server and psql read literals
 * the same way whatever the database's setting.
 */

/** What the expression stands for: a row condition, or a value (an owner id) compared with a column. */
export type ExpressionUse = 'condition' | 'value';

/** One expression to check. */
export interface ExpressionToCheck {
  /** Prop path as the user wrote it, for the message. */
  readonly prop: string;
  /** The raw value. */
  readonly text: unknown;
  readonly use: ExpressionUse;
  /** For values: the column the value is compared with (messages). */
  readonly column?: string;
}

const WRAPPER_START = 'SELECT (';
const WRAPPER_END = ')';
const ALLOWED = 'one SQL expression, as PostgreSQL\'s parser reads it';

/** Clauses a closing parenthesis could smuggle into the SELECT, by parse-tree field. */
const SMUGGLED_CLAUSES: { [field: string]: string } = {
  fromClause: 'a FROM clause',
  whereClause: 'a WHERE clause',
  groupClause: 'a GROUP BY clause',
  havingClause: 'a HAVING clause',
  windowClause: 'a WINDOW clause',
  sortClause: 'an ORDER BY clause',
  limitCount: 'a LIMIT clause',
  limitOffset: 'an OFFSET clause',
  distinctClause: 'DISTINCT',
  intoClause: 'an INTO clause',
  lockingClause: 'a locking clause (FOR UPDATE)',
  valuesLists: 'a VALUES list',
  withClause: 'a WITH clause',
};

/** Throws a ValidationError for the first expression that is not exactly one SQL expression. */
export function checkSqlExpressions(scope: IConstruct, items: readonly ExpressionToCheck[]): void {
  for (const item of items) {
    const fail = (why: string): never => {
      throw new ValidationError(scope, item.prop, item.text, why ? `${ALLOWED} (${why})` : ALLOWED);
    };
    if (typeof item.text !== 'string') fail('a string');
    if (isUnresolved(item.text)) throw new ValidationError(scope, item.prop, '<unresolved token>', `${ALLOWED}, known at synth time (it is written into SQL)`);
    if ((item.text as string).trim() === '') fail('not empty');
  }
  const texts = items.map((i) => `${WRAPPER_START}${i.text as string}${WRAPPER_END}`);
  const outcomes = parseSql(texts);
  items.forEach((item, i) => {
    const text = item.text as string;
    const outcome = outcomes[i];
    const why = outcome.error ? parseErrorText(outcome.error, text) : shapeProblem(outcome.statements);
    if (why) throw new ValidationError(scope, item.prop, text, `${ALLOWED} (${why})`);
    if (item.use === 'value') {
      const problem = valueProblem(outcome.statements![0].stmt.SelectStmt.targetList[0].ResTarget.val, item.column ?? 'the column');
      if (problem) throw new ValidationError(scope, item.prop, text, `the current owner's id as one SQL value, such as "(select auth.uid())" (${problem})`);
    }
  });
}

function parseErrorText(error: { message: string; position: number }, text: string): string {
  const at = error.position - WRAPPER_START.length;
  const where = at >= 0 && at < text.length ? `at character ${at + 1}` : 'at its end';
  return `PostgreSQL reports: ${error.message}, ${where}`;
}

function shapeProblem(statements: readonly any[]): string | undefined {
  if (statements.length !== 1) {
    return 'the text ends the statement it is placed in and starts another: SQL injection';
  }
  const select = statements[0].stmt.SelectStmt;
  if (!select) return 'the text ends the statement it is placed in and starts another: SQL injection';
  const escape = 'the text closes the parentheses around it and adds';
  if (select.op !== 'SETOP_NONE') return `${escape} a UNION, INTERSECT or EXCEPT`;
  for (const [field, what] of Object.entries(SMUGGLED_CLAUSES)) {
    if (select[field] !== undefined) return `${escape} ${what}`;
  }
  const targets: any[] = select.targetList ?? [];
  if (targets.length !== 1) return `${escape} another output column`;
  const target = targets[0].ResTarget;
  if (target.name !== undefined) return `${escape} an AS alias`;
  return undefined;
}

/**
 * An owner id is compared with the row's owner column: it must be a value of
 * the current user, neither a condition (`auth.uid() OR true` would compare the
 * column with a boolean) nor a reference to the row itself (`owner_id` would
 * make every row its own owner's).
 */
function valueProblem(node: any, column: string): string | undefined {
  const condition = conditionKind(node);
  if (condition) return `this is ${condition}, not a value: the policy compares "${column}" with the whole of it`;
  const own = rowColumn(node);
  if (own) return `this reads the column "${own}" of the row itself, so every row would pass: use a value of the session`;
  return undefined;
}

function conditionKind(node: any): string | undefined {
  if (node.BoolExpr) return ({ AND_EXPR: 'an AND condition', OR_EXPR: 'an OR condition', NOT_EXPR: 'a NOT condition' } as { [op: string]: string })[node.BoolExpr.boolop] ?? 'a condition';
  if (node.NullTest || node.BooleanTest) return 'a condition';
  if (node.A_Const?.boolval !== undefined) return 'a boolean constant';
  if (node.SubLink && node.SubLink.subLinkType !== 'EXPR_SUBLINK') return 'a condition';
  const op = node.A_Expr;
  if (op) {
    if (op.kind !== 'AEXPR_OP') return 'a condition';
    const name = op.name?.[op.name.length - 1]?.String?.sval;
    if (['=', '<>', '!=', '<', '>', '<=', '>=', '~', '~*', '!~', '!~*', '~~', '~~*', '@>', '<@', '&&'].includes(name)) return `a comparison ("${name}")`;
  }
  return undefined;
}

/** The first column reference outside a sub-select that reads a table of its own, if any. */
function rowColumn(node: unknown): string | undefined {
  if (Array.isArray(node)) {
    for (const n of node) {
      const found = rowColumn(n);
      if (found) return found;
    }
    return undefined;
  }
  if (node === null || typeof node !== 'object') return undefined;
  const o = node as { [key: string]: any };
  if (o.ColumnRef) {
    return (o.ColumnRef.fields as any[]).map((f) => f.String?.sval ?? '*').join('.');
  }
  if (o.SelectStmt?.fromClause) return undefined;
  for (const value of Object.values(o)) {
    const found = rowColumn(value);
    if (found) return found;
  }
  return undefined;
}
