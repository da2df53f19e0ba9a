/**
 * The shape of a SecurityChecks rule. Rules read the synthesized Terraform JSON of a
 * stack (so they see the user's own resources exactly like ours) and report
 * findings against resource addresses.
 */

/** How a finding is reported. */
export enum FindingLevel {
  /** Fails synth. */
  ERROR = 'error',
  /** Printed as a warning annotation; synth continues. */
  WARNING = 'warning',
}

/** One resource (or data source) of the synthesized stack. */
export interface StackResource {
  /** Terraform type, e.g. "aws_s3_bucket". */
  readonly type: string;
  /** Logical id in the JSON. */
  readonly id: string;
  /** `type.id`. */
  readonly address: string;
  /** Construct path from the `//` metadata (the L1 construct). */
  readonly path: string;
  /** The resource's attributes as synthesized. */
  readonly config: any;
}

/** What rules get to look at. */
export interface StackView {
  /** The whole JSON (terraform block, variables, outputs). */
  readonly json: any;
  /** Every resource, in JSON order. */
  readonly resources: StackResource[];
  /** Resources of one type. */
  ofType(type: string): StackResource[];
  /** Resources of `type` whose `attr` references `address` (e.g. the versioning of a bucket). */
  referencing(type: string, attr: string, address: string): StackResource[];
  /** Data sources of one type, by id. */
  dataSources(type: string): { [id: string]: any };
}

/** A problem a rule found. */
export interface RuleFinding {
  /** Construct path to report and to look suppressions up on. */
  readonly path: string;
  /** Resource address (`aws_s3_bucket.x`) or a pseudo-address (`terraform.backend`). */
  readonly address: string;
  /** What is wrong, for this resource. */
  readonly message: string;
}

/** A rule of the catalogue. */
export interface Rule {
  /** Stable id, e.g. "LSS-S3-001". */
  readonly id: string;
  /** The equivalent checkov id(s), if any. */
  readonly checkov?: string;
  /** One-line description of what the rule requires. */
  readonly description: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** Default level. */
  readonly level: FindingLevel;
  /** Evaluates the rule on a stack. */
  evaluate(stack: StackView): RuleFinding[];
}

/** Helper: one finding per resource of `type` for which `violates` returns a message. */
export function perResource(type: string | string[], violates: (r: StackResource, stack: StackView) => string | undefined): (stack: StackView) => RuleFinding[] {
  const types = Array.isArray(type) ? type : [type];
  return (stack) => types.flatMap((t) => stack.ofType(t)).flatMap((r) => {
    const message = violates(r, stack);
    return message ? [{ path: r.path, address: r.address, message }] : [];
  });
}

/** `${data.aws_iam_policy_document.x.json}` -> the data source's config. */
export function policyDocumentOf(stack: StackView, reference: unknown): any | undefined {
  const id = /data\.aws_iam_policy_document\.([^.}]+)\.json/.exec(String(reference ?? ''))?.[1];
  return id ? stack.dataSources('aws_iam_policy_document')[id] : undefined;
}

/** True when a string is (or contains) a Terraform reference or function call. */
export function isReference(value: unknown): boolean {
  return typeof value === 'string' && value.includes('${');
}
