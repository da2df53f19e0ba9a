import { Testing } from 'cdktf';
import { Environment, EnvironmentStack } from '../../lib';
import { Template } from '../support/template';

function backendOf(id: string, env: Environment, remoteState = {}): any {
  return Template.of(new EnvironmentStack(Testing.app(), id, { environment: env, remoteState })).json.terraform.backend;
}

describe('RemoteState', () => {
  test('staging and production use encrypted, locked S3 state with different keys', () => {
    const staging = backendOf('staging', Environment.staging({ project: 'livestreamsell' })).s3;
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
    const both = backendOf('staging', Environment.staging({ project: 'livestreamsell' }), { useLockfile: true }).s3;
    expect(both).toMatchObject({ use_lockfile: true, dynamodb_table: 'livestreamsell-shared-tflock' });
    const lockfileOnly = backendOf('staging', Environment.staging({ project: 'livestreamsell' }), { useLockfile: true, dynamodbLocking: false }).s3;
    expect(lockfileOnly.use_lockfile).toBe(true);
    expect(lockfileOnly.dynamodb_table).toBeUndefined();
  });

  test('workspace key prefix for teams that use terraform workspaces', () => {
    expect(backendOf('app', Environment.staging({ project: 'livestreamsell' }), { workspaceKeyPrefix: 'workspaces', key: 'app/terraform.tfstate' }).s3)
      .toMatchObject({ workspace_key_prefix: 'workspaces', key: 'app/terraform.tfstate' });
  });

  test.each([
    [{ dynamodbLocking: false }, '[staging/RemoteState] invalid "dynamodbLocking": got false; expected true, or "useLockfile: true": state must always be locked'],
    [{ key: 'state.json' }, '[staging/RemoteState] invalid "key": got "state.json"; expected an S3 key'],
    [{ workspaceKeyPrefix: '/env/' }, '[staging/RemoteState] invalid "workspaceKeyPrefix": got "/env/"'],
    [{ backend: { bucketName: 'Bad_Bucket', lockTableName: 't', kmsKeyAlias: 'alias/x', region: 'us-east-1' } }, '[staging/RemoteState] invalid "backend.bucketName": got "Bad_Bucket"; expected 3-63 characters'],
    [{ backend: { bucketName: 'good-bucket', lockTableName: 't', kmsKeyAlias: 'alias/x', region: 'mars-1' } }, '[staging/RemoteState] invalid "backend.region": got "mars-1"; expected an AWS region name'],
  ])('bad input %#', (remoteState, message) => {
    expect(() => backendOf('staging', Environment.staging({ project: 'livestreamsell' }), remoteState)).toThrow(message);
  });
});
