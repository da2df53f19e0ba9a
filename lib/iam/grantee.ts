import { PolicyStatement } from './policy-document';

/**
 * Something that can be granted permissions: an IAM identity whose policy grows
 * with every `grant*` call (in the spirit of aws-cdk's `IGrantable`).
 */
export interface IGrantee {
  /** A name for the identity, used in policy statement ids. */
  readonly granteeName: string;
  /** Adds statements to the identity's policy. */
  addToPrincipalPolicy(...statements: PolicyStatement[]): void;
}
