import { IConstruct } from 'constructs';
import { BUCKET_LIST_ACTIONS, OBJECT_DELETE_ACTIONS, OBJECT_READ_ACTIONS, OBJECT_WRITE_ACTIONS } from './perms';
import { ValidationError } from '../core/errors';
import { IGrantee } from '../iam/grantee';
import { PolicyStatement } from '../iam/policy-document';
import { KMS_DECRYPT_ACTIONS, KMS_ENCRYPT_ACTIONS, KMS_ENCRYPT_DECRYPT_ACTIONS } from '../kms/customer-managed-key';

/** What a grant allows. */
export interface GrantAccess {
  readonly read: boolean;
  readonly write: boolean;
  readonly delete: boolean;
}

/** The parts of a bucket a grant needs. */
export interface GrantTarget {
  readonly scope: IConstruct;
  readonly bucketArn: string;
  readonly keyArn: string;
  readonly purpose: string;
}

/**
 * Builds the least-privilege statements of a grant: object actions scoped to
 * `<bucket>/<prefix>*`, listing limited to the prefix with an `s3:prefix`
 * condition, and only the KMS actions the access needs on the bucket's own key.
 */
export function grantStatements(target: GrantTarget, grantee: IGrantee, access: GrantAccess, prefix = ''): PolicyStatement[] {
  if (!/^([A-Za-z0-9!_.*'()-]+\/)*$/.test(prefix) || prefix.includes('*')) {
    throw new ValidationError(target.scope, 'prefix', prefix, 'an object key prefix such as "dumps/" (ending in "/", no wildcards), or "" for the whole bucket');
  }
  const sid = `${target.purpose}${grantee.granteeName}`.replace(/[^A-Za-z0-9]/g, '');
  const objectActions = [
    ...(access.read ? OBJECT_READ_ACTIONS : []),
    ...(access.write ? OBJECT_WRITE_ACTIONS : []),
    ...(access.delete ? OBJECT_DELETE_ACTIONS : []),
  ];
  const kmsActions = access.read && access.write ? KMS_ENCRYPT_DECRYPT_ACTIONS : access.read ? KMS_DECRYPT_ACTIONS : KMS_ENCRYPT_ACTIONS;
  const statements: PolicyStatement[] = [
    { sid: `${sid}Objects`, actions: objectActions, resources: [`${target.bucketArn}/${prefix}*`] },
    { sid: `${sid}Key`, actions: kmsActions, resources: [target.keyArn] },
  ];
  if (access.read) {
    statements.push({
      sid: `${sid}List`,
      actions: BUCKET_LIST_ACTIONS,
      resources: [target.bucketArn],
      conditions: prefix ? [{ test: 'StringLike', variable: 's3:prefix', values: [`${prefix}*`] }] : undefined,
    });
  }
  return statements;
}
