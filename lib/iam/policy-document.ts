import { DataAwsIamPolicyDocument, DataAwsIamPolicyDocumentStatement } from '@cdktf/provider-aws/lib/data-aws-iam-policy-document';
import { Construct } from 'constructs';
import { markLibraryConstruct } from '../core/private/escape';

/** A principal of a policy statement. */
export interface PolicyPrincipal {
  /** "AWS", "Service" or "Federated". */
  readonly type: string;
  /** ARNs, account ids or service principals such as "logging.s3.amazonaws.com". */
  readonly identifiers: string[];
}

/** A condition of a policy statement. */
export interface PolicyCondition {
  /** Condition operator, for example "Bool" or "StringEquals". */
  readonly test: string;
  /** Context key, for example "aws:SecureTransport". */
  readonly variable: string;
  /** Values compared with the key. */
  readonly values: string[];
}

/** One IAM policy statement. */
export interface PolicyStatement {
  /**
   * Statement id.
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
 * be added after construction: bucket policies and key policies grow as other
 * constructs grant access.
 */
export class PolicyDocument extends Construct {
  /** The underlying data source. */
  public readonly resource: DataAwsIamPolicyDocument;
  private readonly statements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, statements: PolicyStatement[] = []) {
    super(scope, id);
    markLibraryConstruct(this);
    this.resource = new DataAwsIamPolicyDocument(this, 'Resource', {});
    this.addStatements(...statements);
  }

  /** The rendered JSON policy. */
  public get json(): string {
    return this.resource.json;
  }

  /** Number of statements so far. */
  public get statementCount(): number {
    return this.statements.length;
  }

  /** Appends statements to the document. */
  public addStatements(...statements: PolicyStatement[]): void {
    this.statements.push(...statements);
    this.resource.putStatement(this.statements.map(renderStatement));
  }
}

function renderStatement(s: PolicyStatement): DataAwsIamPolicyDocumentStatement {
  return {
    sid: s.sid,
    effect: s.effect ?? 'Allow',
    actions: s.actions,
    resources: s.resources,
    principals: s.principals?.map((p) => ({ type: p.type, identifiers: p.identifiers })),
    condition: s.conditions?.map((c) => ({ test: c.test, variable: c.variable, values: c.values })),
  };
}
