import { Environment, LifecycleRule, SecureBucket, ServiceIdentity } from '../../lib';
import { bucketViolations } from '../support/bucket-checks';
import { Template, environmentStack } from '../support/template';

describe('SecureBucket', () => {
  test('defaults meet every hardening point, for the bucket and its log bucket', () => {
    const stack = environmentStack();
    new SecureBucket(stack, 'Data', { purpose: 'data' });
    const t = Template.of(stack);
    expect(t.count('aws_s3_bucket')).toBe(2);
    expect(bucketViolations(t)).toEqual([]);
    expect(Object.values(t.resources('aws_s3_bucket')).map((b: any) => b.bucket).sort()).toEqual(['livestreamsell-staging-data', 'livestreamsell-staging-data-logs']);
  });

  test('the log bucket lets only S3 log delivery of this account write, and can use its key', () => {
    const stack = environmentStack();
    new SecureBucket(stack, 'Data', { purpose: 'data' });
    const docs = Object.values(Template.of(stack).dataSources('aws_iam_policy_document')) as any[];
    const delivery = docs.flatMap((d) => d.statement).filter((s: any) => s.principals?.[0]?.identifiers?.[0] === 'logging.s3.amazonaws.com');
    expect(delivery.map((s: any) => s.actions)).toEqual(expect.arrayContaining([['s3:PutObject'], ['kms:GenerateDataKey*', 'kms:Decrypt']]));
    expect(delivery).toHaveLength(2);
    for (const s of delivery) expect(s.condition[0]).toMatchObject({ test: 'StringEquals', variable: 'aws:SourceAccount' });
  });

  test('production protects bucket and key from destroy; staging does not', () => {
    for (const [env, expected] of [[Environment.production({ project: 'livestreamsell' }), true], [Environment.staging({ project: 'livestreamsell' }), undefined]] as const) {
      const stack = environmentStack(env);
      new SecureBucket(stack, 'Data', { purpose: 'data' });
      const t = Template.of(stack);
      for (const r of [...t.resourceList('aws_s3_bucket'), ...t.resourceList('aws_kms_key')]) expect(r.lifecycle?.prevent_destroy).toBe(expected);
    }
  });

  test('Object Lock, extra lifecycle rules and CORS', () => {
    const stack = environmentStack(Environment.production({ project: 'livestreamsell' }));
    const bucket = new SecureBucket(stack, 'Data', {
      purpose: 'data',
      objectLock: { mode: 'COMPLIANCE', retentionDays: 30 },
      lifecycleRules: [{ id: 'cold', transitions: [{ days: 30, storageClass: 'STANDARD_IA' }, { days: 90, storageClass: 'GLACIER' }], expirationDays: 365 }],
    });
    bucket.addCorsRule({ allowedOrigins: ['https://app.livestreamsell.ai'], allowedMethods: ['GET'] });
    const t = Template.of(stack);
    expect(t.only('aws_s3_bucket_object_lock_configuration').rule).toEqual({ default_retention: { mode: 'COMPLIANCE', days: 30 } });
    const data = Object.entries(t.resources('aws_s3_bucket')).find(([, b]: any) => b.bucket === 'livestreamsell-production-data')!;
    expect(data[1].object_lock_enabled).toBe(true);
    const rules = t.referencing('aws_s3_bucket_lifecycle_configuration', 'bucket', `aws_s3_bucket.${data[0]}.id`)[0].rule;
    expect(rules[1]).toMatchObject({ id: 'cold', transition: [{ days: 30, storage_class: 'STANDARD_IA' }, { days: 90, storage_class: 'GLACIER' }], expiration: [{ days: 365 }] });
    expect(t.only('aws_s3_bucket_cors_configuration').cors_rule).toEqual([{ allowed_origins: ['https://app.livestreamsell.ai'], allowed_methods: ['GET'], allowed_headers: ['*'], expose_headers: ['ETag'], max_age_seconds: 3600 }]);
  });

  test('unsafe public read is opt-in, scoped to a prefix, and visible', () => {
    const stack = environmentStack();
    new SecureBucket(stack, 'Site', { purpose: 'site', unsafePublicReadPrefix: 'public/' });
    const t = Template.of(stack);
    const pab = t.resourceList('aws_s3_bucket_public_access_block').find((p) => p.block_public_policy === false);
    expect(pab).toMatchObject({ block_public_acls: true, ignore_public_acls: true, restrict_public_buckets: false });
    expect(bucketViolations(t)).toEqual(expect.arrayContaining([expect.stringContaining('public access not fully blocked'), expect.stringContaining('allows anonymous access')]));
  });

  describe('grants are least privilege', () => {
    const stack = environmentStack();
    const bucket = new SecureBucket(stack, 'Data', { purpose: 'data' });
    const reader = new ServiceIdentity(stack, 'Reader', { serviceName: 'reader' });
    const writer = new ServiceIdentity(stack, 'Writer', { serviceName: 'writer' });
    const admin = new ServiceIdentity(stack, 'Admin', { serviceName: 'admin' });
    bucket.grantRead(reader, 'reports/');
    bucket.grantWrite(writer, 'dumps/');
    bucket.grantReadWrite(admin);
    const t = Template.of(stack);
    const docs = t.dataSources('aws_iam_policy_document');
    const statementsOf = (name: string) => {
      const policy = t.resourceList('aws_iam_group_policy').find((p) => p.name === `livestreamsell-staging-${name}-grants`);
      return docs[/data\.aws_iam_policy_document\.([^.]+)\.json/.exec(policy.policy)![1]].statement as any[];
    };

    test('no wildcard service actions and no Resource "*"', () => {
      for (const name of ['reader', 'writer', 'admin']) {
        for (const s of statementsOf(name)) {
          expect(s.actions.every((a: string) => !a.endsWith(':*'))).toBe(true);
          expect(s.resources).not.toContain('*');
        }
      }
    });

    test('read: get and list under the prefix, decrypt only', () => {
      const s = statementsOf('reader');
      expect(s[0]).toMatchObject({ actions: ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'] });
      expect(s[0].resources[0]).toMatch(/\.arn}\/reports\/\*$/);
      expect(s[1].actions).toEqual(['kms:Decrypt', 'kms:DescribeKey']);
      expect(s[2]).toMatchObject({ actions: ['s3:ListBucket', 's3:GetBucketLocation'], condition: [{ test: 'StringLike', variable: 's3:prefix', values: ['reports/*'] }] });
    });

    test('write: put without read or delete', () => {
      const actions = statementsOf('writer').flatMap((s) => s.actions);
      expect(actions).toContain('s3:PutObject');
      expect(actions.filter((a: string) => /Get|Delete|List|Decrypt/.test(a) && a !== 'kms:GenerateDataKey*')).toEqual(['s3:ListMultipartUploadParts']);
    });

    test('read/write includes delete and both KMS directions', () => {
      const actions = statementsOf('admin').flatMap((s) => s.actions);
      expect(actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 'kms:Decrypt', 'kms:GenerateDataKey*']));
    });
  });

  test('an identity that was granted nothing fails synth', () => {
    const stack = environmentStack();
    new ServiceIdentity(stack, 'Idle', { serviceName: 'idle' });
    expect(() => Template.of(stack)).toThrow('ServiceIdentity "idle" was granted nothing');
  });

  describe('bad input names path, property, value and what is allowed', () => {
    test.each([
      ['ab', 'got "ab"'], ['a'.repeat(64), `got "${'a'.repeat(64)}"; expected 3-63 characters`], ['My-Bucket', 'got "My-Bucket"'], ['-bucket', 'got "-bucket"'],
      ['bucket-', 'got "bucket-"'], ['192.168.1.10', 'got "192.168.1.10"'], ['xn--bucket', 'got "xn--bucket"'],
      ['bucket-s3alias', 'got "bucket-s3alias"'], ['my..bucket', 'got "my..bucket"'], ['', 'got ""'],
    ])('bucket name %j', (name, part) => {
      expect(() => new SecureBucket(environmentStack(), 'Data', { purpose: 'data', bucketName: name })).toThrow(`[test/Data] invalid "bucketName": ${part}`);
    });

    const lifecycle = (rule: LifecycleRule) => () => new SecureBucket(environmentStack(), 'Data', { purpose: 'data', lifecycleRules: [rule] });
    test.each([
      [{ id: 'r', transitions: [{ days: 90, storageClass: 'GLACIER' }, { days: 30, storageClass: 'DEEP_ARCHIVE' }] }, 'invalid "lifecycleRules[r].transitions[1].days": got 30; expected more than the previous transition\'s 90 days'],
      [{ id: 'r', transitions: [{ days: 30, storageClass: 'GLACIER' }], expirationDays: 30 }, 'invalid "lifecycleRules[r].expirationDays": got 30; expected more than the last transition (30 days)'],
      [{ id: 'r', transitions: [{ days: 10, storageClass: 'STANDARD_IA' }] }, 'invalid "lifecycleRules[r].transitions[0].days": got 10; expected at least 30 for STANDARD_IA'],
      [{ id: 'r', transitions: [{ days: 30, storageClass: 'COLD' }] }, 'invalid "lifecycleRules[r].transitions[0].storageClass": got "COLD"; expected one of "STANDARD_IA"'],
      [{ id: 'r', expirationDays: 0 }, 'invalid "lifecycleRules[r].expirationDays": got 0; expected a whole number from 1'],
      [{ id: 'r', noncurrentVersionExpirationDays: -5 }, 'invalid "lifecycleRules[r].noncurrentVersionExpirationDays": got -5'],
    ])('lifecycle rule %#', (rule, message) => {
      expect(lifecycle(rule as LifecycleRule)).toThrow(`[test/Data] ${message}`);
    });

    test('Object Lock mode and retention', () => {
      expect(() => new SecureBucket(environmentStack(), 'Data', { purpose: 'd', objectLock: { mode: 'STRICT', retentionDays: 7 } }))
        .toThrow('[test/Data] invalid "objectLock.mode": got "STRICT"; expected one of "GOVERNANCE", "COMPLIANCE"');
      expect(() => new SecureBucket(environmentStack(), 'Data', { purpose: 'd', objectLock: { retentionDays: 0 } }))
        .toThrow('[test/Data] invalid "objectLock.retentionDays": got 0');
    });

    test('CORS origins', () => {
      const prod = new SecureBucket(environmentStack(Environment.production({ project: 'livestreamsell' })), 'Data', { purpose: 'd' });
      expect(() => prod.addCorsRule({ allowedOrigins: ['*'], allowedMethods: ['GET'] })).toThrow('[test/Data] invalid "corsRules[0].allowedOrigins[0]": got "*"; expected explicit https origins in production');
      expect(() => prod.addCorsRule({ allowedOrigins: ['app.example.com'], allowedMethods: ['GET'] })).toThrow('invalid "corsRules[0].allowedOrigins[0]": got "app.example.com"; expected an origin URL');
      expect(() => prod.addCorsRule({ allowedOrigins: ['http://app.example.com'], allowedMethods: ['GET'] })).toThrow('expected an https origin in production');
      expect(() => prod.addCorsRule({ allowedOrigins: ['https://a.example.com'], allowedMethods: ['PATCH'] })).toThrow('invalid "corsRules[0].allowedMethods[0]": got "PATCH"');
      const staging = new SecureBucket(environmentStack(), 'Data', { purpose: 'd' });
      expect(() => staging.addCorsRule({ allowedOrigins: ['*'], allowedMethods: ['GET'] })).not.toThrow();
    });

    test('grant prefix and public-read prefix', () => {
      const stack = environmentStack();
      const bucket = new SecureBucket(stack, 'Data', { purpose: 'd' });
      expect(() => bucket.grantRead(new ServiceIdentity(stack, 'R', { serviceName: 'r' }), 'dumps/*')).toThrow('[test/Data] invalid "prefix": got "dumps/*"; expected an object key prefix');
      expect(() => new SecureBucket(environmentStack(), 'Site', { purpose: 's', unsafePublicReadPrefix: '' })).toThrow('[test/Site] invalid "unsafePublicReadPrefix": got ""; expected a non-empty key prefix');
    });
  });
});
