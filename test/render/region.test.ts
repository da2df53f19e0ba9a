import { errorOf } from './fixtures';
import { Environment, RenderKeyValue, RenderKeyValueProps } from '../../lib';
import { Template, environmentStack } from '../support/template';

function kv(props: RenderKeyValueProps, env = Environment.staging({ project: 'livestreamsell' })): Template {
  const stack = environmentStack(env, 'test');
  new RenderKeyValue(stack, 'Queue', props);
  return Template.of(stack);
}

describe('Render region', () => {
  test('defaults to the region next to the database: us-east-1 -> virginia, eu-central-1 -> frankfurt', () => {
    expect(kv({}).only('render_keyvalue').region).toBe('virginia');
    expect(kv({}, Environment.staging({ project: 'livestreamsell', region: 'eu-central-1' })).only('render_keyvalue').region).toBe('frankfurt');
    expect(kv({ databaseRegion: 'us-west-2' }).only('render_keyvalue').region).toBe('oregon');
  });

  test('a far region is accepted only with the explicit override', () => {
    expect(errorOf(() => kv({ region: 'oregon' }))).toBe(
      '[test/Queue] invalid "region": got "oregon"; expected "virginia", the Render region next to the database in "us-east-1", or "allowRegionFarFromDatabase: true" to accept cross-region latency',
    );
    expect(kv({ region: 'oregon', allowRegionFarFromDatabase: true }).only('render_keyvalue').region).toBe('oregon');
  });

  test('refuses an unknown region', () => {
    expect(errorOf(() => kv({ region: 'mars', allowRegionFarFromDatabase: true }))).toBe(
      '[test/Queue] invalid "region": got "mars"; expected one of "frankfurt", "ohio", "oregon", "singapore", "virginia"',
    );
  });

  test('a database region with no Render region next to it needs an explicit region and override', () => {
    const env = Environment.staging({ project: 'livestreamsell', region: 'eu-west-1' });
    expect(errorOf(() => kv({}, env))).toBe(
      '[test/Queue] invalid "region": got undefined; expected a Render region: Render has none next to the database region "eu-west-1"; set "region" to one of "frankfurt", "ohio", "oregon", "singapore", "virginia" and "allowRegionFarFromDatabase: true"',
    );
    expect(errorOf(() => kv({ region: 'frankfurt' }, env))).toBe(
      '[test/Queue] invalid "region": got "frankfurt"; expected a region next to the database in "eu-west-1" (Render has none), or "allowRegionFarFromDatabase: true" to accept cross-region latency',
    );
    expect(kv({ region: 'frankfurt', allowRegionFarFromDatabase: true }, env).only('render_keyvalue').region).toBe('frankfurt');
  });

  test('refuses a malformed database region', () => {
    expect(errorOf(() => kv({ databaseRegion: 'virginia' }))).toBe(
      '[test/Queue] invalid "databaseRegion": got "virginia"; expected an AWS region name such as "us-east-1"',
    );
  });
});
