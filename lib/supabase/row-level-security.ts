import { SQL_IDENTIFIER_PATTERN, quoteIdent } from './sql';
import { ValidationError } from '../core/errors';

/** Commands a row-level security policy can apply to (PostgreSQL `CREATE POLICY ... FOR`). */
export const POLICY_COMMANDS = ['SELECT', 'INSERT', 'UPDATE', 'DELETE', 'ALL'] as const;

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
   * Command the policy applies to: one of `POLICY_COMMANDS`.
   * @default "ALL"
   */
  readonly command?: string;
  /**
   * Roles the policy applies to. Required and never PUBLIC: a policy names who it is for.
   */
  readonly roles: string[];
  /**
   * `USING` expression: which existing rows are visible (SELECT, UPDATE, DELETE, ALL).
   * Not allowed for INSERT.
   * @default - none (required for SELECT, UPDATE, DELETE and ALL)
   */
  readonly using?: string;
  /**
   * `WITH CHECK` expression: which new or updated rows are allowed (INSERT, UPDATE, ALL).
   * Not allowed for SELECT or DELETE.
   * @default - none (required for INSERT; UPDATE and ALL fall back to `using`)
   */
  readonly withCheck?: string;
  /**
   * Make the policy RESTRICTIVE (AND-ed with the others) instead of PERMISSIVE (OR-ed).
   * @default false
   */
  readonly restrictive?: boolean;
}

/** Options of `RowLevelSecurity.sellerOwnsRows`. */
export interface SellerOwnsRowsOptions {
  /** Table whose rows belong to sellers: "table" or "schema.table". */
  readonly table: string;
  /** Roles the tenant rule applies to (for example "authenticated" and the application role). */
  readonly roles: string[];
  /**
   * Column holding the owning seller's id.
   * @default "seller_id"
   */
  readonly column?: string;
  /**
   * SQL expression of the current seller's id. The default is Supabase Auth's user
   * id, wrapped in a sub-select so PostgreSQL evaluates it once per statement
   * instead of once per row. A backend connecting with its own role sets the same
   * claim per transaction: `select set_config('request.jwt.claim.sub', $1, true)`.
   * @default "(select auth.uid())"
   */
  readonly sellerId?: string;
  /**
   * Policy name.
   * @default "<table>_seller_owns_rows"
   */
  readonly name?: string;
}

/**
 * Declares row-level security policies and renders them to idempotent SQL.
 *
 * @example
 * const policies = [
 *   RowLevelSecurity.sellerOwnsRows({ table: 'products', roles: ['authenticated', 'livestreamsell_app'] }),
 *   RowLevelSecurity.readAllRows('products', ['livestreamsell_analytics']),
 * ];
 * new SupabaseDatabase(stack, 'Database', { rowLevelSecurity: policies });
 */
export class RowLevelSecurity {
  /**
   * The common tenant rule: a seller sees, inserts, updates and deletes only the
   * rows whose `column` equals its id. One `FOR ALL` policy whose `USING` and
   * `WITH CHECK` are the same comparison, so a seller can neither read another
   * seller's rows nor write rows on another seller's behalf.
   */
  public static sellerOwnsRows(options: SellerOwnsRowsOptions): RowLevelSecurityPolicy {
    const column = options.column ?? 'seller_id';
    const sellerId = options.sellerId ?? '(select auth.uid())';
    // The rest is validated with the construct path when the policy is rendered.
    if (!SQL_IDENTIFIER_PATTERN.test(column)) {
      throw new ValidationError('RowLevelSecurity.sellerOwnsRows', 'column', column, 'a lowercase SQL identifier: a letter or "_" followed by up to 62 lowercase letters, digits or "_"');
    }
    const rule = `${quoteIdent(column)} = ${sellerId}`;
    const tableName = options.table.split('.').pop() ?? options.table;
    return {
      table: options.table,
      name: options.name ?? `${tableName}_seller_owns_rows`,
      command: 'ALL',
      roles: options.roles,
      using: rule,
      withCheck: rule,
    };
  }

  /**
   * A read-only policy that shows every row to `roles` (for example the analytics
   * role, which has only SELECT privileges anyway).
   */
  public static readAllRows(table: string, roles: string[], name?: string): RowLevelSecurityPolicy {
    const tableName = table.split('.').pop() ?? table;
    return { table, name: name ?? `${tableName}_read_all_rows`, command: 'SELECT', roles, using: 'true' };
  }

  private constructor() {}
}
