import * as path from 'path';
import { Testing } from 'cdktf';
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
    expect(templates.staging.count('terraform_data')).toBe(1);
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
