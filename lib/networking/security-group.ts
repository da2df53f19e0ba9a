import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { Construct, IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { assertCidr, parseCidr } from '../core/private/cidr';
import { markLibraryConstruct } from '../core/private/escape';
import { assertDnsLabel, assertInteger, assertMatches, assertOneOf, isToken } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Protocols a rule may name ("-1" is every protocol). */
export const SECURITY_GROUP_PROTOCOLS = ['tcp', 'udp', 'icmp', 'icmpv6', '-1'];

/** Ports that must never be reachable from the internet (SSH, RDP). */
export const ADMIN_PORTS = [22, 3389];

/** One ingress or egress rule of an `ApplicationSecurityGroup`. */
export interface SecurityGroupRule {
  /** Short stable name, a DNS label ("https-from-vpc"); it becomes the rule's construct id. */
  readonly name: string;
  /** Why the rule exists. Required on every rule: reviewers and the AWS console show it. */
  readonly description: string;
  /**
   * "tcp", "udp", "icmp", "icmpv6" or "-1" (all protocols, no ports).
   * @default "tcp"
   */
  readonly protocol?: string;
  /**
   * First port (tcp/udp) or ICMP type (-1 for all).
   * @default - none; required unless protocol is "-1"
   */
  readonly fromPort?: number;
  /**
   * Last port (tcp/udp) or ICMP code.
   * @default - same as fromPort
   */
  readonly toPort?: number;
  /**
   * Peer IPv4 CIDR.
   * @default - none; exactly one peer must be set
   */
  readonly cidrIpv4?: string;
  /**
   * Peer IPv6 CIDR.
   * @default - none
   */
  readonly cidrIpv6?: string;
  /**
   * Peer security group id.
   * @default - none
   */
  readonly peerSecurityGroupId?: string;
  /**
   * Peer managed prefix list id (for example the S3 gateway endpoint's).
   * @default - none
   */
  readonly prefixListId?: string;
}

/** Options of a security group created with `Vpc.addSecurityGroup`. */
export interface SecurityGroupOptions {
  /** What the group protects; shown in the console and required by reviewers. */
  readonly description: string;
  /**
   * Group name.
   * @default - "<project>-<environment>-<construct id in lower case>"
   */
  readonly groupName?: string;
  /**
   * Ingress rules. More can be added with `addIngressRule`.
   * @default - none: nothing can connect
   */
  readonly ingressRules?: SecurityGroupRule[];
  /**
   * Egress rules. More can be added with `addEgressRule`.
   * @default - only HTTPS (tcp/443) to the internet, when `allowHttpsEgress` is true
   */
  readonly egressRules?: SecurityGroupRule[];
  /**
   * Add a described tcp/443 egress rule to 0.0.0.0/0 (APIs, registries, Supabase, Render
   * through the NAT gateway). AWS's implicit allow-all egress is never created.
   * @default true
   */
  readonly allowHttpsEgress?: boolean;
  /**
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/** Props of `ApplicationSecurityGroup`. */
export interface ApplicationSecurityGroupProps extends SecurityGroupOptions {
  /** VPC id. */
  readonly vpcId: string;
}

/**
 * A security group whose every rule is its own resource with a description, and
 * which refuses, at synth, rules that a security reviewer flags: SSH (22), RDP
 * (3389), every port, or every protocol reachable from an internet-wide range
 * (IPv4 shorter than /8, IPv6 shorter than /16, which includes 0.0.0.0/0 and ::/0),
 * and all-protocol egress to the internet. There is no opt-out: reach admin ports
 * through SSM Session Manager or a VPN range instead.
 *
 * @example
 * const sg = vpc.addSecurityGroup('Api', { description: 'API pods' });
 * sg.addIngressRule({ name: 'http-from-vpc', description: 'API port from the load balancer', fromPort: 8000, cidrIpv4: vpc.cidr });
 */
export class ApplicationSecurityGroup extends Construct {
  /** The `aws_security_group`. */
  public readonly resource: SecurityGroup;

  constructor(scope: Construct, id: string, props: ApplicationSecurityGroupProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    assertDescription(this, 'description', props.description);
    const name = props.groupName ?? env.resourceName(id.toLowerCase());
    assertMatches(this, 'groupName', name, /^(?!sg-)[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/, 'up to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with "sg-"');
    this.resource = new SecurityGroup(this, 'Resource', {
      name,
      description: props.description,
      vpcId: props.vpcId,
      revokeRulesOnDelete: true,
      tags: { ...env.tags, Name: name },
    });
    for (const rule of props.ingressRules ?? []) this.addIngressRule(rule);
    if (props.allowHttpsEgress ?? true) {
      this.addEgressRule({ name: 'https-to-internet', description: 'HTTPS to external APIs and registries through the NAT gateway', fromPort: 443, cidrIpv4: '0.0.0.0/0' });
    }
    for (const rule of props.egressRules ?? []) this.addEgressRule(rule);
  }

  /** Security group id. */
  public get securityGroupId(): string {
    return this.resource.id;
  }

  /** Adds a validated ingress rule (`aws_vpc_security_group_ingress_rule`, id "Ingress-<name>"). */
  public addIngressRule(rule: SecurityGroupRule): VpcSecurityGroupIngressRule {
    validateRule(this, 'ingressRules', rule, 'ingress');
    return new VpcSecurityGroupIngressRule(this, `Ingress-${rule.name}`, { securityGroupId: this.resource.id, ...renderRule(rule) });
  }

  /** Adds a validated egress rule (`aws_vpc_security_group_egress_rule`, id "Egress-<name>"). */
  public addEgressRule(rule: SecurityGroupRule): VpcSecurityGroupEgressRule {
    validateRule(this, 'egressRules', rule, 'egress');
    return new VpcSecurityGroupEgressRule(this, `Egress-${rule.name}`, { securityGroupId: this.resource.id, ...renderRule(rule) });
  }
}

function renderRule(rule: SecurityGroupRule) {
  const protocol = rule.protocol ?? 'tcp';
  const ports = protocol === '-1' ? {} : { fromPort: rule.fromPort, toPort: rule.toPort ?? rule.fromPort };
  return {
    description: rule.description,
    ipProtocol: protocol,
    ...ports,
    cidrIpv4: rule.cidrIpv4,
    cidrIpv6: rule.cidrIpv6,
    referencedSecurityGroupId: rule.peerSecurityGroupId,
    prefixListId: rule.prefixListId,
  };
}

function assertDescription(scope: IConstruct, prop: string, value: string): void {
  assertMatches(scope, prop, value, /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/,
    'a description of 1-255 characters using letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* (AWS security group rule charset)');
}

/**
 * Decision table for internet-facing rules (peer is an internet-wide CIDR):
 * | direction | protocol "-1" | ports 0-65535 | range covers 22 or 3389 | anything else |
 * | ingress   | refused       | refused       | refused                 | allowed       |
 * | egress    | refused       | refused       | allowed                 | allowed       |
 */
function validateRule(scope: IConstruct, prop: string, rule: SecurityGroupRule, direction: string): void {
  const at = `${prop}[${rule.name}]`;
  assertDnsLabel(scope, `${prop}.name`, rule.name);
  assertDescription(scope, `${at}.description`, rule.description);
  const protocol = rule.protocol ?? 'tcp';
  assertOneOf(scope, `${at}.protocol`, protocol, SECURITY_GROUP_PROTOCOLS);
  const peers = [rule.cidrIpv4, rule.cidrIpv6, rule.peerSecurityGroupId, rule.prefixListId].filter((p) => p !== undefined);
  if (peers.length !== 1) {
    throw new ValidationError(scope, `${at}`, peers, 'exactly one peer: cidrIpv4, cidrIpv6, peerSecurityGroupId or prefixListId');
  }
  if (rule.cidrIpv4 !== undefined) assertCidr(scope, `${at}.cidrIpv4`, rule.cidrIpv4);
  if (rule.cidrIpv6 !== undefined) assertMatches(scope, `${at}.cidrIpv6`, rule.cidrIpv6, /^[0-9a-fA-F:]+\/(\d|[1-9]\d|1[01]\d|12[0-8])$/, 'an IPv6 CIDR block such as "2001:db8::/32"');
  const [from, to] = [rule.fromPort, rule.toPort ?? rule.fromPort];
  if (protocol === '-1') {
    if (rule.fromPort !== undefined || rule.toPort !== undefined) {
      throw new ValidationError(scope, `${at}.fromPort`, rule.fromPort ?? rule.toPort, 'no ports with protocol "-1" (all protocols)');
    }
  } else if (protocol === 'tcp' || protocol === 'udp') {
    if (from === undefined) throw new ValidationError(scope, `${at}.fromPort`, undefined, `a port from 0 to 65535 for protocol "${protocol}"`);
    assertInteger(scope, `${at}.fromPort`, from, 0, 65535);
    assertInteger(scope, `${at}.toPort`, to, from, 65535);
  } else {
    assertInteger(scope, `${at}.fromPort`, from ?? -1, -1, 255);
    assertInteger(scope, `${at}.toPort`, to ?? -1, -1, 255);
  }
  if (!isInternetWide(rule)) return;
  const peer = rule.cidrIpv4 ?? rule.cidrIpv6;
  const allPorts = protocol === '-1' || (from === 0 && to === 65535);
  if (allPorts) {
    throw new ValidationError(scope, at, `${protocol} ${protocol === '-1' ? 'all' : `${from}-${to}`} ${direction === 'ingress' ? 'from' : 'to'} ${peer}`,
      `specific ports: every port ${direction === 'ingress' ? 'from' : 'to'} the internet is never allowed; name the ports the service needs`);
  }
  const admin = ADMIN_PORTS.find((p) => from !== undefined && to !== undefined && p >= from && p <= to);
  if (direction === 'ingress' && (protocol === 'tcp' || protocol === 'udp') && admin !== undefined) {
    throw new ValidationError(scope, at, `${protocol} ${from}-${to} from ${peer}`,
      'no SSH (22) or RDP (3389) from the internet: use SSM Session Manager, or a VPN or office CIDR narrower than /8');
  }
}

/** True for peers that cover most of the internet (0.0.0.0/0, ::/0, 0.0.0.0/1, 2000::/3, ...). */
function isInternetWide(rule: SecurityGroupRule): boolean {
  if (rule.cidrIpv4 !== undefined && !isToken(rule.cidrIpv4)) {
    const parsed = parseCidr(rule.cidrIpv4);
    return parsed !== undefined && parsed.prefix < 8;
  }
  if (rule.cidrIpv6 !== undefined && !isToken(rule.cidrIpv6)) {
    return Number(rule.cidrIpv6.split('/')[1]) < 16;
  }
  return false;
}
