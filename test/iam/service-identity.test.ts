import { Testing } from 'cdktf';
import { Environment, EnvironmentStack, IServiceIdentity, SecretValue, SecureBucket, ServiceIdentity } from '../../lib';
import { Template, environmentStack } from '../support/template';

const statementsOf = (t: Template, policyName: string): any[] => {
  const policy = t.resourceList('aws_iam_group_policy').find((p) => p.name === policyName);
  return t.dataSources('aws_iam_policy_document')[/data\.aws_iam_policy_document\.([^.]+)\.json/.exec(policy.policy)![1]].statement;
};

describe('ServiceIdentity', () => {
  test('an IAM user in its own group, the grants on the group, one access key', () => {
    const stack = environmentStack();
    const api = new ServiceIdentity(stack, 'Api', { serviceName: 'api' });
    new SecureBucket(stack, 'Data', { purpose: 'data' }).grantRead(api);
    const t = Template.of(stack);
    expect(t.only('aws_iam_user')).toMatchObject({ name: 'livestreamsell-staging-api', path: '/livestreamsell/', force_destroy: false, tags: { service: 'api' } });
    expect(t.only('aws_iam_group')).toMatchObject({ name: 'livestreamsell-staging-api', path: '/livestreamsell/' });
    expect(t.only('aws_iam_user_group_membership').groups).toEqual([expect.stringMatching(/^\$\{aws_iam_group\.Api_Group_[0-9A-F]{8}\.name\}$/)]);
    expect(t.only('aws_iam_group_policy').name).toBe('livestreamsell-staging-api-grants');
    expect(t.count('aws_iam_user_policy')).toBe(0);
    expect(t.count('aws_iam_access_key')).toBe(1);
    expect(api.groupName).toBe('livestreamsell-staging-api');
    expect(api.accessKeyId!.value).toMatch(/^\$\{TfToken/);
    expect(t.json.output).toBeUndefined();
  });

  test('sensitive outputs of the key, only when asked for', () => {
    const stack = environmentStack();
    const api = new ServiceIdentity(stack, 'Api', { serviceName: 'api', sensitiveOutputs: true });
    new SecureBucket(stack, 'Data', { purpose: 'data' }).grantRead(api);
    const outputs = Object.values(Template.of(stack).json.output) as any[];
    expect(outputs.map((o) => [o.sensitive, o.value])).toEqual([[true, expect.stringMatching(/^\$\{aws_iam_access_key\.Api_AccessKey_\w+\.id\}$/)], [true, expect.stringMatching(/^\$\{aws_iam_access_key\.Api_AccessKey_\w+\.secret\}$/)]]);
  });

  test('an identity that was granted nothing fails synth', () => {
    const stack = environmentStack();
    new ServiceIdentity(stack, 'Idle', { serviceName: 'idle' });
    expect(() => Template.of(stack)).toThrow('[test/Idle] invalid "serviceName": got "idle"; expected an identity that is granted something: this one was granted nothing, so remove it or grant it access');
  });

  test('two identities of one app with one IAM name fail, naming both, across stacks', () => {
    const app = Testing.app();
    const env = Environment.staging({ project: 'acme' });
    new ServiceIdentity(new EnvironmentStack(app, 'one', { environment: env }), 'Api', { serviceName: 'api' });
    expect(() => new ServiceIdentity(new EnvironmentStack(app, 'two', { environment: env }), 'Worker', { serviceName: 'api' })).toThrow(
      '[two/Worker] invalid "serviceName": got "acme-staging-api"; expected an IAM user name not already used by [one/Api]: IAM names are unique in an AWS account: give one of the identities another "serviceName"',
    );
  });

  describe('fromIdentityAttributes: an existing IAM group', () => {
    test('grants become one inline policy of that group; nothing else is created', () => {
      const stack = environmentStack();
      const ops = ServiceIdentity.fromIdentityAttributes(stack, 'Ops', { groupName: 'ops-team' });
      const bucket = new SecureBucket(stack, 'Data', { purpose: 'data' });
      bucket.grantRead(ops, 'reports/');
      bucket.grantWrite(ops, 'uploads/');
      const t = Template.of(stack);
      expect(t.count('aws_iam_user')).toBe(0);
      expect(t.count('aws_iam_access_key')).toBe(0);
      expect(t.only('aws_iam_group_policy')).toMatchObject({ name: 'Ops-grants', group: 'ops-team' });
      expect(statementsOf(t, 'Ops-grants').map((s) => s.sid)).toEqual([
        expect.stringMatching(/^DataOpsTeamReadReportsObjects[0-9a-f]{8}$/),
        expect.stringMatching(/^DataOpsTeamReadReportsKey[0-9a-f]{8}$/),
        expect.stringMatching(/^DataOpsTeamReadReportsList[0-9a-f]{8}$/),
        expect.stringMatching(/^DataOpsTeamWriteUploadsObjects[0-9a-f]{8}$/),
        expect.stringMatching(/^DataOpsTeamWriteUploadsKey[0-9a-f]{8}$/),
      ]);
      expect(ops.accessKeyId).toBeUndefined();
    });

    test('an import that is granted nothing creates nothing', () => {
      const stack = environmentStack();
      ServiceIdentity.fromIdentityAttributes(stack, 'Ops', { groupName: 'ops' });
      expect(Template.of(stack).count('aws_iam_group_policy')).toBe(0);
    });

    test('access keys from a secret store, as SecretValues, both or none', () => {
      const stack = environmentStack();
      const keyId = SecretValue.fromVariable(stack, 'ops_key_id');
      const imported = ServiceIdentity.fromIdentityAttributes(stack, 'Ops', { groupName: 'ops', accessKeyId: keyId, secretAccessKey: SecretValue.fromVariable(stack, 'ops_secret') });
      expect(imported.accessKeyId).toBe(keyId);
      expect(() => ServiceIdentity.fromIdentityAttributes(stack, 'Half', { groupName: 'ops', policyName: 'half', accessKeyId: keyId }))
        .toThrow('[test/Half] invalid "attrs.secretAccessKey": got undefined; expected a SecretValue: an access key is given as both "accessKeyId" and "secretAccessKey", or not at all');
      expect(() => ServiceIdentity.fromIdentityAttributes(stack, 'Plain', { groupName: 'ops', policyName: 'plain', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' as any }))
        .toThrow('[test/Plain] invalid "attrs.accessKeyId": got "<string redacted>"; expected a SecretValue');
    });

    test('two imports that would write the same inline policy of one group fail, naming both', () => {
      const app = Testing.app();
      const env = Environment.staging({ project: 'acme' });
      ServiceIdentity.fromIdentityAttributes(new EnvironmentStack(app, 'one', { environment: env }), 'Ops', { groupName: 'ops' });
      expect(() => ServiceIdentity.fromIdentityAttributes(new EnvironmentStack(app, 'two', { environment: env }), 'Ops', { groupName: 'ops' })).toThrow(
        '[two/Ops] invalid "attrs.policyName": got "Ops-grants"; expected an inline policy name not already used in IAM group "ops" by [one/Ops]: a second policy of that name would replace the first: give one import another "policyName"',
      );
    });
  });

  test('isServiceIdentity recognizes created and imported identities by brand, not by class', () => {
    const stack = environmentStack();
    const created = new ServiceIdentity(stack, 'Api', { serviceName: 'api' });
    new SecureBucket(stack, 'Data', { purpose: 'data' }).grantRead(created);
    const imported: IServiceIdentity = ServiceIdentity.fromIdentityAttributes(stack, 'Ops', { groupName: 'ops' });
    expect(ServiceIdentity.isServiceIdentity(created)).toBe(true);
    expect(ServiceIdentity.isServiceIdentity(imported)).toBe(true);
    expect(ServiceIdentity.isServiceIdentity({ groupName: 'ops', granteeName: 'ops', addToPrincipalPolicy: () => undefined })).toBe(false);
    // Another copy of the library brands with the same Symbol.for key.
    expect(ServiceIdentity.isServiceIdentity(Object.defineProperty({}, Symbol.for('@livestreamsell/cdktf-constructs.ServiceIdentity'), { value: true }))).toBe(true);
  });
});
