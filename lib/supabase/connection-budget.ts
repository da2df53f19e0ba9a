import { brandEnumLike } from '../core/private/enum-like';

/**
 * How a client reaches Postgres on Supabase.
 *
 * | mode | host:port | backend connections it holds |
 * |---|---|---|
 * | `TRANSACTION_POOLER` | the shared pooler (Supavisor), port 6543 | only while a transaction runs: many clients share the pool |
 * | `SESSION_POOLER` | the shared pooler, port 5432 | one per client for as long as it is connected |
 * | `DIRECT` | `db.<ref>.supabase.co:5432` (IPv6, or IPv4 with Supabase's add-on) | one per client |
 *
 * Transaction mode is the one for services that scale out (API servers,
 * workers): their clients count against the pooler's client limit, not the
 * database's. It does not keep session state between transactions, so
 * prepared statements and session `SET`s do not work through it; migrations
 * use the session pooler or the direct connection.
 *
 * @see https://supabase.com/docs/guides/database/connecting-to-postgres
 *
 * @example
 * const mode = DatabaseConnectionMode.TRANSACTION_POOLER;
 */
export class DatabaseConnectionMode {
  /** Supavisor in transaction mode (port 6543): for application traffic from services that scale out. */
  public static readonly TRANSACTION_POOLER = new DatabaseConnectionMode('transaction', 6543);
  /** Supavisor in session mode (port 5432): session state and prepared statements over IPv4 (migrations, tools). */
  public static readonly SESSION_POOLER = new DatabaseConnectionMode('session', 5432);
  /** The database itself (`db.<ref>.supabase.co:5432`): IPv6, or IPv4 with Supabase's IPv4 add-on. */
  public static readonly DIRECT = new DatabaseConnectionMode('direct', 5432);

  private constructor(
    /** "transaction", "session" or "direct". */
    public readonly value: string,
    /** TCP port of the mode. */
    public readonly port: number,
  ) {
    brandEnumLike(this, 'DatabaseConnectionMode');
  }

  /** The mode's name. */
  public toString(): string {
    return this.value;
  }
}

/**
 * One of the three login roles a `SupabaseDatabase` creates.
 *
 * @example
 * const role = DatabaseRoleKind.MIGRATION;
 */
export class DatabaseRoleKind {
  /** The application's role: reads and writes rows under row-level security. */
  public static readonly APPLICATION = new DatabaseRoleKind('application', 'applicationRole');
  /** The read-only analytics role. */
  public static readonly ANALYTICS = new DatabaseRoleKind('analytics', 'analyticsRole');
  /** The migration role: owns the tables. */
  public static readonly MIGRATION = new DatabaseRoleKind('migration', 'migrationRole');

  private constructor(
    /** "application", "analytics" or "migration". */
    public readonly value: string,
    /** The prop that configures the role ("applicationRole"). */
    public readonly prop: string,
  ) {
    brandEnumLike(this, 'DatabaseRoleKind');
  }

  /** The kind's name. */
  public toString(): string {
    return this.value;
  }
}

/**
 * Something that opens connections to the database: a service with up to
 * `maxInstances` instances, each holding up to `connectionsPerInstance`
 * connections (its client-side pool: pool size plus overflow). A Render
 * service, a Kubernetes app, a job: whatever scales, declared once with the
 * numbers its own configuration uses, so that `SupabaseDatabase` can check at
 * synth that the peak fits.
 *
 * @example
 * const api: DatabaseConnectionConsumer = { name: 'api', maxInstances: 10, connectionsPerInstance: 10 };
 */
export interface DatabaseConnectionConsumer {
  /** Name in messages: the service, app or job ("api", "ai-worker"). Unique per database. */
  readonly name: string;
  /** Most instances (replicas) at the same time: the top of its autoscaling, 1-1000. */
  readonly maxInstances: number;
  /** Most connections one instance opens (client pool size plus overflow), 1-1000. */
  readonly connectionsPerInstance: number;
  /**
   * How it connects.
   * @default DatabaseConnectionMode.TRANSACTION_POOLER
   */
  readonly mode?: DatabaseConnectionMode;
  /**
   * The role it logs in as.
   * @default DatabaseRoleKind.APPLICATION
   */
  readonly role?: DatabaseRoleKind;
}

/**
 * The shared pooler (Supavisor) as the project has it configured. The
 * provider can neither read nor set these (`data.supabase_pooler` returns only
 * connection strings, and `supabase_settings` does not apply its `pooler`
 * block), so they are declared here and set to the same values in the
 * dashboard (Database settings, Connection pooling).
 */
export interface SupabasePoolerSettings {
  /**
   * Supavisor's "Pool Size": the most backend connections the pooler opens to
   * Postgres per user, database and mode, 1-1000. Each role that connects
   * through the pooler needs a connection limit of at least this much.
   */
  readonly poolSize: number;
  /**
   * Most client connections the pooler accepts.
   * @default - the compute size's "Connection Pooler Max Clients" (Micro 200, Small 400, Medium 600, ... 16XL 12,000)
   */
  readonly maxClientConnections?: number;
}

/** Which connection `SupabaseDatabase.connection()` returns. */
export interface DatabaseConnectionOptions {
  /**
   * The role to log in as.
   * @default DatabaseRoleKind.APPLICATION
   */
  readonly role?: DatabaseRoleKind;
  /**
   * How to connect.
   * @default DatabaseConnectionMode.TRANSACTION_POOLER
   */
  readonly mode?: DatabaseConnectionMode;
}
