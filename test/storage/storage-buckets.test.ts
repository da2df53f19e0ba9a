import { Testing } from 'cdktf';
import { bucketGaps, findings } from './support';
import { Environment, EnvironmentStack, ObjectLockMode, SecretValue, ServiceIdentity, StorageBuckets, StorageBucketsProps, StorageClass } from '../../lib';
import { Template, environmentStack } from '../support/template';

function storage(env: Environment, props: StorageBucketsProps = {}): { t: Template; s: StorageBuckets; stack: EnvironmentStack } {
  const stack = environmentStack(env);
  const s = new StorageBuckets(stack, 'Storage', props);
  return { t: Template.of(stack), s, stack };
}

const STAGING = Environment.staging({ project: 'livestreamsell' });
const PRODUCTION = Environment.production({ project: 'livestreamsell', region: 'us-east-1' });
const bucketNamed = (t: Template, name: string) => Object.entries(t.resources('aws_s3_bucket')).find(([, b]: any) => b.bucket === name)!;
const rulesOf = (t: Template, id: string) => t.referencing('aws_s3_bucket_lifecycle_configuration', 'bucket', `aws_s3_bucket.${id}.id`)[0].rule;
const policyOf = (t: Template, name: string) => {
  const policy = t.resourceList('aws_iam_group_policy').find((p) => p.name === name);
  return t.dataSources('aws_iam_policy_document')[/data\.aws_iam_policy_document\.([^.]+)\.json/.exec(policy.policy)![1]];
};

describe('StorageBuckets', () => {
  test.each([['staging', STAGING], ['production', PRODUCTION]])('%s: every bucket passes SecurityChecks and what they do not cover', (_, env) => {
    const { t, stack } = storage(env, { backups: { replicationRegion: env.isProduction ? 'us-west-2' : undefined }, identities: { backupWriter: 'backup-job' } });
    expect(findings(stack)).toEqual([]);
    expect(bucketGaps(t)).toEqual([]);
    expect(t.count('aws_s3_bucket')).toBe(env.isProduction ? 5 : 3);
  });

  test('no identity, no IAM user and no access key unless asked for', () => {
    const { t, s } = storage(STAGING);
    expect(t.count('aws_iam_user')).toBe(0);
    expect(t.count('aws_iam_access_key')).toBe(0);
    expect(s.backupIdentity).toBeUndefined();
    expect(s.productImagesIdentity).toBeUndefined();
    expect(() => s.backupDestination).toThrow(
      '[test/Storage] invalid "identities.backupWriter": got undefined; expected a service name such as "backup-job", so that the module creates the backup job\'s write-only identity; or call backupDestinationFor(identity) with an identity of your own',
    );
  });

  test('bucket names can be set; the defaults are "<project>-<environment>-<purpose>"', () => {
    const defaults = storage(PRODUCTION, { backups: { replicationRegion: 'us-west-2' } }).t.resourceList('aws_s3_bucket').map((b) => b.bucket).sort();
    expect(defaults).toEqual([
      'livestreamsell-production-access-logs', 'livestreamsell-production-backups', 'livestreamsell-production-backups-us-west-2',
      'livestreamsell-production-backups-us-west-2-logs', 'livestreamsell-production-product-images',
    ]);
    const { t } = storage(PRODUCTION, {
      backups: { bucketName: 'acme-db-dumps', replicationRegion: 'us-west-2', replicaBucketName: 'acme-db-dumps-dr' },
      productImages: { bucketName: 'acme-images' },
      accessLogs: { bucketName: 'acme-s3-logs' },
    });
    expect(t.resourceList('aws_s3_bucket').map((b) => b.bucket).sort()).toEqual(['acme-db-dumps', 'acme-db-dumps-dr', 'acme-db-dumps-dr-logs', 'acme-images', 'acme-s3-logs']);
  });

  test('backups: Object Lock, ordered transitions before expiry, noncurrent expiry, prevent_destroy', () => {
    const { t } = storage(PRODUCTION);
    const [id, bucket] = bucketNamed(t, 'livestreamsell-production-backups');
    expect(bucket).toMatchObject({ object_lock_enabled: true, lifecycle: { prevent_destroy: true } });
    expect(t.only('aws_s3_bucket_object_lock_configuration').rule.default_retention).toEqual({ mode: 'GOVERNANCE', days: 35 });
    const rules = rulesOf(t, id);
    expect(rules[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 35 }]);
    expect(rules[1]).toMatchObject({ id: 'backups-retention', transition: [{ days: 30, storage_class: 'STANDARD_IA' }], expiration: [{ days: 35 }] });
  });

  test('backups: staging keeps 7 days with no transitions; your own lock mode and transitions', () => {
    const staging = storage(STAGING).t;
    const rules = rulesOf(staging, bucketNamed(staging, 'livestreamsell-staging-backups')[0]);
    expect(rules[1]).toMatchObject({ expiration: [{ days: 7 }] });
    expect(rules[1].transition).toBeUndefined();
    const backups = { objectLockMode: ObjectLockMode.COMPLIANCE, expirationDays: 400, transitions: [{ days: 100, storageClass: StorageClass.GLACIER_IR }] };
    const { t } = storage(PRODUCTION, { backups });
    expect(t.only('aws_s3_bucket_object_lock_configuration').rule.default_retention.mode).toBe('COMPLIANCE');
    expect(rulesOf(t, bucketNamed(t, 'livestreamsell-production-backups')[0])[1]).toMatchObject({ transition: [{ days: 100, storage_class: 'GLACIER_IR' }], expiration: [{ days: 400 }] });
  });

  test('backups: cross-region replica, hardened, re-encrypted with its own key', () => {
    const { t } = storage(PRODUCTION, { backups: { replicationRegion: 'us-west-2' } });
    const [replicaId, replica] = bucketNamed(t, 'livestreamsell-production-backups-us-west-2');
    expect(replica.region).toBe('us-west-2');
    const repl = t.only('aws_s3_bucket_replication_configuration');
    expect(repl.rule[0]).toMatchObject({
      status: 'Enabled',
      delete_marker_replication: { status: 'Enabled' },
      source_selection_criteria: { sse_kms_encrypted_objects: { status: 'Enabled' } },
      destination: { bucket: `\${aws_s3_bucket.${replicaId}.arn}`, storage_class: 'STANDARD_IA' },
    });
    expect(repl.rule[0].destination.encryption_configuration.replica_kms_key_id).toMatch(/aws_kms_key\..*\.arn/);
    expect(t.resourceList('aws_kms_key').filter((k) => k.region === 'us-west-2').length).toBe(2); // replica + its log bucket
  });

  test('product images: private, CORS for the app origins, intelligent tiering', () => {
    const { t } = storage(PRODUCTION, { productImages: { corsOrigins: ['https://app.example.com', 'https://example.com', 'https://www.example.com'] } });
    const [id] = bucketNamed(t, 'livestreamsell-production-product-images');
    expect(t.only('aws_s3_bucket_cors_configuration').cors_rule).toEqual([{
      allowed_origins: ['https://app.example.com', 'https://example.com', 'https://www.example.com'],
      allowed_methods: ['GET', 'PUT', 'HEAD'],
      allowed_headers: ['*'],
      expose_headers: ['ETag'],
      max_age_seconds: 3600,
    }]);
    expect(rulesOf(t, id)[1]).toMatchObject({ id: 'intelligent-tiering', transition: [{ days: 0, storage_class: 'INTELLIGENT_TIERING' }] });
  });

  test('identities, when asked for: read/write on images; write-only on the dump prefix; nothing wider', () => {
    const { t, s } = storage(PRODUCTION, { identities: { productImagesReadWriter: 'api-storage', backupWriter: 'backup-job' } });
    const backup = policyOf(t, 'livestreamsell-production-backup-job-grants');
    const actions = backup.statement.flatMap((st: any) => st.actions);
    expect(actions).toContain('s3:PutObject');
    expect(actions.filter((a: string) => /^s3:(Get|Delete|List)/.test(a))).toEqual(['s3:ListMultipartUploadParts']);
    expect(backup.statement[0].resources[0]).toMatch(/\/postgres\/\*$/);
    const images = policyOf(t, 'livestreamsell-production-api-storage-grants');
    expect(images.statement.flatMap((st: any) => st.actions)).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject']));
    for (const st of [...backup.statement, ...images.statement]) {
      expect(st.actions.some((a: string) => a === '*' || a.endsWith(':*'))).toBe(false);
      expect(st.resources).not.toContain('*');
    }
    expect(t.resourceList('aws_iam_user').map((u) => u.name).sort()).toEqual(['livestreamsell-production-api-storage', 'livestreamsell-production-backup-job']);
    expect(s.backupDestination).toMatchObject({ bucketName: 'livestreamsell-production-backups', region: 'us-east-1', prefix: 'postgres/' });
    expect(s.backupDestination.secretAccessKey).toBe(s.backupIdentity!.secretAccessKey);
  });

  test('credentials are references, optionally sensitive outputs, never literals', () => {
    const { t, s } = storage(STAGING, { sensitiveOutputs: true, identities: { backupWriter: 'backup-job', productImagesReadWriter: 'api-storage' } });
    expect(s.backupDestination.secretAccessKey.value).toMatch(/^\$\{TfToken/);
    const outputs = Object.values(t.json.output) as any[];
    expect(outputs).toHaveLength(4);
    for (const o of outputs) expect(o).toMatchObject({ sensitive: true, value: expect.stringMatching(/^\$\{aws_iam_access_key\./) });
  });

  test('backupDestinationFor: an identity of your own (an existing group with keys from a secret store)', () => {
    const stack = environmentStack(STAGING);
    const s = new StorageBuckets(stack, 'Storage', { backups: { dumpPrefix: 'dumps/' } });
    const job = ServiceIdentity.fromIdentityAttributes(stack, 'BackupJob', {
      groupName: 'db-backup', accessKeyId: SecretValue.fromVariable(stack, 'backup_key_id'), secretAccessKey: SecretValue.fromVariable(stack, 'backup_secret'),
    });
    expect(s.backupDestinationFor(job)).toMatchObject({ bucketName: 'livestreamsell-staging-backups', prefix: 'dumps/', accessKeyId: job.accessKeyId });
    const t = Template.of(stack);
    expect(t.only('aws_iam_group_policy')).toMatchObject({ name: 'BackupJob-grants', group: 'db-backup' });
    expect(t.count('aws_iam_user')).toBe(0);
    const keyless = ServiceIdentity.fromIdentityAttributes(stack, 'Keyless', { groupName: 'ops' });
    expect(() => s.backupDestinationFor(keyless)).toThrow('[test/Storage] invalid "identity": got "ops"; expected an identity with an access key ("accessKeyId" and "secretAccessKey"): the backup job runs outside AWS and cannot assume a role');
  });

  test('bucket and identity names are claimed by the module, so a clash names the prop set on it', () => {
    const app = Testing.app();
    new StorageBuckets(new EnvironmentStack(app, 'one', { environment: STAGING }), 'Storage', { identities: { backupWriter: 'backup-job' } });
    const two = new EnvironmentStack(app, 'two', { environment: STAGING });
    expect(() => new StorageBuckets(two, 'Storage', { accessLogs: { bucketName: 'other-logs' }, productImages: { bucketName: 'other-images' }, backups: { bucketName: 'livestreamsell-staging-backups' } })).toThrow(
      '[two/Storage] invalid "backups.bucketName": got "livestreamsell-staging-backups"; expected an S3 bucket name not already used by [one/Storage]: bucket names are global: set another name here',
    );
    expect(() => new StorageBuckets(two, 'Other', {
      backups: { bucketName: 'b-1-x' }, productImages: { bucketName: 'b-2-x' }, accessLogs: { bucketName: 'b-3-x' }, identities: { backupWriter: 'backup-job' },
    })).toThrow('[two/Other] invalid "identities.backupWriter": got "livestreamsell-staging-backup-job"; expected an IAM user name not already used by [one/Storage]');
  });

  describe('bad input names the prop set on the module', () => {
    test.each<[Environment, StorageBucketsProps, string]>([
      [PRODUCTION, { productImages: { unsafePublicRead: true } }, '[test/Storage] invalid "productImages.unsafePublicRead": got true; expected false in production ("production"), or "unsafePublicRead" listed in "acknowledgeUnsafeInProduction"'],
      [PRODUCTION, { backups: { replicationRegion: 'us-east-1' } }, '[test/Storage] invalid "backups.replicationRegion": got "us-east-1"; expected a region other than the backups bucket\'s ("us-east-1")'],
      [PRODUCTION, { backups: { replicationRegion: 'moon-1' } }, '[test/Storage] invalid "backups.replicationRegion": got "moon-1"; expected an AWS region name'],
      [PRODUCTION, { backups: { lockRetentionDays: 90, expirationDays: 30 } }, '[test/Storage] invalid "backups.lockRetentionDays": got 90; expected at most "backups.expirationDays" (30)'],
      [PRODUCTION, { backups: { objectLockMode: 'LEGAL' as any } }, '[test/Storage] invalid "backups.objectLockMode": got "LEGAL"'],
      [PRODUCTION, { backups: { transitions: [{ days: 60, storageClass: StorageClass.GLACIER }], expirationDays: 35 } }, '[test/Storage] invalid "backups.expirationDays": got 35; expected more than the last transition (60 days)'],
      [PRODUCTION, { backups: { transitions: [{ days: 60, storageClass: StorageClass.GLACIER }] } }, '[test/Storage] invalid "backups.transitions[0].days": got 60; expected less than the dumps\' retention (35 days, "backups.expirationDays")'],
      [PRODUCTION, { productImages: { corsOrigins: ['*'] } }, '[test/Storage] invalid "productImages.corsOrigins[0]": got "*"'],
      [STAGING, { identities: { backupWriter: 'db', productImagesReadWriter: 'db' } }, '[test/Storage] invalid "identities.backupWriter": got "livestreamsell-staging-db"; expected an IAM user name not already used by "identities.productImagesReadWriter" of this construct'],
    ])('%#', (env, props, message) => {
      expect(() => storage(env, props)).toThrow(message);
    });

    test('public read works in staging and, acknowledged, in production', () => {
      const { stack } = storage(PRODUCTION, { productImages: { unsafePublicRead: true }, acknowledgeUnsafeInProduction: ['unsafePublicRead'] });
      expect(findings(stack)).toEqual(['LSS-S3-001 test/Storage/ProductImages/Resource']);
      expect(() => storage(STAGING, { productImages: { unsafePublicRead: true } })).not.toThrow();
    });
  });
});
