import { Testing, TerraformStack } from 'cdktf';
import { FirewallAction, OwaspSensitivity } from '../../../lib';
import { Input } from '../../../lib/core/private/input';
import { CLOUDFLARE_MANAGED_RULESET_ID, OWASP_ANOMALY_SCORE_RULE_ID, OWASP_CORE_RULESET_ID, readManagedWaf } from '../../../lib/networking/private/managed-waf';

const scope = new TerraformStack(Testing.app(), 'waf');
const waf = (options: object = {}) => readManagedWaf(Input.of(scope, options, 'waf'));

describe('readManagedWaf', () => {
  test('executes the Cloudflare Managed Ruleset and the OWASP Core Ruleset on every request', () => {
    const [managed, owasp] = waf();
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

  test('OWASP blocks at anomaly score 40 (medium) with paranoia level 1 (levels 2-4 switched off)', () => {
    const overrides = waf()[1].actionParameters!.overrides!;
    expect(overrides.rules).toEqual([{ id: OWASP_ANOMALY_SCORE_RULE_ID, action: 'block', scoreThreshold: 40, enabled: true }]);
    expect(overrides.categories).toEqual([
      { category: 'paranoia-level-2', enabled: false },
      { category: 'paranoia-level-3', enabled: false },
      { category: 'paranoia-level-4', enabled: false },
    ]);
  });

  test('actions, sensitivity, paranoia level and single rules can be overridden', () => {
    const [managed, owasp] = waf({
      managedRulesetAction: FirewallAction.MANAGED_CHALLENGE,
      managedRuleOverrides: [{ ruleId: '5de7edfa648c4d6891dc3e7f84534ffa', enabled: false }],
      owaspAction: FirewallAction.MANAGED_CHALLENGE,
      owaspSensitivity: OwaspSensitivity.HIGH,
      owaspParanoiaLevel: 4,
    });
    expect(managed.actionParameters!.overrides).toEqual({ action: 'managed_challenge', rules: [{ id: '5de7edfa648c4d6891dc3e7f84534ffa', action: undefined, enabled: false }] });
    expect(owasp.actionParameters!.overrides).toEqual({ categories: undefined, rules: [{ id: OWASP_ANOMALY_SCORE_RULE_ID, action: 'managed_challenge', scoreThreshold: 25, enabled: true }] });
  });

  test.each<[object, string]>([
    [{ managedRulesetAction: 'log' }, '[waf] invalid "waf.managedRulesetAction": got "log"; expected a FirewallAction: FirewallAction.BLOCK, FirewallAction.MANAGED_CHALLENGE, FirewallAction.JS_CHALLENGE or FirewallAction.CHALLENGE'],
    [{ owaspAction: 'skip' }, '[waf] invalid "waf.owaspAction": got "skip"; expected a FirewallAction'],
    [{ owaspSensitivity: 10 }, '[waf] invalid "waf.owaspSensitivity": got 10; expected an OwaspSensitivity: OwaspSensitivity.HIGH, OwaspSensitivity.MEDIUM or OwaspSensitivity.LOW'],
    [{ owaspParanoiaLevel: 5 }, '[waf] invalid "waf.owaspParanoiaLevel": got 5; expected a whole number from 1 to 4'],
    [{ managedRuleOverrides: [{ ruleId: 'not-an-id', enabled: false }] }, '[waf] invalid "waf.managedRuleOverrides[0].ruleId": got "not-an-id"; expected a managed rule id of 32 lowercase hex characters'],
    [{ managedRuleOverrides: [{ ruleId: '5de7edfa648c4d6891dc3e7f84534ffa' }] }, '[waf] invalid "waf.managedRuleOverrides[0].action": got undefined; expected an "action" or "enabled" to change (an override that changes nothing is a mistake)'],
    [{ managedRuleOverrides: [{ ruleId: '5de7edfa648c4d6891dc3e7f84534ffa', enabled: 'false' }] }, '[waf] invalid "waf.managedRuleOverrides[0].enabled": got "false"; expected true or false (a boolean, not a string)'],
    [{ owaspScoreThreshold: 40 }, '[waf] invalid "waf.owaspScoreThreshold": got 40; expected no such property'],
  ])('rejects %j', (options, message) => {
    expect(() => waf(options)).toThrow(message);
  });
});
