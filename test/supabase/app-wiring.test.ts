import * as path from 'path';
import { Testing } from 'cdktf';
import { DevelopmentStack } from '../../stacks/development-stack';
import { LiveStreamSellStack } from '../../stacks/livestreamsell-stack';
import { buildApp } from '../../stacks/main';
import { Template } from '../support/template';

/** The database module as the LiveStreamSell app wires it (stacks/database.ts). */
describe('LiveStreamSell app: database wiring', () => {
  process.env.LSS_CONFIG = path.join(__dirname, '..', '..', 'stacks', 'livestreamsell.config.json');
  const app = buildApp(Testing.app());
  const stacks = app.node.children.filter((c): c is LiveStreamSellStack => c instanceof LiveStreamSellStack);
  const templates = Object.fromEntries(stacks.map((s) => [s.node.id, Template.of(s)]));

  test('staging and production each get their Supabase project', () => {
    expect(Object.keys(templates).sort()).toEqual(['production', 'staging']);
    expect(templates.staging.only('supabase_project')).toMatchObject({ name: 'livestreamsell-staging', instance_size: 'micro', region: 'us-east-1' });
    expect(templates.production.only('supabase_project')).toMatchObject({ name: 'livestreamsell-production', instance_size: 'small', region: 'us-east-1', lifecycle: { prevent_destroy: true } });
  });

  test('account inputs are variables and connections go through the pooler', () => {
    for (const t of Object.values(templates)) {
      expect(Object.keys(t.json.variable).sort()).toEqual(expect.arrayContaining(['supabase_allowed_cidrs', 'supabase_organization_slug', 'supabase_pooler_host']));
      expect(t.json.provider.postgresql[0].host).toBe('${var.supabase_pooler_host}');
    }
  });

  test('row-level security covers every seller table and is applied by Terraform', () => {
    const sql = stacks[0].database.rowLevelSecuritySql;
    for (const table of ['campaigns', 'clips', 'jobs', 'rules', 'publications', 'alerts', 'ai_history']) {
      expect(sql).toContain(`ALTER TABLE "public"."${table}" ENABLE ROW LEVEL SECURITY;`);
    }
    // Row-level security and the tenant-secret accessors.
    expect(templates.staging.count('terraform_data')).toBe(2);
  });

  test.each(['staging', 'production'])('%s: the API and workers connect through the transaction pooler; Alembic through the session pooler as the migration role', (id) => {
    const t = templates[id];
    const pooler = Object.keys(t.dataSources('supabase_pooler'));
    expect(pooler).toHaveLength(1);
    const host = `\${element(regex("@([^:/?]+)", data.supabase_pooler.${pooler[0]}.url["transaction"]), 0)}`;
    const backend = t.resourceList('render_env_group').find((g) => g.name.endsWith('-backend'));
    expect(backend.env_vars.DATABASE_URL.value).toMatch(new RegExp(`^postgresql://livestreamsell_app\\.\\$\\{supabase_project\\.[^}]+\\.id\\}:[^@]+@${host.replace(/[$()[\]{}.^?*+|\\]/g, '\\$&')}:6543/postgres\\?sslmode=require$`));
    const api = t.resourceList('render_web_service').find((w) => w.name.endsWith('-api'));
    expect(api.env_vars.MIGRATION_DATABASE_URL.value).toMatch(/^postgresql:\/\/livestreamsell_migrator\.\$\{supabase_project\.[^}]+\.id\}:[^@]+@\$\{element\(regex\(.+\)\}:5432\/postgres\?sslmode=require$/);
    expect(api.env_vars.DATABASE_POOL_MAX_CONNECTIONS).toEqual({ value: '10' });
    for (const worker of t.resourceList('render_background_worker')) expect(worker.env_vars.DATABASE_POOL_MAX_CONNECTIONS).toEqual({ value: '3' });
  });

  test('the connection budget counts each Render service at its autoscaling maximum, and fits', () => {
    const consumers = (stack: LiveStreamSellStack) => (stack.database as any).consumers.map((c: any) => `${c.name} ${c.maxInstances}x${c.connectionsPerInstance} ${c.mode.value} ${c.role.value}`);
    const byId = Object.fromEntries(stacks.map((s) => [s.node.id, s]));
    expect(consumers(byId.production)).toEqual([
      'store-seller-key 20x1 transaction application', 'api 10x10 transaction application', 'ai-worker 10x3 transaction application',
      'publishing-worker 10x3 transaction application', 'migrations 1x2 session migration',
    ]);
    expect(consumers(byId.staging)).toEqual([
      'store-seller-key 20x1 transaction application', 'api 2x10 transaction application', 'ai-worker 2x3 transaction application',
      'publishing-worker 2x3 transaction application', 'migrations 1x2 session migration',
    ]);
    for (const stack of stacks) expect(stack.database.node.validate()).toEqual([]);
  });

  test('a pool that does not fit fails the synth, naming every service and its peak', () => {
    const other = buildApp(Testing.app());
    const production = other.node.findChild('production') as LiveStreamSellStack;
    production.database.addConnectionConsumer({ name: 'batch-export', maxInstances: 10, connectionsPerInstance: 25 });
    expect(() => Testing.synth(production, true)).toThrow('[production/Database] invalid "connectionConsumers": got 432; expected at most 400 clients of the shared pooler at once (the pooler\'s client limit of SupabaseInstanceSize "small") for store-seller-key 20 × 1 = 20, api 10 × 10 = 100, ai-worker 10 × 3 = 30, publishing-worker 10 × 3 = 30, migrations 1 × 2 = 2, batch-export 10 × 25 = 250: lower the consumers\' maxInstances or connectionsPerInstance, or choose a larger instanceSize');
  });

  test.each(['staging', 'production'])('%s: the Edge Function is deployed from its file with the pooled URL as its only secret, and the tenant secrets are on', (id) => {
    const t = templates[id];
    expect(t.only('supabase_edge_function')).toMatchObject({ slug: 'store-seller-key', entrypoint: expect.stringMatching(/^\$\{path\.module\}\/assets\/.+\/index\.js$/) });
    const secrets = t.only('supabase_edge_function_secrets').secrets;
    expect(secrets.map((x: any) => x.name)).toEqual(['SELLER_SECRETS_DATABASE_URL']);
    expect(secrets[0].value).toMatch(/:6543\/postgres\?sslmode=require$/);
    const stack = stacks.find((s) => s.node.id === id)!;
    expect(stack.database.tenantSecretsSchema).toBe('tenant_secrets');
    expect(stack.database.tenantSecretsSql).toContain('GRANT EXECUTE ON FUNCTION "tenant_secrets".put_secret(text, text), "tenant_secrets".get_secret(text), "tenant_secrets".delete_secret(text), "tenant_secrets".list_secret_names() TO "livestreamsell_app";');
  });

  test('the development stack: its own project, synthetic data only, the Docker Compose services as consumers, sensitive outputs', () => {
    const dev = app.node.findChild('development') as DevelopmentStack;
    expect(dev.environment.name).toBe('development');
    expect(dev.environment.isProduction).toBe(false);
    expect(dev.database.syntheticDataOnly).toBe(true);
    const t = Template.of(dev);
    expect(t.only('supabase_project')).toMatchObject({ name: 'livestreamsell-development', instance_size: 'micro', region: 'us-east-1' });
    expect(t.only('supabase_project').lifecycle).toBeUndefined();
    const auth = JSON.parse(t.only('supabase_settings').auth);
    expect(auth).toMatchObject({ site_url: 'http://localhost:3000', uri_allow_list: 'http://localhost:3000/**', disable_signup: true });
    expect(t.count('render_web_service')).toBe(0);
    expect(t.json.terraform.backend.s3.key).toBe('livestreamsell/development/development.tfstate');
    for (const name of ['database_url', 'migration_database_url', 'supabase_publishable_key']) expect(t.json.output[name].sensitive).toBe(true);
    expect(t.json.output.database_url.value).toMatch(/^postgresql:\/\/livestreamsell_app\..+:6543\/postgres\?sslmode=require$/);
    expect(t.json.output.migration_database_url.value).toMatch(/^postgresql:\/\/livestreamsell_migrator\..+:5432\/postgres\?sslmode=require$/);
    expect((dev.database as any).consumers.map((c: any) => c.name)).toEqual(['store-seller-key', 'compose-api', 'compose-ai-worker', 'compose-publishing-worker', 'compose-migrations']);
    expect(t.only('supabase_edge_function').slug).toBe('store-seller-key');
  });

  test('no stack of the app holds a password, token or key as a literal', () => {
    for (const stack of app.node.children) {
      const json = JSON.parse(Testing.synth(stack as any));
      const literal = (function walk(node: unknown, at: string): string[] {
        if (Array.isArray(node)) return node.flatMap((v, i) => walk(v, `${at}[${i}]`));
        if (node && typeof node === 'object') {
          return Object.entries(node).flatMap(([k, v]) => (/(password|secret|token|access_key)/i.test(k) && !/_names?$/.test(k) && typeof v === 'string' && !/^\$\{[^}]+\}$/.test(v) ? [`${at}.${k}`] : walk(v, `${at}.${k}`)));
        }
        return [];
      })(json, stack.node.id);
      expect(literal).toEqual([]);
    }
  });
});
