import { ApplicationSecurityGroup, SecurityGroupRule } from '../../lib';
import { Template, environmentStack } from '../support/template';

function group(rules: { ingress?: SecurityGroupRule[]; egress?: SecurityGroupRule[]; allowHttpsEgress?: boolean } = {}) {
  const stack = environmentStack();
  const sg = new ApplicationSecurityGroup(stack, 'Api', {
    vpcId: 'vpc-123',
    description: 'API pods',
    ingressRules: rules.ingress,
    egressRules: rules.egress,
    allowHttpsEgress: rules.allowHttpsEgress,
  });
  return { stack, sg };
}

describe('ApplicationSecurityGroup', () => {
  test('defaults: described group, no ingress, only a described HTTPS egress rule', () => {
    const t = Template.of(group().stack);
    expect(t.only('aws_security_group')).toMatchObject({ name: 'livestreamsell-staging-api', description: 'API pods', vpc_id: 'vpc-123', revoke_rules_on_delete: true });
    expect(t.count('aws_vpc_security_group_ingress_rule')).toBe(0);
    expect(t.only('aws_vpc_security_group_egress_rule')).toMatchObject({
      ip_protocol: 'tcp',
      from_port: 443,
      to_port: 443,
      cidr_ipv4: '0.0.0.0/0',
      description: 'HTTPS to external APIs and registries through the NAT gateway',
    });
    // The group itself declares no inline rules, so AWS's implicit allow-all egress is removed.
    expect(t.only('aws_security_group').egress).toBeUndefined();
  });

  test('every rule is its own resource with its description, ports and peer', () => {
    const { stack, sg } = group({ allowHttpsEgress: false });
    sg.addIngressRule({ name: 'api-from-vpc', description: 'API port from the load balancer', fromPort: 8000, cidrIpv4: '10.20.0.0/16' });
    sg.addIngressRule({ name: 'https-from-internet', description: 'Public HTTPS', fromPort: 443, cidrIpv4: '0.0.0.0/0' });
    sg.addIngressRule({ name: 'from-peer', description: 'Metrics scrape', fromPort: 9100, toPort: 9102, peerSecurityGroupId: 'sg-0abc' });
    sg.addEgressRule({ name: 'redis', description: 'Redis in the VPC', fromPort: 6379, cidrIpv4: '10.20.0.0/16' });
    const t = Template.of(stack);
    const ingress = t.resourceList('aws_vpc_security_group_ingress_rule');
    expect(ingress).toHaveLength(3);
    expect(ingress.every((r) => typeof r.description === 'string' && r.description.length > 0)).toBe(true);
    expect(ingress).toContainEqual(expect.objectContaining({ from_port: 9100, to_port: 9102, referenced_security_group_id: 'sg-0abc', ip_protocol: 'tcp' }));
    expect(Object.keys(t.resources('aws_vpc_security_group_ingress_rule'))).toContainEqual(expect.stringContaining('Ingress-api-from-vpc'));
    expect(t.only('aws_vpc_security_group_egress_rule')).toMatchObject({ from_port: 6379, cidr_ipv4: '10.20.0.0/16' });
  });

  test('all-protocol rules inside the VPC carry no ports', () => {
    const { stack, sg } = group();
    sg.addIngressRule({ name: 'vpc-all', description: 'Anything from the VPC', protocol: '-1', cidrIpv4: '10.20.0.0/16' });
    const rule = Template.of(stack).only('aws_vpc_security_group_ingress_rule');
    expect(rule).toMatchObject({ ip_protocol: '-1', cidr_ipv4: '10.20.0.0/16' });
    expect(rule.from_port).toBeUndefined();
  });

  test.each<[string, SecurityGroupRule, string]>([
    ['SSH from anywhere', { name: 'ssh', description: 'ssh', fromPort: 22, cidrIpv4: '0.0.0.0/0' },
      '[test/Api] invalid "ingressRules[ssh]": got "tcp 22-22 from 0.0.0.0/0"; expected no SSH (22) or RDP (3389) from the internet: use SSM Session Manager, or a VPN or office CIDR narrower than /8'],
    ['RDP inside a range from ::/0', { name: 'rdp', description: 'rdp', fromPort: 3000, toPort: 4000, cidrIpv6: '::/0' },
      '[test/Api] invalid "ingressRules[rdp]": got "tcp 3000-4000 from ::/0"; expected no SSH (22) or RDP (3389)'],
    ['SSH from half the internet', { name: 'ssh-half', description: 'ssh', fromPort: 22, cidrIpv4: '0.0.0.0/1' },
      '[test/Api] invalid "ingressRules[ssh-half]": got "tcp 22-22 from 0.0.0.0/1"'],
    ['all ports from anywhere', { name: 'all-tcp', description: 'all', fromPort: 0, toPort: 65535, cidrIpv4: '0.0.0.0/0' },
      '[test/Api] invalid "ingressRules[all-tcp]": got "tcp 0-65535 from 0.0.0.0/0"; expected specific ports: every port from the internet is never allowed; name the ports the service needs'],
    ['all protocols from anywhere', { name: 'all', description: 'all', protocol: '-1', cidrIpv4: '0.0.0.0/0' },
      '[test/Api] invalid "ingressRules[all]": got "-1 all from 0.0.0.0/0"; expected specific ports'],
    ['no description', { name: 'x', description: '', fromPort: 443, cidrIpv4: '10.0.0.0/8' },
      '[test/Api] invalid "ingressRules[x].description": got ""; expected a description of 1-255 characters'],
    ['a description AWS refuses', { name: 'x', description: 'naïve <rule>', fromPort: 443, cidrIpv4: '10.0.0.0/8' },
      '[test/Api] invalid "ingressRules[x].description": got "naïve <rule>"'],
    ['no peer', { name: 'x', description: 'x', fromPort: 443 },
      '[test/Api] invalid "ingressRules[x]": got []; expected exactly one peer: cidrIpv4, cidrIpv6, peerSecurityGroupId or prefixListId'],
    ['two peers', { name: 'x', description: 'x', fromPort: 443, cidrIpv4: '10.0.0.0/8', peerSecurityGroupId: 'sg-1' },
      '[test/Api] invalid "ingressRules[x]": got ["10.0.0.0/8","sg-1"]; expected exactly one peer'],
    ['a malformed CIDR', { name: 'x', description: 'x', fromPort: 443, cidrIpv4: '10.0.0.0/33' },
      '[test/Api] invalid "ingressRules[x].cidrIpv4": got "10.0.0.0/33"; expected an IPv4 CIDR block'],
    ['a malformed IPv6 CIDR', { name: 'x', description: 'x', fromPort: 443, cidrIpv6: 'fe80::/129' },
      '[test/Api] invalid "ingressRules[x].cidrIpv6": got "fe80::/129"; expected an IPv6 CIDR block such as "2001:db8::/32"'],
    ['a port out of range', { name: 'x', description: 'x', fromPort: 70000, cidrIpv4: '10.0.0.0/8' },
      '[test/Api] invalid "ingressRules[x].fromPort": got 70000; expected a whole number from 0 to 65535'],
    ['ports in reverse', { name: 'x', description: 'x', fromPort: 500, toPort: 400, cidrIpv4: '10.0.0.0/8' },
      '[test/Api] invalid "ingressRules[x].toPort": got 400; expected a whole number from 500 to 65535'],
    ['tcp without a port', { name: 'x', description: 'x', cidrIpv4: '10.0.0.0/8' },
      '[test/Api] invalid "ingressRules[x].fromPort": got undefined; expected a port from 0 to 65535 for protocol "tcp"'],
    ['ports on all protocols', { name: 'x', description: 'x', protocol: '-1', fromPort: 1, cidrIpv4: '10.0.0.0/8' },
      '[test/Api] invalid "ingressRules[x].fromPort": got 1; expected no ports with protocol "-1" (all protocols)'],
    ['an unknown protocol', { name: 'x', description: 'x', protocol: 'sctp', fromPort: 1, cidrIpv4: '10.0.0.0/8' },
      '[test/Api] invalid "ingressRules[x].protocol": got "sctp"; expected one of "tcp", "udp", "icmp", "icmpv6", "-1"'],
    ['a bad rule name', { name: 'SSH Rule', description: 'x', fromPort: 22, cidrIpv4: '10.0.0.0/8' },
      '[test/Api] invalid "ingressRules.name": got "SSH Rule"; expected a DNS label'],
  ])('refuses ingress with %s', (_what, rule, message) => {
    expect(() => group({ ingress: [rule] })).toThrow(message);
  });

  test('SSH from a VPN range and ICMP from anywhere are allowed', () => {
    const { stack, sg } = group();
    sg.addIngressRule({ name: 'ssh-vpn', description: 'SSH from the office VPN', fromPort: 22, cidrIpv4: '203.0.113.0/24' });
    sg.addIngressRule({ name: 'ping', description: 'Path MTU discovery', protocol: 'icmp', fromPort: 3, toPort: 4, cidrIpv4: '0.0.0.0/0' });
    expect(Template.of(stack).count('aws_vpc_security_group_ingress_rule')).toBe(2);
  });

  test('egress: all protocols to the internet is refused, SSH to the internet is not', () => {
    expect(() => group({ egress: [{ name: 'all-out', description: 'everything', protocol: '-1', cidrIpv4: '0.0.0.0/0' }] })).toThrow(
      '[test/Api] invalid "egressRules[all-out]": got "-1 all to 0.0.0.0/0"; expected specific ports: every port to the internet is never allowed; name the ports the service needs',
    );
    expect(() => group({ egress: [{ name: 'git-ssh', description: 'git over SSH', fromPort: 22, cidrIpv4: '0.0.0.0/0' }] })).not.toThrow();
  });

  test('group description and name are validated', () => {
    const stack = environmentStack();
    expect(() => new ApplicationSecurityGroup(stack, 'A', { vpcId: 'vpc-1', description: '' })).toThrow('[test/A] invalid "description": got ""; expected a description of 1-255 characters');
    expect(() => new ApplicationSecurityGroup(stack, 'B', { vpcId: 'vpc-1', description: 'ok', groupName: 'sg-bad' })).toThrow(
      '[test/B] invalid "groupName": got "sg-bad"; expected up to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with "sg-"',
    );
  });
});
