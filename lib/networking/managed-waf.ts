import { RulesetRules, RulesetRulesActionParametersOverrides } from '@cdktf/provider-cloudflare/lib/ruleset';
import { IConstruct } from 'constructs';
import { FIREWALL_ACTIONS } from './edge-rules';
import { ValidationError } from '../core/errors';
import { assertInteger, assertMatches, assertOneOf } from '../core/private/validation';

/** Id of the Cloudflare Managed Ruleset (the same in every account). */
export const CLOUDFLARE_MANAGED_RULESET_ID = 'efb7b8c949ac4650a09736fc376e9aee';
/** Id of the Cloudflare OWASP Core Ruleset. */
export const OWASP_CORE_RULESET_ID = '4814384a9e5d4991b9815dcfc25d2f1f';
/** Id of the OWASP rule that acts on the total anomaly score (949110). */
export const OWASP_ANOMALY_SCORE_RULE_ID = '6179ae15870a4bb7b2d480d4843b323c';
/** OWASP anomaly score thresholds Cloudflare offers: high 25, medium 40, low 60 sensitivity. */
export const OWASP_SCORE_THRESHOLDS = [25, 40, 60];

/** An override of one managed rule (for a confirmed false positive). */
export interface ManagedRuleOverride {
  /** Id of the rule inside the managed ruleset (32 hex characters). */
  readonly ruleId: string;
  /**
   * New action: "block", "managed_challenge", "js_challenge" or "challenge".
   * @default - the rule's own action
   */
  readonly action?: string;
  /**
   * Turn the rule off. Document why next to the override.
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
  readonly managedRulesetAction?: string;
  /**
   * Per-rule overrides of the Cloudflare Managed Ruleset.
   * @default - none
   */
  readonly managedRuleOverrides?: ManagedRuleOverride[];
  /**
   * Action taken when a request's OWASP anomaly score reaches the threshold.
   * @default "block"
   */
  readonly owaspAction?: string;
  /**
   * OWASP anomaly score threshold: 25 (high sensitivity), 40 (medium) or 60 (low).
   * @default 40
   */
  readonly owaspScoreThreshold?: number;
  /**
   * OWASP paranoia level 1-4; higher levels add stricter rules and false positives.
   * @default 1
   */
  readonly owaspParanoiaLevel?: number;
}

/**
 * Renders the two managed rulesets, both executed on every request of the zone:
 * the Cloudflare Managed Ruleset (known CVEs, zero-days) and the OWASP Core
 * Ruleset (generic injection and XSS by anomaly score). Requires a Pro plan or higher.
 */
export function renderManagedWaf(scope: IConstruct, options: WafOptions = {}): RulesetRules[] {
  const overrides = options.managedRuleOverrides ?? [];
  assertOneOf(scope, 'waf.managedRulesetAction', options.managedRulesetAction, FIREWALL_ACTIONS);
  overrides.forEach((o, i) => {
    assertMatches(scope, `waf.managedRuleOverrides[${i}].ruleId`, o.ruleId, /^[0-9a-f]{32}$/, 'a managed rule id of 32 lowercase hex characters');
    assertOneOf(scope, `waf.managedRuleOverrides[${i}].action`, o.action, FIREWALL_ACTIONS);
    if (o.action === undefined && o.enabled === undefined) {
      throw new ValidationError(scope, `waf.managedRuleOverrides[${i}]`, o, 'an "action" or "enabled" to change');
    }
  });
  const owaspAction = options.owaspAction ?? 'block';
  assertOneOf(scope, 'waf.owaspAction', owaspAction, FIREWALL_ACTIONS);
  const threshold = options.owaspScoreThreshold ?? 40;
  if (!OWASP_SCORE_THRESHOLDS.includes(threshold)) {
    throw new ValidationError(scope, 'waf.owaspScoreThreshold', threshold, `one of ${OWASP_SCORE_THRESHOLDS.join(', ')}`);
  }
  const paranoia = options.owaspParanoiaLevel ?? 1;
  assertInteger(scope, 'waf.owaspParanoiaLevel', paranoia, 1, 4);

  const managedOverrides: RulesetRulesActionParametersOverrides | undefined = options.managedRulesetAction !== undefined || overrides.length > 0
    ? {
      action: options.managedRulesetAction,
      rules: overrides.length > 0 ? overrides.map((o) => ({ id: o.ruleId, action: o.action, enabled: o.enabled ?? true })) : undefined,
    }
    : undefined;
  // Paranoia levels above the chosen one are switched off by their category tag.
  const disabledLevels = [2, 3, 4].filter((l) => l > paranoia).map((l) => ({ category: `paranoia-level-${l}`, enabled: false }));
  return [
    {
      ref: 'cloudflare-managed-ruleset',
      description: 'Execute the Cloudflare Managed Ruleset (CVEs, zero-days, common attacks)',
      expression: 'true',
      action: 'execute',
      actionParameters: { id: CLOUDFLARE_MANAGED_RULESET_ID, overrides: managedOverrides },
      enabled: true,
    },
    {
      ref: 'owasp-core-ruleset',
      description: `Execute the OWASP Core Ruleset: ${owaspAction} at anomaly score ${threshold}, paranoia level ${paranoia}`,
      expression: 'true',
      action: 'execute',
      actionParameters: {
        id: OWASP_CORE_RULESET_ID,
        overrides: {
          categories: disabledLevels.length > 0 ? disabledLevels : undefined,
          rules: [{ id: OWASP_ANOMALY_SCORE_RULE_ID, action: owaspAction, scoreThreshold: threshold, enabled: true }],
        },
      },
      enabled: true,
    },
  ];
}
