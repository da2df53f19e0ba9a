import { Testing } from 'cdktf';
import { Environment, EnvironmentStack, StateBackend } from '../../lib';
import { findings } from '../storage/support';
import { Template, environmentStack } from '../support/template';

function bootstrap(): Template {
  const stack = environmentStack(new Environment({ name: 'shared', production: true, project: 'livestreamsell' }), 'bootstrap');
  new StateBackend(stack, 'State');
  return Template.of(stack);
}

describe('StateBackend', () => {
  const t = bootstrap();
  const buckets = t.resources('aws_s3_bucket');
  const stateId = Object.keys(buckets).find((id) => buckets[id].bucket === 'livestreamsell-shared-tfstate')!;

  test('creates the state bucket with deterministic name, no force_destroy and prevent_destroy', () => {
    expect(stateId).toBeDefined();
    expect(buckets[stateId]).toMatchObject({ force_destroy: false, lifecycle: { prevent_destroy: true } });
  });

  test('versions and encrypts the state bucket with a rotating customer-managed key and bucket keys', () => {
    const versioning = t.referencing('aws_s3_bucket_versioning', 'bucket', `aws_s3_bucket.${stateId}.id`);
    expect(versioning).toHaveLength(1);
    expect(versioning[0].versioning_configuration.status).toBe('Enabled');
    const sse = t.referencing('aws_s3_bucket_server_side_encryption_configuration', 'bucket', `aws_s3_bucket.${stateId}.id`)[0];
    expect(sse.rule[0]).toMatchObject({ apply_server_side_encryption_by_default: { sse_algorithm: 'aws:kms' }, bucket_key_enabled: true });
    const keyRef = sse.rule[0].apply_server_side_encryption_by_default.kms_master_key_id as string;
    const keyId = /aws_kms_key\.([^.]+)\.arn/.exec(keyRef)![1];
    expect(t.resources('aws_kms_key')[keyId]).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: 30, lifecycle: { prevent_destroy: true } });
  });

  test('blocks all public access and enforces bucket ownership', () => {
    const pab = t.referencing('aws_s3_bucket_public_access_block', 'bucket', `aws_s3_bucket.${stateId}.id`)[0];
    expect(pab).toMatchObject({ block_public_acls: true, block_public_policy: true, ignore_public_acls: true, restrict_public_buckets: true });
    const own = t.referencing('aws_s3_bucket_ownership_controls', 'bucket', `aws_s3_bucket.${stateId}.id`)[0];
    expect(own.rule.object_ownership).toBe('BucketOwnerEnforced');
  });

  test('denies non-TLS and TLS < 1.2 in the bucket policy', () => {
    const docs = Object.values(t.dataSources('aws_iam_policy_document')) as any[];
    const doc = docs.find((d) => JSON.stringify(d).includes(`aws_s3_bucket.${stateId}.arn`) && JSON.stringify(d).includes('aws:SecureTransport'));
    expect(doc.statement).toEqual(expect.arrayContaining([
      expect.objectContaining({ effect: 'Deny', condition: [{ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] }] }),
      expect.objectContaining({ effect: 'Deny', condition: [{ test: 'NumericLessThan', variable: 's3:TlsVersion', values: ['1.2'] }] }),
    ]));
  });

  test('expires noncurrent versions and aborts incomplete uploads', () => {
    const lc = t.referencing('aws_s3_bucket_lifecycle_configuration', 'bucket', `aws_s3_bucket.${stateId}.id`)[0];
    expect(lc.rule[0]).toMatchObject({
      status: 'Enabled',
      abort_incomplete_multipart_upload: [{ days_after_initiation: 7 }],
      noncurrent_version_expiration: [{ noncurrent_days: 90 }],
    });
  });

  test('logs access to a dedicated, equally hardened log bucket', () => {
    const logging = t.referencing('aws_s3_bucket_logging', 'bucket', `aws_s3_bucket.${stateId}.id`)[0];
    const target = /aws_s3_bucket\.([^.]+)\.id/.exec(logging.target_bucket)![1];
    expect(buckets[target].bucket).toBe('livestreamsell-shared-tfstate-logs');
    expect(t.referencing('aws_s3_bucket_public_access_block', 'bucket', `aws_s3_bucket.${target}.id`)).toHaveLength(1);
    expect(t.referencing('aws_s3_bucket_server_side_encryption_configuration', 'bucket', `aws_s3_bucket.${target}.id`)[0].rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe('aws:kms');
  });

  test('creates a locked-down DynamoDB lock table', () => {
    expect(t.only('aws_dynamodb_table')).toMatchObject({
      name: 'livestreamsell-shared-tflock',
      hash_key: 'LockID',
      attribute: [{ name: 'LockID', type: 'S' }],
      billing_mode: 'PAY_PER_REQUEST',
      point_in_time_recovery: { enabled: true },
      server_side_encryption: { enabled: true },
      deletion_protection_enabled: true,
      lifecycle: { prevent_destroy: true },
    });
    expect(t.only('aws_dynamodb_table').server_side_encryption.kms_key_arn).toMatch(/aws_kms_key\..*\.arn/);
  });

  test('stays protected whatever the environment says: state must survive any destroy', () => {
    const stack = environmentStack(new Environment({ name: 'shared', project: 'acme', protection: { deletionProtection: false, preventDestroy: false } }), 'bootstrap');
    new StateBackend(stack, 'State');
    const protectedTemplate = Template.of(stack);
    expect(protectedTemplate.only('aws_dynamodb_table')).toMatchObject({ deletion_protection_enabled: true, lifecycle: { prevent_destroy: true } });
    const state = protectedTemplate.resourceList('aws_s3_bucket').find((b) => b.bucket === 'acme-shared-tfstate');
    expect(state.lifecycle).toEqual({ prevent_destroy: true });
    expect(protectedTemplate.resourceList('aws_kms_key').map((k) => [k.deletion_window_in_days, k.lifecycle?.prevent_destroy])).toContainEqual([30, true]);
  });

  test('passes SecurityChecks (the bootstrap stack suppresses only its own local state)', () => {
    const stack = environmentStack(new Environment({ name: 'shared', production: true, project: 'acme' }), 'bootstrap');
    new StateBackend(stack, 'State');
    expect(findings(stack)).toEqual([]);
  });

  test('rejects an empty bucket name with path, property and allowed values', () => {
    const app = Testing.app();
    const stack = new EnvironmentStack(app, 'bootstrap', { environment: Environment.production({ project: 'livestreamsell' }), localStatePath: 'x.tfstate' });
    expect(() => new StateBackend(stack, 'State', { bucketName: '' })).toThrow(
      /^\[bootstrap\/State\] invalid "bucketName": got ""; expected 3-63 characters/,
    );
  });

  test('two lock tables of one name in one region fail, naming both', () => {
    const app = Testing.app();
    const env = new Environment({ name: 'shared', project: 'acme' });
    new StateBackend(new EnvironmentStack(app, 'one', { environment: env, localStatePath: 'a.tfstate' }), 'State');
    expect(() => new StateBackend(new EnvironmentStack(app, 'two', { environment: env, localStatePath: 'b.tfstate' }), 'State', { bucketName: 'acme-other-state' })).toThrow(
      '[two/State] invalid "lockTableName": got "acme-shared-tflock"; expected a DynamoDB table name not already used in us-east-1 by [one/State]: table names are unique per account and region: give one lock table another "lockTableName"',
    );
  });
});
