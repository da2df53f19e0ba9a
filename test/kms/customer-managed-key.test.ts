import { Testing } from 'cdktf';
import { CustomerManagedKey, Environment, EnvironmentStack, ICustomerManagedKey, SecureBucket, ServiceIdentity } from '../../lib';
import { Template, environmentStack } from '../support/template';

describe('CustomerManagedKey', () => {
  test.each([
    ['staging', Environment.staging({ project: 'acme' }), 7, undefined],
    ['production', Environment.production({ project: 'acme' }), 30, { prevent_destroy: true }],
  ])('%s: rotation always on, deletion window and prevent_destroy from the environment, an alias', (_, env, window, lifecycle) => {
    const stack = environmentStack(env);
    new CustomerManagedKey(stack, 'Key', { purpose: 'exports' });
    const t = Template.of(stack);
    expect(t.only('aws_kms_key')).toMatchObject({ enable_key_rotation: true, deletion_window_in_days: window, description: `acme-${env.name}-exports (managed by cdktf)` });
    expect(t.only('aws_kms_key').lifecycle).toEqual(lifecycle);
    expect(t.only('aws_kms_alias').name).toBe(`alias/acme-${env.name}-exports`);
  });

  test('allowService adds a statement scoped to the account, with a sid that does not depend on call order', () => {
    const sidsOf = (services: string[]) => {
      const key = new CustomerManagedKey(environmentStack(), 'Key', { purpose: 'logs' });
      return Object.fromEntries(services.map((s) => [s, key.allowService(s, ['kms:Decrypt']).sid]));
    };
    const both = sidsOf(['logging.s3.amazonaws.com', 'delivery.logs.amazonaws.com']);
    expect(sidsOf(['delivery.logs.amazonaws.com', 'logging.s3.amazonaws.com'])).toEqual(both);
    expect(both['logging.s3.amazonaws.com']).toMatch(/^AllowLogging[0-9a-f]{8}$/);
    const stack = environmentStack();
    const key = new CustomerManagedKey(stack, 'Key', { purpose: 'logs' });
    key.allowService('logging.s3.amazonaws.com', ['kms:GenerateDataKey*']);
    const statements = (Object.values(Template.of(stack).dataSources('aws_iam_policy_document'))[0] as any).statement;
    expect(statements[1]).toMatchObject({
      actions: ['kms:GenerateDataKey*'],
      resources: ['*'],
      principals: [{ type: 'Service', identifiers: ['logging.s3.amazonaws.com'] }],
      condition: [{ test: 'StringEquals', variable: 'aws:SourceAccount', values: ['${data.aws_caller_identity.AwsCallerIdentity.account_id}'] }],
    });
  });

  test('grants on a key are identity-policy statements on its ARN', () => {
    const stack = environmentStack();
    const key = new CustomerManagedKey(stack, 'Key', { purpose: 'exports' });
    const reader = new ServiceIdentity(stack, 'Reader', { serviceName: 'reader' });
    const grant = key.grantDecrypt(reader);
    expect(grant.statements).toEqual([{ sid: expect.stringMatching(/^KmsReaderDecrypt[0-9a-f]{8}$/), actions: ['kms:Decrypt', 'kms:DescribeKey'], resources: [expect.stringMatching(/^\$\{TfToken/)] }]);
    expect(Template.of(stack).resourceList('aws_iam_group_policy')).toHaveLength(1);
    expect(key.grantDecrypt(reader)).toBe(grant);
    expect(key.grantEncryptDecrypt(reader).sids[0]).toMatch(/^KmsReaderEncryptDecrypt/);
    expect(key.grantEncrypt(reader).statements[0].actions).toEqual(['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey']);
  });

  describe('fromKeyArn', () => {
    const ARN = 'arn:aws:kms:eu-central-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';

    test('region and id from the ARN; grants work; its key policy stays where it is defined', () => {
      const stack = environmentStack();
      const key: ICustomerManagedKey = CustomerManagedKey.fromKeyArn(stack, 'Shared', ARN);
      expect([key.region, key.keyId, key.keyArn]).toEqual(['eu-central-1', '1234abcd-12ab-34cd-56ef-1234567890ab', ARN]);
      const reader = new ServiceIdentity(stack, 'Reader', { serviceName: 'reader' });
      expect(key.grantDecrypt(reader).resources).toEqual([ARN]);
      expect(() => key.allowService('logging.s3.amazonaws.com')).toThrow(
        '[test/Shared] invalid "servicePrincipal": got "logging.s3.amazonaws.com"; expected a key created in this app (a CustomerManagedKey): the policy of an imported key is managed where the key is defined, so add the service there',
      );
      expect(Template.of(stack).count('aws_kms_key')).toBe(0);
    });

    test('an alias ARN or anything else is refused', () => {
      expect(() => CustomerManagedKey.fromKeyArn(environmentStack(), 'Shared', 'arn:aws:kms:us-east-1:111122223333:alias/shared')).toThrow(
        '[test/Shared] invalid "keyArn": got "arn:aws:kms:us-east-1:111122223333:alias/shared"; expected a KMS key ARN "arn:<partition>:kms:<region>:<account>:key/<key id>" (not an alias)',
      );
    });

    test('a bucket in another region than its key is refused', () => {
      const stack = environmentStack();
      expect(() => new SecureBucket(stack, 'Data', { purpose: 'data', encryptionKey: CustomerManagedKey.fromKeyArn(stack, 'Shared', ARN) })).toThrow(
        `[test/Data] invalid "encryptionKey": got "${ARN}"; expected a key in the bucket's region "us-east-1" (S3 encrypts only with keys of its own region), not one in "eu-central-1"`,
      );
    });
  });

  test('isCustomerManagedKey recognizes created and imported keys', () => {
    const stack = environmentStack();
    expect(CustomerManagedKey.isCustomerManagedKey(new CustomerManagedKey(stack, 'Key', { purpose: 'x' }))).toBe(true);
    expect(CustomerManagedKey.isCustomerManagedKey(CustomerManagedKey.fromKeyArn(stack, 'Imported', 'arn:aws:kms:us-east-1:111122223333:key/abc'))).toBe(true);
    expect(CustomerManagedKey.isCustomerManagedKey({ keyArn: 'arn:aws:kms:us-east-1:111122223333:key/abc' })).toBe(false);
  });

  test('two keys of one app with one alias in one region fail, naming both', () => {
    const app = Testing.app();
    const env = Environment.staging({ project: 'acme' });
    new CustomerManagedKey(new EnvironmentStack(app, 'one', { environment: env }), 'Key', { purpose: 'x', alias: 'alias/shared' });
    // Another region may use the same alias.
    new CustomerManagedKey(new EnvironmentStack(app, 'west', { environment: env }), 'Key', { purpose: 'x', alias: 'alias/shared', region: 'us-west-2' });
    expect(() => new CustomerManagedKey(new EnvironmentStack(app, 'two', { environment: env }), 'Key', { purpose: 'y', alias: 'alias/shared' })).toThrow(
      '[two/Key] invalid "alias": got "alias/shared"; expected a KMS alias not already used in us-east-1 by [one/Key]: aliases are unique per account and region: give one key another "alias" (or "purpose")',
    );
  });
});
