import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { BUCKET_LIST_ACTIONS, OBJECT_DELETE_ACTIONS, OBJECT_READ_ACTIONS, OBJECT_WRITE_ACTIONS } from './perms';
import { checkString } from '../../core/private/input';
import { Grant } from '../../iam/grant';
import { IGrantee } from '../../iam/grantee';
import { PolicyStatement } from '../../iam/policy-document';
import { checkGrantee } from '../../iam/private/grantee';
import { stableSid } from '../../iam/private/sid';
import { kmsActionsFor } from '../../kms/private/actions';

/** What a grant allows. */
export interface GrantAccess {
  readonly read: boolean;
  readonly write: boolean;
  readonly delete: boolean;
}

/** The parts of a bucket (created or imported) a grant needs. */
export interface GrantTarget extends IConstruct {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly encryptionKeyArn?: string;
}

const PREFIX = /^([A-Za-z0-9!_.'()-]+\/)*$/;

/**
 * The grants of one bucket. Each builds least-privilege statements: object actions
 * scoped to `<bucket>/<prefix>*`, listing limited to the prefix with an `s3:prefix`
 * condition, and only the KMS actions the access needs on the bucket's key (when
 * it has one). Every sid is derived from the bucket, the grantee, the access, the
 * prefix and the statement's part (`stableSid`): unique for any combination of
 * grants and independent of call order. Repeating a grant returns the first one.
 */
export class BucketGrants {
  private readonly grants = new Map<IGrantee, Map<string, Grant>>();

  /** @param purpose readable name of the bucket in sids ("backups") */
  constructor(private readonly bucket: GrantTarget, private readonly purpose: string) {}

  public grant(grantee: unknown, access: GrantAccess, prefix: unknown = ''): Grant {
    const who = checkGrantee(this.bucket, 'grantee', grantee);
    const keyPrefix = checkString(this.bucket, 'prefix', prefix, { pattern: PREFIX, allowed: 'an object key prefix such as "dumps/" (ending in "/", no wildcards), or "" for the whole bucket' }) ?? '';
    const word = access.read && access.write ? 'ReadWrite' : access.read ? 'Read' : 'Write';
    const byGrantee = this.grants.get(who) ?? new Map<string, Grant>();
    this.grants.set(who, byGrantee);
    const existing = byGrantee.get(`${word}\u0000${keyPrefix}`);
    if (existing) return existing;

    const bucketIdentity = Token.isUnresolved(this.bucket.bucketName) ? `path:${this.bucket.node.path}` : this.bucket.bucketName;
    const sid = (part: string) => stableSid([this.purpose, who.granteeName, word, keyPrefix, part], [bucketIdentity, who.granteeName, word, keyPrefix, part]);
    const objectActions = [
      ...(access.read ? OBJECT_READ_ACTIONS : []),
      ...(access.write ? OBJECT_WRITE_ACTIONS : []),
      ...(access.delete ? OBJECT_DELETE_ACTIONS : []),
    ];
    const statements: PolicyStatement[] = [{ sid: sid('Objects'), actions: objectActions, resources: [`${this.bucket.bucketArn}/${keyPrefix}*`] }];
    const keyArn = this.bucket.encryptionKeyArn;
    if (keyArn) {
      statements.push({ sid: sid('Key'), actions: kmsActionsFor(access), resources: [keyArn] });
    }
    if (access.read) {
      statements.push({
        sid: sid('List'),
        actions: BUCKET_LIST_ACTIONS,
        resources: [this.bucket.bucketArn],
        conditions: keyPrefix ? [{ test: 'StringLike', variable: 's3:prefix', values: [`${keyPrefix}*`] }] : undefined,
      });
    }
    who.addToPrincipalPolicy(...statements);
    const grant = Grant._of(who, statements);
    byGrantee.set(`${word}\u0000${keyPrefix}`, grant);
    return grant;
  }
}
