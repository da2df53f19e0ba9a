import { Testing, TerraformStack } from 'cdktf';
import { CacheBehavior, EdgePhase, FirewallAction, FlowLogDestination, FlowLogTrafficType, OwaspSensitivity, RedirectStatusCode, SecurityGroupProtocol, TlsVersion } from '../../../lib';
import { checkEnum } from '../../../lib/networking/private/enums';

const scope = new TerraformStack(Testing.app(), 'enums');

describe('the enum-like classes of networking', () => {
  test.each<[string, unknown]>([
    ['FirewallAction', FirewallAction.BLOCK],
    ['CacheBehavior', CacheBehavior.overrideOrigin(60)],
    ['EdgePhase', EdgePhase.RATE_LIMIT],
    ['TlsVersion', TlsVersion.TLS_1_3],
    ['RedirectStatusCode', RedirectStatusCode.FOUND],
    ['OwaspSensitivity', OwaspSensitivity.LOW],
    ['SecurityGroupProtocol', SecurityGroupProtocol.ICMPV6],
    ['FlowLogDestination', FlowLogDestination.S3],
    ['FlowLogTrafficType', FlowLogTrafficType.REJECT],
  ])('%s members are recognized, strings and other classes are not', (typeName, member) => {
    expect(checkEnum(scope, 'x', member, typeName)).toBe(member);
    expect(() => checkEnum(scope, 'x', 'value', typeName)).toThrow(`[enums] invalid "x": got "value"; expected ${/^[AEIOU]/.test(typeName) ? 'an' : 'a'} ${typeName}: ${typeName}.`);
    expect(() => checkEnum(scope, 'x', typeName === 'TlsVersion' ? FirewallAction.BLOCK : TlsVersion.TLS_1_2, typeName)).toThrow(`expected ${/^[AEIOU]/.test(typeName) ? 'an' : 'a'} ${typeName}`);
  });

  test('values are what the providers expect', () => {
    const actions = [FirewallAction.BLOCK, FirewallAction.MANAGED_CHALLENGE, FirewallAction.JS_CHALLENGE, FirewallAction.CHALLENGE];
    expect(actions.map((a) => a.value)).toEqual(['block', 'managed_challenge', 'js_challenge', 'challenge']);
    const codes = [RedirectStatusCode.MOVED_PERMANENTLY, RedirectStatusCode.FOUND, RedirectStatusCode.TEMPORARY_REDIRECT, RedirectStatusCode.PERMANENT_REDIRECT];
    expect(codes.map((c) => c.code)).toEqual([301, 302, 307, 308]);
    expect([OwaspSensitivity.HIGH, OwaspSensitivity.MEDIUM, OwaspSensitivity.LOW].map((s) => s.scoreThreshold)).toEqual([25, 40, 60]);
    expect([CacheBehavior.BYPASS.mode, CacheBehavior.RESPECT_ORIGIN.mode, CacheBehavior.overrideOrigin(60).mode]).toEqual(['bypass', 'respect_origin', 'override_origin']);
    expect(SecurityGroupProtocol.ALL.value).toBe('-1');
    expect(EdgePhase.CACHE_SETTINGS.value).toBe('http_request_cache_settings');
  });
});
