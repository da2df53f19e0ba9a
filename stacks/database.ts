import { TerraformOutput, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { HostsConfig } from './config';
import { RowLevelSecurity, SupabaseDatabase } from '../lib';

/**
 * The database module of the LiveStreamSell app (PRD 11.3 `modules/database`):
 * Supabase Postgres and Auth in us-east-1, least-privilege roles, and row-level
 * security so that every seller only ever reaches its own rows.
 *
 * Inputs (Terraform variables): supabase_organization_slug, supabase_allowed_cidrs
 * (Render's egress ranges for "virginia" plus the Terraform runner) and
 * supabase_pooler_host (Render has no IPv6, Supabase's direct host has nothing
 * else). SUPABASE_ACCESS_TOKEN comes from the environment of the Terraform run.
 *
 * Nightly backups (`database.addBackup(...)`) are wired in livestreamsell-stack.ts,
 * where RenderCompute and StorageBuckets are created.
 */

/** Tables whose rows belong to a seller (`seller_id`), created by the API's Alembic migrations. */
export const SELLER_TABLES = ['campaigns', 'clips', 'jobs', 'rules', 'publications', 'alerts', 'ai_history'];
/** The app's roles (derived from the project name by the library). */
const APP_ROLE = 'livestreamsell_app';
const ANALYTICS_ROLE = 'livestreamsell_analytics';

export function addDatabase(scope: Construct, hosts: HostsConfig): SupabaseDatabase {
  const poolerHost = new TerraformVariable(scope, 'supabase_pooler_host', {
    type: 'string',
    nullable: false,
    description: 'Supavisor session pooler host of the project, for example aws-0-us-east-1.pooler.supabase.com (Project settings > Database).',
  });
  const database = new SupabaseDatabase(scope, 'Database', {
    poolerHost: poolerHost.stringValue,
    // Sellers sign in to the dashboard; Auth redirects only there.
    auth: { siteUrl: `https://${hosts.dashboardHostname}` },
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
  });
  new TerraformOutput(scope, 'supabase_project_ref', { value: database.projectRef });
  new TerraformOutput(scope, 'supabase_api_url', { value: database.apiUrl });
  return database;
}
