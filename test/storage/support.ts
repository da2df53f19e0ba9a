import { TerraformStack } from 'cdktf';
import { SecurityChecks } from '../../lib';
import { Template } from '../support/template';

/** Unsuppressed SecurityChecks findings of a stack, as "rule path". */
export function findings(stack: TerraformStack): string[] {
  const checks = new SecurityChecks();
  checks.check(stack);
  return checks.findings.filter((f) => !f.suppressedBecause).map((f) => `${f.ruleId} ${f.path}`);
}

/**
 * What SecurityChecks does not check, per bucket: noncurrent versions expire, and
 * the bucket's own key (the one its default encryption names) rotates.
 */
export function bucketGaps(t: Template): string[] {
  const gaps: string[] = [];
  const keys = t.resources('aws_kms_key');
  for (const [id, bucket] of Object.entries(t.resources('aws_s3_bucket'))) {
    const on = (type: string) => t.referencing(type, 'bucket', `aws_s3_bucket.${id}.id`);
    const rules: any[] = on('aws_s3_bucket_lifecycle_configuration')[0]?.rule ?? [];
    if (!rules.some((r) => r.noncurrent_version_expiration?.[0]?.noncurrent_days > 0)) gaps.push(`${bucket.bucket}: noncurrent versions never expire`);
    const sse = on('aws_s3_bucket_server_side_encryption_configuration')[0]?.rule?.[0];
    const keyId = /^\$\{aws_kms_key\.([^.]+)\.arn\}$/.exec(sse?.apply_server_side_encryption_by_default?.kms_master_key_id ?? '')?.[1];
    if (!keyId || keys[keyId]?.enable_key_rotation !== true) gaps.push(`${bucket.bucket}: its own key does not rotate`);
    if (sse?.bucket_key_enabled !== true) gaps.push(`${bucket.bucket}: bucket keys off`);
  }
  return gaps;
}
