import { Template } from './template';

/**
 * Checks every `aws_s3_bucket` of a synthesized stack against the hardening that
 * SecureBucket promises (the checkov S3 set): returns one line per violation.
 */
export function bucketViolations(t: Template): string[] {
  const problems: string[] = [];
  const buckets = t.resources('aws_s3_bucket');
  const on = (type: string, id: string) => t.referencing(type, 'bucket', `aws_s3_bucket.${id}.id`);
  const docs = t.dataSources('aws_iam_policy_document');
  const keys = t.resources('aws_kms_key');
  for (const [id, bucket] of Object.entries(buckets)) {
    const fail = (what: string) => problems.push(`${bucket.bucket}: ${what}`);
    if (bucket.force_destroy !== false) fail('force_destroy is not false');
    const pab = on('aws_s3_bucket_public_access_block', id)[0];
    if (!pab || !pab.block_public_acls || !pab.ignore_public_acls || !pab.block_public_policy || !pab.restrict_public_buckets) fail('public access not fully blocked');
    if (on('aws_s3_bucket_ownership_controls', id)[0]?.rule?.object_ownership !== 'BucketOwnerEnforced') fail('ownership not BucketOwnerEnforced');
    if (on('aws_s3_bucket_versioning', id)[0]?.versioning_configuration?.status !== 'Enabled') fail('versioning not enabled');
    const sse = on('aws_s3_bucket_server_side_encryption_configuration', id)[0]?.rule?.[0];
    if (sse?.apply_server_side_encryption_by_default?.sse_algorithm !== 'aws:kms' || sse?.bucket_key_enabled !== true) fail('not SSE-KMS with bucket keys');
    const keyId = /aws_kms_key\.([^.]+)\.arn/.exec(sse?.apply_server_side_encryption_by_default?.kms_master_key_id ?? '')?.[1];
    if (!keyId || keys[keyId]?.enable_key_rotation !== true) fail('KMS key is not a rotating customer-managed key');
    const policy = on('aws_s3_bucket_policy', id)[0];
    const docId = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(policy?.policy ?? '')?.[1];
    const statements: any[] = (docId && docs[docId]?.statement) || [];
    const denies = (variable: string) => statements.some((s) => s.effect === 'Deny' && s.condition?.some((c: any) => c.variable === variable));
    if (!denies('aws:SecureTransport')) fail('policy does not deny non-TLS requests');
    if (!denies('s3:TlsVersion')) fail('policy does not deny TLS < 1.2');
    const rules: any[] = on('aws_s3_bucket_lifecycle_configuration', id)[0]?.rule ?? [];
    if (!rules.some((r) => r.abort_incomplete_multipart_upload?.[0]?.days_after_initiation > 0)) fail('no rule aborts incomplete multipart uploads');
    if (!rules.some((r) => r.noncurrent_version_expiration?.[0]?.noncurrent_days > 0)) fail('noncurrent versions never expire');
    const isLogBucket = statements.some((s) => s.principals?.some((p: any) => p.identifiers?.includes('logging.s3.amazonaws.com')));
    if (!isLogBucket && on('aws_s3_bucket_logging', id).length !== 1) fail('no server access logging');
    if (statements.some((s) => s.effect !== 'Deny' && s.principals?.some((p: any) => p.identifiers?.includes('*')))) fail('policy allows anonymous access');
  }
  return problems;
}

/** Every statement of every identity policy of the stack (group and role policies). */
export function identityStatements(t: Template): any[] {
  const docs = t.dataSources('aws_iam_policy_document');
  const policies = [...t.resourceList('aws_iam_group_policy'), ...t.resourceList('aws_iam_role_policy')];
  return policies.flatMap((p) => {
    const docId = /data\.aws_iam_policy_document\.([^.]+)\.json/.exec(p.policy)?.[1];
    return docId ? docs[docId].statement : [];
  });
}
