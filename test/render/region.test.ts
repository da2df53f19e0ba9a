import { STAGING, errorOf } from './fixtures';
import { Environment, RenderKeyValue, RenderKeyValueProps, RenderRegion } from '../../lib';
import { Template, environmentStack } from '../support/template';

function kv(props: RenderKeyValueProps, env: Environment = STAGING): Template {
  const stack = environmentStack(env, 'test');
  new RenderKeyValue(stack, 'Queue', props);
  return Template.of(stack);
}

describe('Render region', () => {
  test('defaults to the region next to the database: us-east-1 -> virginia, eu-central-1 -> frankfurt', () => {
    expect(kv({}).only('render_keyvalue').region).toBe('virginia');
    expect(kv({}, Environment.staging({ project: 'acme', region: 'eu-central-1' })).only('render_keyvalue').region).toBe('frankfurt');
    expect(kv({ databaseRegion: 'us-west-2' }).only('render_keyvalue').region).toBe('oregon');
  });

  test('a far region is accepted only with the explicit override', () => {
    expect(errorOf(() => kv({ region: RenderRegion.OREGON }))).toBe(
      '[test/Queue] invalid "region": got "oregon"; expected RenderRegion.VIRGINIA, the Render region next to the database in "us-east-1", or "allowRegionFarFromDatabase: true" to accept cross-region latency',
    );
    expect(kv({ region: RenderRegion.OREGON, allowRegionFarFromDatabase: true }).only('render_keyvalue').region).toBe('oregon');
    expect(errorOf(() => kv({ region: RenderRegion.OREGON, allowRegionFarFromDatabase: 'true' as any }))).toBe(
      '[test/Queue] invalid "allowRegionFarFromDatabase": got "true"; expected true or false (a boolean, not a string)',
    );
  });

  test('refuses a region given as a string, and newer regions through of() need the override', () => {
    expect(errorOf(() => kv({ region: 'mars' as any, allowRegionFarFromDatabase: true }))).toBe(
      '[test/Queue] invalid "region": got "mars"; expected a RenderRegion: RenderRegion.FRANKFURT, RenderRegion.OHIO, RenderRegion.OREGON, RenderRegion.SINGAPORE, RenderRegion.VIRGINIA or RenderRegion.of("...")',
    );
    expect(kv({ region: RenderRegion.of('tokyo'), allowRegionFarFromDatabase: true }).only('render_keyvalue').region).toBe('tokyo');
    expect(errorOf(() => RenderRegion.of('Tokyo 1'))).toBe('[RenderRegion.of] invalid "value": got "Tokyo 1"; expected a Render value such as "virginia" (lowercase letters, digits and "_")');
  });

  test('a database region with no Render region next to it needs an explicit region and override', () => {
    const env = Environment.staging({ project: 'acme', region: 'eu-west-1' });
    expect(errorOf(() => kv({}, env))).toBe(
      '[test/Queue] invalid "region": got undefined; expected a RenderRegion: Render has none next to the database region "eu-west-1"; set "region" (RenderRegion.FRANKFURT, RenderRegion.OHIO, RenderRegion.OREGON, RenderRegion.SINGAPORE, RenderRegion.VIRGINIA) and "allowRegionFarFromDatabase: true"',
    );
    expect(errorOf(() => kv({ region: RenderRegion.FRANKFURT }, env))).toBe(
      '[test/Queue] invalid "region": got "frankfurt"; expected a region next to the database in "eu-west-1" (Render has none), or "allowRegionFarFromDatabase: true" to accept cross-region latency',
    );
    expect(kv({ region: RenderRegion.FRANKFURT, allowRegionFarFromDatabase: true }, env).only('render_keyvalue').region).toBe('frankfurt');
  });

  test('refuses a malformed database region', () => {
    expect(errorOf(() => kv({ databaseRegion: 'virginia' }))).toBe(
      '[test/Queue] invalid "databaseRegion": got "virginia"; expected an AWS region name such as "us-east-1"',
    );
  });
});
