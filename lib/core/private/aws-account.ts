import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';
import { IConstruct } from 'constructs';
import { stackSingleton } from './stack-singleton';

/**
 * Account and partition lookups shared by every construct of a stack: one
 * `aws_caller_identity` and one `aws_partition` data source per stack, created
 * on first use, so key and bucket policies can name the account without a literal.
 */
/** The current AWS account id (a token). */
export function awsAccountId(scope: IConstruct): string {
  return stackSingleton(scope, 'AwsCallerIdentity', (s) => new DataAwsCallerIdentity(s, 'AwsCallerIdentity', {})).accountId;
}

/** The current AWS partition, "aws" in commercial regions (a token). */
export function awsPartition(scope: IConstruct): string {
  return stackSingleton(scope, 'AwsPartition', (s) => new DataAwsPartition(s, 'AwsPartition', {})).partition;
}

/** `arn:<partition>:iam::<account>:root`, the account principal. */
export function accountRootArn(scope: IConstruct): string {
  return `arn:${awsPartition(scope)}:iam::${awsAccountId(scope)}:root`;
}
