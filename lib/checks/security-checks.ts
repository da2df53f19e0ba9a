import { Annotations, IAspect, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { ALL_RULES } from './catalogue';
import { checkWhenUnvalidated, freshJson, jsonForValidation } from './private/stack-json';
import { FindingLevel } from './rule';
import { stackView } from './stack-view';
import { ValidationError } from '../core/errors';

/** A rule of the catalogue, as documentation. */
export interface RuleInfo {
  /** Rule id, e.g. "LSS-S3-001". */
  readonly id: string;
  /** Equivalent checkov id(s), when there is one. */
  readonly checkov?: string;
  /** What the rule requires. */
  readonly description: string;
  /** How to fix a finding. */
  readonly fix: string;
  /** Default level. */
  readonly level: FindingLevel;
}

/** One finding of a check run. */
export interface Finding {
  /** Rule id. */
  readonly ruleId: string;
  /** Construct path of the offending resource (or the stack). */
  readonly path: string;
  /** Terraform address. */
  readonly address: string;
  /** What is wrong. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
  /** Level it was reported at. */
  readonly level: FindingLevel;
  /** The recorded reason when the finding is suppressed. */
  readonly suppressedBecause?: string;
}

/** Props of `SecurityChecks`. */
export interface SecurityChecksProps {
  /**
   * Rule ids reported as warnings instead of synth errors.
   * @default - every rule at its default level (all errors)
   */
  readonly warnOnly?: string[];
}

/** Suppressions are stored on the construct under a `Symbol.for` key (works across copies of the library). */
const SUPPRESSIONS = Symbol.for('@livestreamsell/cdktf-constructs.SecurityChecks.suppressions');

/**
 * A cdk-nag style Aspect that checks every resource of a stack, ours or the user's,
 * against the library's security and correctness rules, reading the synthesized
 * Terraform JSON. Errors fail `cdktf synth` (before anything is written) with the
 * rule id, the resource path and the fix; warnings become annotations. Findings can
 * be suppressed per construct (and everything below it) with a recorded reason.
 *
 * @example
 * declare const bootstrap: EnvironmentStack;
 * Aspects.of(stack).add(new SecurityChecks());
 * SecurityChecks.suppress(bootstrap, 'LSS-STATE-001', 'The bootstrap stack creates the state bucket; its own state starts local.');
 */
export class SecurityChecks implements IAspect {
  /** The rule catalogue. */
  public static rules(): RuleInfo[] {
    return ALL_RULES.map(({ id, checkov, description, fix, level }) => ({ id, checkov, description, fix, level }));
  }

  /**
   * Suppresses `ruleId` on `scope` and everything below it, recording why. The reason
   * is printed with every suppressed finding.
   */
  public static suppress(scope: IConstruct, ruleId: string, reason: string): void {
    if (!ALL_RULES.some((r) => r.id === ruleId)) {
      throw new ValidationError(scope, 'ruleId', ruleId, `a rule id of SecurityChecks.rules() (${ALL_RULES.map((r) => r.id).join(', ')})`);
    }
    if (reason.trim().length < 20) {
      throw new ValidationError(scope, 'reason', reason, 'a reason of at least 20 characters that says why the rule does not apply here');
    }
    const holder = scope as any;
    if (!holder[SUPPRESSIONS]) Object.defineProperty(holder, SUPPRESSIONS, { value: new Map<string, string>() });
    (holder[SUPPRESSIONS] as Map<string, string>).set(ruleId, reason);
  }

  /** Every finding of the last run, suppressed ones included. */
  public readonly findings: Finding[] = [];
  private readonly warnOnly: Set<string>;
  private readonly checked = new WeakSet<IConstruct>();

  constructor(props: SecurityChecksProps = {}) {
    for (const id of props.warnOnly ?? []) {
      if (!ALL_RULES.some((r) => r.id === id)) throw new ValidationError('SecurityChecks', 'warnOnly', id, 'rule ids of SecurityChecks.rules()');
    }
    this.warnOnly = new Set(props.warnOnly ?? []);
  }

  /**
   * Registers the check on every stack it visits. It runs as a validation (after
   * all aspects, before the stack is written), judging the JSON the synthesizer then
   * writes; with `skipValidation` (which cdktf's own error footer suggests) it runs
   * when the stack is resolved instead, so findings fail the synth either way.
   */
  public visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node) || this.checked.has(node)) return;
    this.checked.add(node);
    const stack = node;
    let validated = false;
    stack.node.addValidation({
      validate: () => {
        validated = true;
        return this.judge(stack, jsonForValidation(stack));
      },
    });
    checkWhenUnvalidated(stack, (json) => {
      if (validated) return;
      const errors = this.judge(stack, json);
      if (errors.length > 0) throw new Error(`SecurityChecks found problems in ${stack.node.path} (skipValidation does not skip them):\n  ${errors.join('\n  ')}`);
    });
  }

  /** Runs every rule on the stack as it is now; returns the error messages. */
  public check(stack: TerraformStack): string[] {
    return this.judge(stack, freshJson(stack));
  }

  private judge(stack: TerraformStack, json: any): string[] {
    const view = stackView(json);
    const byPath = new Map(stack.node.findAll().map((c) => [c.node.path, c] as const));
    const errors: string[] = [];
    for (const rule of ALL_RULES) {
      for (const f of rule.evaluate(view)) {
        const construct = byPath.get(f.path) ?? stack;
        const suppressedBecause = suppressionFor(construct, rule.id);
        const level = this.warnOnly.has(rule.id) ? FindingLevel.WARNING : rule.level;
        this.findings.push({ ruleId: rule.id, path: f.path, address: f.address, message: f.message, fix: rule.fix, level, suppressedBecause });
        const text = `[${rule.id}] ${f.path} (${f.address}): ${f.message}. Fix: ${rule.fix}`;
        if (suppressedBecause) Annotations.of(construct).addInfo(`${text} -- suppressed: ${suppressedBecause}`);
        else if (level === FindingLevel.WARNING) Annotations.of(construct).addWarning(text);
        else errors.push(text);
      }
    }
    return errors;
  }
}

function suppressionFor(construct: IConstruct, ruleId: string): string | undefined {
  for (const scope of [...construct.node.scopes].reverse()) {
    const reason = ((scope as any)[SUPPRESSIONS] as Map<string, string> | undefined)?.get(ruleId);
    if (reason) return reason;
  }
  return undefined;
}
