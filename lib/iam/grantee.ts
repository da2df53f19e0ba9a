import { PolicyStatement } from './policy-document';

/**
 * Something that can be granted permissions: an IAM identity whose policy grows
 * with every `grant*` call (in the spirit of aws-cdk's `IGrantable`). Implemented
 * by `ServiceIdentity` (and its imports); implement it for your own roles.
 */
export interface IGrantee {
  /** A name for the identity, used in policy statement ids (letters, digits and "-"). */
  readonly granteeName: string;
  /** Adds statements to the identity's policy. */
  addToPrincipalPolicy(...statements: PolicyStatement[]): void;
}
