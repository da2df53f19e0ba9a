import { Testing } from 'cdktf';
import { Environment, EnvironmentStack, SecurityGroupProtocol } from '../../../lib';
import { readRule } from '../../../lib/networking/private/security-group-rules';

const stack = new EnvironmentStack(Testing.app(), 'sg', { environment: Environment.staging({ project: 'acme' }) });
const context = { env: Environment.staging({ project: 'acme' }), acknowledged: undefined, group: stack };
const judge = (direction: 'ingress' | 'egress', rule: object) => () => readRule({ scope: stack, prop: 'rule' }, { name: 'r', description: 'd', ...rule }, direction, context);

/** The decision table of `readRule`, row by row. */
describe('exposure decision table', () => {
  test.each<[string, 'ingress' | 'egress', object, boolean]>([
    ['ingress, every protocol', 'ingress', { protocol: SecurityGroupProtocol.ALL, cidrIpv4: '0.0.0.0/0' }, false],
    ['ingress, several sensitive services', 'ingress', { fromPort: 3000, toPort: 4000, cidrIpv4: '0.0.0.0/0' }, false],
    ['ingress, one sensitive service', 'ingress', { fromPort: 6379, cidrIpv6: '::/0' }, false],
    ['ingress, no sensitive service', 'ingress', { fromPort: 443, cidrIpv4: '0.0.0.0/0' }, true],
    ['egress, every port', 'egress', { fromPort: 0, toPort: 65535, cidrIpv4: '0.0.0.0/0' }, false],
    ['egress, several sensitive services', 'egress', { fromPort: 5000, toPort: 7000, cidrIpv4: '0.0.0.0/0' }, false],
    ['egress, one sensitive service', 'egress', { fromPort: 5432, cidrIpv4: '0.0.0.0/0' }, true],
    ['egress, no sensitive service', 'egress', { fromPort: 443, cidrIpv6: '::/0' }, true],
    ['any direction, not internet-wide (private)', 'ingress', { protocol: SecurityGroupProtocol.ALL, cidrIpv4: '10.0.0.0/8' }, true],
    ['any direction, not internet-wide (own public /20)', 'ingress', { fromPort: 22, cidrIpv4: '84.17.0.0/20' }, true],
    ['ICMP from anywhere', 'ingress', { protocol: SecurityGroupProtocol.ICMP, fromPort: -1, toPort: -1, cidrIpv4: '0.0.0.0/0' }, true],
    ['peer security groups are not judged by address', 'ingress', { fromPort: 22, peerSecurityGroupId: 'sg-0123456789abcdef0' }, true],
  ])('%s', (_row, direction, rule, allowed) => {
    if (allowed) expect(judge(direction, rule)).not.toThrow();
    else expect(judge(direction, rule)).toThrow(direction === 'ingress' ? 'expected no sensitive port open to an internet-wide range' : 'expected specific ports to the internet');
  });

  test('renders the aws_vpc_security_group_*_rule config (no ports for every protocol)', () => {
    expect(judge('ingress', { fromPort: 443, toPort: 444, cidrIpv6: '2001:db8::/32' })()).toEqual({
      name: 'r', description: 'd', ipProtocol: 'tcp', fromPort: 443, toPort: 444, cidrIpv4: undefined, cidrIpv6: '2001:db8::/32', referencedSecurityGroupId: undefined, prefixListId: undefined,
    });
    expect(judge('ingress', { protocol: SecurityGroupProtocol.ALL, cidrIpv4: '10.0.0.0/8' })()).not.toHaveProperty('fromPort');
  });
});
