import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { renderResourceCount, renderSchemaProblems } from './schema-check';
import { isSecretName } from '../../lib/core/private/secret-detection';
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

  test.each(Object.entries(stacks))('%s: no secret-looking variable holds a literal; secret inputs are sensitive variables', (_, t) => {
    for (const type of ['render_web_service', 'render_background_worker', 'render_cron_job', 'render_env_group']) {
      for (const r of t.resourceList(type)) {
        for (const [key, v] of Object.entries(r.env_vars ?? {}) as [string, any][]) {
          // A reference, or a connection URI assembled from references (DATABASE_URL): never a plain literal.
          if (isSecretName(key)) expect(v.generate_value === true || (typeof v.value === 'string' && v.value.includes('${'))).toBe(true);
        }
      }
    }
    // DATABASE_URL now comes from the database module as a reference, not from a variable.
    expect(t.json.variable.database_url).toBeUndefined();
    for (const name of ['credentials_encryption_key', 'openai_api_key', 'ghcr_token']) {
      expect(t.json.variable[name]).toMatchObject({ sensitive: true });
    }
    // A failed deploy fails the apply (set by the observability module).
    expect(t.json.provider.render).toEqual([{ owner_id: '${var.render_owner_id}', wait_for_deploy_completion: true }]);
  });
});
