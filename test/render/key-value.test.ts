import { API_IMAGE, errorOf } from './fixtures';
import { Environment, RenderKeyValue, RenderKeyValueProps, RenderWebService } from '../../lib';
import { Template, environmentStack } from '../support/template';

function kv(props: RenderKeyValueProps = {}, env = Environment.staging({ project: 'livestreamsell' })) {
  const stack = environmentStack(env, 'test');
  return { stack, kv: new RenderKeyValue(stack, 'Queue', props) };
}

describe('RenderKeyValue', () => {
  test('defaults: private network only, noeviction, environment plan and region', () => {
    expect(Template.of(kv().stack).only('render_keyvalue')).toEqual({
      name: 'livestreamsell-staging-queue',
      plan: 'starter',
      region: 'virginia',
      max_memory_policy: 'noeviction',
      ip_allow_list: [],
    });
    expect(Template.of(kv({}, Environment.production({ project: 'livestreamsell' })).stack).only('render_keyvalue').plan).toBe('standard');
  });

  test('plan, eviction policy and persistence can be chosen', () => {
    expect(Template.of(kv({ plan: 'pro', maxMemoryPolicy: 'allkeys_lru', persistenceMode: 'snapshot' }).stack).only('render_keyvalue')).toMatchObject({
      plan: 'pro', max_memory_policy: 'allkeys_lru', persistence_mode: 'snapshot',
    });
  });

  test('connect hands the internal connection string to a service as a reference', () => {
    const { stack, kv: queue } = kv();
    const api = new RenderWebService(stack, 'Api', { image: API_IMAGE });
    queue.connect(api);
    queue.connect(api, 'CACHE_URL');
    const env = Template.of(stack).only('render_web_service').env_vars;
    expect(env.REDIS_URL.value).toMatch(/^\$\{render_keyvalue\.Queue_.*\.connection_info\.internal_connection_string\}$/);
    expect(env.CACHE_URL.value).toBe(env.REDIS_URL.value);
  });

  test.each<[RenderKeyValueProps, string]>([
    [{ plan: 'mega' }, '[test/Queue] invalid "plan": got "mega"; expected one of "free", "pro", "pro_plus", "standard", "starter"'],
    [{ maxMemoryPolicy: 'lru' }, '[test/Queue] invalid "maxMemoryPolicy": got "lru"; expected one of "allkeys_lfu", "allkeys_lru", "allkeys_random", "noeviction", "volatile_lfu", "volatile_lru", "volatile_random", "volatile_ttl"'],
    [{ persistenceMode: 'aof' }, '[test/Queue] invalid "persistenceMode": got "aof"; expected one of "journal_snapshot", "snapshot", "off"'],
  ])('refuses %p', (props, message) => {
    expect(errorOf(() => kv(props))).toBe(message);
  });

  test('refuses the free plan in production only', () => {
    expect(() => kv({ plan: 'free' })).not.toThrow();
    expect(errorOf(() => kv({ plan: 'free' }, Environment.production({ project: 'livestreamsell' })))).toBe(
      '[test/Queue] invalid "plan": got "free"; expected a paid plan in production (one of "pro", "pro_plus", "standard", "starter"): free instances lose their data on restart',
    );
  });
});
