import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { DynamodbTable } from '@cdktf/provider-aws/lib/dynamodb-table';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { libraryStack, ruleIds, userStack } from './support';
import { CustomerManagedKey, SecureBucket, SecurityChecks, StateBackend } from '../../lib';

describe('S3 rules', () => {
  test('a bare bucket violates every S3 rule', () => {
    const { stack, checks } = userStack();
    new S3Bucket(stack, 'Public', { bucket: 'public-bucket', forceDestroy: true });
    expect(ruleIds(stack, checks)).toEqual(['LSS-S3-001', 'LSS-S3-002', 'LSS-S3-003', 'LSS-S3-004', 'LSS-S3-005', 'LSS-S3-006', 'LSS-S3-007', 'LSS-S3-008']);
  });

  test('a SecureBucket (and its log bucket) passes every rule', () => {
    const { stack, checks } = libraryStack();
    new SecureBucket(stack, 'Data', { purpose: 'data' });
    expect(ruleIds(stack, checks)).toEqual([]);
  });

  test('unsafe public read is reported as LSS-S3-001 until suppressed with a reason', () => {
    const { stack, checks } = libraryStack();
    const site = new SecureBucket(stack, 'Site', { purpose: 'site', unsafePublicReadPrefix: 'public/' });
    expect(ruleIds(stack, checks)).toEqual(['LSS-S3-001']);
    SecurityChecks.suppress(site, 'LSS-S3-001', 'Marketing assets under public/ are meant to be world-readable.');
    checks.findings.length = 0;
    expect(ruleIds(stack, checks)).toEqual([]);
    expect(checks.findings.filter((f) => f.suppressedBecause).map((f) => f.suppressedBecause)).toEqual(['Marketing assets under public/ are meant to be world-readable.']);
  });
});

describe('DynamoDB and KMS rules', () => {
  test('an unencrypted, unprotected lock table violates every DynamoDB rule', () => {
    const { stack, checks } = userStack();
    new DynamodbTable(stack, 'Locks', { name: 'locks', hashKey: 'LockID', billingMode: 'PAY_PER_REQUEST', attribute: [{ name: 'LockID', type: 'S' }] });
    expect(ruleIds(stack, checks)).toEqual(['LSS-DDB-001', 'LSS-DDB-002', 'LSS-DDB-003']);
  });

  test('StateBackend passes', () => {
    const { stack, checks } = libraryStack();
    new StateBackend(stack, 'State');
    expect(ruleIds(stack, checks)).toEqual([]);
  });

  test('a key without rotation violates LSS-KMS-001; CustomerManagedKey and asymmetric keys pass', () => {
    const { stack, checks } = userStack();
    new KmsKey(stack, 'NoRotation', { description: 'x' });
    new KmsKey(stack, 'Signing', { description: 'y', customerMasterKeySpec: 'RSA_2048', keyUsage: 'SIGN_VERIFY' });
    expect(ruleIds(stack, checks)).toEqual(['LSS-KMS-001']);
    const lib = libraryStack();
    new CustomerManagedKey(lib.stack, 'Key', { purpose: 'x' });
    expect(ruleIds(lib.stack, lib.checks)).toEqual([]);
  });
});

describe('VPC and security group rules', () => {
  test('a VPC without flow logs or a managed default security group', () => {
    const { stack, checks } = userStack();
    new Vpc(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    expect(ruleIds(stack, checks)).toEqual(['LSS-VPC-001', 'LSS-VPC-002']);
  });

  test('a VPC with flow logs and an empty default security group passes', () => {
    const { stack, checks } = userStack();
    const vpc = new Vpc(stack, 'Vpc', { cidrBlock: '10.0.0.0/16' });
    new FlowLog(stack, 'Flow', { vpcId: vpc.id, trafficType: 'ALL', logDestination: 'arn:aws:s3:::logs', logDestinationType: 's3' });
    new DefaultSecurityGroup(stack, 'DefaultSg', { vpcId: vpc.id });
    expect(ruleIds(stack, checks)).toEqual([]);
  });

  test.each([
    [{ fromPort: 22, toPort: 22, ipProtocol: 'tcp', cidrIpv4: '0.0.0.0/0', description: 'ssh' }, 'SSH (22) open to 0.0.0.0/0'],
    [{ fromPort: 3389, toPort: 3389, ipProtocol: 'tcp', cidrIpv6: '::/0', description: 'rdp' }, 'RDP (3389) open to ::/0'],
    [{ ipProtocol: '-1', cidrIpv4: '0.0.0.0/0', description: 'all' }, 'ingress from 0.0.0.0/0 on all ports'],
    // Judged by address space: half of IPv4, a public /8, 2000::/3; ports by the services they cover.
    [{ fromPort: 22, toPort: 22, ipProtocol: 'tcp', cidrIpv4: '0.0.0.0/1', description: 'ssh' }, 'SSH (22) open to 0.0.0.0/1'],
    [{ fromPort: 3390, toPort: 65535, ipProtocol: 'tcp', cidrIpv4: '8.0.0.0/8', description: 'high' }, 'PostgreSQL (5432), Kibana (5601), VNC (5900), Redis (6379)'],
    [{ fromPort: 5432, toPort: 5432, ipProtocol: 'tcp', cidrIpv6: '2000::/3', description: 'pg' }, 'PostgreSQL (5432) open to 2000::/3'],
  ])('internet-open ingress rule %#', (rule, message) => {
    const { stack, checks } = userStack();
    const sg = new SecurityGroup(stack, 'Sg', { name: 'sg', description: 'test' });
    new VpcSecurityGroupIngressRule(stack, 'Rule', { securityGroupId: sg.id, ...rule });
    checks.check(stack);
    expect(checks.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual([expect.stringContaining(`LSS-SG-002 ${message}`)]);
  });

  test('a private or narrow range on a sensitive port is not internet-wide', () => {
    const { stack, checks } = userStack();
    const sg = new SecurityGroup(stack, 'Sg', { name: 'sg', description: 'test' });
    new VpcSecurityGroupIngressRule(stack, 'Office', { securityGroupId: sg.id, fromPort: 22, toPort: 22, ipProtocol: 'tcp', cidrIpv4: '198.51.100.0/24', description: 'office' });
    new VpcSecurityGroupIngressRule(stack, 'Vpc', { securityGroupId: sg.id, fromPort: 5432, toPort: 5432, ipProtocol: 'tcp', cidrIpv4: '10.0.0.0/8', description: 'vpc' });
    checks.check(stack);
    expect(checks.findings.filter((f) => f.ruleId === 'LSS-SG-002')).toEqual([]);
  });

  test('inline rules without a description; HTTPS from the internet with one is fine', () => {
    const { stack, checks } = userStack();
    new SecurityGroup(stack, 'Sg', {
      name: 'sg',
      description: 'test',
      ingress: [
        { fromPort: 443, toPort: 443, protocol: 'tcp', cidrBlocks: ['0.0.0.0/0'], description: 'HTTPS from anywhere' },
        { fromPort: 5432, toPort: 5432, protocol: 'tcp', cidrBlocks: ['10.0.0.0/16'] },
      ],
    });
    checks.check(stack);
    expect(checks.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual(['LSS-SG-001 ingress rule tcp:5432-5432 has no description']);
  });
});
