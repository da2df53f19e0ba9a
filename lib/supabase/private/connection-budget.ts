import { Annotations, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ResolvedRole } from './access-model';
import { ValidationError, describeValue } from '../../core/errors';
import { checkEnumLike } from '../../core/private/enum-like';
import { Input } from '../../core/private/input';
import { DatabaseConnectionMode, DatabaseRoleKind } from '../connection-budget';

/**
 * The connection budget of a Supabase database, checked at synth: whether the
 * peak of every declared consumer (max instances x connections per instance)
 * fits the limits that apply to the way it connects.
 *
 * Supabase documents two limits for the shared pooler (Supavisor), which
 * apply independently: client connections (how many clients may connect at
 * once: the compute size's "Connection Pooler Max Clients") and backend
 * connections (how many connections the pooler opens to Postgres: its pool
 * size, per user, database and mode). Every backend connection also counts
 * against the role's own `CONNECTION LIMIT`, and all of them, with direct
 * connections, against the instance's `max_connections`.
 *
 * | consumer mode | counts against the pooler's clients | backend connections of its role |
 * |---|---|---|
 * | transaction pooler | instances x connections | at most the pool size, however many clients |
 * | session pooler | instances x connections | one per client (more than the pool size wait, then fail) |
 * | direct | - | one per client |
 *
 * Where Supabase's documents differ (the Supavisor FAQ counts the pool per
 * mode; the newer pooling page shares it between both modes) the check takes
 * the larger count, so it never passes a peak that would not fit.
 */

/** Max connections and pooler clients of each compute size (Supabase, "Compute and Disk"). */
const COMPUTE_LIMITS: { [size: string]: { maxConnections: number; poolerClients: number } } = {
  'nano': { maxConnections: 60, poolerClients: 200 },
  'micro': { maxConnections: 60, poolerClients: 200 },
  'small': { maxConnections: 90, poolerClients: 400 },
  'medium': { maxConnections: 120, poolerClients: 600 },
  'large': { maxConnections: 160, poolerClients: 800 },
  'xlarge': { maxConnections: 240, poolerClients: 1000 },
  '2xlarge': { maxConnections: 380, poolerClients: 1500 },
  '4xlarge': { maxConnections: 480, poolerClients: 3000 },
  '8xlarge': { maxConnections: 490, poolerClients: 6000 },
  '12xlarge': { maxConnections: 500, poolerClients: 9000 },
  '16xlarge': { maxConnections: 500, poolerClients: 12000 },
};

/** The compute size's limits, when this library knows the size. */
export function computeLimits(size: string): { maxConnections: number; poolerClients: number } | undefined {
  return COMPUTE_LIMITS[size];
}

const MODES = 'DatabaseConnectionMode.TRANSACTION_POOLER, DatabaseConnectionMode.SESSION_POOLER or DatabaseConnectionMode.DIRECT';
const KINDS = 'DatabaseRoleKind.APPLICATION, DatabaseRoleKind.ANALYTICS or DatabaseRoleKind.MIGRATION';
const NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** One checked consumer. */
export interface ResolvedConsumer {
  /** Its prop path ("connectionConsumers[1]"). */
  readonly path: string;
  readonly name: string;
  readonly maxInstances: number;
  readonly connectionsPerInstance: number;
  readonly mode: DatabaseConnectionMode;
  readonly role: DatabaseRoleKind;
}

/** Reads a `DatabaseConnectionConsumer` at prop path `path` (errors name its fields). */
export function resolveConsumer(scope: IConstruct, path: string, value: unknown, earlier: readonly ResolvedConsumer[]): ResolvedConsumer {
  if (value === undefined || value === null) throw new ValidationError(scope, path, value, 'a DatabaseConnectionConsumer: { name, maxInstances, connectionsPerInstance, mode?, role? }');
  const input = Input.of(scope, value, path);
  const name = input.requiredString('name', { pattern: NAME, allowed: 'a name of 1-63 letters, digits, ".", "_" or "-" (the service, app or job)' });
  const whole = (prop: string): number => {
    const n = input.integer(prop, 1, 1000);
    if (n === undefined || Token.isUnresolved(n)) {
      throw new ValidationError(scope, input.path(prop), n === undefined ? n : '<unresolved token>', 'a whole number from 1 to 1000, known at synth (the budget is checked before anything is deployed)');
    }
    return n;
  };
  const maxInstances = whole('maxInstances');
  const connectionsPerInstance = whole('connectionsPerInstance');
  const mode = checkEnumLike<DatabaseConnectionMode>(scope, input.path('mode'), input.raw('mode'), 'DatabaseConnectionMode', MODES) ?? DatabaseConnectionMode.TRANSACTION_POOLER;
  const role = checkEnumLike<DatabaseRoleKind>(scope, input.path('role'), input.raw('role'), 'DatabaseRoleKind', KINDS) ?? DatabaseRoleKind.APPLICATION;
  input.done();
  const twin = earlier.find((c) => c.name === name);
  if (twin) {
    throw new ValidationError(scope, input.path('name'), name, `a consumer name used once per database: ${twin.path} is already named ${JSON.stringify(name)}`);
  }
  return { path, name, maxInstances, connectionsPerInstance, mode, role };
}

/** A role as the budget sees it. */
export interface BudgetRole {
  readonly kind: DatabaseRoleKind;
  readonly name: string;
  readonly connectionLimit: number;
}

/** Everything the budget check needs. */
export interface BudgetInput {
  readonly consumers: readonly ResolvedConsumer[];
  readonly roles: readonly BudgetRole[];
  readonly poolSize?: number;
  /** The pooler's client limit (explicit, or the compute size's), and where it came from. */
  readonly clientLimit?: { readonly value: number; readonly source: string };
  /** The instance's max connections and where it came from. */
  readonly maxConnections?: { readonly value: number; readonly source: string };
}

const peak = (c: ResolvedConsumer) => c.maxInstances * c.connectionsPerInstance;
const show = (c: ResolvedConsumer) => `${c.name} ${c.maxInstances} × ${c.connectionsPerInstance} = ${peak(c)}`;
const list = (cs: readonly ResolvedConsumer[]) => cs.map(show).join(', ');
const sum = (cs: readonly ResolvedConsumer[]) => cs.reduce((n, c) => n + peak(c), 0);
const pooled = (c: ResolvedConsumer) => c.mode.value !== DatabaseConnectionMode.DIRECT.value;
const inMode = (cs: readonly ResolvedConsumer[], mode: DatabaseConnectionMode) => cs.filter((c) => c.mode.value === mode.value);

/**
 * The budget's failures, as validation messages (`invalid "prop": got ...;
 * expected ...`; cdktf adds the construct path). Empty when everything fits.
 */
export function connectionBudgetErrors(b: BudgetInput): string[] {
  const errors: string[] = [];
  const fail = (prop: string, value: unknown, allowed: string) => errors.push(`invalid "${prop}": got ${describeValue(value)}; expected ${allowed}`);
  const viaPooler = b.consumers.filter(pooled);
  if (viaPooler.length > 0 && b.poolSize === undefined) {
    fail('pooler.poolSize', undefined, `the Supavisor pool size of the project (Database settings, Connection pooling), 1-1000: ${viaPooler.map((c) => c.name).join(', ')} connect through the pooler, and the budget cannot be checked without it (the provider can neither read nor set it)`);
    return errors;
  }
  const poolSize = b.poolSize ?? 0;

  let backendTotal = 0;
  for (const role of b.roles) {
    const mine = b.consumers.filter((c) => c.role.value === role.kind.value);
    const tx = inMode(mine, DatabaseConnectionMode.TRANSACTION_POOLER);
    const session = inMode(mine, DatabaseConnectionMode.SESSION_POOLER);
    const direct = inMode(mine, DatabaseConnectionMode.DIRECT);
    const parts: string[] = [];
    let need = 0;
    if (tx.length > 0) {
      const held = Math.min(poolSize, sum(tx));
      need += held;
      parts.push(`the transaction pooler holds up to ${held} (its pool size is ${poolSize}) for ${list(tx)}`);
    }
    if (session.length > 0) {
      need += sum(session);
      parts.push(`the session pooler holds one per client: ${list(session)}`);
      if (sum(session) > poolSize) {
        fail('connectionConsumers', sum(session), `at most ${poolSize} session-pooler clients of role ${JSON.stringify(role.name)} at once (the pool size) for ${list(session)}: the session pooler holds one backend connection per client and refuses the rest after a minute's wait; use DatabaseConnectionMode.TRANSACTION_POOLER, fewer instances or connections, or a larger pooler.poolSize`);
      }
    }
    if (direct.length > 0) {
      need += sum(direct);
      parts.push(`direct connections: ${list(direct)}`);
    }
    backendTotal += need;
    if (need > role.connectionLimit) {
      fail(`${role.kind.prop}.connectionLimit`, role.connectionLimit, `at least ${need} connections for role ${JSON.stringify(role.name)} at peak: ${parts.join('; ')}. Raise ${role.kind.prop}.connectionLimit, or lower the pool size or the consumers' instances × connections`);
    }
  }

  if (viaPooler.length > 0) {
    const clients = sum(viaPooler);
    if (b.clientLimit === undefined) return errors;
    if (clients > b.clientLimit.value) {
      fail('connectionConsumers', clients, `at most ${b.clientLimit.value} clients of the shared pooler at once (${b.clientLimit.source}) for ${list(viaPooler)}: lower the consumers' maxInstances or connectionsPerInstance, or choose a larger instanceSize`);
    }
  }
  if (b.maxConnections !== undefined && backendTotal > b.maxConnections.value) {
    fail('connectionConsumers', backendTotal, `at most ${b.maxConnections.value} backend connections at peak (the max connections of ${b.maxConnections.source}) for ${list(b.consumers)}: lower the consumers' instances × connections, or choose a larger instanceSize`);
  }
  return errors;
}

/** What `databaseBudgetErrors` reads of a SupabaseDatabase. */
export interface DatabaseBudget {
  readonly instanceSize: string;
  readonly consumers: readonly ResolvedConsumer[];
  readonly roles: readonly ResolvedRole[];
  readonly poolSize?: number;
  readonly maxClientConnections?: number;
}

/** The budget of a SupabaseDatabase with the limits of its compute size (a warning when the size is unknown). */
export function databaseBudgetErrors(scope: IConstruct, d: DatabaseBudget): string[] {
  if (d.consumers.length === 0) return [];
  const limits = computeLimits(d.instanceSize);
  const size = `SupabaseInstanceSize "${d.instanceSize}"`;
  if (!limits && d.maxClientConnections === undefined) {
    Annotations.of(scope).addWarning(`[lib:supabase:connection-budget] the pooler's client limit of instance size "${d.instanceSize}" is unknown to this library: set pooler.maxClientConnections to have the consumers' total checked against it.`);
  }
  const kinds: { [kind: string]: DatabaseRoleKind } = { application: DatabaseRoleKind.APPLICATION, analytics: DatabaseRoleKind.ANALYTICS, migration: DatabaseRoleKind.MIGRATION };
  return connectionBudgetErrors({
    consumers: d.consumers,
    roles: d.roles.map((r) => ({ kind: kinds[r.kind], name: r.name, connectionLimit: r.connectionLimit })),
    poolSize: d.poolSize,
    clientLimit: d.maxClientConnections !== undefined
      ? { value: d.maxClientConnections, source: 'pooler.maxClientConnections' }
      : limits && { value: limits.poolerClients, source: `the pooler's client limit of ${size}` },
    maxConnections: limits && { value: limits.maxConnections, source: size },
  });
}
