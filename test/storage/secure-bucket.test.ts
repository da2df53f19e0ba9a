import { TerraformStack, Testing } from 'cdktf';
import { bucketGaps, findings } from './support';
import {
  CorsHttpMethod, CustomerManagedKey, Environment, EnvironmentStack, ISecureBucket, LifecycleRule, ObjectLockMode, SecureBucket, ServiceIdentity, StorageClass,
} from '../../lib';
import { Template, environmentStack } from '../support/template';

const statementsOfIdentity = (t: Template, name: string): any[] => {
  const policy = t.resourceList('aws_iam_group_policy').find((p) => p.name === `livestreamsell-staging-${name}-grants`);
  return t.dataSources('aws_iam_policy_document')[/data\.aws_iam_policy_document\.([^.]+)\.json/.exec(policy.policy)![1]].statement;
};

describe('SecureBucket', () => {
  test('defaults: zero SecurityChecks findings, for the bucket and its log bucket, and what the checks do not cover', () => {
    const stack = environmentStack();
    new SecureBucket(stack, 'Data', { purpose: 'data' });
    const t = Template.of(stack);
    expect(findings(stack)).toEqual([]);
    expect(bucketGaps(t)).toEqual([]);
    expect(t.resourceList('aws_s3_bucket').map((b) => b.bucket).sort()).toEqual(['livestreamsell-staging-data', 'livestreamsell-staging-data-logs']);
  });

  test('the checks that stand in for SecurityChecks fail when their setting is missing', () => {
    const stack = environmentStack();
    new SecureBucket(stack, 'Data', { purpose: 'data', encryptionKey: CustomerManagedKey.fromKeyArn(stack, 'Shared', 'arn:aws:kms:us-east-1:111122223333:key/abc') });
    const json = JSON.parse(Testing.synth(stack, true));
    for (const lc of Object.values<any>(json.resource.aws_s3_bucket_lifecycle_configuration)) lc.rule = lc.rule.filter((r: any) => r.id !== 'baseline');
    expect(bucketGaps(new Template(json))).toEqual([
      'livestreamsell-staging-data: noncurrent versions never expire',
      'livestreamsell-staging-data: its own key does not rotate',
      'livestreamsell-staging-data-logs: noncurrent versions never expire',
    ]);
  });

  test('the log bucket lets only S3 log delivery of this account write, and can use its key', () => {
    const stack = environmentStack();
    new SecureBucket(stack, 'Data', { purpose: 'data' });
    const docs = Object.values(Template.of(stack).dataSources('aws_iam_policy_document')) as any[];
    const delivery = docs.flatMap((d) => d.statement).filter((s: any) => s.principals?.[0]?.identifiers?.[0] === 'logging.s3.amazonaws.com');
    expect(delivery.map((s: any) => s.actions)).toEqual([['kms:GenerateDataKey*', 'kms:Decrypt'], ['s3:PutObject']]);
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

  test('Object Lock, lifecycle rules and CORS rules, with enum-like classes', () => {
    const stack = environmentStack(Environment.production({ project: 'livestreamsell' }));
    const bucket = new SecureBucket(stack, 'Data', {
      purpose: 'data',
      objectLock: { mode: ObjectLockMode.COMPLIANCE, retentionDays: 30 },
      lifecycleRules: [{ id: 'cold', transitions: [{ days: 30, storageClass: StorageClass.STANDARD_IA }, { days: 90, storageClass: StorageClass.GLACIER }], expirationDays: 365 }],
      corsRules: [{ allowedOrigins: ['https://app.example.com'], allowedMethods: [CorsHttpMethod.GET] }],
    });
    bucket.addLifecycleRule({ id: 'newer-class', prefix: 'tmp/', transitions: [{ days: 1, storageClass: StorageClass.of('GLACIER_FLASH') }] });
    bucket.addCorsRule({ allowedOrigins: ['https://admin.example.com'], allowedMethods: [CorsHttpMethod.PUT], allowedHeaders: ['Content-Type'], maxAgeSeconds: 60 });
    const t = Template.of(stack);
    expect(t.only('aws_s3_bucket_object_lock_configuration').rule).toEqual({ default_retention: { mode: 'COMPLIANCE', days: 30 } });
    const [dataId, data] = Object.entries(t.resources('aws_s3_bucket')).find(([, b]: any) => b.bucket === 'livestreamsell-production-data')!;
    expect(data.object_lock_enabled).toBe(true);
    const rules = t.referencing('aws_s3_bucket_lifecycle_configuration', 'bucket', `aws_s3_bucket.${dataId}.id`)[0].rule;
    expect(rules.map((r: any) => r.id)).toEqual(['baseline', 'cold', 'newer-class']);
    expect(rules[1]).toMatchObject({ transition: [{ days: 30, storage_class: 'STANDARD_IA' }, { days: 90, storage_class: 'GLACIER' }], expiration: [{ days: 365 }] });
    expect(rules[2]).toMatchObject({ filter: [{ prefix: 'tmp/' }], transition: [{ days: 1, storage_class: 'GLACIER_FLASH' }] });
    expect(t.only('aws_s3_bucket_cors_configuration').cors_rule).toEqual([
      { allowed_origins: ['https://app.example.com'], allowed_methods: ['GET'], allowed_headers: ['*'], expose_headers: ['ETag'], max_age_seconds: 3600 },
      { allowed_origins: ['https://admin.example.com'], allowed_methods: ['PUT'], allowed_headers: ['Content-Type'], expose_headers: ['ETag'], max_age_seconds: 60 },
    ]);
  });

  test('free text is written as text: a lifecycle prefix with ${...} and %{...} comes out escaped', () => {
    const stack = environmentStack();
    new SecureBucket(stack, 'Data', { purpose: 'data', lifecycleRules: [{ id: 'odd', prefix: 'a${var.ghcr_token}/%{if true}x%{endif}/', expirationDays: 30 }] });
    const rules = Template.of(stack).resourceList('aws_s3_bucket_lifecycle_configuration').flatMap((l) => l.rule);
    expect(rules.find((r: any) => r.id === 'odd').filter).toEqual([{ prefix: 'a$${var.ghcr_token}/%%{if true}x%%{endif}/' }]);
  });

  describe('unsafe public read', () => {
    test('staging: opt-in, scoped to a prefix, and visible to SecurityChecks', () => {
      const stack = environmentStack();
      new SecureBucket(stack, 'Site', { purpose: 'site', unsafePublicReadPrefix: 'public/' });
      const t = Template.of(stack);
      expect(t.resourceList('aws_s3_bucket_public_access_block').find((p) => p.block_public_policy === false)).toMatchObject({ block_public_acls: true, ignore_public_acls: true, restrict_public_buckets: false });
      expect(findings(stack)).toEqual(['LSS-S3-001 test/Site/Resource']);
      // The one anonymous statement (SecurityChecks does not read bucket policies for it): GetObject under the prefix.
      const anonymous = Object.values<any>(t.dataSources('aws_iam_policy_document')).flatMap((d) => d.statement).filter((s) => s.effect === 'Allow' && s.principals?.[0]?.type === '*');
      expect(anonymous).toEqual([{ sid: 'UnsafePublicRead', effect: 'Allow', actions: ['s3:GetObject'], resources: [expect.stringMatching(/\.arn\}\/public\/\*$/)], principals: [{ type: '*', identifiers: ['*'] }] }]);
    });

    test('production: only when acknowledged', () => {
      const prod = Environment.production({ project: 'livestreamsell' });
      expect(() => new SecureBucket(environmentStack(prod), 'Site', { purpose: 'site', unsafePublicReadPrefix: 'public/' })).toThrow(
        '[test/Site] invalid "unsafePublicReadPrefix": got true; expected false in production ("production"), or "unsafePublicReadPrefix" listed in "acknowledgeUnsafeInProduction": every object under the prefix becomes readable by anyone on the internet; serve them through signed URLs instead',
      );
      expect(() => new SecureBucket(environmentStack(prod), 'Site', { purpose: 'site', unsafePublicReadPrefix: 'public/', acknowledgeUnsafeInProduction: ['unsafePublicReadPrefix'] })).not.toThrow();
    });
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

    test('no wildcard service actions and no Resource "*"', () => {
      for (const name of ['reader', 'writer', 'admin']) {
        for (const s of statementsOfIdentity(t, name)) {
          expect(s.actions.every((a: string) => !a.endsWith(':*'))).toBe(true);
          expect(s.resources).not.toContain('*');
        }
      }
    });

    test('read: get and list under the prefix, decrypt only (small snapshot)', () => {
      expect(statementsOfIdentity(t, 'reader')).toMatchInlineSnapshot(`
[
  {
    "actions": [
      "s3:GetObject",
      "s3:GetObjectVersion",
      "s3:GetObjectTagging",
    ],
    "effect": "Allow",
    "resources": [
      "\${aws_s3_bucket.Data_666C94C7.arn}/reports/*",
    ],
    "sid": "DataReaderReadReportsObjectse5430bd4",
  },
  {
    "actions": [
      "kms:Decrypt",
      "kms:DescribeKey",
    ],
    "effect": "Allow",
    "resources": [
      "\${aws_kms_key.Data_Key_5F086070.arn}",
    ],
    "sid": "DataReaderReadReportsKeyb2ee0eee",
  },
  {
    "actions": [
      "s3:ListBucket",
      "s3:GetBucketLocation",
    ],
    "condition": [
      {
        "test": "StringLike",
        "values": [
          "reports/*",
        ],
        "variable": "s3:prefix",
      },
    ],
    "effect": "Allow",
    "resources": [
      "\${aws_s3_bucket.Data_666C94C7.arn}",
    ],
    "sid": "DataReaderReadReportsList5caa2173",
  },
]
`);
    });

    test('write: put without read or delete', () => {
      const actions = statementsOfIdentity(t, 'writer').flatMap((s) => s.actions);
      expect(actions).toContain('s3:PutObject');
      expect(actions.filter((a: string) => /Get|Delete|List|Decrypt/.test(a) && a !== 'kms:GenerateDataKey*')).toEqual(['s3:ListMultipartUploadParts']);
    });

    test('read/write includes delete and both KMS directions', () => {
      const actions = statementsOfIdentity(t, 'admin').flatMap((s) => s.actions);
      expect(actions).toEqual(expect.arrayContaining(['s3:GetObject', 's3:PutObject', 's3:DeleteObject', 'kms:Decrypt', 'kms:GenerateDataKey*']));
    });
  });

  describe('fromBucketAttributes: an existing bucket', () => {
    test('grants are statements on its ARN, and on its key when given', () => {
      const stack = environmentStack();
      const reader = new ServiceIdentity(stack, 'Reader', { serviceName: 'reader' });
      const withKey: ISecureBucket = SecureBucket.fromBucketAttributes(stack, 'Partner', { bucketName: 'partner-bucket', encryptionKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/abc' });
      const plain = SecureBucket.fromBucketAttributes(stack, 'Plain', { bucketName: 'plain-bucket', bucketArn: 'arn:aws:s3:::plain-bucket' });
      const resources = withKey.grantRead(reader, 'in/').resources;
      expect(resources).toEqual([expect.stringMatching(/\/in\/\*$/), 'arn:aws:kms:us-east-1:111122223333:key/abc', expect.stringMatching(/^arn:/)]);
      expect(plain.grantWrite(reader).statements.map((s) => s.resources)).toEqual([['arn:aws:s3:::plain-bucket/*']]);
      expect(withKey.region).toBe('us-east-1');
      const t = Template.of(stack);
      expect(t.count('aws_s3_bucket')).toBe(0);
      expect(statementsOfIdentity(t, 'reader')[0].resources).toEqual(['arn:${data.aws_partition.AwsPartition.partition}:s3:::partner-bucket/in/*']);
    });

    test('bad attributes are refused', () => {
      const stack = environmentStack();
      expect(() => SecureBucket.fromBucketAttributes(stack, 'A', { bucketName: 'Partner' })).toThrow('[test/A] invalid "attrs.bucketName": got "Partner"; expected 3-63 characters');
      expect(() => SecureBucket.fromBucketAttributes(stack, 'B', { bucketName: 'partner', bucketArn: 'arn:aws:s3:::other' })).toThrow('[test/B] invalid "attrs.bucketArn": got "arn:aws:s3:::other"; expected the ARN of bucket "partner"');
      expect(() => SecureBucket.fromBucketAttributes(stack, 'C', { bucketName: 'partner', encryptionKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/abc' })).toThrow('[test/C] invalid "attrs.encryptionKeyArn": got "arn:aws:kms:eu-west-1:111122223333:key/abc"; expected a key in the bucket\'s region "us-east-1", not one in "eu-west-1"');
      expect(() => SecureBucket.fromBucketAttributes(new TerraformStack(Testing.app(), 'plain'), 'D', { bucketName: 'partner' })).toThrow('[plain/D] invalid "attrs.region": got undefined; expected the AWS region of the bucket (there is no environment to take it from)');
    });

    test('isSecureBucket recognizes created and imported buckets', () => {
      const stack = environmentStack();
      expect(SecureBucket.isSecureBucket(new SecureBucket(stack, 'Data', { purpose: 'data' }))).toBe(true);
      expect(SecureBucket.isSecureBucket(SecureBucket.fromBucketAttributes(stack, 'P', { bucketName: 'partner' }))).toBe(true);
      expect(SecureBucket.isSecureBucket({ bucketName: 'x', bucketArn: 'arn:aws:s3:::x' })).toBe(false);
    });
  });

  describe('names that must be unique', () => {
    test('two buckets with one name anywhere in the app fail, naming both', () => {
      const app = Testing.app();
      const env = Environment.staging({ project: 'acme' });
      new SecureBucket(new EnvironmentStack(app, 'one', { environment: env }), 'Data', { purpose: 'data' });
      expect(() => new SecureBucket(new EnvironmentStack(app, 'two', { environment: env }), 'Copy', { purpose: 'copy', bucketName: 'acme-staging-data' })).toThrow(
        '[two/Copy] invalid "bucketName": got "acme-staging-data"; expected an S3 bucket name not already used by [one/Data]: bucket names are global: give one bucket another "bucketName" (or "purpose")',
      );
    });

    test('a lifecycle rule id used twice on one bucket fails, naming both rules', () => {
      const rule: LifecycleRule = { id: 'cold', transitions: [{ days: 90, storageClass: StorageClass.GLACIER }] };
      expect(() => new SecureBucket(environmentStack(), 'Data', { purpose: 'data', lifecycleRules: [rule, rule] })).toThrow(
        '[test/Data] invalid "lifecycleRules[1].id": got "cold"; expected a rule id not already used on this bucket by lifecycleRules[0]: S3 refuses two rules with one id',
      );
      const bucket = new SecureBucket(environmentStack(), 'Data', { purpose: 'data', lifecycleRules: [rule] });
      expect(() => bucket.addLifecycleRule({ id: 'cold', expirationDays: 30 })).toThrow('[test/Data] invalid "rule.id": got "cold"; expected a rule id not already used on this bucket by lifecycleRules[0]');
      expect(() => bucket.addLifecycleRule({ id: 'baseline', expirationDays: 30 })).toThrow('[test/Data] invalid "rule.id": got "baseline"; expected a rule id not already used on this bucket by the baseline rule (aborted uploads, noncurrent expiry)');
    });

    test('a CORS rule repeated (same origins and methods, in any order) fails, naming both', () => {
      const bucket = new SecureBucket(environmentStack(), 'Data', { purpose: 'data', corsRules: [{ allowedOrigins: ['https://a.example.com', 'https://b.example.com'], allowedMethods: [CorsHttpMethod.GET, CorsHttpMethod.PUT] }] });
      expect(() => bucket.addCorsRule({ allowedOrigins: ['https://b.example.com', 'https://a.example.com'], allowedMethods: [CorsHttpMethod.PUT, CorsHttpMethod.GET], maxAgeSeconds: 10 })).toThrow(
        '[test/Data] invalid "rule": got {"allowedOrigins":["https://b.example.com","https://a.example.com"],"allowedMethods":["PUT","GET"]}; expected a rule that does not repeat corsRules[0] (same origins and methods): S3 applies the first matching rule, so the repeat would never apply',
      );
      expect(() => bucket.addCorsRule({ allowedOrigins: ['https://a.example.com'], allowedMethods: [CorsHttpMethod.GET] })).not.toThrow();
    });
  });

  describe('bad input names path, property, value and what is allowed', () => {
    test.each([
      ['ab', 'got "ab"'], ['a'.repeat(64), `got "${'a'.repeat(64)}"; expected 3-63 characters`], ['My-Bucket', 'got "My-Bucket"'], ['-bucket', 'got "-bucket"'],
      ['bucket-', 'got "bucket-"'], ['192.168.1.10', 'got "192.168.1.10"'], ['xn--bucket', 'got "xn--bucket"'],
      ['bucket-s3alias', 'got "bucket-s3alias"'], ['my..bucket', 'got "my..bucket"'], ['', 'got ""'],
    ])('bucket name %j', (name, part) => {
      expect(() => new SecureBucket(environmentStack(), 'Data', { purpose: 'data', bucketName: name })).toThrow(`[test/Data] invalid "bucketName": ${part}`);
    });

    const lifecycle = (rule: unknown) => () => new SecureBucket(environmentStack(), 'Data', { purpose: 'data', lifecycleRules: [rule as LifecycleRule] });
    test.each([
      [{ id: 'r', transitions: [{ days: 90, storageClass: StorageClass.GLACIER }, { days: 30, storageClass: StorageClass.DEEP_ARCHIVE }] }, 'invalid "lifecycleRules[0].transitions[1].days": got 30; expected more than the previous transition\'s 90 days'],
      [{ id: 'r', transitions: [{ days: 30, storageClass: StorageClass.GLACIER }], expirationDays: 30 }, 'invalid "lifecycleRules[0].expirationDays": got 30; expected more than the last transition (30 days)'],
      [{ id: 'r', transitions: [{ days: 10, storageClass: StorageClass.STANDARD_IA }] }, 'invalid "lifecycleRules[0].transitions[0].days": got 10; expected at least 30 for STANDARD_IA'],
      [{ id: 'r', transitions: [{ days: 30, storageClass: 'GLACIER' }] }, 'invalid "lifecycleRules[0].transitions[0].storageClass": got "GLACIER"; expected a StorageClass: StorageClass.STANDARD_IA'],
      [{ id: 'r', transitions: [{ days: 30, storageClass: StorageClass.STANDARD }] }, 'invalid "lifecycleRules[0].transitions[0].storageClass": got "STANDARD"; expected a colder class than STANDARD'],
      [{ id: 'r', expirationDays: 0 }, 'invalid "lifecycleRules[0].expirationDays": got 0; expected a whole number from 1'],
      [{ id: 'r', noncurrentVersionExpirationDays: -5 }, 'invalid "lifecycleRules[0].noncurrentVersionExpirationDays": got -5'],
      [{ id: 'a rule', expirationDays: 5 }, 'invalid "lifecycleRules[0].id": got "a rule"; expected a rule id of 1-255 letters, digits, ".", "_" or "-"'],
    ])('lifecycle rule %#', (rule, message) => {
      expect(lifecycle(rule)).toThrow(`[test/Data] ${message}`);
    });

    test('Object Lock mode and retention', () => {
      expect(() => new SecureBucket(environmentStack(), 'Data', { purpose: 'd', objectLock: { mode: 'STRICT' as any, retentionDays: 7 } }))
        .toThrow('[test/Data] invalid "objectLock.mode": got "STRICT"; expected an ObjectLockMode: ObjectLockMode.GOVERNANCE or ObjectLockMode.COMPLIANCE');
      expect(() => new SecureBucket(environmentStack(), 'Data', { purpose: 'd', objectLock: { retentionDays: 0 } }))
        .toThrow('[test/Data] invalid "objectLock.retentionDays": got 0');
    });

    test('CORS origins and methods', () => {
      const prod = new SecureBucket(environmentStack(Environment.production({ project: 'livestreamsell' })), 'Data', { purpose: 'd' });
      const get = [CorsHttpMethod.GET];
      expect(() => prod.addCorsRule({ allowedOrigins: ['*'], allowedMethods: get })).toThrow('[test/Data] invalid "rule.allowedOrigins[0]": got "*"; expected explicit https origins in production');
      expect(() => prod.addCorsRule({ allowedOrigins: ['app.example.com'], allowedMethods: get })).toThrow('invalid "rule.allowedOrigins[0]": got "app.example.com"; expected an origin URL');
      expect(() => prod.addCorsRule({ allowedOrigins: ['http://app.example.com'], allowedMethods: get })).toThrow('expected an https origin in production');
      expect(() => prod.addCorsRule({ allowedOrigins: ['https://a.example.com'], allowedMethods: ['PATCH' as any] })).toThrow('invalid "rule.allowedMethods[0]": got "PATCH"; expected a CorsHttpMethod');
      const staging = new SecureBucket(environmentStack(), 'Data', { purpose: 'd' });
      expect(() => staging.addCorsRule({ allowedOrigins: ['*'], allowedMethods: get })).not.toThrow();
    });

    test('grant prefix and public-read prefix', () => {
      const stack = environmentStack();
      const bucket = new SecureBucket(stack, 'Data', { purpose: 'd' });
      expect(() => bucket.grantRead(new ServiceIdentity(stack, 'R', { serviceName: 'r' }), 'dumps/*')).toThrow('[test/Data] invalid "prefix": got "dumps/*"; expected an object key prefix');
      expect(() => bucket.grantRead({ granteeName: 'x' } as any)).toThrow('[test/Data] invalid "grantee": got {"granteeName":"x"}; expected an IGrantee');
      expect(() => new SecureBucket(environmentStack(), 'Site', { purpose: 's', unsafePublicReadPrefix: '' })).toThrow('[test/Site] invalid "unsafePublicReadPrefix": got ""; expected a non-empty key prefix');
    });
  });
});
