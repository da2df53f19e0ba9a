import { Testing } from 'cdktf';
import { PhaseRuleset } from '../../lib';
import { Template, environmentStack } from '../support/template';

const ZONE = '0123456789abcdef0123456789abcdef';

describe('PhaseRuleset', () => {
  test('one zone entry point for the phase, with rules in the order added', () => {
    const stack = environmentStack();
    const rs = new PhaseRuleset(stack, 'Firewall', { zoneId: ZONE, phase: 'http_request_firewall_custom', rulesetName: 'fw', description: 'd' });
    rs.addRule({ ref: 'a', expression: 'true', action: 'block' });
    rs.addRule({ ref: 'b', expression: 'true', action: 'managed_challenge' });
    const r = Template.of(stack).only('cloudflare_ruleset');
    expect(r).toMatchObject({ zone_id: ZONE, kind: 'zone', phase: 'http_request_firewall_custom', name: 'fw', description: 'd' });
    expect(r.rules.map((x: any) => x.ref)).toEqual(['a', 'b']);
    expect(rs.refs).toEqual(['a', 'b']);
    expect(Template.of(stack).json.provider.cloudflare).toEqual([{}]);
  });

  test('refuses a phase the module does not own', () => {
    expect(() => new PhaseRuleset(environmentStack(), 'X', { zoneId: ZONE, phase: 'http_request_transform', rulesetName: 'x', description: 'd' })).toThrow(
      '[test/X] invalid "phase": got "http_request_transform"; expected one of "http_request_firewall_managed", "http_request_firewall_custom", "http_ratelimit", "http_request_dynamic_redirect", "http_request_cache_settings"',
    );
  });

  test('refuses a duplicate rule ref', () => {
    const rs = new PhaseRuleset(environmentStack(), 'R', { zoneId: ZONE, phase: 'http_ratelimit', rulesetName: 'r', description: 'd' });
    rs.addRule({ ref: 'a', expression: 'true', action: 'block' });
    expect(() => rs.addRule({ ref: 'a', expression: 'true', action: 'block' })).toThrow('[test/R] invalid "rules.ref": got "a"; expected a rule name not yet used in phase "http_ratelimit" (used: a)');
  });

  test('an empty entry point fails synth', () => {
    const stack = environmentStack();
    new PhaseRuleset(stack, 'Empty', { zoneId: ZONE, phase: 'http_ratelimit', rulesetName: 'r', description: 'd' });
    expect(() => Testing.synth(stack, true)).toThrow('[test/Empty] ruleset for phase "http_ratelimit" has no rules');
  });
});
