import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { Environment, EnvironmentStack } from '../../lib';

function bindTo(env: Environment, id = 'app-stack'): EnvironmentStack {
  return new EnvironmentStack(Testing.app(), id, { environment: env, localStatePath: 'x.tfstate' });
}

describe('Environment presets', () => {
  test('production: us-east-1, autoscaling 1-10, protected, HA network', () => {
    const env = Environment.production();
    expect(env).toMatchObject({
      name: 'production',
      region: 'us-east-1',
      renderRegion: 'virginia',
      isProduction: true,
      minInstances: 1,
      maxInstances: 10,
      deletionProtection: true,
      preventDestroy: true,
      syntheticData: false,
      availabilityZones: 3,
      natGatewayPerAz: true,
      apiHostname: 'api.livestreamsell.ai',
      dashboardHostname: 'app.livestreamsell.ai',
    });
    expect(env.tags).toEqual({ 'project': 'livestreamsell', 'environment': 'production', 'managed-by': 'cdktf' });
  });

  test('staging: smaller, cheaper, synthetic data, not deletion-protected', () => {
    const env = Environment.staging();
    expect(env).toMatchObject({
      name: 'staging',
      isProduction: false,
      minInstances: 1,
      maxInstances: 2,
      deletionProtection: false,
      preventDestroy: false,
      syntheticData: true,
      availabilityZones: 2,
      natGatewayPerAz: false,
      apiHostname: 'api-staging.livestreamsell.ai',
    });
    expect(env.maxInstances).toBeLessThan(Environment.production().maxInstances);
  });

  test('every field can be overridden', () => {
    const env = Environment.production({ region: 'eu-central-1', scaling: { maxInstances: 6 }, protection: { logRetentionDays: 90 }, tags: { team: 'platform' } });
    expect(env).toMatchObject({ region: 'eu-central-1', renderRegion: 'frankfurt', maxInstances: 6, logRetentionDays: 90, preventDestroy: true });
    expect(env.tags.team).toBe('platform');
    expect(env.resourceName('backups')).toBe('livestreamsell-production-backups');
  });

  test('fromName resolves presets and custom environments inherit from basedOn', () => {
    expect(Environment.fromName('production').isProduction).toBe(true);
    const qa = new Environment({ name: 'qa', basedOn: 'staging' });
    expect(qa).toMatchObject({ name: 'qa', isProduction: false, maxInstances: 2 });
    expect(qa.tags.environment).toBe('qa');
  });

  test('Environment.of finds the stack environment; fails clearly outside one', () => {
    const stack = bindTo(Environment.staging());
    const child = new Construct(stack, 'Child');
    expect(Environment.of(child).name).toBe('staging');
    const bare = new Construct(Testing.app(), 'Lonely');
    expect(() => Environment.of(bare)).toThrow('[Lonely] invalid "environment": got undefined; expected an Environment');
  });
});

describe('Environment validation (names the construct path, the property, the value and what is allowed)', () => {
  test.each([
    [Environment.fromName('qa'), '[app-stack] invalid "environment.name": got "qa"; expected one of "staging", "production"'],
    [new Environment({ name: 'qa' }), '[app-stack] invalid "environment.name": got "qa"; expected one of "staging", "production", or a custom environment with "basedOn"'],
    [new Environment({ name: 'qa', basedOn: 'prod' }), '[app-stack] invalid "environment.basedOn": got "prod"; expected one of "staging", "production"'],
    [Environment.staging({ region: 'us-east' }), '[app-stack] invalid "environment.region": got "us-east"; expected an AWS region name such as "us-east-1"'],
    [Environment.staging({ region: 'US-EAST-1' }), '[app-stack] invalid "environment.region": got "US-EAST-1"'],
    [Environment.staging({ project: 'Live_Stream' }), '[app-stack] invalid "environment.project": got "Live_Stream"; expected a DNS label'],
    [Environment.production({ scaling: { minInstances: 5, maxInstances: 3 } }), '[app-stack] invalid "environment.scaling.minInstances": got 5; expected a value no greater than "environment.scaling.maxInstances" (3)'],
    [Environment.production({ scaling: { cpuTargetPercent: 0 } }), '[app-stack] invalid "environment.scaling.cpuTargetPercent": got 0; expected a whole number from 1 to 100'],
    [Environment.production({ network: { vpcCidr: '10.0.0.1/16' } }), '[app-stack] invalid "environment.network.vpcCidr": got "10.0.0.1/16"; expected an IPv4 CIDR block'],
    [Environment.production({ network: { availabilityZones: 4 } }), '[app-stack] invalid "environment.network.availabilityZones": got 4; expected a whole number from 2 to 3'],
    [Environment.production({ protection: { kmsDeletionWindowDays: 3 } }), '[app-stack] invalid "environment.protection.kmsDeletionWindowDays": got 3; expected a whole number from 7 to 30'],
    [Environment.production({ hostnames: { api: 'API..example' } }), '[app-stack] invalid "environment.hostnames.api": got "API..example"; expected a lowercase hostname'],
  ])('%#: %s', (env, message) => {
    expect(() => bindTo(env as Environment)).toThrow(message as string);
  });
});
