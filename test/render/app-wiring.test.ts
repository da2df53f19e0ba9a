import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { findingIds, idByName, ref } from './fixtures';
import { renderResourceCount, renderSchemaProblems } from './schema-check';
import { RenderProject } from '../../lib';
import { LiveStreamSellStack } from '../../stacks/livestreamsell-stack';
import { buildApp } from '../../stacks/main';
import { Template } from '../support/template';

// The LiveStreamSell app as `npm run synth` builds it (stacks/render-compute.ts).
process.env.LSS_CONFIG = path.join(__dirname, '..', '..', 'stacks', 'livestreamsell.config.json');
const app = buildApp(Testing.app());
app.synth();
const read = (id: string) => new Template(JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', id, 'cdk.tf.json'), 'utf8')));

describe('LiveStreamSell app: Render wiring', () => {
  const project = read('render-project');
  const stacks = { staging: read('staging'), production: read('production') };

  test('the render-project stack is created once and handed to both environments as a typed reference', () => {
    const environments = app.node.children.filter((c): c is LiveStreamSellStack => c instanceof LiveStreamSellStack);
    expect(environments.map((e) => e.node.id)).toEqual(['staging', 'production']);
    const projects = environments.map((e) => e.compute.project);
    expect(RenderProject.isRenderProject(projects[0])).toBe(true);
    expect(projects[0]).toBe(projects[1]);
    expect(projects[0].node.path).toBe('render-project/Project');
  });

  test('one shared project with staging and production, production protected', () => {
    expect(project.only('render_project')).toMatchObject({
      name: 'livestreamsell',
      environments: {
        staging: { name: 'staging', protected_status: 'unprotected', network_isolated: true },
        production: { name: 'production', protected_status: 'protected', network_isolated: true },
      },
    });
  });

  test.each(Object.entries(stacks))('%s: API, dashboard, two workers, env group and Key Value in the shared project', (name, t) => {
    expect(t.count('render_web_service')).toBe(2);
    expect(t.count('render_background_worker')).toBe(2);
    expect(t.count('render_keyvalue')).toBe(1);
    expect(t.count('render_env_group')).toBe(1);
    expect(t.count('render_project')).toBe(0);
    for (const r of [...t.resourceList('render_web_service'), ...t.resourceList('render_background_worker')]) {
      expect(r.environment_id).toMatch(new RegExp(`^\\$\\{data\\.terraform_remote_state\\.cross-stack-reference-input-render-project\\.outputs\\..*environments${name}id\\}$`));
      expect(r.runtime_source.image.tag).toMatch(/^\$\{var\.(api|dashboard)_image_tag\}$/);
      expect(r.region).toBe('virginia');
    }
    const max = name === 'production' ? 10 : 2;
    expect(t.resourceList('render_web_service').map((r) => r.autoscaling.max)).toEqual([max, max]);
  });

  test.each(Object.entries(stacks))('%s: every render_* resource matches the provider schema', (_, t) => {
    // 2 web services, 2 workers, Key Value, env group + link, registry credential, the backup cron job,
    // the release guard's webhook (observability).
    expect(renderResourceCount(t.json)).toBe(10);
    expect(renderSchemaProblems(t.json)).toEqual([]);
  });

  test('render-project: matches the provider schema', () => {
    expect(renderSchemaProblems(project.json)).toEqual([]);
  });

  test.each(Object.entries(stacks))('%s: the backend env group and Key Value reach exactly the API and the two workers', (name, t) => {
    const id = (type: string, service: string) => ref(type, idByName(t, type, `livestreamsell-${name}-${service}`));
    const backend = [id('render_web_service', 'api'), id('render_background_worker', 'ai-worker'), id('render_background_worker', 'publishing-worker')];
    expect(t.only('render_env_group_link').service_ids).toEqual(backend);
    const withRedis = [...t.resourceList('render_web_service'), ...t.resourceList('render_background_worker'), ...t.resourceList('render_cron_job')]
      .filter((r) => r.env_vars?.REDIS_URL).map((r) => r.name).sort();
    expect(withRedis).toEqual([`livestreamsell-${name}-ai-worker`, `livestreamsell-${name}-api`, `livestreamsell-${name}-publishing-worker`]);
    const dashboard = t.resourceList('render_web_service').find((r) => r.name.endsWith('-dashboard'));
    expect(Object.keys(dashboard.env_vars).sort()).toEqual(['NEXTAUTH_URL', 'NEXT_PUBLIC_API_BASE_URL', 'ORIGIN_VERIFY_SECRET', 'PORT']);
  });

  test.each(['staging', 'production'])('%s: zero SecurityChecks findings (no literal secret anywhere); secret inputs are sensitive variables', (name) => {
    expect(findingIds(app.node.findChild(name) as any)).toEqual([]);
    const t = stacks[name as 'staging' | 'production'];
    // DATABASE_URL comes from the database module as a reference, not from a variable.
    expect(t.json.variable.database_url).toBeUndefined();
    for (const variable of ['credentials_encryption_key', 'openai_api_key', 'ghcr_token']) {
      expect(t.json.variable[variable]).toMatchObject({ sensitive: true });
    }
    // A failed deploy fails the apply (set by the observability module).
    expect(t.json.provider.render).toEqual([{ owner_id: '${var.render_owner_id}', wait_for_deploy_completion: true }]);
  });
});
