import { Ruleset, RulesetRules } from '@cdktf/provider-cloudflare/lib/ruleset';
import { Construct } from 'constructs';
import { ensureCloudflareProvider } from './cloudflare-inputs';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { assertOneOf } from '../core/private/validation';

/** The zone phases the networking module owns, one entry-point ruleset each. */
export const EDGE_PHASES = [
  'http_request_firewall_managed',
  'http_request_firewall_custom',
  'http_ratelimit',
  'http_request_dynamic_redirect',
  'http_request_cache_settings',
];

/** Props of `PhaseRuleset`. */
export interface PhaseRulesetProps {
  /** Cloudflare zone id. */
  readonly zoneId: string;
  /** One of `EDGE_PHASES`. */
  readonly phase: string;
  /** Ruleset name shown in the dashboard. */
  readonly rulesetName: string;
  /** What the ruleset does. */
  readonly description: string;
}

/**
 * The single zone entry-point ruleset of one phase. Cloudflare keeps exactly one
 * entry point per zone and phase, and a second `cloudflare_ruleset` for the same
 * pair overwrites the first at apply; so every rule of the phase, from whichever
 * caller, is merged here through `addRule`, in the order added. Each rule carries a stable `ref`, so Cloudflare keeps its identity
 * (and analytics) when rules are added before it.
 */
export class PhaseRuleset extends Construct {
  /** The `cloudflare_ruleset`. */
  public readonly resource: Ruleset;
  /** The phase. */
  public readonly phase: string;
  private readonly rules: RulesetRules[] = [];

  constructor(scope: Construct, id: string, props: PhaseRulesetProps) {
    super(scope, id);
    markLibraryConstruct(this);
    ensureCloudflareProvider(this);
    assertOneOf(this, 'phase', props.phase, EDGE_PHASES);
    this.phase = props.phase;
    this.resource = new Ruleset(this, 'Resource', {
      zoneId: props.zoneId,
      kind: 'zone',
      phase: props.phase,
      name: props.rulesetName,
      description: props.description,
    });
    this.node.addValidation({ validate: () => this.rules.length === 0 ? [`[${this.node.path}] ruleset for phase "${this.phase}" has no rules: Cloudflare rejects an empty entry point`] : [] });
  }

  /** Rule refs in order. */
  public get refs(): string[] {
    return this.rules.map((r) => r.ref!);
  }

  /** Appends a rule; its `ref` must be unique within the phase. */
  public addRule(rule: RulesetRules): void {
    if (this.rules.some((r) => r.ref === rule.ref)) {
      throw new ValidationError(this, 'rules.ref', rule.ref, `a rule name not yet used in phase "${this.phase}" (used: ${this.refs.join(', ')})`);
    }
    this.rules.push(rule);
    this.resource.putRules([...this.rules]);
  }
}
