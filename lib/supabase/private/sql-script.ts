import { IConstruct } from 'constructs';
import { ParsedStatement, parseSql, statementKind } from './pg-parser';
import { ValidationError } from '../../core/errors';

/**
 * The shape of every SQL text and file the library emits.
 *
 * SQL (the `accessSql`, `rowLevelSecuritySql` and `migrationSql` properties, for
 * tools that run SQL through a driver): `SET standard_conforming_strings = on;`
 * (what PostgreSQL's parser, and so the checks of the library, assume about
 * string literals), then one `BEGIN; ... COMMIT;` transaction.
 *
 * Files (`.sql` in the synthesized stack, for `psql -f`): the same SQL after
 * `\set ON_ERROR_STOP on`, so that plain `psql -f file.sql`, without any flag,
 * stops at the first error; the transaction then never commits, and nothing
 * after the failing statement runs.
 *
 * Generated SQL is verified after rendering: PostgreSQL's parser must find
 * exactly the statements the renderer wrote, kind by kind, so that no input can
 * have added, split or swallowed one.
 */
export class SqlScript {
  private readonly lines: string[] = [];
  private readonly kinds: string[] = [];

  constructor(header: string[]) {
    this.lines.push(...header.map((h) => `-- ${h}`));
    this.add('VariableSetStmt', 'SET standard_conforming_strings = on;');
    this.add('TransactionStmt', 'BEGIN;');
  }

  /** Adds one statement of the given parse-tree kind ("CreatePolicyStmt"). */
  public add(kind: string, statement: string): void {
    this.lines.push(statement);
    this.kinds.push(kind);
  }

  /** Adds a blank line and a `--` comment. */
  public comment(text: string): void {
    this.lines.push('', `-- ${text.replace(/[\r\n]+/g, ' ')}`);
  }

  /**
   * Closes the transaction and returns the SQL, after checking with PostgreSQL's
   * parser that it is the statements added, in order.
   */
  public finish(scope: IConstruct, prop: string): string {
    this.add('TransactionStmt', 'COMMIT;');
    const sql = `${this.lines.join('\n')}\n`;
    const outcome = parseSql([sql])[0];
    const found = outcome.statements?.map(statementKind);
    if (!found || found.join() !== this.kinds.join()) {
      const what = outcome.error ? `a parse error: ${outcome.error.message}` : `${found!.length} statements (${summary(found!)})`;
      throw new ValidationError(scope, prop, '<generated SQL>', `inputs that render to the ${this.kinds.length} statements the library wrote (${summary(this.kinds)}); PostgreSQL's parser found ${what}`);
    }
    return sql;
  }
}

function summary(kinds: string[]): string {
  const counts = new Map<string, number>();
  kinds.forEach((k) => counts.set(k, (counts.get(k) ?? 0) + 1));
  return [...counts].map(([k, n]) => `${n} ${k}`).join(', ');
}

/** The psql script of `sql`: stops at the first error even under plain `psql -f`. */
export function psqlFile(sql: string): string {
  return `\\set ON_ERROR_STOP on\n${sql}`;
}

/** Statements that PostgreSQL refuses inside a transaction block. */
const OUTSIDE_TRANSACTION_ONLY: { [kind: string]: (node: any) => boolean } = {
  VacuumStmt: () => true,
  CreatedbStmt: () => true,
  DropdbStmt: () => true,
  AlterSystemStmt: () => true,
  CreateTableSpaceStmt: () => true,
  DropTableSpaceStmt: () => true,
  IndexStmt: (n) => n.concurrent === true,
  ReindexStmt: (n) => (n.params ?? []).some((p: any) => p.DefElem?.defname === 'concurrently'),
};

/** How user SQL relates to the one transaction of its file. */
export interface TransactionShape {
  /** True when the SQL opens and commits its own transaction (`BEGIN; ... COMMIT;`). */
  readonly ownTransaction: boolean;
}

/**
 * Parses user SQL for `SqlMigration`: it must parse, and be either free of
 * transaction control (the file wraps it in one transaction) or exactly one
 * `BEGIN ... COMMIT` around everything but leading `SET`s. Returns the shape, or
 * throws a ValidationError naming `prop`.
 */
export function checkMigrationSql(scope: IConstruct, prop: string, sql: string): TransactionShape {
  const outcome = parseSql([sql])[0];
  if (outcome.error) {
    const line = sql.slice(0, Math.max(0, outcome.error.position)).split('\n').length;
    throw new ValidationError(scope, prop, sql, `SQL that PostgreSQL can parse (it reports: ${outcome.error.message}, on line ${line}); psql meta-commands such as "\\set" or "\\i" are not allowed (the library writes the psql settings itself)`);
  }
  const statements = outcome.statements;
  if (statements.length === 0) throw new ValidationError(scope, prop, sql, 'at least one SQL statement');
  statements.forEach((s, i) => {
    const kind = statementKind(s);
    if (OUTSIDE_TRANSACTION_ONLY[kind]?.(s.stmt[kind])) {
      throw new ValidationError(scope, prop, excerpt(sql, s), `statements that can run inside a transaction (statement ${i + 1}, ${kind}, cannot: PostgreSQL refuses it in a transaction block, and the file is one transaction)`);
    }
  });
  const control = statements.map((s, i) => ({ i, kind: transactionKind(s) })).filter((c) => c.kind !== undefined);
  if (control.length === 0) return { ownTransaction: false };
  const first = statements.findIndex((s) => statementKind(s) !== 'VariableSetStmt');
  const ok = control.length === 2
    && control[0].i === first && (control[0].kind === 'TRANS_STMT_BEGIN' || control[0].kind === 'TRANS_STMT_START')
    && control[1].i === statements.length - 1 && control[1].kind === 'TRANS_STMT_COMMIT'
    && !statements[control[1].i].stmt.TransactionStmt.chain;
  if (!ok) {
    throw new ValidationError(scope, prop, sql, 'SQL without transaction control (the file runs it in one transaction), or exactly one BEGIN ... COMMIT around every statement but leading SETs: a COMMIT or ROLLBACK in the middle would let part of the file apply when a later statement fails');
  }
  return { ownTransaction: true };
}

/** Transaction control other than savepoints (which stay inside the one transaction). */
function transactionKind(s: ParsedStatement): string | undefined {
  const kind = s.stmt.TransactionStmt?.kind as string | undefined;
  return kind && !['TRANS_STMT_SAVEPOINT', 'TRANS_STMT_RELEASE', 'TRANS_STMT_ROLLBACK_TO'].includes(kind) ? kind : undefined;
}

function excerpt(sql: string, s: ParsedStatement): string {
  const start = s.stmt_location ?? 0;
  return sql.slice(start, s.stmt_len !== undefined ? start + s.stmt_len : undefined).trim();
}
