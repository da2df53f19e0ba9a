import { Environment, FlowLogDestination, FlowLogTrafficType, SecureBucket, VpcFlowLogs } from '../../lib';
import { Template, environmentStack } from '../support/template';

const docs = (t: Template) => Object.values(t.dataSources('aws_iam_policy_document')) as any[];
const statementsWith = (t: Template, sid: string) => docs(t).flatMap((d) => d.statement).filter((s: any) => s.sid === sid);

describe('VpcFlowLogs to CloudWatch Logs (default)', () => {
  const stack = environmentStack(Environment.production({ project: 'livestreamsell' }));
  new VpcFlowLogs(stack, 'FlowLogs', { vpcId: 'vpc-0123456789abcdef0' });
  const t = Template.of(stack);

  test('a KMS-encrypted log group with the environment retention and prevent_destroy', () => {
    expect(t.only('aws_cloudwatch_log_group')).toMatchObject({
      name: '/aws/vpc/flow-logs/livestreamsell-production',
      retention_in_days: 365,
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\..*\.arn\}$/),
      lifecycle: { prevent_destroy: true },
    });
    expect(t.only('aws_kms_key')).toMatchObject({ enable_key_rotation: true });
  });

  test('flow log of ALL traffic into the log group through the role', () => {
    expect(t.only('aws_flow_log')).toMatchObject({
      vpc_id: 'vpc-0123456789abcdef0',
      traffic_type: 'ALL',
      max_aggregation_interval: 600,
      log_destination_type: 'cloud-watch-logs',
      log_destination: expect.stringContaining('aws_cloudwatch_log_group.'),
      iam_role_arn: expect.stringContaining('aws_iam_role.'),
    });
  });

  test('the key admits CloudWatch Logs only for this log group', () => {
    const [stmt] = statementsWith(t, 'AllowCloudWatchLogsForFlowLogGroup');
    expect(stmt.principals).toEqual([{ type: 'Service', identifiers: ['logs.us-east-1.amazonaws.com'] }]);
    expect(stmt.condition).toEqual([expect.objectContaining({
      test: 'ArnEquals',
      variable: 'kms:EncryptionContext:aws:logs:arn',
      values: [expect.stringMatching(/:logs:us-east-1:.*:log-group:\/aws\/vpc\/flow-logs\/livestreamsell-production$/)],
    })]);
  });

  test('the role trusts only this account\'s flow logs and may only write to its log group', () => {
    const trust = docs(t).find((d) => JSON.stringify(d).includes('vpc-flow-logs.amazonaws.com'));
    expect(trust.statement[0].condition).toEqual(expect.arrayContaining([
      expect.objectContaining({ test: 'StringEquals', variable: 'aws:SourceAccount' }),
      expect.objectContaining({ test: 'ArnLike', variable: 'aws:SourceArn', values: [expect.stringContaining(':vpc-flow-log/*')] }),
    ]));
    const [write] = statementsWith(t, 'WriteFlowLogs');
    expect(write.resources).toEqual([expect.stringContaining('aws_cloudwatch_log_group.'), expect.stringMatching(/aws_cloudwatch_log_group\..*\.arn\}:\*$/)]);
    expect(t.only('aws_iam_role_policy').role).toContain('aws_iam_role.');
  });
});

describe('VpcFlowLogs options', () => {
  test('staging keeps 30 days; retention, traffic type and interval can be set', () => {
    const stack = environmentStack();
    new VpcFlowLogs(stack, 'FlowLogs', { vpcId: 'vpc-0123456789abcdef0', retentionDays: 90, trafficType: FlowLogTrafficType.REJECT, maxAggregationIntervalSeconds: 60 });
    const t = Template.of(stack);
    expect(t.only('aws_cloudwatch_log_group').retention_in_days).toBe(90);
    expect(t.only('aws_cloudwatch_log_group').lifecycle).toBeUndefined();
    expect(t.only('aws_flow_log')).toMatchObject({ traffic_type: 'REJECT', max_aggregation_interval: 60 });
  });

  test('to S3: the bucket admits only this account\'s log delivery, and no log group or role is made', () => {
    const stack = environmentStack();
    const bucket = new SecureBucket(stack, 'Logs', { purpose: 'flow-logs' });
    new VpcFlowLogs(stack, 'FlowLogs', { vpcId: 'vpc-0123456789abcdef0', destination: FlowLogDestination.S3, bucket });
    const t = Template.of(stack);
    expect(t.only('aws_flow_log')).toMatchObject({ log_destination_type: 's3', log_destination: expect.stringContaining('aws_s3_bucket.Logs_') });
    expect(t.count('aws_cloudwatch_log_group')).toBe(0);
    expect(t.count('aws_iam_role')).toBe(0);
    const [write] = statementsWith(t, 'AWSLogDeliveryWrite');
    expect(write).toMatchObject({ actions: ['s3:PutObject'], principals: [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }] });
    expect(write.resources[0]).toMatch(/\/AWSLogs\/\$\{data\.aws_caller_identity\..*\.account_id\}\/\*$/);
    expect(statementsWith(t, 'AWSLogDeliveryAclCheck')).toHaveLength(1);
    expect(JSON.stringify(docs(t))).toContain('delivery.logs.amazonaws.com');
  });

  test.each<[object, string]>([
    [{ destination: 'kinesis' }, '[test/FlowLogs] invalid "destination": got "kinesis"; expected a FlowLogDestination: FlowLogDestination.CLOUD_WATCH_LOGS or FlowLogDestination.S3'],
    [{ destination: FlowLogDestination.S3 }, '[test/FlowLogs] invalid "bucket": got undefined; expected a SecureBucket when destination is FlowLogDestination.S3'],
    [{ trafficType: 'SOME' }, '[test/FlowLogs] invalid "trafficType": got "SOME"; expected a FlowLogTrafficType: FlowLogTrafficType.ALL, FlowLogTrafficType.ACCEPT or FlowLogTrafficType.REJECT'],
    [{ maxAggregationIntervalSeconds: 300 }, '[test/FlowLogs] invalid "maxAggregationIntervalSeconds": got 300; expected 60 or 600'],
    [{ retentionDays: 45 }, '[test/FlowLogs] invalid "retentionDays": got 45; expected one of 1, 3, 5, 7, 14, 30, 60, 90'],
    [{ retentionDays: NaN }, '[test/FlowLogs] invalid "retentionDays": got NaN; expected one of 1, 3, 5, 7, 14, 30, 60, 90'],
    [{ bucket: { bucketName: 'logs' } }, '[test/FlowLogs] invalid "bucket": got {"bucketName":"logs"}; expected a SecureBucket'],
    [{ name: 'Flow Logs' }, '[test/FlowLogs] invalid "name": got "Flow Logs"; expected a name of 1-63 lowercase letters, digits or "-"'],
  ])('rejects %j', (options, message) => {
    expect(() => new VpcFlowLogs(environmentStack(), 'FlowLogs', { vpcId: 'vpc-0123456789abcdef0', ...options } as any)).toThrow(message);
  });

  test('two flow logs with one name in the app fail naming both (log group, role and key alias are account-wide)', () => {
    const stack = environmentStack();
    new VpcFlowLogs(stack, 'FlowLogs', { vpcId: 'vpc-0123456789abcdef0' });
    expect(() => new VpcFlowLogs(stack, 'More', { vpcId: 'vpc-0fedcba9876543210' })).toThrow(
      '[test/More] invalid "name": got "livestreamsell-staging"; expected a name no other VPC flow log of this app uses (test/FlowLogs already does: the log group "/aws/vpc/flow-logs/livestreamsell-staging", its role and key alias would collide)',
    );
    new VpcFlowLogs(stack, 'Named', { vpcId: 'vpc-0fedcba9876543210', name: 'livestreamsell-staging-data' });
    const t = Template.of(stack);
    expect(t.resourceList('aws_cloudwatch_log_group').map((g) => g.name).sort()).toEqual(['/aws/vpc/flow-logs/livestreamsell-staging', '/aws/vpc/flow-logs/livestreamsell-staging-data']);
    expect(t.resourceList('aws_kms_alias').map((a) => a.name).sort()).toEqual(['alias/livestreamsell-staging-data-flow-logs', 'alias/livestreamsell-staging-flow-logs']);
    expect(VpcFlowLogs.isVpcFlowLogs(stack.node.findChild('Named'))).toBe(true);
  });

  test('rejects a bucket with the CloudWatch destination', () => {
    const stack = environmentStack();
    const bucket = new SecureBucket(stack, 'Logs', { purpose: 'flow-logs' });
    expect(() => new VpcFlowLogs(stack, 'FlowLogs', { vpcId: 'vpc-0123456789abcdef0', bucket })).toThrow(
      '[test/FlowLogs] invalid "bucket": got <SecureBucket instance>; expected no bucket unless destination is FlowLogDestination.S3',
    );
  });
});
