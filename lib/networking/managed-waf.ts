import { FirewallAction } from './edge-rules';
import { brandEnumLike } from '../core/private/enum-like';

/**
 * How readily the OWASP Core Ruleset acts: the anomaly score at which a request
 * is stopped (Cloudflare's high, medium and low sensitivity levels).
 *
 * @example
 * new CloudflareEdge(this, 'Edge', { zoneName: 'example.com', waf: { owaspSensitivity: OwaspSensitivity.HIGH } });
 */
export class OwaspSensitivity {
  /** Score 25 and higher: the most requests stopped, the most false positives. */
  public static readonly HIGH = new OwaspSensitivity(25);
  /** Score 40 and higher. */
  public static readonly MEDIUM = new OwaspSensitivity(40);
  /** Score 60 and higher: only clear attacks. */
  public static readonly LOW = new OwaspSensitivity(60);

  private constructor(
    /** The anomaly score threshold. */
    public readonly scoreThreshold: number,
  ) {
    brandEnumLike(this, 'OwaspSensitivity');
  }
}

/** An override of one managed rule (for a confirmed false positive). */
export interface ManagedRuleOverride {
  /** Id of the rule inside the Cloudflare Managed Ruleset (32 hex characters). */
  readonly ruleId: string;
  /**
   * New action.
   * @default - the rule's own action
   */
  readonly action?: FirewallAction;
  /**
   * Set to false to turn the rule off. Document why next to the override.
   * @default true
   */
  readonly enabled?: boolean;
}

/** Settings of the managed WAF rulesets (phase `http_request_firewall_managed`). */
export interface WafOptions {
  /**
   * Action for every rule of the Cloudflare Managed Ruleset.
   * @default - each rule's own action as Cloudflare tunes it
   */
  readonly managedRulesetAction?: FirewallAction;
  /**
   * Per-rule overrides of the Cloudflare Managed Ruleset.
   * @default - none
   */
  readonly managedRuleOverrides?: ManagedRuleOverride[];
  /**
   * Action taken when a request's OWASP anomaly score reaches the threshold.
   * @default FirewallAction.BLOCK
   */
  readonly owaspAction?: FirewallAction;
  /**
   * OWASP anomaly score threshold.
   * @default OwaspSensitivity.MEDIUM
   */
  readonly owaspSensitivity?: OwaspSensitivity;
  /**
   * OWASP paranoia level 1-4; higher levels add stricter rules and false positives.
   * @default 1
   */
  readonly owaspParanoiaLevel?: number;
}
