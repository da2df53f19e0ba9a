import * as fs from 'fs';
import * as path from 'path';
import { TerraformOutput, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { HostsConfig } from './config';
import {
  DatabaseConnectionMode, DatabaseRoleKind, IRenderService, RenderBackgroundWorker, RenderCompute, RenderWebService, RowLevelSecurity,
  SecretValue, SupabaseDatabase, SupabaseEdgeFunctions,
} from '../lib';

/**
 * The database module of the LiveStreamSell app (PRD 11.3 `modules/database`):
 * Supabase Postgres and Auth in us-east-1, least-privilege roles, row-level
 * security so that every seller only ever reaches its own rows, sellers'
 * platform keys in Supabase Vault (PRD 3.5), the Edge Functions (PRD 3.5), and
 * the connection budget of the services at the live-event peak.
 *
 * Inputs (Terraform variables): supabase_organization_slug, supabase_allowed_cidrs
 * (Render's egress ranges for "virginia" plus the Terraform runner) and
 * supabase_pooler_host (Terraform's own connection: Render and most runners have
 * no IPv6, Supabase's direct host has nothing else). SUPABASE_ACCESS_TOKEN comes
 * from the environment of the Terraform run.
 *
 * Nightly backups (`database.addBackup(...)`) and the services' connections
 * (`addDatabaseConsumers`) are wired in livestreamsell-stack.ts, where
 * RenderCompute and StorageBuckets are created.
 */

/** Tables whose rows belong to a seller (`seller_id`), created by the API's Alembic migrations. */
export const SELLER_TABLES = ['campaigns', 'clips', 'jobs', 'rules', 'publications', 'alerts', 'ai_history'];
/** The app's roles (derived from the project name by the library). */
const APP_ROLE = 'livestreamsell_app';
const ANALYTICS_ROLE = 'livestreamsell_analytics';

/**
 * The connection budget (checked by SupabaseDatabase at synth), the same in
 * every environment:
 *
 * - Supavisor's pool size is 15 (set the same value in the dashboard: Database
 *   settings, Connection pooling; the provider cannot set it);
 * - the application role's limit stays 20: the transaction pooler opens at most
 *   15 backend connections for it, however many clients connect;
 * - each instance's client pool: the API 10 (SQLAlchemy pool_size 5 +
 *   max_overflow 5), each worker 3, the Edge Function 1; the services read
 *   theirs from DATABASE_POOL_MAX_CONNECTIONS;
 * - production peak, through the transaction pooler: API 10 x 10 + AI worker
 *   10 x 3 + publishing worker 10 x 3 + Edge Function 20 x 1 = 180 clients of
 *   the Small size's 400 (staging, 2 instances each on Micro: 52 of 200);
 * - migrations (Alembic, the API's pre-deploy command) run as the migration role
 *   through the session pooler: 1 x 2 of its 3.
 */
export const POOL_SIZE = 15;
export const API_CONNECTIONS = 10;
export const WORKER_CONNECTIONS = 3;
export const MIGRATION_CONNECTIONS = 2;
/** Concurrent instances of the Edge Function Supabase may run at once, each with one connection (an estimate: the platform scales it). */
export const EDGE_FUNCTION_INSTANCES = 20;

/** Where the app's Edge Functions live (found from the sources, the compiled app or the bundle). */
export function functionEntrypoint(slug: string): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'stacks', 'functions', slug, 'index.js');
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.join(__dirname, 'functions', slug, 'index.js');
  }
}

/** What differs between the environments' databases. */
export interface DatabaseOptions {
  /** The app users sign in to (Auth's site URL). */
  readonly siteUrl: string;
  /** Auth redirect allow-list. @default - "<siteUrl>/**" */
  readonly redirectUrls?: string[];
  /** A database with generated data only (development). @default false */
  readonly syntheticDataOnly?: boolean;
}

/** The database of a staging or production stack. */
export function addDatabase(scope: Construct, hosts: HostsConfig): SupabaseDatabase {
  // Sellers sign in to the dashboard; Auth redirects only there.
  return addSupabase(scope, { siteUrl: `https://${hosts.dashboardHostname}` });
}

/** The Supabase project of one environment, with its Edge Functions and outputs. */
export function addSupabase(scope: Construct, options: DatabaseOptions): SupabaseDatabase {
  const poolerHost = new TerraformVariable(scope, 'supabase_pooler_host', {
    type: 'string',
    nullable: false,
    description: 'Supavisor session pooler host of the project, for example aws-0-us-east-1.pooler.supabase.com (Project settings > Database), for Terraform\'s own connection.',
  });
  const database = new SupabaseDatabase(scope, 'Database', {
    poolerHost: poolerHost.stringValue,
    auth: { siteUrl: options.siteUrl, redirectUrls: options.redirectUrls },
    syntheticDataOnly: options.syntheticDataOnly,
    // AI features (embeddings) and customers' platform keys (Vault), on top of the library's defaults.
    extensions: ['pgcrypto', 'pg_stat_statements', 'vector', 'supabase_vault'],
    rowLevelSecurity: [
      // A seller reaches only its own rows (policy names kept from before the library's rename).
      ...SELLER_TABLES.map((table) => RowLevelSecurity.ownRowsOnly({ table, ownerColumn: 'seller_id', roles: ['authenticated', APP_ROLE], name: `${table}_seller_owns_rows` })),
      ...SELLER_TABLES.map((table) => RowLevelSecurity.readAllRows(table, [ANALYTICS_ROLE])),
    ],
    // Applied by Terraform once the tables exist: on a brand-new environment the
    // first apply stops at Database/RowLevelSecurity until the API's migrations
    // have run; re-run the apply then. A red apply beats tables without policies.
    applyRowLevelSecurity: true,
    // Sellers' platform keys: tenant_secrets.put_secret / get_secret, the same
    // tenant (seller) rule as the row-level security above.
    tenantSecrets: {},
    pooler: { poolSize: POOL_SIZE },
  });

  // PRD 3.5: Supabase Edge Functions. The dashboard stores a seller's platform key in Vault directly.
  const storeSellerKey = database.addConnectionConsumer({ name: 'store-seller-key', maxInstances: EDGE_FUNCTION_INSTANCES, connectionsPerInstance: 1 });
  new SupabaseEdgeFunctions(scope, 'EdgeFunctions', {
    database,
    functions: { 'store-seller-key': { entrypoint: functionEntrypoint('store-seller-key') } },
    secrets: { SELLER_SECRETS_DATABASE_URL: storeSellerKey.uri },
  });

  new TerraformOutput(scope, 'supabase_project_ref', { value: database.projectRef });
  new TerraformOutput(scope, 'supabase_api_url', { value: database.apiUrl });
  return database;
}

/** The DATABASE_URL of the API and the workers: the application role through the transaction pooler (port 6543). */
export function applicationDatabaseUrl(database: SupabaseDatabase): SecretValue {
  return database.connection().uri;
}

/**
 * Declares the Render services that connect to the database (each with its
 * Render autoscaling maximum) for the connection budget, tells each the size of
 * its client pool (DATABASE_POOL_MAX_CONNECTIONS), and gives the API the
 * migration role's session-pooler URL for its pre-deploy `alembic upgrade head`
 * (MIGRATION_DATABASE_URL): migrations need session state (and prepared
 * statements) that the transaction pooler does not keep, and only the migration
 * role may create tables.
 */
export function addDatabaseConsumers(database: SupabaseDatabase, compute: RenderCompute): void {
  const services: Array<[string, number]> = [['Api', API_CONNECTIONS], ['AiWorker', WORKER_CONNECTIONS], ['PublishingWorker', WORKER_CONNECTIONS]];
  for (const [id, connections] of services) {
    const service = compute.service(id);
    database.addConnectionConsumer({ name: service.serviceName, maxInstances: maxInstancesOf(service), connectionsPerInstance: connections });
    service.addVariable('DATABASE_POOL_MAX_CONNECTIONS', String(connections));
  }
  const migrations = database.addConnectionConsumer({
    name: 'migrations', maxInstances: 1, connectionsPerInstance: MIGRATION_CONNECTIONS, role: DatabaseRoleKind.MIGRATION, mode: DatabaseConnectionMode.SESSION_POOLER,
  });
  compute.service('Api').addSecret('MIGRATION_DATABASE_URL', migrations.uri);
}

/** The most instances Render runs of a service: the top of its autoscaling, or its fixed count. */
function maxInstancesOf(service: IRenderService): number {
  const resource = (service as RenderWebService | RenderBackgroundWorker).resource;
  const autoscaling = resource.autoscalingInput as { max?: number } | undefined;
  const max = autoscaling?.max ?? resource.numInstancesInput;
  if (typeof max !== 'number') throw new Error(`stacks/database.ts: ${service.serviceName} declares no instance count or autoscaling maximum`);
  return max;
}
