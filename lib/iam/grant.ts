import { IGrantee } from './grantee';
import { PolicyStatement } from './policy-document';

/**
 * What a `grant*` call added: the grantee, the statements (each with a unique,
 * stable sid) and the resources they cover. Granting the same access twice adds
 * nothing and returns the first grant.
 *
 * @example
 * declare const bucket: ISecureBucket;
 * declare const reports: IServiceIdentity;
 * const grant = bucket.grantRead(reports, 'exports/');
 * // grant.sids: ["BackupsReportsReadExportsObjects1a2b3c4d", ...]
 */
export class Grant {
  /** @internal */
  public static _of(grantee: IGrantee, statements: PolicyStatement[]): Grant {
    return new Grant(grantee, statements);
  }

  /** The identity the statements were added to. */
  public readonly grantee: IGrantee;
  /** The statements of the grant, in the grantee's policy. */
  public readonly statements: PolicyStatement[];

  private constructor(grantee: IGrantee, statements: PolicyStatement[]) {
    this.grantee = grantee;
    this.statements = [...statements];
  }

  /** The statement ids of the grant. */
  public get sids(): string[] {
    return this.statements.map((s) => s.sid).filter((s): s is string => s !== undefined);
  }

  /** Every resource (ARN or ARN pattern) the statements cover, once each. */
  public get resources(): string[] {
    return [...new Set(this.statements.flatMap((s) => s.resources ?? []))];
  }
}
