import { PRODUCTION, STAGING, WEB, errorOf, findingIds } from './fixtures';
import {
  Environment, RenderKeyValue, RenderKeyValuePlan, RenderKeyValueProps, RenderMaxMemoryPolicy, RenderPersistenceMode, RenderWebService,
} from '../../lib';
import { Template, environmentStack } from '../support/template';

function kv(props: RenderKeyValueProps = {}, env: Environment = STAGING) {
  const stack = environmentStack(env, 'test');
  return { stack, kv: new RenderKeyValue(stack, 'Queue', props) };
}

describe('RenderKeyValue', () => {
  test('defaults: private network only, noeviction, environment plan and region', () => {
    expect(Template.of(kv().stack).only('render_keyvalue')).toEqual({
      name: 'acme-staging-queue',
      plan: 'starter',
      region: 'virginia',
      max_memory_policy: 'noeviction',
      ip_allow_list: [],
    });
    expect(Template.of(kv({}, PRODUCTION).stack).only('render_keyvalue').plan).toBe('standard');
  });

  test('plan, eviction policy and persistence can be chosen, newer values through of()', () => {
    expect(Template.of(kv({ plan: RenderKeyValuePlan.PRO, maxMemoryPolicy: RenderMaxMemoryPolicy.ALLKEYS_LRU, persistenceMode: RenderPersistenceMode.SNAPSHOT }).stack).only('render_keyvalue')).toMatchObject({
      plan: 'pro', max_memory_policy: 'allkeys_lru', persistence_mode: 'snapshot',
    });
    expect(Template.of(kv({ plan: RenderKeyValuePlan.of('Custom-8gb') }).stack).only('render_keyvalue').plan).toBe('Custom-8gb');
  });

  test('connect hands the internal connection string to a service as a reference', () => {
    const { stack, kv: queue } = kv();
    const api = new RenderWebService(stack, 'Api', WEB);
    queue.connect(api);
    queue.connect(api, 'CACHE_URL');
    const env = Template.of(stack).only('render_web_service').env_vars;
    expect(env.REDIS_URL.value).toMatch(/^\$\{render_keyvalue\.Queue_.*\.connection_info\.internal_connection_string\}$/);
    expect(env.CACHE_URL.value).toBe(env.REDIS_URL.value);
    expect(errorOf(() => queue.connect({ addVariable: () => undefined } as any))).toMatch(/^\[test\/Queue\] invalid "service": got \{"addVariable":<function/);
    expect(errorOf(() => queue.connect(api, 'redis url'))).toBe('[test/Queue] invalid "variableName": got "redis url"; expected a variable name of letters, digits and "_", not starting with a digit');
  });

  test('outside access by address space: own ranges accepted, internet-wide ones only as an acknowledged unsafe opt-in', () => {
    const own = kv({ allowedSources: [{ cidr: '198.51.100.0/24', description: 'office' }, { cidr: '2001:db8:1::/48', description: 'runner' }] });
    expect(Template.of(own.stack).only('render_keyvalue').ip_allow_list).toEqual([
      { cidr_block: '198.51.100.0/24', description: 'office' },
      { cidr_block: '2001:db8:1::/48', description: 'runner' },
    ]);
    expect(errorOf(() => kv({ allowedSources: [{ cidr: '0.0.0.0/1', description: 'half the internet' }] }))).toBe(
      '[test/Queue] invalid "allowedSources[0].cidr": got "0.0.0.0/1"; expected a range of your own (an office, a runner): this one reaches a meaningful part of the internet; set "unsafeAllowInternetWideSources: true" to accept that',
    );
    const open = kv({ allowedSources: [{ cidr: '0.0.0.0/0', description: 'everyone' }], unsafeAllowInternetWideSources: true });
    // The opt-in is the user's decision, and SecurityChecks still reports the open instance.
    expect(findingIds(open.stack)).toEqual(['LSS-RENDER-003']);
    expect(findingIds(own.stack)).toEqual([]);
    expect(errorOf(() => kv({ allowedSources: [{ cidr: '52.0.0.0/8', description: 'AWS' }], unsafeAllowInternetWideSources: true }, PRODUCTION))).toBe(
      '[test/Queue] invalid "unsafeAllowInternetWideSources": got true; expected false in production ("production"), or "unsafeAllowInternetWideSources" listed in "acknowledgeUnsafeInProduction": anyone on the internet could try the instance\'s password',
    );
    expect(() => kv({ allowedSources: [{ cidr: '52.0.0.0/8', description: 'AWS' }], unsafeAllowInternetWideSources: true, acknowledgeUnsafeInProduction: ['unsafeAllowInternetWideSources'] }, PRODUCTION)).not.toThrow();
  });

  test.each<[RenderKeyValueProps, string]>([
    [{ plan: 'mega' as any }, '[test/Queue] invalid "plan": got "mega"; expected a RenderKeyValuePlan: RenderKeyValuePlan.FREE, RenderKeyValuePlan.STARTER, RenderKeyValuePlan.STANDARD, RenderKeyValuePlan.PRO, RenderKeyValuePlan.PRO_PLUS or RenderKeyValuePlan.of("...")'],
    [{ maxMemoryPolicy: 'lru' as any }, '[test/Queue] invalid "maxMemoryPolicy": got "lru"; expected a RenderMaxMemoryPolicy: RenderMaxMemoryPolicy.NOEVICTION, RenderMaxMemoryPolicy.ALLKEYS_LFU, RenderMaxMemoryPolicy.ALLKEYS_LRU, RenderMaxMemoryPolicy.ALLKEYS_RANDOM, RenderMaxMemoryPolicy.VOLATILE_LFU, RenderMaxMemoryPolicy.VOLATILE_LRU, RenderMaxMemoryPolicy.VOLATILE_RANDOM, RenderMaxMemoryPolicy.VOLATILE_TTL or RenderMaxMemoryPolicy.of("...")'],
    [{ persistenceMode: RenderMaxMemoryPolicy.NOEVICTION as any }, '[test/Queue] invalid "persistenceMode": got <RenderMaxMemoryPolicy instance>; expected a RenderPersistenceMode: RenderPersistenceMode.JOURNAL_SNAPSHOT, RenderPersistenceMode.SNAPSHOT, RenderPersistenceMode.OFF or RenderPersistenceMode.of("...")'],
    [{ allowedSources: [{ cidr: '10.0.0.1/8', description: 'x' }] }, '[test/Queue] invalid "allowedSources[0].cidr": got "10.0.0.1/8"; expected an IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set'],
    [{ allowedSources: [{ cidr: '198.51.100.0/24', description: '' }] }, '[test/Queue] invalid "allowedSources[0].description": got ""; expected a short description such as "office"'],
    [{ allowedSources: [{ cidr: '198.51.100.0/24', description: 'a' }, { cidr: '198.51.100.0/24', description: 'b' }] }, '[test/Queue] invalid "allowedSources[1].cidr": got "198.51.100.0/24"; expected a range not already listed (allowedSources[0].cidr is the same block)'],
  ])('refuses %p', (props, message) => {
    expect(errorOf(() => kv(props))).toBe(message);
  });

  test('refuses the free plan in production only', () => {
    expect(() => kv({ plan: RenderKeyValuePlan.FREE })).not.toThrow();
    expect(errorOf(() => kv({ plan: RenderKeyValuePlan.FREE }, PRODUCTION))).toBe(
      '[test/Queue] invalid "plan": got "free"; expected a paid plan in production (RenderKeyValuePlan.STARTER, STANDARD, PRO or PRO_PLUS): free instances lose their data on restart',
    );
  });
});
