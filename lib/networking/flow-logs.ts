import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { Construct } from 'constructs';
import { readEnum } from './private/enums';
import { appRegistry } from './private/registry';
import { Reporter, propsInput } from './private/reporter';
import { requiredString } from './private/text';
import { ValidationError, pathOf } from '../core/errors';
import { awsAccountId, awsPartition } from '../core/private/aws-account';
import { brandEnumLike } from '../core/private/enum-like';
import { markLibraryConstruct } from '../core/private/escape';
import { protectFromDestroy } from '../core/private/lifecycle';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { PolicyDocument } from '../iam/policy-document';
import { CustomerManagedKey, KMS_ENCRYPT_DECRYPT_ACTIONS } from '../kms/customer-managed-key';
import { SecureBucket } from '../storage/secure-bucket';

/**
 * Where VPC flow logs go.
 *
 * @example
 * const bucket = new SecureBucket(this, 'FlowLogBucket', { purpose: 'flow-logs' });
 * new VpcFlowLogs(this, 'FlowLogs', { vpcId: 'vpc-0123456789abcdef0', destination: FlowLogDestination.S3, bucket });
 */
export class FlowLogDestination {
  /** A KMS-encrypted CloudWatch log group with retention (the default). */
  public static readonly CLOUD_WATCH_LOGS = new FlowLogDestination('cloud-watch-logs');
  /** A `SecureBucket` (`bucket`). */
  public static readonly S3 = new FlowLogDestination('s3');

  private constructor(
    /** The AWS `log_destination_type`. */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'FlowLogDestination');
  }
}

/**
 * Which traffic a flow log records.
 *
 * @example
 * new VpcFlowLogs(this, 'FlowLogs', { vpcId: 'vpc-0123456789abcdef0', trafficType: FlowLogTrafficType.REJECT });
 */
export class FlowLogTrafficType {
  /** Accepted and rejected traffic. */
  public static readonly ALL = new FlowLogTrafficType('ALL');
  /** Accepted traffic only. */
  public static readonly ACCEPT = new FlowLogTrafficType('ACCEPT');
  /** Rejected traffic only. */
  public static readonly REJECT = new FlowLogTrafficType('REJECT');

  private constructor(
    /** The AWS `traffic_type`. */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'FlowLogTrafficType');
  }
}

/** Retention values CloudWatch Logs accepts, days. */
const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/** Flow log settings of a `Vpc`. */
export interface FlowLogsOptions {
  /**
   * Where the logs go.
   * @default FlowLogDestination.CLOUD_WATCH_LOGS
   */
  readonly destination?: FlowLogDestination;
  /**
   * Bucket that receives the logs when `destination` is S3; its bucket policy and
   * key policy are extended so that only this account's log delivery can write.
   * @default - none; required for S3
   */
  readonly bucket?: SecureBucket;
  /**
   * Days the log group keeps flow logs (a value CloudWatch accepts: 1, 3, 5, 7, 14, 30, 60, 90, ... 3653).
   * @default - the environment's `logRetentionDays` (365 in production, 30 elsewhere)
   */
  readonly retentionDays?: number;
  /**
   * KMS key of the log group.
   * @default - a new rotating customer-managed key
   */
  readonly encryptionKey?: CustomerManagedKey;
  /**
   * Which traffic to record.
   * @default FlowLogTrafficType.ALL
   */
  readonly trafficType?: FlowLogTrafficType;
  /**
   * Aggregation interval, 60 or 600 seconds.
   * @default 600
   */
  readonly maxAggregationIntervalSeconds?: number;
}

/** Props of `VpcFlowLogs`. */
export interface VpcFlowLogsProps extends FlowLogsOptions {
  /** VPC id ("vpc-..." or a token). */
  readonly vpcId: string;
  /**
   * Base of the log group, role and key alias names, unique in the app.
   * @default "<project>-<environment>"
   */
  readonly name?: string;
  /**
   * The environment (names, tags, retention, protection).
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

const VPC_FLOW_LOGS_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.VpcFlowLogs');
const isBucket = (x: unknown): x is SecureBucket => x !== null && typeof x === 'object' && typeof (x as any).addToResourcePolicy === 'function' && typeof (x as any).arnForObjects === 'function';
const isKey = (x: unknown): x is CustomerManagedKey => x !== null && typeof x === 'object' && typeof (x as any).allowService === 'function' && (x as any).policy !== undefined;

/**
 * VPC flow logs, always on. The default destination is a CloudWatch log group
 * encrypted with a customer-managed key (whose policy admits CloudWatch Logs only
 * for this log group) and retention from the environment, written by a role that
 * only the flow-logs service of this account can assume and that may only write to
 * that group. With `destination: FlowLogDestination.S3`, logs go to a SecureBucket instead.
 *
 * @example
 * new VpcFlowLogs(this, 'FlowLogs', { vpcId: 'vpc-0123456789abcdef0' });
 */
export class VpcFlowLogs extends Construct {
  /** True when `x` is a VpcFlowLogs (works across copies of the library). */
  public static isVpcFlowLogs(x: unknown): x is VpcFlowLogs {
    return x !== null && typeof x === 'object' && VPC_FLOW_LOGS_SYMBOL in (x as object);
  }

  /** The `aws_flow_log`. */
  public readonly resource: FlowLog;
  /** The log group (CloudWatch destination only). */
  public readonly logGroup?: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: VpcFlowLogsProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, VPC_FLOW_LOGS_SYMBOL, { value: true });
    const reader = propsInput(this, props);
    const { input } = reader;
    const env = environmentOf(this, reader.nested ? undefined : input.raw('environment'));
    const vpc = reader.injected('vpcId');
    const vpcId = requiredString(vpc.scope, vpc.prop, vpc.value, { pattern: /^vpc-[0-9a-f]{8,17}$/, allowed: 'a VPC id such as "vpc-0123456789abcdef0" (or a reference)' });
    const nameAt = reader.injected('name');
    const base = requiredString(nameAt.scope, nameAt.prop, nameAt.value ?? env.resourceName(), { pattern: /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, allowed: 'a name of 1-63 lowercase letters, digits or "-"' });
    const destination = readEnum<FlowLogDestination>(input, 'destination', 'FlowLogDestination') ?? FlowLogDestination.CLOUD_WATCH_LOGS;
    const trafficType = (readEnum<FlowLogTrafficType>(input, 'trafficType', 'FlowLogTrafficType') ?? FlowLogTrafficType.ALL).value;
    const interval = input.raw('maxAggregationIntervalSeconds') ?? 600;
    if (interval !== 60 && interval !== 600) throw new ValidationError(input.scope, input.path('maxAggregationIntervalSeconds'), interval, '60 or 600');
    const bucket = input.instance('bucket', isBucket, 'a SecureBucket');
    const key = input.instance('encryptionKey', isKey, 'a CustomerManagedKey');
    const retentionRaw = input.raw('retentionDays');
    const common = { vpcId, trafficType, maxAggregationInterval: interval, tags: { ...env.tags, Name: `${base}-flow-logs` } };

    if (destination === FlowLogDestination.S3) {
      if (!bucket) throw new ValidationError(input.scope, input.path('bucket'), undefined, 'a SecureBucket when destination is FlowLogDestination.S3');
      for (const name of ['retentionDays', 'encryptionKey']) {
        if (input.raw(name) !== undefined) throw new ValidationError(input.scope, input.path(name), input.raw(name), 'nothing with FlowLogDestination.S3 (the bucket sets retention and encryption)');
      }
      reader.done();
      this.allowLogDelivery(bucket, env);
      this.resource = new FlowLog(this, 'Resource', { ...common, logDestinationType: 's3', logDestination: bucket.bucketArn });
      return;
    }
    if (bucket) throw new ValidationError(input.scope, input.path('bucket'), bucket, 'no bucket unless destination is FlowLogDestination.S3');
    const retention = retentionRaw ?? env.logRetentionDays;
    if (typeof retention !== 'number' || !LOG_RETENTION_DAYS.includes(retention)) {
      throw new ValidationError(input.scope, input.path('retentionDays'), retention, `one of ${LOG_RETENTION_DAYS.join(', ')} (CloudWatch Logs retention values)`);
    }
    reader.done();
    const name = `/aws/vpc/flow-logs/${base}`;
    this.claimName(nameAt, base, name);
    const partition = awsPartition(this);
    const account = awsAccountId(this);
    const logGroupArn = `arn:${partition}:logs:${env.region}:${account}:log-group:${name}`;
    const logKey = key ?? new CustomerManagedKey(this, 'Key', { purpose: 'flow-logs', alias: `alias/${base}-flow-logs` });
    // CloudWatch Logs calls KMS with the log group ARN as encryption context: the
    // key admits the service for this one log group, nothing else.
    logKey.policy.addStatements({
      sid: 'AllowCloudWatchLogsForFlowLogGroup',
      actions: KMS_ENCRYPT_DECRYPT_ACTIONS,
      resources: ['*'],
      principals: [{ type: 'Service', identifiers: [`logs.${env.region}.amazonaws.com`] }],
      conditions: [{ test: 'ArnEquals', variable: 'kms:EncryptionContext:aws:logs:arn', values: [logGroupArn] }],
    });
    this.logGroup = new CloudwatchLogGroup(this, 'LogGroup', {
      name,
      retentionInDays: retention,
      kmsKeyId: logKey.keyArn,
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
      name: `${base}-vpc-flow-logs`,
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

  /** The log group, role and key alias names are account-wide: one flow log per name in the app. */
  private claimName(at: Reporter, base: string, logGroupName: string): void {
    const names = appRegistry<string>(this, 'flowLogNames');
    const owner = names.get(base);
    if (owner !== undefined) {
      throw new ValidationError(at.scope, at.prop, base, `a name no other VPC flow log of this app uses (${owner} already does: the log group "${logGroupName}", its role and key alias would collide)`);
    }
    names.set(base, pathOf(this));
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
