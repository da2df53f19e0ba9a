import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { API_IMAGE, DASHBOARD_IMAGE, byName, compute, errorOf, idByName, synthCompute } from './fixtures';
import { Environment, EnvironmentStack, RenderCompute, RenderComputeProps, RenderProject, SecretValue } from '../../lib';
import { Template } from '../support/template';

const APP: RenderComputeProps = {
  api: { image: API_IMAGE, preDeployCommand: 'alembic upgrade head', customDomain: 'api.livestreamsell.ai' },
  dashboard: { image: DASHBOARD_IMAGE, customDomain: 'app.livestreamsell.ai' },
  workers: {
    AiWorker: { image: API_IMAGE, command: 'python -m app.workers.ai' },
    QueueWorker: { image: API_IMAGE, command: 'python -m app.workers.publishing' },
  },
  cronJobs: { Cleanup: { image: API_IMAGE, schedule: '0 4 * * *', command: 'python -m app.jobs.cleanup' } },
  envGroups: { Backend: { variables: { AI_LLM_MODE: 'live' }, generatedSecrets: ['SECRET_KEY'] } },
  keyValue: {},
};

const ref = (type: string, id: string, attr = 'id') => `\${${type}.${id}.${attr}}`;

describe('RenderCompute', () => {
  describe('staging defaults', () => {
    const t = synthCompute(APP);
    const projectId = Object.keys(t.resources('render_project'))[0];
    const envRef = `\${render_project.${projectId}.environments["staging"].id}`;
    const credentialRef = ref('render_registry_credential', Object.keys(t.resources('render_registry_credential'))[0]);

    test('a project of its own with the staging environment, unprotected', () => {
      expect(t.only('render_project')).toEqual({
        name: 'livestreamsell-staging',
        environments: { staging: { name: 'staging', protected_status: 'unprotected', network_isolated: true } },
      });
    });

    test('every resource joins the project environment in virginia', () => {
      for (const type of ['render_web_service', 'render_background_worker', 'render_cron_job', 'render_keyvalue', 'render_env_group']) {
        for (const r of t.resourceList(type)) expect(r.environment_id).toBe(envRef);
      }
      for (const type of ['render_web_service', 'render_background_worker', 'render_cron_job', 'render_keyvalue']) {
        for (const r of t.resourceList(type)) expect(r.region).toBe('virginia');
      }
    });

    test('every image is pulled with the GHCR credential', () => {
      expect(t.only('render_registry_credential')).toMatchObject({ registry: 'GITHUB', auth_token: '${var.ghcr_token}' });
      for (const type of ['render_web_service', 'render_background_worker', 'render_cron_job']) {
        for (const r of t.resourceList(type)) expect(r.runtime_source.image.registry_credential_id).toBe(credentialRef);
      }
    });

    test('the API: /health, the environment API hostname, port 8000, migrations before deploy', () => {
      expect(byName(t, 'render_web_service', 'livestreamsell-staging-api')).toMatchObject({
        health_check_path: '/health',
        custom_domains: [{ name: 'api.livestreamsell.ai' }],
        pre_deploy_command: 'alembic upgrade head',
        env_vars: { PORT: { value: '8000' } },
        autoscaling: { enabled: true, min: 1, max: 2 },
        previews: { generation: 'off' },
      });
    });

    test('the dashboard: /api/health, the environment dashboard hostname, port 3000, no Key Value', () => {
      const dashboard = byName(t, 'render_web_service', 'livestreamsell-staging-dashboard');
      expect(dashboard).toMatchObject({
        health_check_path: '/api/health',
        custom_domains: [{ name: 'app.livestreamsell.ai' }],
        env_vars: { PORT: { value: '3000' } },
      });
      expect(dashboard.env_vars.REDIS_URL).toBeUndefined();
    });

    test('workers and cron jobs are separate services with their own commands', () => {
      expect(byName(t, 'render_background_worker', 'livestreamsell-staging-ai-worker').start_command).toBe('python -m app.workers.ai');
      expect(byName(t, 'render_background_worker', 'livestreamsell-staging-queue-worker').start_command).toBe('python -m app.workers.publishing');
      expect(byName(t, 'render_cron_job', 'livestreamsell-staging-cleanup').schedule).toBe('0 4 * * *');
    });

    test('the env group is linked to every service but the dashboard', () => {
      const groupId = idByName(t, 'render_env_group', 'livestreamsell-staging-backend');
      const link = t.only('render_env_group_link');
      expect(link.env_group_id).toBe(ref('render_env_group', groupId));
      expect(link.service_ids).toEqual([
        ref('render_web_service', idByName(t, 'render_web_service', 'livestreamsell-staging-api')),
        ref('render_background_worker', idByName(t, 'render_background_worker', 'livestreamsell-staging-ai-worker')),
        ref('render_background_worker', idByName(t, 'render_background_worker', 'livestreamsell-staging-queue-worker')),
        ref('render_cron_job', idByName(t, 'render_cron_job', 'livestreamsell-staging-cleanup')),
      ]);
    });

    test('Key Value: private, noeviction, its connection string handed to every service but the dashboard by reference', () => {
      const kvId = idByName(t, 'render_keyvalue', 'livestreamsell-staging-keyvalue');
      expect(t.only('render_keyvalue')).toMatchObject({ ip_allow_list: [], max_memory_policy: 'noeviction', plan: 'starter' });
      const url = ref('render_keyvalue', kvId, 'connection_info.internal_connection_string');
      expect(byName(t, 'render_web_service', 'livestreamsell-staging-api').env_vars.REDIS_URL).toEqual({ value: url });
      expect(byName(t, 'render_background_worker', 'livestreamsell-staging-ai-worker').env_vars.REDIS_URL).toEqual({ value: url });
      expect(byName(t, 'render_cron_job', 'livestreamsell-staging-cleanup').env_vars.REDIS_URL).toEqual({ value: url });
    });
  });

  test('production: protected project environment, standard plans, autoscaling 1-10, previews off', () => {
    const t = synthCompute(APP, Environment.production({ project: 'livestreamsell' }));
    expect(t.only('render_project').environments.production).toEqual({ name: 'production', protected_status: 'protected', network_isolated: true });
    for (const r of [...t.resourceList('render_web_service'), ...t.resourceList('render_background_worker')]) {
      expect(r).toMatchObject({ plan: 'standard', autoscaling: { enabled: true, min: 1, max: 10 }, previews: { generation: 'off' } });
    }
    expect(t.only('render_keyvalue').plan).toBe('standard');
    expect(byName(t, 'render_web_service', 'livestreamsell-production-api').custom_domains).toEqual([{ name: 'api.livestreamsell.ai' }]);
  });

  test('services added later join the default env group links and Key Value connections', () => {
    const { stack, compute: c } = compute(APP);
    const media = c.addWorker('MediaWorker', { image: API_IMAGE });
    const t = Template.of(stack);
    const mediaRef = ref('render_background_worker', idByName(t, 'render_background_worker', 'livestreamsell-staging-media-worker'));
    expect(t.only('render_env_group_link').service_ids).toContain(mediaRef);
    expect(byName(t, 'render_background_worker', 'livestreamsell-staging-media-worker').env_vars.REDIS_URL).toBeDefined();
    expect(c.service('MediaWorker')).toBe(media);
  });

  test('explicit service lists link and connect exactly those services', () => {
    const t = synthCompute({
      ...APP,
      envGroups: { Public: { variables: { NEXT_PUBLIC_SITE: 'x' }, services: ['Dashboard'] } },
      keyValue: { services: ['AiWorker'], variableName: 'QUEUE_URL' },
    });
    expect(t.only('render_env_group_link').service_ids).toEqual([ref('render_web_service', idByName(t, 'render_web_service', 'livestreamsell-staging-dashboard'))]);
    expect(byName(t, 'render_background_worker', 'livestreamsell-staging-ai-worker').env_vars.QUEUE_URL).toBeDefined();
    expect(byName(t, 'render_web_service', 'livestreamsell-staging-api').env_vars.QUEUE_URL).toBeUndefined();
    expect(byName(t, 'render_web_service', 'livestreamsell-staging-api').env_vars.REDIS_URL).toBeUndefined();
  });

  test('exposes the public web services for DNS and the keep-alive', () => {
    const { compute: c } = compute(APP);
    expect(c.publicServices.map((s) => [s.serviceName, s.publicHostname, s.healthCheckPath])).toEqual([
      ['api', 'api.livestreamsell.ai', '/health'],
      ['dashboard', 'app.livestreamsell.ai', '/api/health'],
    ]);
    expect(c.publicServices[0].originHostname).toBe(c.api!.originHostname);
    expect(c.services.map((s) => s.serviceName)).toEqual(['api', 'dashboard', 'ai-worker', 'queue-worker', 'cleanup']);
  });

  test('public images: no registry credential', () => {
    const t = synthCompute({ api: { image: API_IMAGE }, publicImages: true });
    expect(t.count('render_registry_credential')).toBe(0);
    expect(t.only('render_web_service').runtime_source.image.registry_credential_id).toBeUndefined();
  });

  test('joins a shared project from another stack through a remote-state reference', () => {
    const app = Testing.app();
    const shared = new EnvironmentStack(app, 'render-project', { environment: new Environment({ name: 'shared', production: true, project: 'livestreamsell' }), awsProvider: false });
    const project = new RenderProject(shared, 'Project', { environments: [Environment.staging({ project: 'livestreamsell' }), Environment.production({ project: 'livestreamsell' })] });
    const staging = new EnvironmentStack(app, 'staging', { environment: Environment.staging({ project: 'livestreamsell' }), awsProvider: false });
    new RenderCompute(staging, 'Compute', { api: { image: API_IMAGE }, project });
    // Cross-stack references are resolved when the whole app synthesizes.
    app.synth();
    const read = (id: string) => new Template(JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', id, 'cdk.tf.json'), 'utf8')));
    const t = read('staging');
    expect(t.count('render_project')).toBe(0);
    const envRef = t.only('render_web_service').environment_id as string;
    const match = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-render-project\.outputs\.([^}]+)\}$/.exec(envRef);
    expect(match).not.toBeNull();
    expect(t.json.data.terraform_remote_state['cross-stack-reference-input-render-project']).toMatchObject({ backend: 's3' });
    expect(read('render-project').json.output[match![1]].value).toMatch(/^\$\{render_project\.Project_.*\.environments\["staging"\]\.id\}$/);
  });

  describe('scheduled jobs (IScheduledJobHost)', () => {
    test('run the API image unless given their own', () => {
      const { stack, compute: c } = compute({ api: { image: API_IMAGE } });
      c.addScheduledJob('DatabaseBackup', {
        name: 'db-backup',
        schedule: '0 3 * * *',
        command: 'pg_dump_to_s3',
        variables: { BACKUP_PREFIX: 'db/' },
        secrets: { BACKUP_DATABASE_URL: SecretValue.fromVariable(stack, 'database_url') },
      });
      c.addScheduledJob('Report', { name: 'report', schedule: '0 6 * * 1', command: 'report', image: { repository: 'ghcr.io/livestreamsell/reports', tag: '3' } });
      const t = Template.of(stack);
      expect(byName(t, 'render_cron_job', 'livestreamsell-staging-db-backup')).toMatchObject({
        schedule: '0 3 * * *',
        start_command: 'pg_dump_to_s3',
        runtime_source: { image: { image_url: 'ghcr.io/livestreamsell/api', tag: '1.4.2' } },
        env_vars: { BACKUP_PREFIX: { value: 'db/' }, BACKUP_DATABASE_URL: { value: '${var.database_url}' } },
      });
      expect(byName(t, 'render_cron_job', 'livestreamsell-staging-report').runtime_source.image).toMatchObject({ image_url: 'ghcr.io/livestreamsell/reports', tag: '3' });
    });

    test('refuse an untagged image, a missing image and a bad schedule', () => {
      expect(errorOf(() => compute({ api: { image: API_IMAGE } }).compute.addScheduledJob('Job', { name: 'job', schedule: '0 3 * * *', command: 'x', image: { repository: 'ghcr.io/x/y' } }))).toBe(
        '[test/Compute/Job] invalid "image.tag": got undefined; expected exactly one of "tag" or "digest": an unpinned image would deploy whatever "latest" points at',
      );
      expect(errorOf(() => compute().compute.addScheduledJob('Job', { name: 'job', schedule: '0 3 * * *', command: 'x' }))).toBe(
        '[test/Compute] invalid "scheduledJobs.Job.image": got undefined; expected a ContainerImage: this RenderCompute has no API whose image jobs default to',
      );
      expect(errorOf(() => compute({ api: { image: API_IMAGE } }).compute.addScheduledJob('Job', { name: 'job', schedule: '0 3 * *', command: 'x' }))).toBe(
        '[test/Compute/Job] invalid "schedule": got "0 3 * *"; expected a 5-field cron expression "minute hour day-of-month month day-of-week" (UTC) using numbers, "*", ranges "a-b", steps "*/n" or "a-b/n", lists "a,b", JAN-DEC and SUN-SAT (it has 4 fields, not 5)',
      );
    });
  });

  describe('bad input', () => {
    test.each<[string, RenderComputeProps, string]>([
      ['a region far from the database', { region: 'frankfurt' },
        '[test/Compute] invalid "region": got "frankfurt"; expected "virginia", the Render region next to the database in "us-east-1", or "allowRegionFarFromDatabase: true" to accept cross-region latency'],
      ['an unknown region', { region: 'tokyo', allowRegionFarFromDatabase: true },
        '[test/Compute] invalid "region": got "tokyo"; expected one of "frankfurt", "ohio", "oregon", "singapore", "virginia"'],
      ['min above max', { api: { image: API_IMAGE, scaling: { minInstances: 3, maxInstances: 2 } } },
        '[test/Compute/Api] invalid "scaling.minInstances": got 3; expected a value no greater than "scaling.maxInstances" (2)'],
      ['max above Render\'s limit', { workers: { AiWorker: { image: API_IMAGE, scaling: { maxInstances: 250 } } } },
        '[test/Compute/AiWorker] invalid "scaling.maxInstances": got 250; expected a whole number from 1 to 100'],
      ['a CPU percentage outside 1-100', { api: { image: API_IMAGE, scaling: { cpuTargetPercent: 120 } } },
        '[test/Compute/Api] invalid "scaling.cpuTargetPercent": got 120; expected a whole number from 1 to 100'],
      ['an image URL with a tag', { api: { image: { repository: 'ghcr.io/livestreamsell/api:latest', tag: 'latest' } } },
        '[test/Compute/Api] invalid "image.repository": got "ghcr.io/livestreamsell/api:latest"; expected an image repository without tag or digest, such as "ghcr.io/acme/api" (lowercase; put the tag in "tag" or the digest in "digest")'],
      ['both tag and digest', { dashboard: { image: { ...DASHBOARD_IMAGE, digest: `sha256:${'f'.repeat(64)}` } } },
        `[test/Compute/Dashboard] invalid "image.digest": got "sha256:${'f'.repeat(64)}"; expected no digest when "tag" is set (got tag "2.0.0"): give exactly one of "tag" or "digest"`],
      ['a malformed cron schedule', { cronJobs: { Cleanup: { image: API_IMAGE, schedule: '0 3 * * * *' } } },
        '[test/Compute/Cleanup] invalid "schedule": got "0 3 * * * *"; expected a 5-field cron expression "minute hour day-of-month month day-of-week" (UTC) using numbers, "*", ranges "a-b", steps "*/n" or "a-b/n", lists "a,b", JAN-DEC and SUN-SAT (it has 6 fields, not 5)'],
      ['a secret-looking variable as a plain string', { api: { image: API_IMAGE, variables: { DATABASE_URL: 'postgresql://u:p@h/db' } } },
        '[test/Compute/Api] invalid "variables.DATABASE_URL": got "<literal string redacted>"; expected a SecretValue (sensitive variable, generated value or secret-manager reference): secret-looking names never take plain strings'],
      ['a secret-looking env group variable as a plain string', { envGroups: { Shared: { variables: { META_APP_SECRET: 'abc' } } } },
        '[test/Compute/Shared] invalid "variables.META_APP_SECRET": got "<literal string redacted>"; expected a SecretValue (sensitive variable, generated value or secret-manager reference): secret-looking names never take plain strings'],
      ['an unknown service in an env group', { api: { image: API_IMAGE }, envGroups: { Shared: { services: ['Worker'] } } },
        '[test/Compute] invalid "envGroups.Shared.services": got "Worker"; expected the construct id of one of this RenderCompute\'s services: "Api"'],
      ['an empty service list', { api: { image: API_IMAGE }, keyValue: { services: [] } },
        '[test/Compute] invalid "keyValue.services": got []; expected at least one service id, or no list for every service except the dashboard'],
      ['two services with the same name', { api: { image: API_IMAGE }, workers: { Worker: { image: API_IMAGE, name: 'api' } } },
        '[test/Compute/Worker] invalid "name": got "api"; expected a name no other service of test/Compute uses (Api has it)'],
      ['previews in production', { api: { image: API_IMAGE, previews: 'automatic' } },
        '[test/Compute/Api] invalid "previews": got "automatic"; expected "off" in production: previews would run unreviewed code with production secrets'],
    ])('%s', (_, props, message) => {
      expect(errorOf(() => compute(props, Environment.production({ project: 'livestreamsell' })))).toBe(message.replace(/staging/g, 'production'));
    });

    test('a project without this environment', () => {
      const stack = new EnvironmentStack(Testing.app(), 'test', { environment: Environment.production({ project: 'livestreamsell' }) });
      const project = new RenderProject(stack, 'Project', { environments: [Environment.staging({ project: 'livestreamsell' })] });
      expect(errorOf(() => new RenderCompute(stack, 'Compute', { project }))).toBe(
        '[test/Compute] invalid "project": got ["staging"]; expected a RenderProject with an environment named "production"',
      );
    });

    test('an unknown service id', () => {
      expect(errorOf(() => compute(APP).compute.service('Nope'))).toBe(
        '[test/Compute] invalid "service": got "Nope"; expected the construct id of one of this RenderCompute\'s services: "Api", "Dashboard", "AiWorker", "QueueWorker", "Cleanup"',
      );
    });
  });
});
