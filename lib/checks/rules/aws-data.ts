import { FindingLevel, Rule, perResource } from '../rule';

const first = (v: any) => [v].flat()[0];

/** DynamoDB and KMS rules. */
export const DATA_RULES: Rule[] = [
  {
    id: 'LSS-DDB-001',
    checkov: 'CKV_AWS_28',
    description: 'DynamoDB tables have point-in-time recovery',
    fix: 'Set point_in_time_recovery { enabled = true }.',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_dynamodb_table', (t) => (first(t.config.point_in_time_recovery)?.enabled !== true ? 'point-in-time recovery is off' : undefined)),
  },
  {
    id: 'LSS-DDB-002',
    checkov: 'CKV_AWS_119',
    description: 'DynamoDB tables are encrypted with a customer-managed KMS key',
    fix: 'Set server_side_encryption { enabled = true, kms_key_arn = <customer-managed key> }.',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_dynamodb_table', (t) => {
      const sse = first(t.config.server_side_encryption);
      return sse?.enabled === true && sse.kms_key_arn ? undefined : 'not encrypted with a customer-managed KMS key';
    }),
  },
  {
    id: 'LSS-DDB-003',
    description: 'DynamoDB tables have deletion protection',
    fix: 'Set deletion_protection_enabled = true.',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_dynamodb_table', (t) => (t.config.deletion_protection_enabled !== true ? 'deletion protection is off' : undefined)),
  },
  {
    id: 'LSS-KMS-001',
    checkov: 'CKV_AWS_7',
    description: 'Symmetric KMS keys rotate automatically',
    fix: 'Set enable_key_rotation = true (CustomerManagedKey always does).',
    level: FindingLevel.ERROR,
    evaluate: perResource('aws_kms_key', (k) => {
      const symmetric = (k.config.customer_master_key_spec ?? 'SYMMETRIC_DEFAULT') === 'SYMMETRIC_DEFAULT';
      return symmetric && k.config.enable_key_rotation !== true ? 'key rotation is off' : undefined;
    }),
  },
];
