import { RulesetRules, RulesetRulesActionParametersOverrides } from '@cdktf/provider-cloudflare/lib/ruleset';
import { readEnum } from './enums';
import { requiredString } from './text';
import { ValidationError } from '../../core/errors';
import { Input } from '../../core/private/input';
import { FirewallAction } from '../edge-rules';
import { OwaspSensitivity } from '../managed-waf';

/** Id of the Cloudflare Managed Ruleset (the same in every account). */
export const CLOUDFLARE_MANAGED_RULESET_ID = 'efb7b8c949ac4650a09736fc376e9aee';
/** Id of the Cloudflare OWASP Core Ruleset. */
export const OWASP_CORE_RULESET_ID = '4814384a9e5d4991b9815dcfc25d2f1f';
/** Id of the OWASP rule that acts on the total anomaly score (949110). */
export const OWASP_ANOMALY_SCORE_RULE_ID = '6179ae15870a4bb7b2d480d4843b323c';

/**
 * Reads `WafOptions` and renders the two managed rulesets, both executed on every
 * request of the zone: the Cloudflare Managed Ruleset (known CVEs, zero-days) and
 * the OWASP Core Ruleset (generic injection and XSS by anomaly score). Requires a
 * Pro plan or higher.
 */
export function readManagedWaf(input: Input): RulesetRules[] {
  const managedAction = readEnum<FirewallAction>(input, 'managedRulesetAction', 'FirewallAction');
  const overrides = (input.objectList('managedRuleOverrides') ?? []).map((o) => {
    const override = {
      id: requiredString(o.scope, o.path('ruleId'), o.raw('ruleId'), { pattern: /^[0-9a-f]{32}$/, allowed: 'a managed rule id of 32 lowercase hex characters' }),
      action: readEnum<FirewallAction>(o, 'action', 'FirewallAction')?.value,
      enabled: o.boolean('enabled'),
    };
    if (override.action === undefined && override.enabled === undefined) {
      throw new ValidationError(o.scope, o.path('action'), undefined, 'an "action" or "enabled" to change (an override that changes nothing is a mistake)');
    }
    o.done();
    return { ...override, enabled: override.enabled ?? true };
  });
  const owaspAction = readEnum<FirewallAction>(input, 'owaspAction', 'FirewallAction') ?? FirewallAction.BLOCK;
  const threshold = (readEnum<OwaspSensitivity>(input, 'owaspSensitivity', 'OwaspSensitivity') ?? OwaspSensitivity.MEDIUM).scoreThreshold;
  const paranoia = input.integer('owaspParanoiaLevel', 1, 4) ?? 1;
  input.done();

  const managedOverrides: RulesetRulesActionParametersOverrides | undefined = managedAction !== undefined || overrides.length > 0
    ? { action: managedAction?.value, rules: overrides.length > 0 ? overrides : undefined }
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
      description: `Execute the OWASP Core Ruleset: ${owaspAction.value} at anomaly score ${threshold}, paranoia level ${paranoia}`,
      expression: 'true',
      action: 'execute',
      actionParameters: {
        id: OWASP_CORE_RULESET_ID,
        overrides: {
          categories: disabledLevels.length > 0 ? disabledLevels : undefined,
          rules: [{ id: OWASP_ANOMALY_SCORE_RULE_ID, action: owaspAction.value, scoreThreshold: threshold, enabled: true }],
        },
      },
      enabled: true,
    },
  ];
}
