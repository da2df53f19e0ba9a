import { TerraformOutput } from 'cdktf';
import { Construct } from 'constructs';
import { DatabaseConnectionMode, DatabaseRoleKind, Environment, EnvironmentStack, SupabaseDatabase } from '../lib';
import { AppConfig } from './config';
import { API_CONNECTIONS, MIGRATION_CONNECTIONS, WORKER_CONNECTIONS, addSupabase } from './database';

/** Where the dashboard runs under Docker Compose (Auth redirects there). */
const LOCAL_DASHBOARD = 'http://localhost:3000';

/**
 * The development environment of the LiveStreamSell app (PRD 11.2: developers
 * run the app locally with Docker Compose against a Supabase test database).
 *
 * Backed by a Supabase project of its own, not a branch of staging: the app's
 * schema comes from the API's Alembic migrations, not from Supabase's migration
 * files, so a branch's replay of them buys nothing; a branch would tie this
 * stack to staging's state and change staging (the provider enables branching
 * on the parent), and its password exists only once Supabase has the branch up,
 * after Terraform needs it. A Micro project costs what a Micro branch does
 * ($0.01344 an hour). See docs/supabase.md, "Development database".
 *
 * Synthetic data only: the project starts empty, nothing copies data into it,
 * sign-ups are invite-only (`syntheticDataOnly` refuses anything else), and it
 * is never production. Developers seed it with generated data.
 *
 * The same database module as staging and production (roles, row-level
 * security, tenant secrets in Vault, the Edge Function), with the Docker
 * Compose services as its connection consumers, one instance each. The
 * connection strings are sensitive outputs: `terraform output -raw database_url`.
 */
export class DevelopmentStack extends EnvironmentStack {
  /** Supabase Postgres and Auth of the developers. */
  public readonly database: SupabaseDatabase;

  constructor(scope: Construct, id: string, config: AppConfig) {
    super(scope, id, { environment: Environment.development({ project: config.project, region: config.region }), awsProvider: false });
    this.database = addSupabase(this, { siteUrl: LOCAL_DASHBOARD, redirectUrls: [`${LOCAL_DASHBOARD}/**`], syntheticDataOnly: true });

    // The Docker Compose services (docs/supabase.md): the same client pools as on Render.
    const app = this.database.addConnectionConsumer({ name: 'compose-api', maxInstances: 1, connectionsPerInstance: API_CONNECTIONS });
    for (const name of ['compose-ai-worker', 'compose-publishing-worker']) {
      this.database.addConnectionConsumer({ name, maxInstances: 1, connectionsPerInstance: WORKER_CONNECTIONS });
    }
    const migrations = this.database.addConnectionConsumer({
      name: 'compose-migrations', maxInstances: 1, connectionsPerInstance: MIGRATION_CONNECTIONS, role: DatabaseRoleKind.MIGRATION, mode: DatabaseConnectionMode.SESSION_POOLER,
    });
    const keys = this.database.apiKeys();
    new TerraformOutput(this, 'database_url', { value: app.uri.value, sensitive: true, description: 'DATABASE_URL of the API and workers: the application role through the transaction pooler (port 6543)' });
    new TerraformOutput(this, 'migration_database_url', { value: migrations.uri.value, sensitive: true, description: 'MIGRATION_DATABASE_URL of Alembic: the migration role through the session pooler (port 5432)' });
    new TerraformOutput(this, 'supabase_publishable_key', { value: keys.publishableKey.value, sensitive: true, description: 'Publishable key of the dashboard' });
  }
}
