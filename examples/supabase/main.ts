import { App, Aspects, TerraformOutput } from 'cdktf';
import {
  Environment, EnvironmentStack, PolicyCommand, RowLevelSecurity, SecurityChecks, SignUpPolicy, SupabaseDatabase, SupabaseInstanceSize, SupabaseRegion,
} from '../../lib';

/**
 * A multi-tenant database on Supabase, staging: project and settings,
 * extensions, least-privilege roles and row-level security so that each
 * customer only ever sees its own rows.
 *
 * Inputs (Terraform variables, never literals): supabase_organization_slug and
 * supabase_allowed_cidrs; SUPABASE_ACCESS_TOKEN in the environment.
 */
const app = new App();
const stack = new EnvironmentStack(app, 'supabase-staging', { environment: Environment.staging({ project: 'example-shop', region: 'eu-central-1' }) });

// The roles the library creates are named after the project ("example-shop" -> "example_shop_app").
const appRole = 'example_shop_app';
const customerTables = ['orders', 'carts', 'addresses'];

const database = new SupabaseDatabase(stack, 'Database', {
  region: SupabaseRegion.EU_CENTRAL_1,
  instanceSize: SupabaseInstanceSize.MICRO,
  extensions: ['pgcrypto', 'pg_stat_statements', 'vector'],
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

new TerraformOutput(stack, 'supabase_project_ref', { value: database.projectRef });
new TerraformOutput(stack, 'supabase_api_url', { value: database.apiUrl });
new TerraformOutput(stack, 'application_database_url', { value: database.applicationConnection.uri.value, sensitive: true });

// Guardrails: any finding of the library's security checks fails the synth.
for (const child of app.node.children) Aspects.of(child).add(new SecurityChecks());

app.synth();
