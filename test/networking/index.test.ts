import * as networking from '../../lib/networking';

describe('lib/networking exports', () => {
  test('only constructs and enum-like classes at runtime (props and contracts are types): no helpers, lists or constants', () => {
    expect(Object.keys(networking).sort()).toEqual([
      'ApplicationSecurityGroup', 'CacheBehavior', 'CloudflareEdge', 'EdgePhase', 'FirewallAction', 'FlowLogDestination', 'FlowLogTrafficType', 'KeepAliveWorker',
      'LeakedCredentialMatch', 'NetworkingModule', 'OwaspSensitivity', 'RedirectStatusCode', 'SecurityGroupProtocol', 'TlsVersion', 'TurnstileMode', 'Vpc', 'VpcFlowLogs', 'ZoneSecuritySettings',
    ]);
    for (const value of Object.values(networking)) expect(typeof value === 'function' && /^class /.test(Function.prototype.toString.call(value))).toBe(true);
  });
});
