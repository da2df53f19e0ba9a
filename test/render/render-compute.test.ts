import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { API_IMAGE, FRONTEND_IMAGE, PRODUCTION, STAGING, WEB, byName, compute, errorOf, findingIds, idByName, ref, synthCompute } from './fixtures';
import { Environment, EnvironmentStack, RenderCompute, RenderComputeProps, RenderProject, RenderServiceBase, RenderWebService, SecretValue } from '../../lib';
import { Template } from '../support/template';

const APP: RenderComputeProps = {
  webServices: {
    Api: { image: API_IMAGE, healthCheckPath: '/healthz', port: 8080, preDeployCommand: 'python -m app.migrate', customDomain: 'api.example.com' },
    Frontend: { image: FRONTEND_IMAGE, healthCheckPath: '/status', port: 3000, customDomain: 'www.example.com' },
  },
  workers: {
    AiWorker: { image: API_IMAGE, command: 'python -m app.workers.ai' },
    QueueWorker: { image: API_IMAGE, command: 'python -m app.workers.queue' },
  },
  cronJobs: { Cleanup: { image: API_IMAGE, schedule: '0 4 * * *', command: 'python -m app.jobs.cleanup' } },
  envGroups: { Backend: { variables: { AI_MODE: 'live' }, generatedSecrets: ['SECRET_KEY'], services: ['Api', 'AiWorker', 'QueueWorker'] } },
  keyValue: { services: ['Api', 'QueueWorker'] },
};

describe('RenderCompute', () => {
  describe('staging', () => {
    const t = synthCompute(APP);
    const projectId = Object.keys(t.resources('render_project'))[0];
    const envRef = `\${render_project.${projectId}.environments["staging"].id}`;
    const credentialRef = ref('render_registry_credential', Object.keys(t.resources('render_registry_credential'))[0]);
    const id = (type: string, name: string) => ref(type, idByName(t, type, `acme-staging-${name}`));

    test('a project of its own with the staging environment, unprotected (no deletion protection in staging)', () => {
      expect(t.only('render_project')).toEqual({
        name: 'acme-staging',
        environments: { staging: { name: 'staging', protected_status: 'unprotected', network_isolated: true } },
      });
    });

    test('every resource joins the project environment in virginia and passes SecurityChecks', () => {
      for (const type of ['render_web_service', 'render_background_worker', 'render_cron_job', 'render_keyvalue', 'render_env_group']) {
        for (const r of t.resourceList(type)) expect(r.environment_id).toBe(envRef);
      }
      for (const type of ['render_web_service', 'render_background_worker', 'render_cron_job', 'render_keyvalue']) {
        for (const r of t.resourceList(type)) expect(r.region).toBe('virginia');
      }
      expect(findingIds(compute(APP).stack)).toEqual([]);
    });

    test('every image is pulled with the GHCR credential', () => {
      expect(t.only('render_registry_credential')).toMatchObject({ registry: 'GITHUB', auth_token: '${var.ghcr_token}' });
      for (const type of ['render_web_service', 'render_background_worker', 'render_cron_job']) {
        for (const r of t.resourceList(type)) expect(r.runtime_source.image.registry_credential_id).toBe(credentialRef);
      }
    });

    test('each web service has its own health check, port and domain: nothing is special about any id', () => {
      expect(byName(t, 'render_web_service', 'acme-staging-api')).toMatchObject({
        health_check_path: '/healthz', custom_domains: [{ name: 'api.example.com' }], pre_deploy_command: 'python -m app.migrate', env_vars: { PORT: { value: '8080' } },
      });
      expect(byName(t, 'render_web_service', 'acme-staging-frontend')).toMatchObject({
        health_check_path: '/status', custom_domains: [{ name: 'www.example.com' }], env_vars: { PORT: { value: '3000' } },
      });
    });

    test('the env group reaches exactly the services named for it', () => {
      const link = t.only('render_env_group_link');
      expect(link.env_group_id).toBe(id('render_env_group', 'backend'));
      expect(link.service_ids).toEqual([id('render_web_service', 'api'), id('render_background_worker', 'ai-worker'), id('render_background_worker', 'queue-worker')]);
    });

    test('Key Value: private, noeviction, its connection string on exactly the services named for it', () => {
      const url = ref('render_keyvalue', idByName(t, 'render_keyvalue', 'acme-staging-keyvalue'), 'connection_info.internal_connection_string');
      expect(t.only('render_keyvalue')).toMatchObject({ ip_allow_list: [], max_memory_policy: 'noeviction', plan: 'starter' });
      expect(byName(t, 'render_web_service', 'acme-staging-api').env_vars.REDIS_URL).toEqual({ value: url });
      expect(byName(t, 'render_background_worker', 'acme-staging-queue-worker').env_vars.REDIS_URL).toEqual({ value: url });
      expect(byName(t, 'render_background_worker', 'acme-staging-ai-worker').env_vars).toBeUndefined();
      expect(byName(t, 'render_web_service', 'acme-staging-frontend').env_vars.REDIS_URL).toBeUndefined();
      expect(byName(t, 'render_cron_job', 'acme-staging-cleanup').env_vars).toBeUndefined();
    });
  });

  test('production: protected project environment, standard plans, autoscaling 1-10, previews off', () => {
    const t = synthCompute(APP, PRODUCTION);
    expect(t.only('render_project').environments.production).toEqual({ name: 'production', protected_status: 'protected', network_isolated: true });
    for (const r of [...t.resourceList('render_web_service'), ...t.resourceList('render_background_worker')]) {
      expect(r).toMatchObject({ plan: 'standard', autoscaling: { enabled: true, min: 1, max: 10 }, previews: { generation: 'off' } });
    }
    expect(t.only('render_keyvalue').plan).toBe('standard');
  });

  test('services added later receive no env group and no Key Value unless linked explicitly', () => {
    const { stack, compute: c } = compute(APP);
    const media = c.addWorker('MediaWorker', { image: API_IMAGE });
    const t = Template.of(stack);
    expect(t.only('render_env_group_link').service_ids).not.toContain(ref('render_background_worker', idByName(t, 'render_background_worker', 'acme-staging-media-worker')));
    expect(byName(t, 'render_background_worker', 'acme-staging-media-worker').env_vars).toBeUndefined();
    expect(c.service('MediaWorker')).toBe(media);
    const group = c.addEnvGroup('Media', { variables: { MEDIA_BUCKET: 'media' }, services: ['MediaWorker'] });
    c.keyValue!.connect(media);
    const t2 = Template.of(stack);
    const mediaLink = t2.resourceList('render_env_group_link').find((l) => l.env_group_id === ref('render_env_group', idByName(t2, 'render_env_group', 'acme-staging-media')));
    expect(mediaLink.service_ids).toEqual([ref('render_background_worker', idByName(t2, 'render_background_worker', 'acme-staging-media-worker'))]);
    expect(group.linkedServiceNames).toEqual(['media-worker']);
    expect(byName(t2, 'render_background_worker', 'acme-staging-media-worker').env_vars.REDIS_URL).toBeDefined();
    expect(c.envGroups.map((g) => g.groupName)).toEqual(['backend', 'media']);
  });

  test('publicServices are the web services, found by their Symbol.for brand', () => {
    const { compute: c } = compute(APP);
    expect(c.publicServices.map((s) => [s.serviceName, s.publicHostname, s.healthCheckPath])).toEqual([
      ['api', 'api.example.com', '/healthz'],
      ['frontend', 'www.example.com', '/status'],
    ]);
    expect(c.publicServices.every((s) => RenderWebService.isRenderWebService(s))).toBe(true);
    expect(c.services.every((s) => RenderServiceBase.isRenderService(s))).toBe(true);
    expect(c.services.map((s) => s.serviceName)).toEqual(['api', 'frontend', 'ai-worker', 'queue-worker', 'cleanup']);
  });

  test('public images: no registry credential', () => {
    const t = synthCompute({ webServices: { Api: WEB }, publicImages: true });
    expect(t.count('render_registry_credential')).toBe(0);
    expect(t.only('render_web_service').runtime_source.image.registry_credential_id).toBeUndefined();
  });

  test('joins a shared project from another stack through a typed cross-stack reference', () => {
    const app = Testing.app();
    const shared = new EnvironmentStack(app, 'render-project', { environment: new Environment({ name: 'shared', production: true, project: 'acme' }), awsProvider: false });
    const project = new RenderProject(shared, 'Project', { environments: [STAGING, PRODUCTION] });
    const staging = new EnvironmentStack(app, 'staging', { environment: STAGING, awsProvider: false });
    new RenderCompute(staging, 'Compute', { webServices: { Api: WEB }, project });
    app.synth();
    const read = (stackId: string) => new Template(JSON.parse(fs.readFileSync(path.join(app.outdir, 'stacks', stackId, 'cdk.tf.json'), 'utf8')));
    const t = read('staging');
    expect(t.count('render_project')).toBe(0);
    const match = /^\$\{data\.terraform_remote_state\.cross-stack-reference-input-render-project\.outputs\.([^}]+)\}$/.exec(t.only('render_web_service').environment_id);
    expect(match).not.toBeNull();
    expect(t.json.data.terraform_remote_state['cross-stack-reference-input-render-project']).toMatchObject({ backend: 's3' });
    expect(read('render-project').json.output[match![1]].value).toMatch(/^\$\{render_project\.Project_.*\.environments\["staging"\]\.id\}$/);
  });

  test('joins an imported project by its ids', () => {
    const { stack } = compute();
    const project = RenderProject.fromProjectAttributes(stack, 'Shared', { projectId: 'prj-1', environmentIds: { staging: 'evm-staging' } });
    new RenderCompute(stack, 'Web', { project, webServices: { Shop: WEB }, registryCredential: { name: 'acme-staging-web-ghcr' } });
    const t = Template.of(stack);
    expect(byName(t, 'render_web_service', 'acme-staging-shop').environment_id).toBe('evm-staging');
  });

  describe('scheduled jobs (IScheduledJobHost)', () => {
    test('get exactly their spec, and run defaultJobImage unless they bring an image', () => {
      const { stack, compute: c } = compute({ ...APP, defaultJobImage: API_IMAGE });
      c.addScheduledJob('DatabaseBackup', {
        name: 'db-backup',
        schedule: '0 3 * * *',
        command: 'pg_dump_to_s3',
        variables: { BACKUP_PREFIX: 'db/' },
        secrets: { BACKUP_DATABASE_URL: SecretValue.fromVariable(stack, 'database_url') },
      });
      c.addScheduledJob('Report', { name: 'report', schedule: '0 6 * * 1', command: 'report', image: { repository: 'ghcr.io/acme/reports', tag: '3' } });
      const t = Template.of(stack);
      expect(byName(t, 'render_cron_job', 'acme-staging-db-backup')).toMatchObject({
        schedule: '0 3 * * *',
        start_command: 'pg_dump_to_s3',
        runtime_source: { image: { image_url: 'ghcr.io/acme/api', tag: '1.4.2' } },
        env_vars: { BACKUP_PREFIX: { value: 'db/' }, BACKUP_DATABASE_URL: { value: '${var.database_url}' } },
      });
      expect(Object.keys(byName(t, 'render_cron_job', 'acme-staging-db-backup').env_vars).sort()).toEqual(['BACKUP_DATABASE_URL', 'BACKUP_PREFIX']);
      expect(byName(t, 'render_cron_job', 'acme-staging-report').runtime_source.image).toMatchObject({ image_url: 'ghcr.io/acme/reports', tag: '3' });
      expect(t.only('render_env_group_link').service_ids).toHaveLength(3);
    });

    test('refuse an untagged image, a missing image, a bad schedule, a spec with more than a spec', () => {
      const host = () => compute({ webServices: { Api: WEB } }).compute;
      expect(errorOf(() => host().addScheduledJob('Job', { name: 'job', schedule: '0 3 * * *', command: 'x', image: { repository: 'ghcr.io/x/y' } }))).toBe(
        '[test/Compute] invalid "scheduledJobs.Job.image.tag": got undefined; expected exactly one of "tag" or "digest": an unpinned image would deploy whatever "latest" points at',
      );
      expect(errorOf(() => host().addScheduledJob('Job', { name: 'job', schedule: '0 3 * * *', command: 'x' }))).toBe(
        '[test/Compute] invalid "scheduledJobs.Job.image": got undefined; expected a ContainerImage: the job brings none and this RenderCompute has no "defaultJobImage"',
      );
      expect(errorOf(() => host().addScheduledJob('Job', { name: 'job', schedule: '0 3 * *', command: 'x', image: API_IMAGE }))).toBe(
        '[test/Compute] invalid "scheduledJobs.Job.schedule": got "0 3 * *"; expected a 5-field cron expression "minute hour day-of-month month day-of-week" (UTC) using numbers, "*", ranges "a-b", steps "*/n" or "a-b/n", lists "a,b", JAN-DEC and SUN-SAT (it has 4 fields, not 5)',
      );
      expect(errorOf(() => host().addScheduledJob('Job', { name: 'job', schedule: '0 3 * * *', command: 'x', image: API_IMAGE, plan: 'pro' } as any))).toBe(
        '[test/Compute] invalid "scheduledJobs.Job.plan": got "pro"; expected no such property: the properties here are "command", "image", "name", "schedule", "secrets", "variables"',
      );
    });
  });

  describe('bad input', () => {
    test.each<[string, RenderComputeProps, string]>([
      ['a region far from the database', { region: 'frankfurt' as any },
        '[test/Compute] invalid "region": got "frankfurt"; expected a RenderRegion: RenderRegion.FRANKFURT, RenderRegion.OHIO, RenderRegion.OREGON, RenderRegion.SINGAPORE, RenderRegion.VIRGINIA or RenderRegion.of("...")'],
      ['min above max', { webServices: { Api: { ...WEB, scaling: { minInstances: 3, maxInstances: 2 } } } },
        '[test/Compute] invalid "webServices.Api.scaling.minInstances": got 3; expected a value no greater than "webServices.Api.scaling.maxInstances" (2)'],
      ['max above Render\'s limit', { workers: { AiWorker: { image: API_IMAGE, scaling: { maxInstances: 250 } } } },
        '[test/Compute] invalid "workers.AiWorker.scaling.maxInstances": got 250; expected a whole number from 1 to 100'],
      ['an image URL with a tag', { webServices: { Api: { ...WEB, image: { repository: 'ghcr.io/acme/api:latest', tag: 'latest' } } } },
        '[test/Compute] invalid "webServices.Api.image.repository": got "ghcr.io/acme/api:latest"; expected an image repository without tag or digest, such as "ghcr.io/acme/api" (lowercase; put the tag in "tag" or the digest in "digest")'],
      ['a malformed cron schedule', { cronJobs: { Cleanup: { image: API_IMAGE, schedule: '0 3 * * * *' } } },
        '[test/Compute] invalid "cronJobs.Cleanup.schedule": got "0 3 * * * *"; expected a 5-field cron expression "minute hour day-of-month month day-of-week" (UTC) using numbers, "*", ranges "a-b", steps "*/n" or "a-b/n", lists "a,b", JAN-DEC and SUN-SAT (it has 6 fields, not 5)'],
      ['a secret-looking variable as a plain string', { webServices: { Api: { ...WEB, variables: { DATABASE_URL: 'postgresql://u:p@h/db' } } } },
        '[test/Compute] invalid "webServices.Api.variables.DATABASE_URL": got "<literal string redacted>"; expected a SecretValue (sensitive variable, generated value or secret-manager reference): secret-looking names never take plain strings'],
      ['an env group without services', { envGroups: { Shared: { variables: { A: 'b' } } as any } },
        '[test/Compute] invalid "envGroups.Shared.services": got undefined; expected the construct ids of the services that receive it (at least one): shared configuration and secrets reach only the services named'],
      ['an unknown service in an env group', { webServices: { Api: WEB }, envGroups: { Shared: { services: ['Api', 'Worker'] } } },
        '[test/Compute] invalid "envGroups.Shared.services[1]": got "Worker"; expected the construct id of one of this RenderCompute\'s services: "Api"'],
      ['an empty Key Value service list', { webServices: { Api: WEB }, keyValue: { services: [] } },
        '[test/Compute] invalid "keyValue.services": got []; expected the construct ids of the services that receive it (at least one): shared configuration and secrets reach only the services named'],
      ['a service listed twice', { webServices: { Api: WEB }, keyValue: { services: ['Api', 'Api'] } },
        '[test/Compute] invalid "keyValue.services[1]": got "Api"; expected a value not already in the list'],
      ['one construct id for a worker and a web service', { webServices: { Api: WEB }, workers: { Api: { image: API_IMAGE, name: 'api-worker' } } },
        '[test/Compute] invalid "workers.Api": got "Api"; expected a construct id not already used in test/Compute (test/Compute/Api is a RenderWebService)'],
      ['a service id that is a fixed child id', { keyValue: { services: ['KeyValue'] }, workers: { KeyValue: { image: API_IMAGE } } },
        '[test/Compute] invalid "workers.KeyValue": got "KeyValue"; expected a construct id not already used in test/Compute (test/Compute/KeyValue is a RenderKeyValue)'],
      ['a construct id that is not one', { workers: { 'ai/worker': { image: API_IMAGE } } },
        '[test/Compute] invalid "workers.ai/worker": got "ai/worker"; expected a construct id: a letter, then up to 62 letters, digits, "_" or "-" (it is part of the Terraform address)'],
      ['previews in production', { webServices: { Api: { ...WEB, previews: 'automatic' as any } } },
        '[test/Compute] invalid "webServices.Api.previews": got "automatic"; expected a RenderPreviewGeneration: RenderPreviewGeneration.OFF, RenderPreviewGeneration.MANUAL, RenderPreviewGeneration.AUTOMATIC or RenderPreviewGeneration.of("...")'],
      ['a region inside a service (set on the compute)', { webServices: { Api: { ...WEB, region: 'oregon' } as any } },
        '[test/Compute] invalid "webServices.Api.region": got "oregon"; expected no such property: the properties here are "command", "customDomain", "generatedSecrets", "healthCheckPath", "image", "maxShutdownDelaySeconds", "name", "plan", "port", "preDeployCommand", "previews", "scaling", "secrets", "variables"'],
      ['the old app-specific props', { api: WEB } as any,
        '[test/Compute] invalid "api": got {"image":{"repository":"ghcr.io/acme/api","tag":"1.4.2"},"healthCheckPath":"/healthz"}; expected no such property'],
      ['public images and a credential', { publicImages: true, registryCredential: {} },
        '[test/Compute] invalid "registryCredential": got {}; expected no registry credential with "publicImages: true" (public images are pulled without one)'],
      ['a project that is not one', { project: { projectId: 'prj-1', environmentNames: ['production'], environmentId: () => 'x' } as any },
        '[test/Compute] invalid "project": got {"projectId":"prj-1","environmentNames":["production"],"environmentId":<function environmentId>}; expected an IRenderProject (new RenderProject(...) or RenderProject.fromProjectAttributes(...))'],
    ])('%s', (_, props, message) => {
      expect(errorOf(() => compute(props, PRODUCTION))).toContain(message);
    });

    test('a project without this environment', () => {
      const stack = new EnvironmentStack(Testing.app(), 'test', { environment: PRODUCTION });
      const project = new RenderProject(stack, 'Project', { environments: [STAGING] });
      expect(errorOf(() => new RenderCompute(stack, 'Compute', { project }))).toBe(
        '[test/Compute] invalid "project": got ["staging"]; expected an IRenderProject with an environment named "production"',
      );
    });

    test('an unknown service id, a service list naming a service not added yet', () => {
      const { compute: c } = compute(APP);
      expect(errorOf(() => c.service('Nope'))).toBe(
        '[test/Compute] invalid "service": got "Nope"; expected the construct id of one of this RenderCompute\'s services: "Api", "Frontend", "AiWorker", "QueueWorker", "Cleanup"',
      );
      expect(errorOf(() => c.addEnvGroup('Later', { services: ['Later2'] }))).toContain('[test/Compute] invalid "envGroups.Later.services[0]": got "Later2"');
      expect(errorOf(() => c.addWebService('Site', { image: API_IMAGE } as any))).toBe(
        '[test/Compute] invalid "webServices.Site.healthCheckPath": got undefined; expected the path the service answers 200 on when healthy, such as "/healthz": Render routes traffic only to instances that pass it',
      );
    });
  });
});
