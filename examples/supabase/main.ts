import { App, Aspects, TerraformOutput } from 'cdktf';
import { Environment, EnvironmentStack, RowLevelSecurity, SecurityChecks, SupabaseDatabase } from '../../lib';

/**
 * A multi-tenant database on Supabase, staging: project and settings,
 * extensions, least-privilege roles and row-level security so that each seller
 * only ever sees its own rows.
 *
 * Inputs (Terraform variables, never literals): supabase_organization_slug and
 * supabase_allowed_cidrs; SUPABASE_ACCESS_TOKEN in the environment.
 */
const app = new App();
const stack = new EnvironmentStack(app, 'supabase-staging', { environment: Environment.staging({ project: 'example-shop' }) });

const appRole = 'example_shop_app';
const sellerTables = ['campaigns', 'clips', 'publications', 'rules', 'alerts', 'jobs'];

const database = new SupabaseDatabase(stack, 'Database', {
  rowLevelSecurity: [
    ...sellerTables.map((table) => RowLevelSecurity.sellerOwnsRows({ table, roles: ['authenticated', appRole] })),
    ...sellerTables.map((table) => RowLevelSecurity.readAllRows(table, ['example_shop_analytics'])),
  ],
  // The tables come from the application's Alembic migrations; apply the
  // generated migration file after them (cdktf.out/stacks/supabase-staging/assets/).
  applyRowLevelSecurity: false,
  auth: { siteUrl: 'https://app-staging.example.com', redirectUrls: ['https://app-staging.example.com/**', 'http://localhost:3000/**'] },
});

new TerraformOutput(stack, 'supabase_project_ref', { value: database.projectRef });
new TerraformOutput(stack, 'supabase_api_url', { value: database.apiUrl });
new TerraformOutput(stack, 'application_database_url', { value: database.applicationConnection.uri.value, sensitive: true });

// Guardrails: any finding of the library's security checks fails the synth.
for (const child of app.node.children) Aspects.of(child).add(new SecurityChecks());

app.synth();
