import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { ValidationError } from '../core/errors';
import { awsAccountId, awsPartition } from '../core/private/aws-account';
import { markLibraryConstruct } from '../core/private/escape';
import { protectFromDestroy } from '../core/private/lifecycle';
import { assertInteger, assertOneOf } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { PolicyDocument } from '../iam/policy-document';
import { CustomerManagedKey, KMS_ENCRYPT_DECRYPT_ACTIONS } from '../kms/customer-managed-key';
import { SecureBucket } from '../storage/secure-bucket';

/** Where flow logs go. */
export const FLOW_LOG_DESTINATIONS = ['cloud-watch-logs', 's3'];
/** Traffic a flow log records. */
export const FLOW_LOG_TRAFFIC_TYPES = ['ALL', 'ACCEPT', 'REJECT'];
/** Retention values CloudWatch Logs accepts, days. */
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Flow log settings of a `Vpc`. */
export interface FlowLogsOptions {
  /**
   * "cloud-watch-logs" (a KMS-encrypted log group with retention) or "s3" (`bucket`).
   * @default "cloud-watch-logs"
   */
  readonly destination?: string;
  /**
   * Bucket that receives the logs when `destination` is "s3"; its bucket policy and
   * key policy are extended so that only this account's log delivery can write.
   * @default - none; required for "s3"
   */
  readonly bucket?: SecureBucket;
  /**
   * Days the log group keeps flow logs (a value CloudWatch accepts).
   * @default - the environment's `logRetentionDays` (production 365, staging 30)
   */
  readonly retentionDays?: number;
  /**
   * KMS key of the log group.
   * @default - a new rotating customer-managed key
   */
  readonly encryptionKey?: CustomerManagedKey;
  /**
   * "ALL", "ACCEPT" or "REJECT".
   * @default "ALL"
   */
  readonly trafficType?: string;
  /**
   * Aggregation interval, 60 or 600 seconds.
   * @default 600
   */
  readonly maxAggregationIntervalSeconds?: number;
}

/** Props of `VpcFlowLogs`. */
export interface VpcFlowLogsProps extends FlowLogsOptions {
  /** VPC id. */
  readonly vpcId: string;
  /**
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * VPC flow logs, always on. The default destination is a CloudWatch log group
 * encrypted with a customer-managed key (whose policy admits CloudWatch Logs only
 * for this log group) and retention from the environment, written by a role that
 * only the flow-logs service of this account can assume and that may only write to
 * that group. With `destination: "s3"`, logs go to a SecureBucket instead.
 *
 * @example
 * new VpcFlowLogs(this, 'FlowLogs', { vpcId: vpc.vpcId });
 */
export class VpcFlowLogs extends Construct {
  /** The `aws_flow_log`. */
  public readonly resource: FlowLog;
  /** The log group (CloudWatch destination only). */
  public readonly logGroup?: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    const destination = props.destination ?? 'cloud-watch-logs';
    assertOneOf(this, 'flowLogs.destination', destination, FLOW_LOG_DESTINATIONS);
    const trafficType = props.trafficType ?? 'ALL';
    assertOneOf(this, 'flowLogs.trafficType', trafficType, FLOW_LOG_TRAFFIC_TYPES);
    const interval = props.maxAggregationIntervalSeconds ?? 600;
    if (interval !== 60 && interval !== 600) {
      throw new ValidationError(this, 'flowLogs.maxAggregationIntervalSeconds', interval, '60 or 600');
    }
    const common = { vpcId: props.vpcId, trafficType, maxAggregationInterval: interval, tags: { ...env.tags, Name: env.resourceName('flow-logs') } };

    if (destination === 's3') {
      if (!props.bucket) throw new ValidationError(this, 'flowLogs.bucket', undefined, 'a SecureBucket when destination is "s3"');
      this.allowLogDelivery(props.bucket, env);
      this.resource = new FlowLog(this, 'Resource', { ...common, logDestinationType: 's3', logDestination: props.bucket.bucketArn });
      return;
    }
    if (props.bucket) throw new ValidationError(this, 'flowLogs.bucket', props.bucket.bucketName, 'no bucket unless destination is "s3"');

    const retention = props.retentionDays ?? env.logRetentionDays;
    assertInteger(this, 'flowLogs.retentionDays', retention, 1, 3653);
    if (!LOG_RETENTION_DAYS.includes(retention)) {
      throw new ValidationError(this, 'flowLogs.retentionDays', retention, `one of ${LOG_RETENTION_DAYS.join(', ')} (CloudWatch Logs retention values)`);
    }
    const name = `/aws/vpc/flow-logs/${env.resourceName()}`;
    const partition = awsPartition(this);
    const account = awsAccountId(this);
    const logGroupArn = `arn:${partition}:logs:${env.region}:${account}:log-group:${name}`;
    const key = props.encryptionKey ?? new CustomerManagedKey(this, 'Key', { purpose: 'flow-logs', environment: env });
    // CloudWatch Logs calls KMS with the log group ARN as encryption context: the
    // key admits the service for this one log group, nothing else.
    key.policy.addStatements({
      sid: 'AllowCloudWatchLogsForFlowLogGroup',
      actions: KMS_ENCRYPT_DECRYPT_ACTIONS,
      resources: ['*'],
      principals: [{ type: 'Service', identifiers: [`logs.${env.region}.amazonaws.com`] }],
      conditions: [{ test: 'ArnEquals', variable: 'kms:EncryptionContext:aws:logs:arn', values: [logGroupArn] }],
    });
    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      name,
      retentionInDays: retention,
      kmsKeyId: key.keyArn,
      tags: { ...env.tags, Name: name },
    });
    protectFromDestroy(this.logGroup, env.preventDestroy);

    const trust = new PolicyDocument(this, 'TrustPolicy', [{
      actions: ['sts:AssumeRole'],
      resources: [],
      principals: [{ type: 'Service', identifiers: ['vpc-flow-logs.amazonaws.com'] }],
      // Confused-deputy protection: only flow logs of this account may use the role.
      conditions: [
        { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
        { test: 'ArnLike', variable: 'aws:SourceArn', values: [`arn:${partition}:ec2:${env.region}:${account}:vpc-flow-log/*`] },
      ],
    }]);
    const role = new IamRole(this, 'Role', {
      name: env.resourceName('vpc-flow-logs'),
      description: 'Lets VPC flow logs write to their log group',
      assumeRolePolicy: trust.json,
      tags: env.tags,
    });
    const permissions = new PolicyDocument(this, 'RolePolicyDocument', [
      { sid: 'WriteFlowLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], resources: [this.logGroup.arn, `${this.logGroup.arn}:*`] },
      { sid: 'DescribeLogGroups', actions: ['logs:DescribeLogGroups'], resources: [`arn:${partition}:logs:${env.region}:${account}:log-group:*`] },
    ]);
    new IamRolePolicy(this, 'RolePolicy', { name: 'write-flow-logs', role: role.id, policy: permissions.json });

    this.resource = new FlowLog(this, 'Resource', {
      ...common,
      logDestinationType: 'cloud-watch-logs',
      logDestination: this.logGroup.arn,
      iamRoleArn: role.arn,
    });
  }

  /** Lets the log delivery service of this account write flow logs into `bucket`. */
  private allowLogDelivery(bucket: SecureBucket, env: Environment): void {
    const account = awsAccountId(this);
    const sourceArn = `arn:${awsPartition(this)}:logs:${env.region}:${account}:*`;
    const delivery = [{ type: 'Service', identifiers: ['delivery.logs.amazonaws.com'] }];
    const conditions = [
      { test: 'StringEquals', variable: 'aws:SourceAccount', values: [account] },
      { test: 'ArnLike', variable: 'aws:SourceArn', values: [sourceArn] },
    ];
    bucket.addToResourcePolicy(
      { sid: 'AWSLogDeliveryWrite', actions: ['s3:PutObject'], resources: [bucket.arnForObjects(`AWSLogs/${account}/*`)], principals: delivery, conditions },
      { sid: 'AWSLogDeliveryAclCheck', actions: ['s3:GetBucketAcl', 's3:ListBucket'], resources: [bucket.bucketArn], principals: delivery, conditions },
    );
    bucket.encryptionKey.allowService('delivery.logs.amazonaws.com', KMS_ENCRYPT_DECRYPT_ACTIONS);
  }
}
