import { Ruleset, RulesetRules } from '@cdktf/provider-cloudflare/lib/ruleset';
import { Construct } from 'constructs';
import { ensureCloudflareProvider } from './cloudflare-inputs';
import { Reporter } from './reporter';
import { ValidationError, pathOf } from '../../core/errors';
import { markLibraryConstruct } from '../../core/private/escape';
import { EdgePhase } from '../edge-phase';

/** Props of `PhaseRuleset`. */
export interface PhaseRulesetProps {
  /** Cloudflare zone id. */
  readonly zoneId: string;
  /** The phase. */
  readonly phase: EdgePhase;
  /** Ruleset name shown in the dashboard. */
  readonly rulesetName: string;
  /** What the ruleset does. */
  readonly description: string;
}

/**
 * The single zone entry-point ruleset of one phase. Cloudflare keeps exactly one
 * entry point per zone and phase, and a second `cloudflare_ruleset` for the same
 * pair overwrites the first at apply; so every rule of the phase, from whichever
 * caller, is merged here through `addRule`, in the order added. Each rule carries a
 * stable `ref`, so Cloudflare keeps its identity (and analytics) when rules are
 * added before it. Only `CloudflareEdge` creates these.
 */
export class PhaseRuleset extends Construct {
  /** The `cloudflare_ruleset`. */
  public readonly resource: Ruleset;
  /** The phase. */
  public readonly phase: EdgePhase;
  private readonly rules: RulesetRules[] = [];
  /** Where each rule came from, by ref, for collision messages. */
  private readonly origins = new Map<string, string>();

  constructor(scope: Construct, id: string, props: PhaseRulesetProps) {
    super(scope, id);
    markLibraryConstruct(this);
    ensureCloudflareProvider(this);
    this.phase = props.phase;
    this.resource = new Ruleset(this, 'Resource', {
      zoneId: props.zoneId,
      kind: 'zone',
      phase: props.phase.value,
      name: props.rulesetName,
      description: props.description,
    });
    this.node.addValidation({
      validate: () => (this.rules.length === 0 ? [ValidationError.format(this.node.path, 'rules', [], `at least one rule: Cloudflare rejects an empty entry point for phase "${this.phase.value}"`)] : []),
    });
  }

  /** Rule refs in order. */
  public get refs(): string[] {
    return this.rules.map((r) => r.ref!);
  }

  /**
   * Appends a rule; its `ref` must be unique within the phase. `at` is where the
   * rule was given (reported on a collision), `what` how to name it in the
   * message of a later collision.
   */
  public addRule(rule: RulesetRules, at: Reporter, what?: string): void {
    const ref = rule.ref!;
    const earlier = this.origins.get(ref);
    if (earlier !== undefined) {
      throw new ValidationError(at.scope, `${at.prop}.name`, ref, `a rule name not yet used in phase "${this.phase.value}" of ${this.node.path} (already used by ${earlier})`);
    }
    this.origins.set(ref, what ?? `"${at.prop}" of ${pathOf(at.scope)}`);
    this.rules.push(rule);
    this.resource.putRules([...this.rules]);
  }
}
