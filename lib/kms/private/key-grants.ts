import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { kmsActionsFor } from './actions';
import { Grant } from '../../iam/grant';
import { IGrantee } from '../../iam/grantee';
import { PolicyStatement } from '../../iam/policy-document';
import { checkGrantee } from '../../iam/private/grantee';
import { stableSid } from '../../iam/private/sid';

/** Brand of every customer-managed key of the library, created or imported. */
export const KEY_BRAND = Symbol.for('@livestreamsell/cdktf-constructs.CustomerManagedKey');
/** Brand of the keys this app creates (they have a key policy to add to). */
export const OWNED_KEY_BRAND = Symbol.for('@livestreamsell/cdktf-constructs.CustomerManagedKey.owned');

/** True for a key this app creates (a CustomerManagedKey), whose key policy can grow. */
export function isOwnedKey(x: unknown): boolean {
  return x !== null && typeof x === 'object' && (x as any)[OWNED_KEY_BRAND] === true;
}

/** What a key grant allows. */
export interface KeyAccess { readonly read: boolean; readonly write: boolean }

/**
 * The grants of one key (created or imported): identity-policy statements on the
 * key ARN, one per grantee and access, with a sid derived from the key, the
 * grantee and the access. Repeating a grant returns the first one.
 */
export class KeyGrants {
  private readonly grants = new Map<IGrantee, Map<string, Grant>>();

  constructor(private readonly key: IConstruct & { readonly keyArn: string }) {}

  public grant(grantee: unknown, access: KeyAccess): Grant {
    const who = checkGrantee(this.key, 'grantee', grantee);
    const word = access.read && access.write ? 'EncryptDecrypt' : access.read ? 'Decrypt' : 'Encrypt';
    const byGrantee = this.grants.get(who) ?? new Map<string, Grant>();
    this.grants.set(who, byGrantee);
    const existing = byGrantee.get(word);
    if (existing) return existing;
    const keyIdentity = Token.isUnresolved(this.key.keyArn) ? `path:${this.key.node.path}` : this.key.keyArn;
    const statement: PolicyStatement = {
      sid: stableSid(['Kms', who.granteeName, word], [keyIdentity, who.granteeName, word]),
      actions: kmsActionsFor(access),
      resources: [this.key.keyArn],
    };
    who.addToPrincipalPolicy(statement);
    const grant = Grant._of(who, [statement]);
    byGrantee.set(word, grant);
    return grant;
  }
}
