import { DataAwsIamPolicyDocument } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { DefaultTokenResolver, StringConcat, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { checkPolicyStatement, describeStatement, renderStatement } from './private/statements';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { checkList } from '../core/private/input';

/** A principal of a policy statement. */
export interface PolicyPrincipal {
  /** "AWS", "Service", "Federated", "CanonicalUser" or "*". */
  readonly type: string;
  /** ARNs, account ids or service principals such as "logging.s3.amazonaws.com". */
  readonly identifiers: string[];
}

/** A condition of a policy statement. */
export interface PolicyCondition {
  /** Condition operator, for example "Bool", "StringEquals" or "ForAnyValue:StringLike". */
  readonly test: string;
  /** Context key, for example "aws:SecureTransport". */
  readonly variable: string;
  /** Values compared with the key. */
  readonly values: string[];
}

/**
 * One IAM policy statement. Its fields are IAM's own vocabulary (the words of the
 * policy JSON), checked when the statement is added.
 */
export interface PolicyStatement {
  /**
   * Statement id: letters and digits, unique within its document.
   * @default - none
   */
  readonly sid?: string;
  /**
   * "Allow" or "Deny".
   * @default "Allow"
   */
  readonly effect?: string;
  /** Actions, for example "s3:GetObject". Wildcard services (`s3:*`) are avoided by the library. */
  readonly actions: string[];
  /**
   * Resource ARNs the statement applies to.
   * @default - none (trust policies have no resources)
   */
  readonly resources?: string[];
  /**
   * Principals (resource policies only).
   * @default - none (identity policy)
   */
  readonly principals?: PolicyPrincipal[];
  /**
   * Conditions.
   * @default - none
   */
  readonly conditions?: PolicyCondition[];
}

/**
 * An IAM policy document (`aws_iam_policy_document` data source) whose statements can
 * be added after construction: bucket policies, key policies and identity policies
 * grow as other constructs grant access.
 *
 * Every statement is checked when it is added (IAM's vocabulary, letters-and-digits
 * sids, no literal credentials in condition values), and a statement id that the
 * document already has is refused with a message naming both statements:
 * `aws_iam_policy_document` itself would only refuse it at plan time.
 *
 * @example
 * declare const stack: EnvironmentStack;
 * const trust = new PolicyDocument(stack, 'TrustPolicy', [{
 *   actions: ['sts:AssumeRole'],
 *   principals: [{ type: 'Service', identifiers: ['s3.amazonaws.com'] }],
 * }]);
 */
export class PolicyDocument extends Construct {
  /** The underlying data source. */
  public readonly resource: DataAwsIamPolicyDocument;
  private readonly added: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, statements: PolicyStatement[] = []) {
    super(scope, id);
    markLibraryConstruct(this);
    this.resource = new DataAwsIamPolicyDocument(this, 'Resource', {});
    this.addStatementList('statements', statements);
  }

  /** The rendered JSON policy (a token). */
  public get json(): string {
    return this.resource.json;
  }

  /** Number of statements so far. */
  public get statementCount(): number {
    return this.added.length;
  }

  /** The statements so far (a copy). */
  public get statements(): PolicyStatement[] {
    return [...this.added];
  }

  /** The statement ids so far. */
  public get sids(): string[] {
    return this.added.map((s) => s.sid).filter((s): s is string => s !== undefined);
  }

  /**
   * Appends statements to the document. Throws a ValidationError when one is
   * malformed or reuses a statement id of the document.
   */
  public addStatements(...statements: PolicyStatement[]): void {
    this.addStatementList('statements', statements);
  }

  private addStatementList(prop: 'statements', value: unknown): void {
    const offset = this.added.length;
    // Statements are named by their place in the document: "statements[3]".
    const checked = (checkList(this, prop, value) ?? []).map((s, i) => checkPolicyStatement(this, `${prop}[${offset + i}]`, s));
    const pending = [...this.added];
    checked.forEach((statement, i) => {
      const index = offset + i;
      const clash = statement.sid === undefined ? -1 : pending.findIndex((s) => s.sid === statement.sid);
      // (Grants make their sids unique and stable; a clash is a hand-written sid used twice.)
      if (clash >= 0) {
        const resolve = (x: unknown) => Tokenization.resolve(x, { scope: this, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
        throw new ValidationError(this, `${prop}[${index}].sid`, statement.sid,
          `a statement id not already used in this policy document by statements[${clash}] (${describeStatement(pending[clash], resolve)}); this one is ${describeStatement(statement, resolve)}: aws_iam_policy_document refuses duplicate sids`);
      }
      pending.push(statement);
    });
    this.added.push(...checked);
    this.resource.putStatement(this.added.map(renderStatement));
  }
}
