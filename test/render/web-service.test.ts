import { TerraformOutput } from 'cdktf';
import { PRODUCTION, STAGING, WEB, errorOf, findingIds } from './fixtures';
import {
  Environment, RenderPlan, RenderPreviewGeneration, RenderProject, RenderRegistryCredential, RenderServiceBase, RenderWebService, RenderWebServiceProps,
} from '../../lib';
import { Template, environmentStack } from '../support/template';

function web(props: Partial<RenderWebServiceProps> = {}, env: Environment = STAGING) {
  const stack = environmentStack(env, 'test');
  const service = new RenderWebService(stack, 'Api', { ...WEB, ...props });
  return { stack, service, t: () => Template.of(stack) };
}

describe('RenderWebService', () => {
  test('defaults: environment name, plan and region, its health check, 30 s shutdown, previews off, pinned image', () => {
    expect(web().t().only('render_web_service')).toMatchInlineSnapshot(`
{
  "autoscaling": {
    "criteria": {
      "cpu": {
        "enabled": true,
        "percentage": 70,
      },
    },
    "enabled": true,
    "max": 2,
    "min": 1,
  },
  "health_check_path": "/healthz",
  "max_shutdown_delay_seconds": 30,
  "name": "acme-staging-api",
  "plan": "starter",
  "previews": {
    "generation": "off",
  },
  "region": "virginia",
  "runtime_source": {
    "image": {
      "image_url": "ghcr.io/acme/api",
      "tag": "1.4.2",
    },
  },
}
`);
  });

  test('declares the Render provider with the owner id variable and no API key', () => {
    const t = web().t();
    expect(t.json.provider.render).toEqual([{ owner_id: '${var.render_owner_id}' }]);
    expect(t.json.terraform.required_providers.render).toEqual({ source: 'render-oss/render', version: '1.9.1' });
    expect(t.json.variable.render_owner_id).toMatchObject({ type: 'string', nullable: false });
    expect(t.json.variable.render_owner_id.sensitive).toBeUndefined();
  });

  test('production: standard plan and autoscaling 1-10 on CPU; a plan of its own', () => {
    expect(web({}, PRODUCTION).t().only('render_web_service')).toMatchObject({
      name: 'acme-production-api',
      plan: 'standard',
      autoscaling: { enabled: true, min: 1, max: 10, criteria: { cpu: { enabled: true, percentage: 70 } } },
    });
    expect(web({ plan: RenderPlan.PRO_MAX }).t().only('render_web_service').plan).toBe('pro_max');
    expect(web({ plan: RenderPlan.of('pro_giga') }).t().only('render_web_service').plan).toBe('pro_giga');
  });

  test('custom domain, port, pre-deploy command, start command, credential and project environment', () => {
    const stack = environmentStack(STAGING, 'test');
    const credential = new RenderRegistryCredential(stack, 'Ghcr');
    const project = new RenderProject(stack, 'Project');
    const service = new RenderWebService(stack, 'Api', {
      image: { repository: 'ghcr.io/acme/api', digest: `sha256:${'a'.repeat(64)}` },
      healthCheckPath: '/api/health',
      customDomain: 'api-staging.example.com',
      port: 8000,
      preDeployCommand: 'alembic upgrade head',
      command: 'uvicorn app.main:app --host 0.0.0.0 --port 8000',
      maxShutdownDelaySeconds: 60,
      registryCredential: credential,
      projectEnvironmentId: project.environmentId('staging'),
    });
    const r = Template.of(stack).only('render_web_service');
    expect(r).toMatchObject({
      health_check_path: '/api/health',
      custom_domains: [{ name: 'api-staging.example.com' }],
      pre_deploy_command: 'alembic upgrade head',
      start_command: 'uvicorn app.main:app --host 0.0.0.0 --port 8000',
      max_shutdown_delay_seconds: 60,
      env_vars: { PORT: { value: '8000' } },
      environment_id: expect.stringMatching(/^\$\{render_project\.Project_.*\.environments\["staging"\]\.id\}$/),
      runtime_source: { image: { digest: `sha256:${'a'.repeat(64)}`, registry_credential_id: expect.stringMatching(/^\$\{render_registry_credential\..*\.id\}$/) } },
    });
    expect(r.runtime_source.image.tag).toBeUndefined();
    expect(service.publicHostname).toBe('api-staging.example.com');
    expect(service.port).toBe(8000);
  });

  test('is an IPublicService and an IRenderService: origin hostname from the url attribute, outputs for url, hostname and id', () => {
    const { service, t } = web({ customDomain: 'api.example.com' });
    expect(service.serviceName).toBe('api');
    expect(service.healthCheckPath).toBe('/healthz');
    expect(RenderWebService.isRenderWebService(service)).toBe(true);
    expect(RenderServiceBase.isRenderService(service)).toBe(true);
    expect(RenderWebService.isRenderWebService({ serviceName: 'api', healthCheckPath: '/' })).toBe(false);
    const json = t().json;
    expect(json.output.acme_staging_api_hostname.value).toMatch(/^\$\{trimprefix\(render_web_service\.Api_.*\.url, "https:\/\/"\)\}$/);
    expect(json.output.acme_staging_api_url.value).toMatch(/^\$\{render_web_service\.Api_.*\.url\}$/);
    expect(json.output.acme_staging_api_service_id.value).toMatch(/^\$\{render_web_service\.Api_.*\.id\}$/);
  });

  test('without a custom domain the public hostname is the onrender.com one', () => {
    const { stack, service, t } = web();
    new TerraformOutput(stack, 'public', { value: service.publicHostname });
    expect(t().json.output.public.value).toMatch(/^\$\{trimprefix\(render_web_service\.Api_.*\.url, "https:\/\/"\)\}$/);
    expect(service.customDomain).toBeUndefined();
  });

  test('variables added after construction are synthesized', () => {
    const { service, t } = web({ variables: { LOG_LEVEL: 'info' } });
    service.addVariable('FEATURE_X', 'on');
    service.addGeneratedSecret('SESSION_SECRET');
    expect(t().only('render_web_service').env_vars).toEqual({
      LOG_LEVEL: { value: 'info' },
      FEATURE_X: { value: 'on' },
      SESSION_SECRET: { generate_value: true },
    });
    expect(service.variableNames).toEqual(['LOG_LEVEL', 'FEATURE_X', 'SESSION_SECRET']);
  });

  test('manual previews are allowed in staging', () => {
    expect(web({ previews: RenderPreviewGeneration.MANUAL }).t().only('render_web_service').previews).toEqual({ generation: 'manual' });
  });

  test.each<[Partial<RenderWebServiceProps>, string]>([
    [{ healthCheckPath: undefined }, '[test/Api] invalid "healthCheckPath": got undefined; expected the path the service answers 200 on when healthy, such as "/healthz": Render routes traffic only to instances that pass it'],
    [{ healthCheckPath: 'health' }, '[test/Api] invalid "healthCheckPath": got "health"; expected an absolute path such as "/healthz" (letters, digits, "-", ".", "_", "~" and "/"; no query string)'],
    [{ customDomain: 'API.example.com' }, '[test/Api] invalid "customDomain": got "API.example.com"; expected a lowercase hostname such as "api.example.com"'],
    [{ port: 70000 }, '[test/Api] invalid "port": got 70000; expected a whole number from 1 to 65535'],
    [{ port: 18012 }, '[test/Api] invalid "port": got 18012; expected a port Render does not reserve (18012, 18013, 19099 are Render\'s own)'],
    [{ port: 8000, variables: { PORT: '9000' } }, '[test/Api] invalid "port": got 8000; expected no "PORT" in "variables" as well: "port" sets it'],
    [{ maxShutdownDelaySeconds: 301 }, '[test/Api] invalid "maxShutdownDelaySeconds": got 301; expected a whole number from 1 to 300'],
    [{ previews: 'sometimes' as any }, '[test/Api] invalid "previews": got "sometimes"; expected a RenderPreviewGeneration: RenderPreviewGeneration.OFF, RenderPreviewGeneration.MANUAL, RenderPreviewGeneration.AUTOMATIC or RenderPreviewGeneration.of("...")'],
    [{ plan: 'huge' as any }, '[test/Api] invalid "plan": got "huge"; expected a RenderPlan: RenderPlan.STARTER, RenderPlan.STANDARD, RenderPlan.PRO, RenderPlan.PRO_PLUS, RenderPlan.PRO_MAX, RenderPlan.PRO_ULTRA or RenderPlan.of("...")'],
    [{ name: 'Api_1' }, '[test/Api] invalid "name": got "Api_1"; expected a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit'],
    [{ healthCheckPath: '/health', heathCheckPath: '/x' } as any, '[test/Api] invalid "heathCheckPath": got "/x"; expected no such property: the properties here are'],
  ])('refuses %p', (props, message) => {
    expect(errorOf(() => web(props))).toContain(message);
  });

  test('SecurityChecks: a web service passes, and one whose health check is removed through the escape hatch fails LSS-RENDER-001', () => {
    const { stack, service } = web();
    expect(findingIds(stack)).toEqual([]);
    service.resource.resetHealthCheckPath();
    expect(findingIds(stack)).toEqual(['LSS-RENDER-001']);
  });

  test('refuses previews in production', () => {
    expect(errorOf(() => web({ previews: RenderPreviewGeneration.AUTOMATIC }, PRODUCTION))).toBe(
      '[test/Api] invalid "previews": got "automatic"; expected RenderPreviewGeneration.OFF in production: previews would run unreviewed code with production secrets',
    );
  });

  test('refuses a registry credential that is not one', () => {
    expect(errorOf(() => web({ registryCredential: { credentialId: 'x' } as any }))).toBe(
      '[test/Api] invalid "registryCredential": got {"credentialId":"x"}; expected a RenderRegistryCredential',
    );
  });
});
