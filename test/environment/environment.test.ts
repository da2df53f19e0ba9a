import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Environment, EnvironmentStack } from '../../lib';

const PROJECT = { project: 'acme-shop' };

function bindTo(env: Environment, id = 'app-stack'): EnvironmentStack {
  return new EnvironmentStack(Testing.app(), id, { environment: env, localStatePath: 'x.tfstate' });
}

describe('Environment presets', () => {
  test('production: us-east-1, protected, long retention', () => {
    const env = Environment.production(PROJECT);
    expect(env).toMatchObject({
      name: 'production',
      project: 'acme-shop',
      region: 'us-east-1',
      isProduction: true,
      deletionProtection: true,
      preventDestroy: true,
      backupRetentionDays: 35,
      logRetentionDays: 365,
      kmsDeletionWindowDays: 30,
    });
    expect(env.tags).toEqual({ 'project': 'acme-shop', 'environment': 'production', 'managed-by': 'cdktf' });
  });

  test('staging and development: not production, short retention, not deletion-protected', () => {
    for (const env of [Environment.staging(PROJECT), Environment.development(PROJECT)]) {
      expect(env).toMatchObject({ isProduction: false, deletionProtection: false, preventDestroy: false, backupRetentionDays: 7, logRetentionDays: 30, kmsDeletionWindowDays: 7 });
    }
    expect(Environment.development(PROJECT).name).toBe('development');
  });

  test('the environment holds only what every module needs', () => {
    const fields = Object.keys(Environment.production(PROJECT)).filter((k) => !k.startsWith('_')).sort();
    expect(fields).toEqual(['backupRetentionDays', 'deletionProtection', 'extraTags', 'isProduction', 'kmsDeletionWindowDays', 'logRetentionDays', 'name', 'preventDestroy', 'project', 'props', 'region']);
  });

  test('protection, region and tags can be overridden', () => {
    const env = Environment.production({ ...PROJECT, region: 'eu-central-1', protection: { logRetentionDays: 90 }, tags: { team: 'platform' } });
    expect(env).toMatchObject({ region: 'eu-central-1', logRetentionDays: 90, preventDestroy: true });
    expect(env.tags.team).toBe('platform');
    expect(env.resourceName('backups')).toBe('acme-shop-production-backups');
  });

  test('fromName and custom environments: production only when named so or said so', () => {
    expect(Environment.fromName('production', PROJECT).isProduction).toBe(true);
    expect(Environment.fromName('prod', PROJECT).isProduction).toBe(true);
    expect(Environment.fromName('qa', PROJECT).isProduction).toBe(false);
    const live = new Environment({ name: 'live', production: true, ...PROJECT });
    expect(live).toMatchObject({ isProduction: true, preventDestroy: true });
    expect(live.tags.environment).toBe('live');
  });
});

describe('Environment lookup', () => {
  test('Environment.of finds the stack environment; fails clearly outside one', () => {
    const stack = bindTo(Environment.staging(PROJECT));
    const child = new Construct(stack, 'Child');
    expect(Environment.of(child).name).toBe('staging');
    const bare = new Construct(Testing.app(), 'Lonely');
    expect(() => Environment.of(bare)).toThrow('[Lonely] invalid "environment": got undefined; expected an Environment');
  });

  test('the binding is stored under a Symbol.for key, so a second copy of the library finds it', () => {
    const stack = bindTo(Environment.staging(PROJECT));
    expect((stack as any)[Symbol.for('@livestreamsell/cdktf-constructs.boundEnvironment')].name).toBe('staging');
  });
});

describe('Environment validation (names the construct path, the property, the value and what is allowed)', () => {
  test.each<[unknown, string]>([
    [{ name: 'qa' }, '[app-stack] invalid "environment.project": got undefined; expected a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit, naming your project (there is no default: resource names such as S3 buckets are global)'],
    [{ name: 'QA', project: 'acme' }, '[app-stack] invalid "environment.name": got "QA"; expected a DNS label'],
    [{ name: 'qa', project: 'acme', region: 'us-east' }, '[app-stack] invalid "environment.region": got "us-east"; expected an AWS region name such as "us-east-1"'],
    [{ name: 'qa', project: 'acme', region: 'US-EAST-1' }, '[app-stack] invalid "environment.region": got "US-EAST-1"'],
    [{ name: 'qa', project: 'Live_Stream' }, '[app-stack] invalid "environment.project": got "Live_Stream"; expected a DNS label'],
    [{ name: 'qa', project: 'acme', production: 'true' }, '[app-stack] invalid "environment.production": got "true"; expected true or false (a boolean, not a string)'],
    [{ name: 'qa', project: 'acme', protection: { kmsDeletionWindowDays: 3 } }, '[app-stack] invalid "environment.protection.kmsDeletionWindowDays": got 3; expected a whole number from 7 to 30'],
    [{ name: 'qa', project: 'acme', protection: { backupRetentionDays: NaN } }, '[app-stack] invalid "environment.protection.backupRetentionDays": got NaN; expected a whole number from 1 to 3650'],
    [{ name: 'qa', project: 'acme', tags: { team: 7 } }, '[app-stack] invalid "environment.tags.team": got 7; expected a string'],
    [{ name: 'qa', project: 'acme', scaling: { maxInstances: 6 } }, '[app-stack] invalid "environment.scaling": got {"maxInstances":6}; expected no such property: the properties of an Environment are "name", "project", "region", "production", "tags", "protection" (module sizes, plans and hostnames are props of the modules)'],
    [{ name: 'qa', project: 'acme', protection: { syntheticData: true } }, '[app-stack] invalid "environment.protection.syntheticData": got true; expected no such property'],
  ])('%#: %j', (props, message) => {
    expect(() => bindTo(new Environment(props as any))).toThrow(message);
  });

  test('a non-Environment given as `environment` is refused', () => {
    expect(() => new EnvironmentStack(Testing.app(), 'x', { environment: { name: 'staging' } as any })).toThrow('[x] invalid "environment": got {"name":"staging"}; expected an Environment');
  });
});
