import { IConstruct } from 'constructs';
import { Environment } from '../environment/environment';
import { Grant } from '../iam/grant';
import { IGrantee } from '../iam/grantee';
import { PolicyCondition, PolicyStatement } from '../iam/policy-document';

/** A KMS key that buckets encrypt with and that grants can be given on. */
export interface ICustomerManagedKey extends IConstruct {
  /** Key ARN. */
  readonly keyArn: string;
  /** Key id. */
  readonly keyId: string;
  /** Region of the key. */
  readonly region: string;
  /**
   * Lets an AWS service principal use the key (key policy), limited to this
   * account. Only keys created in this app have a key policy to add to: an
   * imported key refuses.
   * @returns the statement added to the key policy
   */
  allowService(servicePrincipal: string, actions?: string[], conditions?: PolicyCondition[]): PolicyStatement;
  /** Lets `grantee` decrypt with the key (identity policy). */
  grantDecrypt(grantee: IGrantee): Grant;
  /** Lets `grantee` encrypt with the key and generate data keys (identity policy). */
  grantEncrypt(grantee: IGrantee): Grant;
  /** Lets `grantee` encrypt and decrypt with the key (identity policy). */
  grantEncryptDecrypt(grantee: IGrantee): Grant;
}

/** Props of `CustomerManagedKey`. */
export interface CustomerManagedKeyProps {
  /** What the key protects, a DNS label such as "tfstate"; used in the alias and the description. */
  readonly purpose: string;
  /**
   * Alias name, with the `alias/` prefix; unique per account and region.
   * @default - "alias/<project>-<environment>-<purpose>"
   */
  readonly alias?: string;
  /**
   * Waiting period before a scheduled deletion, 7-30 days.
   * @default - the environment's `kmsDeletionWindowDays` (production 30, staging 7)
   */
  readonly deletionWindowDays?: number;
  /**
   * Add `prevent_destroy`: losing the key loses every object it encrypted.
   * @default - the environment's `preventDestroy`
   */
  readonly preventDestroy?: boolean;
  /**
   * Region of the key, for keys outside the provider's region (replicas).
   * @default - the environment's region (the AWS provider's)
   */
  readonly region?: string;
  /**
   * The environment whose names, tags and defaults apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}
