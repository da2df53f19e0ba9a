import { TerraformOutput } from 'cdktf';
import { API_IMAGE, errorOf } from './fixtures';
import { Environment, RenderProject, RenderRegistryCredential, RenderWebService, RenderWebServiceProps } from '../../lib';
import { Template, environmentStack } from '../support/template';

function web(props: Partial<RenderWebServiceProps> = {}, env = Environment.staging({ project: 'livestreamsell' })) {
  const stack = environmentStack(env, 'test');
  const service = new RenderWebService(stack, 'Api', { image: API_IMAGE, ...props });
  return { stack, service, t: () => Template.of(stack) };
}

describe('RenderWebService', () => {
  test('defaults: environment name, plan and region, /health check, 30 s shutdown, previews off, pinned image', () => {
    const t = web().t();
    expect(t.only('render_web_service')).toEqual({
      name: 'livestreamsell-staging-api',
      plan: 'starter',
      region: 'virginia',
      health_check_path: '/health',
      max_shutdown_delay_seconds: 30,
      previews: { generation: 'off' },
      runtime_source: { image: { image_url: 'ghcr.io/livestreamsell/api', tag: '1.4.2' } },
      autoscaling: { enabled: true, min: 1, max: 2, criteria: { cpu: { enabled: true, percentage: 70 } } },
    });
  });

  test('declares the Render provider with the owner id variable and no API key', () => {
    const t = web().t();
    expect(t.json.provider.render).toEqual([{ owner_id: '${var.render_owner_id}' }]);
    expect(t.json.terraform.required_providers.render).toEqual({ source: 'render-oss/render', version: '1.9.1' });
    expect(t.json.variable.render_owner_id).toMatchObject({ type: 'string', nullable: false });
    expect(t.json.variable.render_owner_id.sensitive).toBeUndefined();
  });

  test('production: standard plan and autoscaling 1-10 on CPU', () => {
    const t = web({}, Environment.production({ project: 'livestreamsell' })).t();
    expect(t.only('render_web_service')).toMatchObject({
      name: 'livestreamsell-production-api',
      plan: 'standard',
      autoscaling: { enabled: true, min: 1, max: 10, criteria: { cpu: { enabled: true, percentage: 70 } } },
    });
  });

  test('custom domain, port, pre-deploy command, start command, credential and project environment', () => {
    const stack = environmentStack(Environment.staging({ project: 'livestreamsell' }), 'test');
    const credential = new RenderRegistryCredential(stack, 'Ghcr');
    const project = new RenderProject(stack, 'Project');
    const service = new RenderWebService(stack, 'Api', {
      image: { repository: 'ghcr.io/livestreamsell/api', digest: `sha256:${'a'.repeat(64)}` },
      customDomain: 'api-staging.livestreamsell.ai',
      port: 8000,
      preDeployCommand: 'alembic upgrade head',
      command: 'uvicorn app.main:app --host 0.0.0.0 --port 8000',
      maxShutdownDelaySeconds: 60,
      registryCredential: credential,
      projectEnvironmentId: project.environmentId('staging'),
    });
    const t = Template.of(stack);
    const r = t.only('render_web_service');
    expect(r).toMatchObject({
      custom_domains: [{ name: 'api-staging.livestreamsell.ai' }],
      pre_deploy_command: 'alembic upgrade head',
      start_command: 'uvicorn app.main:app --host 0.0.0.0 --port 8000',
      max_shutdown_delay_seconds: 60,
      env_vars: { PORT: { value: '8000' } },
      environment_id: expect.stringMatching(/^\$\{render_project\.Project_.*\.environments\["staging"\]\.id\}$/),
      runtime_source: { image: { digest: `sha256:${'a'.repeat(64)}`, registry_credential_id: expect.stringMatching(/^\$\{render_registry_credential\..*\.id\}$/) } },
    });
    expect(r.runtime_source.image.tag).toBeUndefined();
    expect(service.publicHostname).toBe('api-staging.livestreamsell.ai');
  });

  test('is an IPublicService: origin hostname from the url attribute, outputs for url, hostname and id', () => {
    const { service, t } = web({ customDomain: 'api.example.com' });
    expect(service.serviceName).toBe('api');
    expect(service.healthCheckPath).toBe('/health');
    const json = t().json;
    expect(json.output.livestreamsell_staging_api_hostname.value).toMatch(/^\$\{trimprefix\(render_web_service\.Api_.*\.url, "https:\/\/"\)\}$/);
    expect(json.output.livestreamsell_staging_api_url.value).toMatch(/^\$\{render_web_service\.Api_.*\.url\}$/);
    expect(json.output.livestreamsell_staging_api_service_id.value).toMatch(/^\$\{render_web_service\.Api_.*\.id\}$/);
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
  });

  test('manual previews are allowed in staging', () => {
    expect(web({ previews: 'manual' }).t().only('render_web_service').previews).toEqual({ generation: 'manual' });
  });

  test.each([
    [{ healthCheckPath: 'health' }, '[test/Api] invalid "healthCheckPath": got "health"; expected an absolute path such as "/health"'],
    [{ customDomain: 'API.example.com' }, '[test/Api] invalid "customDomain": got "API.example.com"; expected a lowercase hostname such as "api.example.com"'],
    [{ port: 70000 }, '[test/Api] invalid "port": got 70000; expected a whole number from 1 to 65535'],
    [{ maxShutdownDelaySeconds: 301 }, '[test/Api] invalid "maxShutdownDelaySeconds": got 301; expected a whole number from 1 to 300'],
    [{ previews: 'sometimes' }, '[test/Api] invalid "previews": got "sometimes"; expected one of "off", "manual", "automatic"'],
    [{ plan: 'huge' }, '[test/Api] invalid "plan": got "huge"; expected one of "starter", "standard", "pro", "pro_plus", "pro_max", "pro_ultra"'],
    [{ name: 'Api_1' }, '[test/Api] invalid "name": got "Api_1"; expected a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit'],
  ])('refuses %p', (props, message) => {
    expect(errorOf(() => web(props as Partial<RenderWebServiceProps>))).toBe(message);
  });

  test('refuses previews in production', () => {
    expect(errorOf(() => web({ previews: 'automatic' }, Environment.production({ project: 'livestreamsell' })))).toBe(
      '[test/Api] invalid "previews": got "automatic"; expected "off" in production: previews would run unreviewed code with production secrets',
    );
  });
});
