import { TerraformStack, Testing } from 'cdktf';
import { Environment, EnvironmentStack, RemoteState, RemoteStateProps, StateBackend } from '../../lib';
import { Template } from '../support/template';

const STAGING = Environment.staging({ project: 'livestreamsell' });

function backendOf(id: string, env: Environment, remoteState?: RemoteStateProps): any {
  return Template.of(new EnvironmentStack(Testing.app(), id, { environment: env, remoteState })).json.terraform.backend;
}

describe('RemoteState', () => {
  test('staging and production use encrypted, locked S3 state with different keys', () => {
    const staging = backendOf('staging', STAGING).s3;
    const production = backendOf('production', Environment.production({ project: 'livestreamsell' })).s3;
    for (const s3 of [staging, production]) {
      expect(s3).toMatchObject({
        bucket: 'livestreamsell-shared-tfstate',
        region: 'us-east-1',
        encrypt: true,
        kms_key_id: 'alias/livestreamsell-shared-tfstate',
        dynamodb_table: 'livestreamsell-shared-tflock',
      });
    }
    expect(staging.key).toBe('livestreamsell/staging/staging.tfstate');
    expect(production.key).toBe('livestreamsell/production/production.tfstate');
  });

  test('S3-native lockfile as an option, alone or with DynamoDB', () => {
    const both = backendOf('staging', STAGING, { useLockfile: true }).s3;
    expect(both).toMatchObject({ use_lockfile: true, dynamodb_table: 'livestreamsell-shared-tflock' });
    const lockfileOnly = backendOf('staging', STAGING, { useLockfile: true, dynamodbLocking: false }).s3;
    expect(lockfileOnly.use_lockfile).toBe(true);
    expect(lockfileOnly.dynamodb_table).toBeUndefined();
  });

  test('workspace key prefix for teams that use terraform workspaces', () => {
    expect(backendOf('app', STAGING, { workspaceKeyPrefix: 'workspaces', key: 'app/terraform.tfstate' }).s3)
      .toMatchObject({ workspace_key_prefix: 'workspaces', key: 'app/terraform.tfstate' });
  });

  test('the names of a StateBackend of another project or region', () => {
    const bootstrap = new EnvironmentStack(Testing.app(), 'bootstrap', { environment: new Environment({ name: 'shared', project: 'acme', region: 'eu-west-1' }), localStatePath: 'b.tfstate' });
    const state = new StateBackend(bootstrap, 'State', { bucketName: 'acme-terraform-state' });
    expect(backendOf('staging', STAGING, { backend: state.attributes }).s3).toMatchObject({
      bucket: 'acme-terraform-state', region: 'eu-west-1', dynamodb_table: 'acme-shared-tflock', kms_key_id: 'alias/acme-shared-tfstate',
    });
  });

  test('on a plain TerraformStack, the construct configures the backend', () => {
    const stack = new TerraformStack(Testing.app(), 'plain');
    new RemoteState(stack, 'RemoteState', { environment: STAGING });
    expect(JSON.parse(Testing.synth(stack)).terraform.backend.s3).toMatchObject({ key: 'livestreamsell/staging/plain.tfstate', encrypt: true });
  });

  describe('one backend per stack', () => {
    test('a second RemoteState on an EnvironmentStack names the one it has and the prop to use', () => {
      const stack = new EnvironmentStack(Testing.app(), 'staging', { environment: STAGING });
      const message = (id: string) => `[staging/${id}] invalid "scope": got <EnvironmentStack instance>; expected a stack without remote state: [staging/RemoteState] already configures this stack's S3 backend (an EnvironmentStack creates it); pass the settings as EnvironmentStack's "remoteState" prop instead`;
      expect(() => new RemoteState(stack, 'RemoteState')).toThrow(message('RemoteState'));
      expect(() => new RemoteState(stack, 'State', { useLockfile: true })).toThrow(message('State'));
    });

    test('RemoteState on a stack with local state is refused', () => {
      const stack = new EnvironmentStack(Testing.app(), 'bootstrap', { environment: STAGING, localStatePath: 'bootstrap.tfstate' });
      expect(() => new RemoteState(stack, 'RemoteState')).toThrow(
        '[bootstrap/RemoteState] invalid "scope": got <EnvironmentStack instance>; expected a stack without a backend: [bootstrap/backend] already configures one (on an EnvironmentStack, "localStatePath" keeps state locally: remove it for remote state)',
      );
    });
  });

  test.each<[RemoteStateProps, string]>([
    [{ dynamodbLocking: false }, '[staging] invalid "remoteState.dynamodbLocking": got false; expected true, or "useLockfile: true": state must always be locked'],
    [{ key: 'state.json' }, '[staging] invalid "remoteState.key": got "state.json"; expected an S3 key'],
    [{ workspaceKeyPrefix: '/env/' }, '[staging] invalid "remoteState.workspaceKeyPrefix": got "/env/"'],
    [{ backend: { bucketName: 'Bad_Bucket', lockTableName: 'locks', kmsKeyAlias: 'alias/x', region: 'us-east-1' } }, '[staging] invalid "remoteState.backend.bucketName": got "Bad_Bucket"; expected 3-63 characters'],
    [{ backend: { bucketName: 'good-bucket', lockTableName: 'locks', kmsKeyAlias: 'alias/x', region: 'mars-1' } }, '[staging] invalid "remoteState.backend.region": got "mars-1"; expected an AWS region name'],
    [{ backend: { bucketName: 'good-bucket', lockTableName: 'locks', region: 'us-east-1' } as any }, '[staging] invalid "remoteState.backend.kmsKeyAlias": got undefined; expected a value: give every attribute of the backend (StateBackend.attributes has them)'],
    [{ useLockFile: true } as any, '[staging] invalid "remoteState.useLockFile": got true; expected no such property: the properties here are "backend", "dynamodbLocking", "environment", "key", "useLockfile", "workspaceKeyPrefix"'],
  ])('bad input %#, named as set on the stack', (remoteState, message) => {
    expect(() => backendOf('staging', STAGING, remoteState)).toThrow(message);
  });
});
