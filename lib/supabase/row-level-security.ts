import { ValidationError } from '../core/errors';
import { methodScope } from './private/method-scope';
import { IDENTIFIER_ALLOWED, SQL_IDENTIFIER_PATTERN, ownerComparison } from './private/sql';
import { checkSqlExpressions } from './private/sql-expression';
import { brandEnumLike } from '../core/private/enum-like';
import { Input, checkString, checkStringList } from '../core/private/input';

/**
 * The command a row-level security policy applies to (`CREATE POLICY ... FOR`).
 *
 * @example
 * const command = PolicyCommand.SELECT;
 */
export class PolicyCommand {
  /** Every command. */
  public static readonly ALL = new PolicyCommand('ALL');
  /** Reading rows. */
  public static readonly SELECT = new PolicyCommand('SELECT');
  /** Adding rows. */
  public static readonly INSERT = new PolicyCommand('INSERT');
  /** Changing rows. */
  public static readonly UPDATE = new PolicyCommand('UPDATE');
  /** Removing rows. */
  public static readonly DELETE = new PolicyCommand('DELETE');

  private constructor(
    /** The SQL keyword, for example "SELECT". */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'PolicyCommand');
  }

  /** The SQL keyword. */
  public toString(): string {
    return this.value;
  }
}

/**
 * One row-level security policy, declared in TypeScript and rendered to
 * `CREATE POLICY`.
 *
 * @see https://www.postgresql.org/docs/current/sql-createpolicy.html
 * @see https://supabase.com/docs/guides/database/postgres/row-level-security
 */
export interface RowLevelSecurityPolicy {
  /** Table the policy protects: "table" (schema public) or "schema.table". */
  readonly table: string;
  /** Policy name, unique per table: letters, digits, spaces, "_" or "-". */
  readonly name: string;
  /**
   * Command the policy applies to.
   * @default PolicyCommand.ALL
   */
  readonly command?: PolicyCommand;
  /**
   * Roles the policy applies to. Required and never PUBLIC: a policy names who it is for.
   */
  readonly roles: string[];
  /**
   * `USING` expression: which existing rows are visible (SELECT, UPDATE, DELETE, ALL).
   * Exactly one SQL expression as PostgreSQL's parser reads it (checked at
   * synth). Not allowed for INSERT.
   * @default - none (required for SELECT, UPDATE, DELETE and ALL)
   */
  readonly using?: string;
  /**
   * `WITH CHECK` expression: which new or updated rows are allowed (INSERT, UPDATE, ALL).
   * Exactly one SQL expression. Not allowed for SELECT or DELETE.
   * @default - none (required for INSERT; UPDATE and ALL fall back to `using`)
   */
  readonly withCheck?: string;
  /**
   * Make the policy RESTRICTIVE (AND-ed with the others) instead of PERMISSIVE (OR-ed).
   * @default false
   */
  readonly restrictive?: boolean;
}

/** Options of `RowLevelSecurity.ownRowsOnly`. */
export interface OwnRowsOnlyOptions {
  /** Table whose rows each belong to one owner (a user, a tenant): "table" or "schema.table". */
  readonly table: string;
  /** Roles the rule applies to (for example "authenticated" and the application role). */
  readonly roles: string[];
  /** Column holding the owner's id, for example "user_id" or "tenant_id". */
  readonly ownerColumn: string;
  /**
   * SQL expression of the current owner's id: one value (not a condition), that
   * does not read the row. The default is Supabase Auth's user id, wrapped in a
   * sub-select so PostgreSQL evaluates it once per statement instead of once per
   * row. A backend connecting with its own role sets the same claim per
   * transaction: `select set_config('request.jwt.claim.sub', $1, true)`. The
   * expression is parenthesised in the policy, so it can only ever be compared
   * with the owner column as a whole.
   * @default "(select auth.uid())"
   */
  readonly ownerId?: string;
  /**
   * Policy name.
   * @default "<table>_own_rows"
   */
  readonly name?: string;
}

/**
 * Declares row-level security policies (rendered to idempotent SQL by
 * `SupabaseDatabase`).
 *
 * @example
 * declare const stack: EnvironmentStack;
 * new SupabaseDatabase(stack, 'Database', {
 *   auth: { siteUrl: 'https://app.example.com' },
 *   rowLevelSecurity: [
 *     RowLevelSecurity.ownRowsOnly({ table: 'orders', ownerColumn: 'customer_id', roles: ['authenticated', 'acme_shop_app'] }),
 *     RowLevelSecurity.readAllRows('orders', ['acme_shop_analytics']),
 *   ],
 * });
 */
export class RowLevelSecurity {
  /**
   * The tenant rule: a session sees, inserts, updates and deletes only the rows
   * whose `ownerColumn` equals its owner id. One `FOR ALL` policy whose `USING`
   * and `WITH CHECK` are the same comparison, `"<ownerColumn>" = (<ownerId>)`,
   * so an owner can neither read another owner's rows nor write rows on another
   * owner's behalf; a session without an owner id sees nothing.
   */
  public static ownRowsOnly(options: OwnRowsOnlyOptions): RowLevelSecurityPolicy {
    const where = methodScope('RowLevelSecurity.ownRowsOnly');
    const input = Input.of(where, options);
    const table = input.requiredString('table', { allowed: '"table" or "schema.table"' });
    const roles = checkStringList(where, 'roles', input.raw('roles'));
    if (roles === undefined) throw new ValidationError(where, 'roles', undefined, 'a list of role names');
    const column = input.requiredString('ownerColumn', { pattern: SQL_IDENTIFIER_PATTERN, allowed: IDENTIFIER_ALLOWED });
    const ownerId = input.string('ownerId') ?? '(select auth.uid())';
    const name = input.string('name');
    input.done();
    checkSqlExpressions(where, [{ prop: 'ownerId', text: ownerId, use: 'value', column }]);
    const rule = ownerComparison(column, ownerId);
    return {
      table,
      name: name ?? `${tableName(table)}_own_rows`,
      command: PolicyCommand.ALL,
      roles,
      using: rule,
      withCheck: rule,
    };
  }

  /**
   * A read-only policy that shows every row to `roles` (for example the analytics
   * role, which has only SELECT privileges anyway).
   *
   * @param name the policy name (default "<table>_read_all_rows")
   */
  public static readAllRows(table: string, roles: string[], name?: string): RowLevelSecurityPolicy {
    const where = methodScope('RowLevelSecurity.readAllRows');
    checkString(where, 'table', table, { nonEmpty: true, allowed: '"table" or "schema.table"' });
    if (table === undefined) throw new ValidationError(where, 'table', table, '"table" or "schema.table"');
    const list = checkStringList(where, 'roles', roles);
    if (list === undefined) throw new ValidationError(where, 'roles', roles, 'a list of role names');
    checkString(where, 'name', name);
    return { table, name: name ?? `${tableName(table)}_read_all_rows`, command: PolicyCommand.SELECT, roles: list, using: 'true' };
  }

  private constructor() {}
}

function tableName(table: string): string {
  return table.split('.').pop() ?? table;
}
