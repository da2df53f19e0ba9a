import { TerraformOutput, Testing } from 'cdktf';
import {
  DatabaseConnectionConsumer, DatabaseConnectionMode, DatabaseRoleKind, Environment, SupabaseDatabase, SupabaseDatabaseProps, SupabaseInstanceSize,
} from '../../lib';
import { Template, environmentStack } from '../support/template';

const AUTH = { siteUrl: 'https://app.example.com' };
const CIDRS = ['198.51.100.0/24'];
const POOLER = 'data.supabase_pooler.Database_Pooler_04F9353C';

function database(props: Partial<SupabaseDatabaseProps> = {}, environment = Environment.production({ project: 'acme-shop' })): SupabaseDatabase {
  return new SupabaseDatabase(environmentStack(environment), 'Database', { auth: AUTH, allowedCidrs: CIDRS, pooler: { poolSize: 15 }, ...props });
}

/** The validation messages of the database's stack (what `cdktf synth` prints, path first). */
function budgetErrors(db: SupabaseDatabase): string[] {
  return db.node.validate().map((e) => `[${db.node.path}] ${e}`);
}

/** The LiveStreamSell peak: the API and two workers, 10 instances each, through the transaction pooler. */
const PEAK: DatabaseConnectionConsumer[] = [
  { name: 'api', maxInstances: 10, connectionsPerInstance: 10 },
  { name: 'ai-worker', maxInstances: 10, connectionsPerInstance: 3 },
  { name: 'publishing-worker', maxInstances: 10, connectionsPerInstance: 3 },
];

describe('connections through the shared pooler', () => {
  test('transaction mode (the default): port 6543, user "<role>.<ref>", host from data.supabase_pooler', () => {
    const db = database();
    const c = db.connection();
    expect(c.port).toBe(6543);
    expect(c.username).toBe(`acme_shop_app.${db.projectRef}`);
    expect(c.host).not.toContain('db.');
    const t = Template.of(db.node.scope as any);
    expect(t.dataSources('supabase_pooler')).toEqual({
      Database_Pooler_04F9353C: {
        project_ref: '${supabase_project.Database_B269D8BB.id}',
        lifecycle: {
          postcondition: [{
            condition: '${can(regex("@[^:/?]+", self.url["transaction"]))}',
            error_message: 'data.supabase_pooler returned no transaction-mode connection string ("url.transaction") for this project: check Database settings, Connection pooling in the Supabase dashboard.',
          }],
        },
      },
    });
    const resolved = Testing.synth(db.node.scope as any);
    expect(resolved).not.toContain('YOUR-PASSWORD');
  });

  test('the URI is a secret built from the role\'s generated password and the pooler host the provider reports', () => {
    const db = database();
    const stack = db.node.scope as any;
    new TerraformOutput(stack, 'url', { value: db.connection().uri.value, sensitive: true });
    new TerraformOutput(stack, 'migrations', { value: db.connection({ role: DatabaseRoleKind.MIGRATION, mode: DatabaseConnectionMode.SESSION_POOLER }).uri.value, sensitive: true });
    new TerraformOutput(stack, 'direct', { value: db.connection({ role: DatabaseRoleKind.ANALYTICS, mode: DatabaseConnectionMode.DIRECT }).uri.value, sensitive: true });
    const out = Template.of(stack).json.output;
    const host = `\${element(regex("@([^:/?]+)", ${POOLER}.url["transaction"]), 0)}`;
    expect(out.url).toEqual({
      sensitive: true,
      value: `postgresql://acme_shop_app.\${supabase_project.Database_B269D8BB.id}:\${urlencode(random_password.Database_ApplicationRole_Password_54548E58.result)}@${host}:6543/postgres?sslmode=require`,
    });
    expect(out.migrations.value).toBe(`postgresql://acme_shop_migrator.\${supabase_project.Database_B269D8BB.id}:\${urlencode(random_password.Database_MigrationRole_Password_46D9D935.result)}@${host}:5432/postgres?sslmode=require`);
    expect(out.direct.value).toBe('postgresql://acme_shop_analytics:${urlencode(random_password.Database_AnalyticsRole_Password_BEF2DED2.result)}@db.${supabase_project.Database_B269D8BB.id}.supabase.co:5432/postgres?sslmode=require');
  });

  test('one data source and one connection object per role and mode', () => {
    const db = database();
    expect(db.connection()).toBe(db.addConnectionConsumer({ name: 'api', maxInstances: 1, connectionsPerInstance: 1 }));
    db.connection({ mode: DatabaseConnectionMode.SESSION_POOLER });
    expect(Object.keys(Template.of(db.node.scope as any).dataSources('supabase_pooler'))).toHaveLength(1);
  });

  test('no pooler data source unless a pooled connection is asked for', () => {
    const db = database();
    expect(Template.of(db.node.scope as any).dataSources('supabase_pooler')).toEqual({});
  });
});

describe('the connection budget, checked at synth', () => {
  test('the LiveStreamSell peak fits a Small project: 160 pooler clients of 400, 15 backend connections of the role\'s 20', () => {
    const db = database({ connectionConsumers: PEAK });
    db.addConnectionConsumer({ name: 'migrations', maxInstances: 1, connectionsPerInstance: 2, mode: DatabaseConnectionMode.SESSION_POOLER, role: DatabaseRoleKind.MIGRATION });
    expect(budgetErrors(db)).toEqual([]);
  });

  test('too many pooler clients for the compute size: names every service and its peak', () => {
    const heavy = [{ ...PEAK[0], connectionsPerInstance: 30 }, PEAK[1], PEAK[2]];
    // 360 clients fit a Small project (400); a Micro one (200) they do not.
    expect(budgetErrors(database({ connectionConsumers: heavy }))).toEqual([]);
    expect(budgetErrors(database({ connectionConsumers: heavy, instanceSize: SupabaseInstanceSize.MICRO }))).toEqual([
      '[test/Database] invalid "connectionConsumers": got 360; expected at most 200 clients of the shared pooler at once (the pooler\'s client limit of SupabaseInstanceSize "micro") for api 10 × 30 = 300, ai-worker 10 × 3 = 30, publishing-worker 10 × 3 = 30: lower the consumers\' maxInstances or connectionsPerInstance, or choose a larger instanceSize',
    ]);
  });

  test('a role limit below what the pooler may open for it: names the services behind it', () => {
    const db = database({ connectionConsumers: PEAK, applicationRole: { connectionLimit: 10 } });
    expect(budgetErrors(db)).toEqual([
      '[test/Database] invalid "applicationRole.connectionLimit": got 10; expected at least 15 connections for role "acme_shop_app" at peak: the transaction pooler holds up to 15 (its pool size is 15) for api 10 × 10 = 100, ai-worker 10 × 3 = 30, publishing-worker 10 × 3 = 30. Raise applicationRole.connectionLimit, or lower the pool size or the consumers\' instances × connections',
    ]);
  });

  test('a small transaction-mode peak holds only what it uses, not the whole pool', () => {
    const db = database({ connectionConsumers: [{ name: 'api', maxInstances: 1, connectionsPerInstance: 4 }], applicationRole: { connectionLimit: 4 } });
    expect(budgetErrors(db)).toEqual([]);
  });

  test('session-mode and direct clients each hold a backend connection: they count one by one against the role', () => {
    const db = database({
      connectionConsumers: [
        { name: 'migrations', maxInstances: 2, connectionsPerInstance: 2, mode: DatabaseConnectionMode.SESSION_POOLER, role: DatabaseRoleKind.MIGRATION },
        { name: 'ops', maxInstances: 1, connectionsPerInstance: 1, mode: DatabaseConnectionMode.DIRECT, role: DatabaseRoleKind.MIGRATION },
      ],
    });
    expect(budgetErrors(db)).toEqual([
      '[test/Database] invalid "migrationRole.connectionLimit": got 3; expected at least 5 connections for role "acme_shop_migrator" at peak: the session pooler holds one per client: migrations 2 × 2 = 4; direct connections: ops 1 × 1 = 1. Raise migrationRole.connectionLimit, or lower the pool size or the consumers\' instances × connections',
    ]);
  });

  test('more session-mode clients than the pool size wait and then fail', () => {
    const db = database({
      pooler: { poolSize: 5 },
      analyticsRole: { connectionLimit: 50 },
      connectionConsumers: [{ name: 'bi', maxInstances: 3, connectionsPerInstance: 2, mode: DatabaseConnectionMode.SESSION_POOLER, role: DatabaseRoleKind.ANALYTICS }],
    });
    expect(budgetErrors(db)).toEqual([
      '[test/Database] invalid "connectionConsumers": got 6; expected at most 5 session-pooler clients of role "acme_shop_analytics" at once (the pool size) for bi 3 × 2 = 6: the session pooler holds one backend connection per client and refuses the rest after a minute\'s wait; use DatabaseConnectionMode.TRANSACTION_POOLER, fewer instances or connections, or a larger pooler.poolSize',
    ]);
  });

  test('the roles together cannot take more connections than the instance has', () => {
    const db = database({
      instanceSize: SupabaseInstanceSize.MICRO,
      applicationRole: { connectionLimit: 100 },
      connectionConsumers: [{ name: 'legacy', maxInstances: 7, connectionsPerInstance: 10, mode: DatabaseConnectionMode.DIRECT }],
    });
    expect(budgetErrors(db)).toEqual([
      '[test/Database] invalid "connectionConsumers": got 70; expected at most 60 backend connections at peak (the max connections of SupabaseInstanceSize "micro") for legacy 7 × 10 = 70: lower the consumers\' instances × connections, or choose a larger instanceSize',
    ]);
  });

  test('a consumer through the pooler needs the pool size', () => {
    const db = database({ pooler: undefined, connectionConsumers: PEAK });
    expect(budgetErrors(db)).toEqual([
      '[test/Database] invalid "pooler.poolSize": got undefined; expected the Supavisor pool size of the project (Database settings, Connection pooling), 1-1000: api, ai-worker, publishing-worker connect through the pooler, and the budget cannot be checked without it (the provider can neither read nor set it)',
    ]);
  });

  test('an explicit client limit replaces the compute size\'s; an unknown size is reported, and the rest still checked', () => {
    const capped = database({ pooler: { poolSize: 15, maxClientConnections: 100 }, connectionConsumers: PEAK });
    expect(budgetErrors(capped)).toEqual([
      '[test/Database] invalid "connectionConsumers": got 160; expected at most 100 clients of the shared pooler at once (pooler.maxClientConnections) for api 10 × 10 = 100, ai-worker 10 × 3 = 30, publishing-worker 10 × 3 = 30: lower the consumers\' maxInstances or connectionsPerInstance, or choose a larger instanceSize',
    ]);
    const unknown = database({ instanceSize: SupabaseInstanceSize.of('64xlarge'), connectionConsumers: PEAK, applicationRole: { connectionLimit: 10 } });
    expect(budgetErrors(unknown)).toEqual([expect.stringContaining('invalid "applicationRole.connectionLimit": got 10; expected at least 15')]);
    expect(unknown.node.metadata.map((m) => String(m.data))).toContainEqual(expect.stringContaining('[lib:supabase:connection-budget] the pooler\'s client limit of instance size "64xlarge" is unknown to this library'));
  });

  test('the check sees consumers added after the database, and fails the synth before anything is written', () => {
    const db = database({ instanceSize: SupabaseInstanceSize.MICRO });
    for (const c of PEAK) db.addConnectionConsumer({ ...c, connectionsPerInstance: c.connectionsPerInstance * 2 });
    expect(() => Testing.synth(db.node.scope as any, true)).toThrow('[test/Database] invalid "connectionConsumers": got 320; expected at most 200 clients of the shared pooler at once (the pooler\'s client limit of SupabaseInstanceSize "micro") for api 10 × 20 = 200, ai-worker 10 × 6 = 60, publishing-worker 10 × 6 = 60: ');
  });
});
