import { Testing, TerraformVariable } from 'cdktf';
import { ApplicationSecurityGroup, Environment, SecurityGroupProtocol, SecurityGroupRule, Vpc } from '../../lib';
import { Template, environmentStack } from '../support/template';

const VPC = 'vpc-0123456789abcdef0';

function group(rules: { ingress?: SecurityGroupRule[]; egress?: SecurityGroupRule[]; allowHttpsEgress?: boolean; acknowledge?: string[] } = {}, env?: Environment) {
  const stack = environmentStack(env);
  const sg = new ApplicationSecurityGroup(stack, 'Api', {
    vpcId: VPC,
    description: 'API pods',
    ingressRules: rules.ingress,
    egressRules: rules.egress,
    allowHttpsEgress: rules.allowHttpsEgress,
    acknowledgeUnsafeInProduction: rules.acknowledge,
  });
  return { stack, sg };
}

const ingress = (rule: Partial<SecurityGroupRule>): SecurityGroupRule => ({ name: 'r', description: 'rule', ...rule });

describe('ApplicationSecurityGroup', () => {
  test('defaults: described group, no ingress, only a described HTTPS egress rule', () => {
    const t = Template.of(group().stack);
    expect(t.only('aws_security_group')).toMatchObject({ name: 'livestreamsell-staging-api', description: 'API pods', vpc_id: VPC, revoke_rules_on_delete: true });
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

  test('every rule is its own resource with its description, ports and peer; the methods return them', () => {
    const { stack, sg } = group({ allowHttpsEgress: false });
    const api = sg.addIngressRule({ name: 'api-from-vpc', description: 'API port from the load balancer', fromPort: 8000, cidrIpv4: '10.20.0.0/16' });
    sg.addIngressRule({ name: 'https-from-internet', description: 'Public HTTPS', fromPort: 443, cidrIpv4: '0.0.0.0/0' });
    sg.addIngressRule({ name: 'https-v6', description: 'Public HTTPS over IPv6', fromPort: 443, cidrIpv6: '::/0' });
    sg.addIngressRule({ name: 'from-peer', description: 'Metrics scrape', fromPort: 9100, toPort: 9102, peerSecurityGroupId: 'sg-0123456789abcdef0' });
    sg.addEgressRule({ name: 'redis', description: 'Redis in the VPC', fromPort: 6379, cidrIpv4: '10.20.0.0/16' });
    expect(api.node.id).toBe('Ingress-api-from-vpc');
    const t = Template.of(stack);
    const rules = t.resourceList('aws_vpc_security_group_ingress_rule');
    expect(rules).toHaveLength(4);
    expect(rules).toContainEqual(expect.objectContaining({ from_port: 9100, to_port: 9102, referenced_security_group_id: 'sg-0123456789abcdef0', ip_protocol: 'tcp' }));
    expect(rules).toContainEqual(expect.objectContaining({ from_port: 443, cidr_ipv6: '::/0' }));
    expect(t.only('aws_vpc_security_group_egress_rule')).toMatchObject({ from_port: 6379, cidr_ipv4: '10.20.0.0/16' });
  });

  test('all-protocol rules inside the VPC carry no ports', () => {
    const { stack, sg } = group();
    sg.addIngressRule({ name: 'vpc-all', description: 'Anything from the VPC', protocol: SecurityGroupProtocol.ALL, cidrIpv4: '10.20.0.0/16' });
    const rule = Template.of(stack).only('aws_vpc_security_group_ingress_rule');
    expect(rule).toMatchObject({ ip_protocol: '-1', cidr_ipv4: '10.20.0.0/16' });
    expect(rule.from_port).toBeUndefined();
  });

  const EXPOSED = '; expected no sensitive port open to an internet-wide range (this rule lets';
  const FIX = 'use SSM Session Manager or a VPN, or name your own narrower ranges, or set "unsafeAllowInternetExposure: true" on the rule';

  test.each<[string, Partial<SecurityGroupRule>, string]>([
    ['SSH from anywhere', { fromPort: 22, cidrIpv4: '0.0.0.0/0' }, `invalid "ingressRules[0]": got "tcp 22 from 0.0.0.0/0"${EXPOSED} 100% of the public IPv4 space reach SSH (22)): ${FIX}`],
    ['SSH from half the internet', { fromPort: 22, cidrIpv4: '0.0.0.0/1' }, `got "tcp 22 from 0.0.0.0/1"${EXPOSED} 57% of the public IPv4 space reach SSH (22))`],
    ['SSH from a public /8', { fromPort: 22, cidrIpv4: '11.0.0.0/8' }, `got "tcp 22 from 11.0.0.0/8"${EXPOSED} 0.45% of the public IPv4 space reach SSH (22))`],
    ['PostgreSQL and Redis inside 3390-65535', { fromPort: 3390, toPort: 65535, cidrIpv4: '0.0.0.0/0' },
      `got "tcp 3390-65535 from 0.0.0.0/0"${EXPOSED} 100% of the public IPv4 space reach PostgreSQL (5432), Kibana (5601), VNC (5900), Redis (6379) and 7 more sensitive services)`],
    ['every port', { fromPort: 1, toPort: 65535, cidrIpv4: '0.0.0.0/0' }, `got "tcp 1-65535 from 0.0.0.0/0"${EXPOSED} 100% of the public IPv4 space reach every port)`],
    ['every protocol', { protocol: SecurityGroupProtocol.ALL, cidrIpv4: '0.0.0.0/0' }, 'got "all protocols from 0.0.0.0/0"'],
    ['RDP from ::/0', { fromPort: 3000, toPort: 4000, cidrIpv6: '::/0' }, `got "tcp 3000-4000 from ::/0"${EXPOSED} 100% of the public IPv6 space reach MySQL (3306), RDP (3389))`],
    ['Redis from 2000::/3', { fromPort: 6379, cidrIpv6: '2000::/3' }, 'got "tcp 6379 from 2000::/3"'],
    ['PostgreSQL from 2001::/16', { fromPort: 5432, cidrIpv6: '2001::/16' }, `got "tcp 5432 from 2001::/16"${EXPOSED} 0.012% of the public IPv6 space reach PostgreSQL (5432))`],
    ['SSH over UDP ranges too', { protocol: SecurityGroupProtocol.UDP, fromPort: 20, toPort: 30, cidrIpv4: '0.0.0.0/0' }, 'got "udp 20-30 from 0.0.0.0/0"'],
  ])('refuses ingress with %s', (_what, rule, message) => {
    expect(() => group({ ingress: [ingress(rule)] })).toThrow(message);
  });

  test('allows what only reaches public services, private ranges, own public ranges and ICMP', () => {
    const { stack } = group({
      ingress: [
        ingress({ name: 'https', fromPort: 443, cidrIpv4: '0.0.0.0/0' }),
        ingress({ name: 'web-range', fromPort: 8000, toPort: 8100, cidrIpv6: '::/0' }),
        ingress({ name: 'ssh-vpn', fromPort: 22, cidrIpv4: '198.51.100.0/24' }),
        ingress({ name: 'ssh-office', fromPort: 22, cidrIpv4: '84.17.0.0/16' }),
        ingress({ name: 'postgres-vpc', fromPort: 5432, cidrIpv4: '10.0.0.0/8' }),
        ingress({ name: 'all-private', protocol: SecurityGroupProtocol.ALL, cidrIpv4: '172.16.0.0/12' }),
        ingress({ name: 'ping', protocol: SecurityGroupProtocol.ICMP, fromPort: 3, toPort: 4, cidrIpv4: '0.0.0.0/0' }),
        ingress({ name: 'ssh-isp-v6', fromPort: 22, cidrIpv6: '2a02:1234::/32' }),
      ],
    });
    expect(Template.of(stack).count('aws_vpc_security_group_ingress_rule')).toBe(8);
  });

  test('egress to the internet: one service is how apps reach SaaS; every port or several services is refused', () => {
    const { stack } = group({
      egress: [
        ingress({ name: 'postgres-pooler', fromPort: 6543, cidrIpv4: '0.0.0.0/0' }),
        ingress({ name: 'git-ssh', fromPort: 22, cidrIpv6: '::/0' }),
        ingress({ name: 'high-web', fromPort: 8000, toPort: 8100, cidrIpv4: '0.0.0.0/0' }),
      ],
    });
    expect(Template.of(stack).count('aws_vpc_security_group_egress_rule')).toBe(4);
    expect(() => group({ egress: [ingress({ name: 'all-out', protocol: SecurityGroupProtocol.ALL, cidrIpv4: '0.0.0.0/0' })] })).toThrow(
      '[test/Api] invalid "egressRules[0]": got "all protocols to 0.0.0.0/0"; expected specific ports to the internet (this rule reaches every port on 100% of the public IPv4 space): name the ports the service needs, or set "unsafeAllowInternetExposure: true" on the rule',
    );
    expect(() => group({ egress: [ingress({ fromPort: 1024, toPort: 65535, cidrIpv6: '2000::/3' })] })).toThrow(
      'got "tcp 1024-65535 to 2000::/3"; expected specific ports to the internet (this rule reaches SQL Server (1433), NFS (2049), Docker API (2375), Docker API (TLS) (2376) and 14 more sensitive services on 100% of the public IPv6 space)',
    );
  });

  test('the one opt-in: unsafeAllowInternetExposure on the rule, acknowledged in production', () => {
    const ssh = ingress({ name: 'ssh', fromPort: 22, cidrIpv4: '0.0.0.0/0', unsafeAllowInternetExposure: true });
    expect(Template.of(group({ ingress: [ssh] }).stack).count('aws_vpc_security_group_ingress_rule')).toBe(1);
    const production = () => Environment.production({ project: 'livestreamsell' });
    expect(() => group({ ingress: [ssh] }, production())).toThrow(
      '[test/Api] invalid "ingressRules[0].unsafeAllowInternetExposure": got true; expected false in production ("production"), or "unsafeAllowInternetExposure" listed in "acknowledgeUnsafeInProduction": the rule opens sensitive ports to or from an internet-wide range',
    );
    expect(() => group({ ingress: [ssh], acknowledge: ['unsafeAllowInternetExposure'] }, production())).not.toThrow();
    expect(() => group({ ingress: [{ ...ssh, unsafeAllowInternetExposure: 'true' as any }] })).toThrow(
      '[test/Api] invalid "ingressRules[0].unsafeAllowInternetExposure": got "true"; expected true or false (a boolean, not a string)',
    );
  });

  test.each<[string, any, string]>([
    ['no description', { description: '', fromPort: 443, cidrIpv4: '10.0.0.0/8' }, '[test/Api] invalid "ingressRules[0].description": got ""; expected a description of 1-255 characters'],
    ['a description AWS refuses', { description: 'naïve <rule>', fromPort: 443, cidrIpv4: '10.0.0.0/8' }, '[test/Api] invalid "ingressRules[0].description": got "naïve <rule>"'],
    ['no peer', { fromPort: 443 }, '[test/Api] invalid "ingressRules[0]": got []; expected exactly one peer: cidrIpv4, cidrIpv6, peerSecurityGroupId or prefixListId'],
    ['two peers', { fromPort: 443, cidrIpv4: '10.0.0.0/8', peerSecurityGroupId: 'sg-0123456789abcdef0' }, '[test/Api] invalid "ingressRules[0]": got ["10.0.0.0/8","sg-0123456789abcdef0"]; expected exactly one peer'],
    ['a malformed CIDR', { fromPort: 443, cidrIpv4: '10.0.0.0/33' }, '[test/Api] invalid "ingressRules[0].cidrIpv4": got "10.0.0.0/33"; expected an IPv4 CIDR block such as "10.20.0.0/16" (host bits zero)'],
    ['host bits set', { fromPort: 443, cidrIpv4: '10.0.0.1/8' }, '[test/Api] invalid "ingressRules[0].cidrIpv4": got "10.0.0.1/8"'],
    ['IPv6 in the IPv4 field', { fromPort: 443, cidrIpv4: '::/0' }, '[test/Api] invalid "ingressRules[0].cidrIpv4": got "::/0"; expected an IPv4 CIDR block'],
    ['a malformed IPv6 CIDR', { fromPort: 443, cidrIpv6: 'fe80::/129' }, '[test/Api] invalid "ingressRules[0].cidrIpv6": got "fe80::/129"; expected an IPv6 CIDR block such as "2001:db8::/32" (host bits zero)'],
    ['a port out of range', { fromPort: 70000, cidrIpv4: '10.0.0.0/8' }, '[test/Api] invalid "ingressRules[0].fromPort": got 70000; expected a whole number from 0 to 65535'],
    ['ports in reverse', { fromPort: 500, toPort: 400, cidrIpv4: '10.0.0.0/8' }, '[test/Api] invalid "ingressRules[0].toPort": got 400; expected a whole number from 500 to 65535'],
    ['a port as a string', { fromPort: '443', cidrIpv4: '10.0.0.0/8' }, '[test/Api] invalid "ingressRules[0].fromPort": got "443"; expected a whole number from 0 to 65535'],
    ['tcp without a port', { cidrIpv4: '10.0.0.0/8' }, '[test/Api] invalid "ingressRules[0].fromPort": got undefined; expected a port from 0 to 65535 for protocol "tcp"'],
    ['ports on all protocols', { protocol: SecurityGroupProtocol.ALL, fromPort: 1, cidrIpv4: '10.0.0.0/8' }, '[test/Api] invalid "ingressRules[0].fromPort": got 1; expected no ports with SecurityGroupProtocol.ALL (every protocol and port)'],
    ['a protocol string from JSON', { protocol: 'tcp', fromPort: 1, cidrIpv4: '10.0.0.0/8' }, '[test/Api] invalid "ingressRules[0].protocol": got "tcp"; expected a SecurityGroupProtocol: SecurityGroupProtocol.TCP, SecurityGroupProtocol.UDP'],
    ['a bad rule name', { name: 'SSH Rule', fromPort: 22, cidrIpv4: '10.0.0.0/8' }, '[test/Api] invalid "ingressRules[0].name": got "SSH Rule"; expected a DNS label'],
    ['a misspelt prop', { fromPort: 443, cidrIPv4: '10.0.0.0/8' }, '[test/Api] invalid "ingressRules[0].cidrIPv4": got "10.0.0.0/8"; expected no such property'],
  ])('refuses ingress with %s', (_what, rule, message) => {
    expect(() => group({ ingress: [{ name: 'x', description: 'x', ...rule }] })).toThrow(message);
  });

  test('two rules with one name in one direction collide; the same name in both directions does not', () => {
    const { sg } = group({ ingress: [ingress({ name: 'web', fromPort: 443, cidrIpv4: '10.0.0.0/8' })], egress: [ingress({ name: 'web', fromPort: 443, cidrIpv4: '10.0.0.0/8' })] });
    expect(() => sg.addIngressRule(ingress({ name: 'web', fromPort: 80, cidrIpv4: '10.0.0.0/8' }))).toThrow('[test/Api] invalid "rule.name": got "web"; expected a rule name not yet used by an ingress rule of test/Api');
  });

  test('group description, name, VPC id and list props are checked', () => {
    const stack = environmentStack();
    expect(() => new ApplicationSecurityGroup(stack, 'A', { vpcId: VPC, description: '' })).toThrow('[test/A] invalid "description": got ""; expected a description of 1-255 characters');
    expect(() => new ApplicationSecurityGroup(stack, 'B', { vpcId: VPC, description: 'ok', groupName: 'sg-bad' })).toThrow(
      '[test/B] invalid "groupName": got "sg-bad"; expected up to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with "sg-"',
    );
    expect(() => new ApplicationSecurityGroup(stack, 'C', { vpcId: 'my-vpc', description: 'ok' })).toThrow('[test/C] invalid "vpcId": got "my-vpc"; expected a VPC id such as "vpc-0123456789abcdef0" (or a reference)');
    expect(() => new ApplicationSecurityGroup(stack, 'D', { vpcId: VPC, description: 'ok', ingressRules: 'ssh' as any })).toThrow('[test/D] invalid "ingressRules": got "ssh"; expected a list');
    expect(() => new ApplicationSecurityGroup(stack, 'E', { vpcId: VPC, description: 'ok', allowHttpsEgress: 'false' as any })).toThrow('[test/E] invalid "allowHttpsEgress": got "false"; expected true or false (a boolean, not a string)');
  });

  test('two groups with one name in one VPC fail at synth naming both; other VPCs and names are fine', () => {
    const stack = environmentStack();
    new ApplicationSecurityGroup(stack, 'Api', { vpcId: VPC, description: 'one' });
    new ApplicationSecurityGroup(stack, 'Other', { vpcId: VPC, description: 'two', groupName: 'livestreamsell-staging-api' });
    new ApplicationSecurityGroup(stack, 'ElsewhereApi', { vpcId: 'vpc-0fedcba9876543210', description: 'three', groupName: 'livestreamsell-staging-api' });
    expect(() => Testing.synth(stack, true)).toThrow(
      '[test/Other] invalid "groupName": got "livestreamsell-staging-api"; expected a group name no other security group in this VPC uses (test/Api already does)',
    );
  });

  test('the same check for groups in one Vpc construct, by reference', () => {
    const stack = environmentStack();
    const vpc = new Vpc(stack, 'Vpc');
    vpc.addSecurityGroup('Workers', { description: 'workers' });
    new ApplicationSecurityGroup(stack, 'Workers', { vpcId: vpc.vpcId, description: 'also workers' });
    expect(() => Testing.synth(stack, true)).toThrow('[test/Workers] invalid "groupName": got "livestreamsell-staging-workers"; expected a group name no other security group in this VPC uses (test/Vpc/Workers already does)');
  });

  test('token CIDRs and VPC ids are taken as given', () => {
    const stack = environmentStack();
    const cidr = new TerraformVariable(stack, 'office', { type: 'string' }).stringValue;
    const sg = new ApplicationSecurityGroup(stack, 'Api', { vpcId: new TerraformVariable(stack, 'vpc', { type: 'string' }).stringValue, description: 'API' });
    sg.addIngressRule(ingress({ name: 'ssh-office', fromPort: 22, cidrIpv4: cidr }));
    expect(Template.of(stack).only('aws_vpc_security_group_ingress_rule').cidr_ipv4).toBe('${var.office}');
  });

  test('isApplicationSecurityGroup and fromSecurityGroupAttributes', () => {
    const { stack, sg } = group();
    expect(ApplicationSecurityGroup.isApplicationSecurityGroup(sg)).toBe(true);
    expect(ApplicationSecurityGroup.isApplicationSecurityGroup({ securityGroupId: 'sg-1' })).toBe(false);
    expect(ApplicationSecurityGroup.fromSecurityGroupAttributes(stack, 'Existing', { securityGroupId: 'sg-0123456789abcdef0' }).securityGroupId).toBe('sg-0123456789abcdef0');
    expect(() => ApplicationSecurityGroup.fromSecurityGroupAttributes(stack, 'Bad', { securityGroupId: 'default' })).toThrow('[test/Bad] invalid "securityGroupId": got "default"; expected a security group id');
  });
});
