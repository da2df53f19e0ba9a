import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { Aspects, S3Backend, TerraformStack, Testing } from 'cdktf';
import { Environment, EnvironmentStack, Finding, SecurityChecks } from '../../lib';

/** A user's own stack (no library defaults) on a compliant backend, with the checks attached. */
export function userStack(): { stack: TerraformStack; checks: SecurityChecks } {
  const stack = new TerraformStack(Testing.app(), 'user');
  new AwsProvider(stack, 'aws', { region: 'us-east-1' });
  new S3Backend(stack, { bucket: 'state-bucket', key: 'user.tfstate', region: 'us-east-1', encrypt: true, dynamodbTable: 'locks' });
  const checks = new SecurityChecks();
  Aspects.of(stack).add(checks);
  return { stack, checks };
}

/** A library stack bound to an environment, with the checks attached. */
export function libraryStack(env: Environment = Environment.staging({ project: 'livestreamsell' })): { stack: EnvironmentStack; checks: SecurityChecks } {
  const stack = new EnvironmentStack(Testing.app(), 'lib', { environment: env });
  const checks = new SecurityChecks();
  Aspects.of(stack).add(checks);
  return { stack, checks };
}

/** Runs the checks and returns the unsuppressed findings. */
export function findingsOf(stack: TerraformStack, checks: SecurityChecks): Finding[] {
  checks.check(stack);
  return checks.findings.filter((f) => !f.suppressedBecause);
}

/** Rule ids of the unsuppressed findings. */
export function ruleIds(stack: TerraformStack, checks: SecurityChecks): string[] {
  return [...new Set(findingsOf(stack, checks).map((f) => f.ruleId))].sort();
}
