import { API_IMAGE, FRONTEND_IMAGE, PRODUCTION, STAGING } from './fixtures';
import { renderResourceCount, renderSchemaProblems } from './schema-check';
import { Environment, RenderCompute, RenderKeyValuePlan, RenderMaxMemoryPolicy, RenderPersistenceMode, RenderPlan, RenderProject, SecretValue } from '../../lib';
import { Template, environmentStack } from '../support/template';

function everything(env: Environment): Template {
  const stack = environmentStack(env, 'test');
  const compute = new RenderCompute(stack, 'Compute', {
    webServices: {
      Api: { image: API_IMAGE, healthCheckPath: '/healthz', preDeployCommand: 'python -m app.migrate', command: 'gunicorn app.main:app', maxShutdownDelaySeconds: 45 },
      Frontend: { image: { repository: FRONTEND_IMAGE.repository, digest: `sha256:${'b'.repeat(64)}` }, healthCheckPath: '/', customDomain: 'www.example.com' },
    },
    workers: {
      AiWorker: { image: API_IMAGE, plan: RenderPlan.PRO, scaling: { memoryTargetPercent: 80 } },
      QueueWorker: { image: API_IMAGE, scaling: { minInstances: 2, maxInstances: 2 } },
    },
    cronJobs: { Cleanup: { image: API_IMAGE, schedule: '*/15 * * * *' } },
    envGroups: {
      Backend: { secrets: { OPENAI_API_KEY: SecretValue.fromVariable(stack, 'openai_api_key') }, generatedSecrets: ['SECRET_KEY'], services: ['Api', 'AiWorker', 'QueueWorker', 'Cleanup'] },
      Public: { variables: { PUBLIC_SITE: 'https://www.example.com' }, services: ['Frontend'] },
    },
    keyValue: {
      plan: RenderKeyValuePlan.STANDARD,
      persistenceMode: RenderPersistenceMode.JOURNAL_SNAPSHOT,
      maxMemoryPolicy: RenderMaxMemoryPolicy.NOEVICTION,
      allowedSources: [{ cidr: '198.51.100.0/24', description: 'office' }],
      services: ['Api', 'AiWorker'],
    },
    defaultJobImage: API_IMAGE,
  });
  compute.addScheduledJob('Backup', { name: 'backup', schedule: '0 3 * * *', command: 'backup' });
  new RenderProject(stack, 'SharedProject', { environments: [STAGING, PRODUCTION] });
  return Template.of(stack);
}

describe('every render_* resource matches the provider schema', () => {
  test('the checker catches unknown, read-only, missing and invalid attributes', () => {
    expect(renderSchemaProblems({
      resource: {
        render_keyvalue: { kv: { name: 'x', region: 'mars', max_memory_policy: 'noeviction', id: 'set-by-hand', colour: 'red' } },
        render_web_service: { web: { name: 'x', plan: 'starter', region: 'virginia', runtime_source: { image: {} } } },
      },
    })).toEqual([
      'render_keyvalue.kv.region: "mars" is not one of frankfurt, ohio, oregon, singapore, virginia',
      'render_keyvalue.kv.id: read-only (computed) attribute is set',
      'render_keyvalue.kv.colour: unknown attribute',
      'render_web_service.web.runtime_source.image.image_url: required attribute missing',
    ]);
  });

  test.each([['staging', STAGING], ['production', PRODUCTION]])('%s', (_, env) => {
    const t = everything(env);
    // 2 projects, credential, Key Value, 2 env groups + 2 links, 2 web services, 2 workers, 2 cron jobs.
    expect(renderResourceCount(t.json)).toBe(14);
    expect(renderSchemaProblems(t.json)).toEqual([]);
  });
});
