import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { KEY_BRAND, KeyGrants } from './key-grants';
import { ValidationError } from '../../core/errors';
import { markLibraryConstruct } from '../../core/private/escape';
import { checkString } from '../../core/private/input';
import { Grant } from '../../iam/grant';
import { IGrantee } from '../../iam/grantee';
import { PolicyCondition, PolicyStatement } from '../../iam/policy-document';
import { ICustomerManagedKey } from '../customer-managed-key-props';

/** KMS key ARNs (not alias ARNs). */
export const KEY_ARN = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:key\/[A-Za-z0-9-]{1,128}$/;

/** A key created elsewhere, known by its ARN. */
export class ImportedKey extends Construct implements ICustomerManagedKey {
  public readonly keyArn: string;
  public readonly keyId: string;
  public readonly region: string;
  private readonly keyGrants = new KeyGrants(this);

  constructor(scope: Construct, id: string, keyArn: string) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, KEY_BRAND, { value: true });
    this.keyArn = checkString(this, 'keyArn', keyArn, { pattern: KEY_ARN, allowed: 'a KMS key ARN "arn:<partition>:kms:<region>:<account>:key/<key id>" (not an alias)' })
      ?? (() => { throw new ValidationError(this, 'keyArn', undefined, 'a KMS key ARN'); })();
    if (Token.isUnresolved(keyArn)) {
      this.region = Fn.element(Fn.split(':', keyArn), 3);
      this.keyId = Fn.element(Fn.split('/', keyArn), 1);
    } else {
      this.region = keyArn.split(':')[3];
      this.keyId = keyArn.split('/')[1];
    }
  }

  public allowService(servicePrincipal: string, _actions?: string[], _conditions?: PolicyCondition[]): PolicyStatement {
    throw new ValidationError(this, 'servicePrincipal', servicePrincipal, 'a key created in this app (a CustomerManagedKey): the policy of an imported key is managed where the key is defined, so add the service there');
  }

  public grantDecrypt(grantee: IGrantee): Grant {
    return this.keyGrants.grant(grantee, { read: true, write: false });
  }

  public grantEncrypt(grantee: IGrantee): Grant {
    return this.keyGrants.grant(grantee, { read: false, write: true });
  }

  public grantEncryptDecrypt(grantee: IGrantee): Grant {
    return this.keyGrants.grant(grantee, { read: true, write: true });
  }
}
