import { App, Aspects, TerraformOutput } from 'cdktf';
import {
  DatabaseConnectionMode, DatabaseRoleKind, Environment, EnvironmentStack, PolicyCommand, RowLevelSecurity, SecretValue, SecurityChecks, SignUpPolicy,
  SupabaseDatabase, SupabaseEdgeFunctions, SupabaseInstanceSize, SupabaseRegion,
} from '../../lib';

/**
 * A multi-tenant database on Supabase, staging: project and settings,
 * extensions, least-privilege roles and row-level security so that each
 * customer only ever sees its own rows; customers' payment-provider tokens in
 * Vault behind tenant-secret accessors; the services' connections through the
 * transaction pooler with their peak checked at synth; an Edge Function
 * deployed from its file with a secret. And a development database of its own,
 * with synthetic data only.
 *
 * Inputs (Terraform variables, never literals): supabase_organization_slug,
 * supabase_allowed_cidrs and shipping_api_key; SUPABASE_ACCESS_TOKEN in the
 * environment. Run from this folder (the function's path is relative to it).
 */
const app = new App();
const stack = new EnvironmentStack(app, 'supabase-staging', { environment: Environment.staging({ project: 'example-shop', region: 'eu-central-1' }) });

// The roles the library creates are named after the project ("example-shop" -> "example_shop_app").
const appRole = 'example_shop_app';
const customerTables = ['orders', 'carts', 'addresses'];

const database = new SupabaseDatabase(stack, 'Database', {
  region: SupabaseRegion.EU_CENTRAL_1,
  instanceSize: SupabaseInstanceSize.MICRO,
  extensions: ['pgcrypto', 'pg_stat_statements', 'vector', 'supabase_vault'],
  // Customers' payment-provider tokens: tenant_secrets.put_secret / get_secret, for the customer of the transaction.
  tenantSecrets: {},
  // Supavisor's pool size as set in the dashboard (Database settings, Connection pooling).
  pooler: { poolSize: 15 },
  // The web app (autoscaling to 4, SQLAlchemy pool of 5) and the order worker (2, pool of 2).
  connectionConsumers: [
    { name: 'web', maxInstances: 4, connectionsPerInstance: 5 },
    { name: 'order-worker', maxInstances: 2, connectionsPerInstance: 2 },
  ],
  rowLevelSecurity: [
    ...customerTables.map((table) => RowLevelSecurity.ownRowsOnly({ table, ownerColumn: 'customer_id', roles: ['authenticated', appRole] })),
    ...customerTables.map((table) => RowLevelSecurity.readAllRows(table, ['example_shop_analytics'])),
    // The catalogue is public to read.
    { table: 'products', name: 'products_public_read', command: PolicyCommand.SELECT, roles: ['anon', 'authenticated'], using: 'published' },
  ],
  // The tables come from the application's migrations; apply the generated
  // psql script after them (cdktf.out/stacks/supabase-staging/assets/...).
  applyRowLevelSecurity: false,
  auth: {
    siteUrl: 'https://app-staging.example.com',
    redirectUrls: ['https://app-staging.example.com/**', 'https://*.preview.example.com/**', 'http://localhost:3000/**'],
    signUp: SignUpPolicy.INVITE_ONLY,
  },
});

// Migrations keep session state: the migration role through the session pooler.
const migrations = database.addConnectionConsumer({
  name: 'migrations', maxInstances: 1, connectionsPerInstance: 1, role: DatabaseRoleKind.MIGRATION, mode: DatabaseConnectionMode.SESSION_POOLER,
});

new SupabaseEdgeFunctions(stack, 'EdgeFunctions', {
  database,
  functions: { 'order-status': { entrypoint: 'functions/order-status/index.js' } },
  secrets: { SHIPPING_API_KEY: SecretValue.fromVariable(stack, 'shipping_api_key', 'Key of the shipping provider, for the order-status function') },
});

new TerraformOutput(stack, 'supabase_project_ref', { value: database.projectRef });
new TerraformOutput(stack, 'supabase_api_url', { value: database.apiUrl });
// The web app and the worker: the application role through the transaction pooler (port 6543).
new TerraformOutput(stack, 'application_database_url', { value: database.connection().uri.value, sensitive: true });
new TerraformOutput(stack, 'migration_database_url', { value: migrations.uri.value, sensitive: true });

// Development: a project of its own that developers reach from their machines,
// synthetic data only (never production; sign-ups invite-only).
const development = new EnvironmentStack(app, 'supabase-development', { environment: Environment.development({ project: 'example-shop', region: 'eu-central-1' }) });
const devDatabase = new SupabaseDatabase(development, 'Database', {
  syntheticDataOnly: true,
  extensions: ['pgcrypto', 'pg_stat_statements', 'vector', 'supabase_vault'],
  tenantSecrets: {},
  pooler: { poolSize: 15 },
  rowLevelSecurity: customerTables.map((table) => RowLevelSecurity.ownRowsOnly({ table, ownerColumn: 'customer_id', roles: ['authenticated', appRole] })),
  applyRowLevelSecurity: false,
  auth: { siteUrl: 'http://localhost:3000', redirectUrls: ['http://localhost:3000/**'] },
});
const local = devDatabase.addConnectionConsumer({ name: 'docker-compose-web', maxInstances: 1, connectionsPerInstance: 5 });
new TerraformOutput(development, 'database_url', { value: local.uri.value, sensitive: true });

// Guardrails: any finding of the library's security checks fails the synth.
for (const child of app.node.children) Aspects.of(child).add(new SecurityChecks());

app.synth();
