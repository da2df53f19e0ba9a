import { Testing } from 'cdktf';
import { Environment, EnvironmentStack } from '../../lib';
import { Template } from '../support/template';

describe('EnvironmentStack', () => {
  test('configures the AWS provider with region and default tags', () => {
    const stack = new EnvironmentStack(Testing.app(), 'staging', { environment: Environment.staging({ project: 'livestreamsell' }) });
    const t = Template.of(stack);
    expect(t.json.provider.aws[0]).toEqual({
      region: 'us-east-1',
      default_tags: [{ tags: { 'project': 'livestreamsell', 'environment': 'staging', 'managed-by': 'cdktf' } }],
    });
  });

  test('uses encrypted, locked remote state by default and local state only when asked', () => {
    const remote = Template.of(new EnvironmentStack(Testing.app(), 'production', { environment: Environment.production({ project: 'livestreamsell' }) }));
    expect(remote.json.terraform.backend.s3).toMatchObject({ encrypt: true, dynamodb_table: 'livestreamsell-shared-tflock' });
    const local = Template.of(new EnvironmentStack(Testing.app(), 'bootstrap', { environment: Environment.production({ project: 'livestreamsell' }), localStatePath: 'bootstrap.tfstate' }));
    expect(local.json.terraform.backend).toEqual({ local: { path: 'bootstrap.tfstate' } });
  });

  test('can leave the AWS provider out', () => {
    const t = Template.of(new EnvironmentStack(Testing.app(), 'k8s', { environment: Environment.production({ project: 'livestreamsell' }), awsProvider: false }));
    expect(t.json.provider).toBeUndefined();
  });

  test('rejects a local state path that is not a .tfstate file', () => {
    expect(() => new EnvironmentStack(Testing.app(), 'bootstrap', { environment: Environment.production({ project: 'livestreamsell' }), localStatePath: 'state.json' }))
      .toThrow('[bootstrap] invalid "localStatePath": got "state.json"; expected a file path ending in ".tfstate"');
  });

  test('remote state is configured through the stack, and only there', () => {
    const t = Template.of(new EnvironmentStack(Testing.app(), 'staging', { environment: Environment.staging({ project: 'acme' }), remoteState: { key: 'acme/staging.tfstate' } }));
    expect(t.json.terraform.backend.s3.key).toBe('acme/staging.tfstate');
    expect(() => new EnvironmentStack(Testing.app(), 'bootstrap', { environment: Environment.staging({ project: 'acme' }), localStatePath: 'b.tfstate', remoteState: { useLockfile: true } }))
      .toThrow('[bootstrap] invalid "remoteState": got {"useLockfile":true}; expected no "remoteState" together with "localStatePath": a stack keeps its state in one place');
  });

  test.each<[string, unknown, string]>([
    ['a string for a boolean', { awsProvider: 'false' }, '[s] invalid "awsProvider": got "false"; expected true or false (a boolean, not a string)'],
    ['a misspelt prop', { remoteStates: {} }, '[s] invalid "remoteStates": got {}; expected no such property: the properties here are "awsProvider", "environment", "hcpTerraform", "localStatePath", "remoteState"'],
    ['no environment', { environment: undefined }, '[s] invalid "environment": got undefined; expected an Environment: pass `environment` in the props, or create the construct inside an EnvironmentStack'],
    ['a plain object for the environment', { environment: { name: 'staging', project: 'acme' } }, '[s] invalid "environment": got {"name":"staging","project":"acme"}; expected an Environment'],
  ])('refuses %s', (_, props, message) => {
    expect(() => new EnvironmentStack(Testing.app(), 's', { environment: Environment.staging({ project: 'acme' }), ...(props as object) } as any)).toThrow(message);
  });
});

describe('EnvironmentStack tags are literal text', () => {
  test('a tag value with ${var.x} reaches the provider escaped', () => {
    const stack = new EnvironmentStack(Testing.app(), 'tags', { environment: Environment.staging({ project: 'acme', tags: { team: 'copy ${var.secret} %{ if }' } }) });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.provider.aws[0].default_tags[0].tags.team).toBe('copy $${var.secret} %%{ if }');
  });
});
