import { FindingLevel, Rule, StackResource, StackView, perResource, policyDocumentOf } from '../rule';

/** The statements of the bucket policy attached to a bucket. */
function bucketPolicyStatements(bucket: StackResource, stack: StackView): any[] {
  return stack.referencing('aws_s3_bucket_policy', 'bucket', bucket.address)
    .flatMap((p) => policyDocumentOf(stack, p.config.policy)?.statement ?? []);
}

/** A log bucket is one whose policy lets S3 server access logging write into it. */
function isAccessLogBucket(bucket: StackResource, stack: StackView): boolean {
  return bucketPolicyStatements(bucket, stack).some((s) => s.principals?.some((p: any) => p.identifiers?.includes('logging.s3.amazonaws.com')));
}

const on = (stack: StackView, type: string, bucket: StackResource) => stack.referencing(type, 'bucket', bucket.address);

export const S3_RULES: Rule[] = [
  {
    id: 'LSS-S3-001',
    checkov: 'CKV_AWS_53, CKV_AWS_54, CKV_AWS_55, CKV_AWS_56, CKV2_AWS_6',
    description: 'S3 buckets block all public access (all four public-access-block settings)',
    fix: 'Use SecureBucket, or add an aws_s3_bucket_public_access_block with all four settings true.',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_s3_bucket', (b, s) => {
      const pab = on(s, 'aws_s3_bucket_public_access_block', b)[0]?.config;
      const missing = ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets'].filter((k) => pab?.[k] !== true);
      return missing.length ? `public access is not blocked (${missing.join(', ')} not true)` : undefined;
    }),
  },
  {
    id: 'LSS-S3-002',
    checkov: 'CKV2_AWS_65',
    description: 'S3 buckets enforce bucket ownership (ACLs disabled)',
    fix: 'Add aws_s3_bucket_ownership_controls with object_ownership = "BucketOwnerEnforced".',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_s3_bucket', (b, s) =>
      (on(s, 'aws_s3_bucket_ownership_controls', b)[0]?.config.rule?.object_ownership !== 'BucketOwnerEnforced' ? 'object ownership is not BucketOwnerEnforced' : undefined)),
  },
  {
    id: 'LSS-S3-003',
    checkov: 'CKV_AWS_145',
    description: 'S3 buckets encrypt by default with a KMS key',
    fix: 'Add aws_s3_bucket_server_side_encryption_configuration with sse_algorithm "aws:kms" and a customer-managed kms_master_key_id.',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_s3_bucket', (b, s) => {
      const rule = [on(s, 'aws_s3_bucket_server_side_encryption_configuration', b)[0]?.config.rule].flat()[0];
      const d = rule?.apply_server_side_encryption_by_default;
      return d?.sse_algorithm === 'aws:kms' && d.kms_master_key_id ? undefined : 'default encryption is not SSE-KMS with a customer-managed key';
    }),
  },
  {
    id: 'LSS-S3-004',
    checkov: 'CKV_AWS_21',
    description: 'S3 buckets are versioned',
    fix: 'Add aws_s3_bucket_versioning with status "Enabled".',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_s3_bucket', (b, s) =>
      (on(s, 'aws_s3_bucket_versioning', b)[0]?.config.versioning_configuration?.status !== 'Enabled' ? 'versioning is not enabled' : undefined)),
  },
  {
    id: 'LSS-S3-005',
    checkov: 'AWS Config s3-bucket-ssl-requests-only',
    description: 'S3 bucket policies deny requests without TLS and with TLS older than 1.2',
    fix: 'Add Deny statements on aws:SecureTransport = false and s3:TlsVersion < 1.2 (SecureBucket does).',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_s3_bucket', (b, s) => {
      const statements = bucketPolicyStatements(b, s);
      const denies = (v: string) => statements.some((st) => st.effect === 'Deny' && st.condition?.some((c: any) => c.variable === v));
      const missing = ['aws:SecureTransport', 's3:TlsVersion'].filter((v) => !denies(v));
      return missing.length ? `bucket policy does not deny ${missing.join(' and ')}` : undefined;
    }),
  },
  {
    id: 'LSS-S3-006',
    checkov: 'CKV_AWS_300, CKV2_AWS_61',
    description: 'S3 buckets have a lifecycle configuration that aborts incomplete multipart uploads',
    fix: 'Add an aws_s3_bucket_lifecycle_configuration rule with abort_incomplete_multipart_upload.',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_s3_bucket', (b, s) => {
      const rules = [on(s, 'aws_s3_bucket_lifecycle_configuration', b)[0]?.config.rule ?? []].flat();
      return rules.some((r: any) => [r.abort_incomplete_multipart_upload].flat()[0]?.days_after_initiation > 0) ? undefined : 'no lifecycle rule aborts incomplete multipart uploads';
    }),
  },
  {
    id: 'LSS-S3-007',
    checkov: 'CKV_AWS_18',
    description: 'S3 buckets log server access (log buckets themselves excepted)',
    fix: 'Add aws_s3_bucket_logging targeting a hardened log bucket (SecureBucket does this by default).',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_s3_bucket', (b, s) =>
      (on(s, 'aws_s3_bucket_logging', b).length === 0 && !isAccessLogBucket(b, s) ? 'server access logging is off' : undefined)),
  },
  {
    id: 'LSS-S3-008',
    description: 'S3 buckets never set force_destroy',
    fix: 'Remove force_destroy (or set it to false): a destroy must never empty a bucket.',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_s3_bucket', (b) => (b.config.force_destroy === true ? 'force_destroy is true' : undefined)),
  },
];
