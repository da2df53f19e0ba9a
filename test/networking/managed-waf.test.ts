import { Testing, TerraformStack } from 'cdktf';
import { CLOUDFLARE_MANAGED_RULESET_ID, OWASP_ANOMALY_SCORE_RULE_ID, OWASP_CORE_RULESET_ID, renderManagedWaf } from '../../lib';

const scope = new TerraformStack(Testing.app(), 'waf');

describe('renderManagedWaf', () => {
  test('executes the Cloudflare Managed Ruleset and the OWASP Core Ruleset on every request', () => {
    const [managed, owasp] = renderManagedWaf(scope);
    expect(managed).toEqual({
      ref: 'cloudflare-managed-ruleset',
      description: expect.any(String),
      expression: 'true',
      action: 'execute',
      enabled: true,
      actionParameters: { id: CLOUDFLARE_MANAGED_RULESET_ID, overrides: undefined },
    });
    expect(owasp).toMatchObject({ ref: 'owasp-core-ruleset', expression: 'true', action: 'execute', enabled: true, actionParameters: { id: OWASP_CORE_RULESET_ID } });
  });

  test('OWASP blocks at anomaly score 40 with paranoia level 1 (levels 2-4 switched off)', () => {
    const overrides = renderManagedWaf(scope)[1].actionParameters!.overrides!;
    expect(overrides.rules).toEqual([{ id: OWASP_ANOMALY_SCORE_RULE_ID, action: 'block', scoreThreshold: 40, enabled: true }]);
    expect(overrides.categories).toEqual([
      { category: 'paranoia-level-2', enabled: false },
      { category: 'paranoia-level-3', enabled: false },
      { category: 'paranoia-level-4', enabled: false },
    ]);
  });

  test('actions, thresholds, paranoia level and single rules can be overridden', () => {
    const [managed, owasp] = renderManagedWaf(scope, {
      managedRulesetAction: 'managed_challenge',
      managedRuleOverrides: [{ ruleId: '5de7edfa648c4d6891dc3e7f84534ffa', enabled: false }],
      owaspAction: 'managed_challenge',
      owaspScoreThreshold: 25,
      owaspParanoiaLevel: 4,
    });
    expect(managed.actionParameters!.overrides).toEqual({ action: 'managed_challenge', rules: [{ id: '5de7edfa648c4d6891dc3e7f84534ffa', action: undefined, enabled: false }] });
    expect(owasp.actionParameters!.overrides).toEqual({ categories: undefined, rules: [{ id: OWASP_ANOMALY_SCORE_RULE_ID, action: 'managed_challenge', scoreThreshold: 25, enabled: true }] });
  });

  test.each<[object, string]>([
    [{ managedRulesetAction: 'log' }, '[waf] invalid "waf.managedRulesetAction": got "log"; expected one of "block", "managed_challenge", "js_challenge", "challenge"'],
    [{ owaspAction: 'skip' }, '[waf] invalid "waf.owaspAction": got "skip"; expected one of "block", "managed_challenge", "js_challenge", "challenge"'],
    [{ owaspScoreThreshold: 10 }, '[waf] invalid "waf.owaspScoreThreshold": got 10; expected one of 25, 40, 60'],
    [{ owaspParanoiaLevel: 5 }, '[waf] invalid "waf.owaspParanoiaLevel": got 5; expected a whole number from 1 to 4'],
    [{ managedRuleOverrides: [{ ruleId: 'not-an-id', enabled: false }] }, '[waf] invalid "waf.managedRuleOverrides[0].ruleId": got "not-an-id"; expected a managed rule id of 32 lowercase hex characters'],
    [{ managedRuleOverrides: [{ ruleId: '5de7edfa648c4d6891dc3e7f84534ffa' }] }, '[waf] invalid "waf.managedRuleOverrides[0]": got {"ruleId":"5de7edfa648c4d6891dc3e7f84534ffa"}; expected an "action" or "enabled" to change'],
  ])('rejects %j', (options, message) => {
    expect(() => renderManagedWaf(scope, options)).toThrow(message);
  });
});
