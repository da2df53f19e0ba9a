import { Environment, StorageBuckets } from '../../lib';
import { bucketViolations, identityStatements } from '../support/bucket-checks';
import { Template, environmentStack } from '../support/template';

function storage(env: Environment, props = {}): { t: Template; s: StorageBuckets } {
  const stack = environmentStack(env);
  const s = new StorageBuckets(stack, 'Storage', props);
  return { t: Template.of(stack), s };
}

const bucketNamed = (t: Template, name: string) => Object.entries(t.resources('aws_s3_bucket')).find(([, b]: any) => b.bucket === name)!;
const rulesOf = (t: Template, id: string) => t.referencing('aws_s3_bucket_lifecycle_configuration', 'bucket', `aws_s3_bucket.${id}.id`)[0].rule;

describe('StorageBuckets', () => {
  test.each([['staging', Environment.staging({ project: 'livestreamsell' })], ['production', Environment.production({ project: 'livestreamsell', region: 'us-east-1' })]])('%s: every bucket meets every default', (_, env) => {
    const { t } = storage(env, { backups: { replicationRegion: env.isProduction ? 'us-west-2' : undefined } });
    expect(bucketViolations(t)).toEqual([]);
    expect(t.count('aws_s3_bucket')).toBe(env.isProduction ? 5 : 3);
  });

  test('backups: Object Lock, ordered transitions before expiry, noncurrent expiry, prevent_destroy', () => {
    const { t } = storage(Environment.production({ project: 'livestreamsell' }));
    const [id, bucket] = bucketNamed(t, 'livestreamsell-production-backups');
    expect(bucket).toMatchObject({ object_lock_enabled: true, lifecycle: { prevent_destroy: true } });
    expect(t.only('aws_s3_bucket_object_lock_configuration').rule.default_retention).toEqual({ mode: 'GOVERNANCE', days: 35 });
    const rules = rulesOf(t, id);
    expect(rules[0].noncurrent_version_expiration).toEqual([{ noncurrent_days: 35 }]);
    expect(rules[1]).toMatchObject({ id: 'backups-retention', transition: [{ days: 30, storage_class: 'STANDARD_IA' }], expiration: [{ days: 35 }] });
  });

  test('backups: staging keeps 7 days with no transitions', () => {
    const { t } = storage(Environment.staging({ project: 'livestreamsell' }));
    const rules = rulesOf(t, bucketNamed(t, 'livestreamsell-staging-backups')[0]);
    expect(rules[1]).toMatchObject({ expiration: [{ days: 7 }] });
    expect(rules[1].transition).toBeUndefined();
  });

  test('backups: cross-region replica, hardened, re-encrypted with its own key', () => {
    const { t } = storage(Environment.production({ project: 'livestreamsell' }), { backups: { replicationRegion: 'us-west-2' } });
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
    const { t } = storage(Environment.production({ project: 'livestreamsell' }), { productImages: { corsOrigins: ['https://app.livestreamsell.ai', 'https://livestreamsell.ai', 'https://www.livestreamsell.ai'] } });
    const [id] = bucketNamed(t, 'livestreamsell-production-product-images');
    expect(t.only('aws_s3_bucket_cors_configuration').cors_rule[0].allowed_origins).toEqual(['https://app.livestreamsell.ai', 'https://livestreamsell.ai', 'https://www.livestreamsell.ai']);
    expect(rulesOf(t, id)[1]).toMatchObject({ id: 'intelligent-tiering', transition: [{ days: 0, storage_class: 'INTELLIGENT_TIERING' }] });
  });

  test('identities: API reads/writes images; backup job writes dumps only; nothing wider', () => {
    const { t } = storage(Environment.production({ project: 'livestreamsell' }));
    const statements = identityStatements(t);
    for (const s of statements) {
      expect(s.actions.some((a: string) => a === '*' || a.endsWith(':*'))).toBe(false);
      expect(s.resources).not.toContain('*');
    }
    const backupPolicy = t.resourceList('aws_iam_group_policy').find((p) => p.name === 'livestreamsell-production-backup-job-grants');
    const doc = t.dataSources('aws_iam_policy_document')[/data\.aws_iam_policy_document\.([^.]+)\.json/.exec(backupPolicy.policy)![1]];
    const actions = doc.statement.flatMap((s: any) => s.actions);
    expect(actions).toContain('s3:PutObject');
    expect(actions.filter((a: string) => /^s3:(Get|Delete)/.test(a))).toEqual([]);
    expect(doc.statement[0].resources[0]).toMatch(/\/postgres\/\*$/);
    expect(t.resourceList('aws_iam_user').map((u) => u.name).sort()).toEqual(['livestreamsell-production-api-storage', 'livestreamsell-production-backup-job']);
  });

  test('credentials are references, optionally sensitive outputs, never literals', () => {
    const { t, s } = storage(Environment.staging({ project: 'livestreamsell' }), { sensitiveOutputs: true });
    expect(s.backupDestination.secretAccessKey.value).toMatch(/^\$\{TfToken/);
    const outputs = Object.values(t.json.output) as any[];
    expect(outputs).toHaveLength(4);
    for (const o of outputs) {
      expect(o.sensitive).toBe(true);
      expect(o.value).toMatch(/^\$\{aws_iam_access_key\./);
    }
  });

  describe('bad input', () => {
    test.each([
      [Environment.production({ project: 'livestreamsell' }), { productImages: { unsafePublicRead: true } }, '[test/Storage] invalid "productImages.unsafePublicRead": got true; expected false in production'],
      [Environment.production({ project: 'livestreamsell' }), { backups: { replicationRegion: 'us-east-1' } }, '[test/Storage/BackupsReplication] invalid "replicationRegion": got "us-east-1"; expected a region other than the source bucket\'s ("us-east-1")'],
      [Environment.production({ project: 'livestreamsell' }), { backups: { replicationRegion: 'moon-1' } }, '[test/Storage] invalid "backups.replicationRegion": got "moon-1"; expected an AWS region name'],
      [Environment.production({ project: 'livestreamsell' }), { backups: { lockRetentionDays: 90, expirationDays: 30 } }, '[test/Storage] invalid "backups.lockRetentionDays": got 90; expected at most "backups.expirationDays" (30)'],
      [Environment.production({ project: 'livestreamsell' }), { backups: { objectLockMode: 'LEGAL' } }, '[test/Storage] invalid "backups.objectLockMode": got "LEGAL"'],
      [Environment.production({ project: 'livestreamsell' }), { backups: { transitions: [{ days: 60, storageClass: 'GLACIER' }], expirationDays: 35 } }, '[test/Storage/Backups] invalid "lifecycleRules[backups-retention].expirationDays": got 35; expected more than the last transition (60 days)'],
      [Environment.production({ project: 'livestreamsell' }), { productImages: { corsOrigins: ['*'] } }, '[test/Storage/ProductImages] invalid "corsRules[0].allowedOrigins[0]": got "*"'],
    ])('%#', (env, props, message) => {
      expect(() => storage(env, props)).toThrow(message);
    });

    test('public read works in staging and, acknowledged, in production', () => {
      const { t } = storage(Environment.production({ project: 'livestreamsell' }), { productImages: { unsafePublicRead: true, acknowledgePublicReadInProduction: true } });
      expect(bucketViolations(t).filter((v) => v.startsWith('livestreamsell-production-product-images'))).toEqual([
        'livestreamsell-production-product-images: public access not fully blocked',
        'livestreamsell-production-product-images: policy allows anonymous access',
      ]);
      expect(() => storage(Environment.staging({ project: 'livestreamsell' }), { productImages: { unsafePublicRead: true } })).not.toThrow();
    });
  });
});
