import { API_IMAGE, PRODUCTION, STAGING } from './fixtures';
import { Environment, RenderBackgroundWorker, RenderBackgroundWorkerProps, RenderPlan, RenderServiceBase, RenderWebService } from '../../lib';
import { Template, environmentStack } from '../support/template';

function worker(props: Partial<RenderBackgroundWorkerProps> = {}, env: Environment = STAGING): Template {
  const stack = environmentStack(env, 'test');
  new RenderBackgroundWorker(stack, 'AiWorker', { image: API_IMAGE, command: 'python -m app.workers.ai', ...props });
  return Template.of(stack);
}

describe('RenderBackgroundWorker', () => {
  test('defaults: kebab-case name from the id, worker plan, 120 s shutdown, previews off, CPU autoscaling', () => {
    expect(worker().only('render_background_worker')).toEqual({
      name: 'acme-staging-ai-worker',
      plan: 'starter',
      region: 'virginia',
      start_command: 'python -m app.workers.ai',
      max_shutdown_delay_seconds: 120,
      previews: { generation: 'off' },
      runtime_source: { image: { image_url: 'ghcr.io/acme/api', tag: '1.4.2' } },
      autoscaling: { enabled: true, min: 1, max: 2, criteria: { cpu: { enabled: true, percentage: 70 } } },
    });
  });

  test('its own plan and scaling, memory criterion on request', () => {
    const r = worker({ plan: RenderPlan.PRO, scaling: { minInstances: 2, maxInstances: 6, cpuTargetPercent: 60, memoryTargetPercent: 75 } }, PRODUCTION).only('render_background_worker');
    expect(r.plan).toBe('pro');
    expect(r.autoscaling).toEqual({
      enabled: true,
      min: 2,
      max: 6,
      criteria: { cpu: { enabled: true, percentage: 60 }, memory: { enabled: true, percentage: 75 } },
    });
    expect(r.num_instances).toBeUndefined();
  });

  test('a fixed count (min = max) sets num_instances and no autoscaling', () => {
    const r = worker({ scaling: { minInstances: 3, maxInstances: 3 } }).only('render_background_worker');
    expect(r.num_instances).toBe(3);
    expect(r.autoscaling).toBeUndefined();
  });

  test('production defaults: standard plan, 1-10 instances', () => {
    expect(worker({}, PRODUCTION).only('render_background_worker')).toMatchObject({
      plan: 'standard', autoscaling: { min: 1, max: 10 },
    });
  });

  test('is an IRenderService but not a web service', () => {
    const stack = environmentStack(STAGING, 'test');
    const w = new RenderBackgroundWorker(stack, 'AiWorker', { image: API_IMAGE });
    expect(RenderServiceBase.isRenderService(w)).toBe(true);
    expect(RenderWebService.isRenderWebService(w)).toBe(false);
    expect(RenderServiceBase.isRenderService({ serviceName: 'x', serviceId: 'y' })).toBe(false);
  });

  test('outputs the service id', () => {
    expect(worker().json.output.acme_staging_ai_worker_service_id.value).toMatch(/^\$\{render_background_worker\.AiWorker_.*\.id\}$/);
  });
});
