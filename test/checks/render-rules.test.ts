import { findingsOf, ruleIds, userStack } from './support';
import { Keyvalue } from '../../lib/providers/render/gen/keyvalue';
import { RenderProvider } from '../../lib/providers/render/gen/provider';
import { WebService } from '../../lib/providers/render/gen/web-service';

function renderStack() {
  const s = userStack();
  new RenderProvider(s.stack, 'render', { ownerId: 'tea-123' });
  return s;
}

const image = { image: { imageUrl: 'ghcr.io/acme/api', tag: 'v1' } };

/** A web service in a fresh user stack; `props` override the baseline. */
function apiService(props: Partial<ConstructorParameters<typeof WebService>[2]>) {
  const s = renderStack();
  new WebService(s.stack, 'Api', { name: 'api', plan: 'starter', region: 'virginia', runtimeSource: image, ...props });
  return s;
}

describe('Render rules', () => {
  test('a web service without health check and with min > max autoscaling', () => {
    const { stack, checks } = apiService({ autoscaling: { enabled: true, min: 5, max: 2, criteria: { cpu: { enabled: true, percentage: 70 } } } });
    expect(ruleIds(stack, checks)).toEqual(['LSS-RENDER-001', 'LSS-RENDER-002']);
  });

  test('a web service with a health check and sane autoscaling passes', () => {
    const { stack, checks } = apiService({ healthCheckPath: '/health', autoscaling: { enabled: true, min: 1, max: 10, criteria: { cpu: { enabled: true, percentage: 70 } } } });
    expect(ruleIds(stack, checks)).toEqual([]);
  });

  test('Key Value open to the internet', () => {
    const { stack, checks } = renderStack();
    new Keyvalue(stack, 'Kv', { name: 'kv', plan: 'starter', region: 'virginia', maxMemoryPolicy: 'noeviction', ipAllowList: [{ cidrBlock: '0.0.0.0/0', description: 'everyone' }] });
    expect(ruleIds(stack, checks)).toEqual(['LSS-RENDER-003']);
    const ok = renderStack();
    new Keyvalue(ok.stack, 'Kv', { name: 'kv', plan: 'starter', region: 'virginia', maxMemoryPolicy: 'noeviction', ipAllowList: [] });
    expect(ruleIds(ok.stack, ok.checks)).toEqual([]);
  });

  test('a literal secret in a Render env var', () => {
    const { stack, checks } = apiService({ healthCheckPath: '/health', envVars: { OPENAI_API_KEY: { value: 'sk-live-abc' }, LOG_LEVEL: { value: 'info' } } });
    expect(findingsOf(stack, checks).map((f) => `${f.ruleId} ${f.message}`)).toEqual(['LSS-SEC-001 "env_vars.OPENAI_API_KEY.value" holds a literal value']);
  });
});
