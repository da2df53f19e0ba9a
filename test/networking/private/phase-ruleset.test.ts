import { Testing } from 'cdktf';
import { EdgePhase } from '../../../lib';
import { PhaseRuleset } from '../../../lib/networking/private/phase-ruleset';
import { Template, environmentStack } from '../../support/template';

const ZONE = '0123456789abcdef0123456789abcdef';

describe('PhaseRuleset', () => {
  test('one zone entry point for the phase, with rules in the order added', () => {
    const stack = environmentStack();
    const rs = new PhaseRuleset(stack, 'Firewall', { zoneId: ZONE, phase: EdgePhase.FIREWALL_CUSTOM, rulesetName: 'fw', description: 'd' });
    rs.addRule({ ref: 'a', expression: 'true', action: 'block' }, { scope: stack, prop: 'rule' });
    rs.addRule({ ref: 'b', expression: 'true', action: 'managed_challenge' }, { scope: stack, prop: 'rule' });
    const r = Template.of(stack).only('cloudflare_ruleset');
    expect(r).toMatchObject({ zone_id: ZONE, kind: 'zone', phase: 'http_request_firewall_custom', name: 'fw', description: 'd' });
    expect(r.rules.map((x: any) => x.ref)).toEqual(['a', 'b']);
    expect(rs.refs).toEqual(['a', 'b']);
    expect(Template.of(stack).json.provider.cloudflare).toEqual([{}]);
  });

  test('a duplicate rule name names both places it was given', () => {
    const stack = environmentStack();
    const rs = new PhaseRuleset(stack, 'R', { zoneId: ZONE, phase: EdgePhase.RATE_LIMIT, rulesetName: 'r', description: 'd' });
    rs.addRule({ ref: 'a', expression: 'true', action: 'block' }, { scope: stack, prop: 'rateLimitRules[0]' });
    expect(() => rs.addRule({ ref: 'a', expression: 'true', action: 'block' }, { scope: stack, prop: 'rule' })).toThrow(
      '[test] invalid "rule.name": got "a"; expected a rule name not yet used in phase "http_ratelimit" of test/R (already used by "rateLimitRules[0]" of test)',
    );
  });

  test('an empty entry point fails synth', () => {
    const stack = environmentStack();
    new PhaseRuleset(stack, 'Empty', { zoneId: ZONE, phase: EdgePhase.RATE_LIMIT, rulesetName: 'r', description: 'd' });
    expect(() => Testing.synth(stack, true)).toThrow('[test/Empty] invalid "rules": got []; expected at least one rule: Cloudflare rejects an empty entry point for phase "http_ratelimit"');
  });
});
