import { brandEnumLike } from '../core/private/enum-like';

/**
 * The IP protocol of a security group rule.
 *
 * @example
 * const sg = new ApplicationSecurityGroup(this, 'Resolver', { vpcId: 'vpc-0123456789abcdef0', description: 'DNS resolvers' });
 * sg.addIngressRule({ name: 'dns', description: 'DNS from the VPC', protocol: SecurityGroupProtocol.UDP, fromPort: 53, cidrIpv4: '10.20.0.0/16' });
 */
export class SecurityGroupProtocol {
  /** TCP (ports). */
  public static readonly TCP = new SecurityGroupProtocol('tcp');
  /** UDP (ports). */
  public static readonly UDP = new SecurityGroupProtocol('udp');
  /** ICMP (`fromPort` is the ICMP type, `toPort` the code; -1 for all). */
  public static readonly ICMP = new SecurityGroupProtocol('icmp');
  /** ICMPv6 (type and code as for ICMP). */
  public static readonly ICMPV6 = new SecurityGroupProtocol('icmpv6');
  /** Every protocol and port (AWS "-1"); no ports may be given. */
  public static readonly ALL = new SecurityGroupProtocol('-1');

  private constructor(
    /** The AWS `ip_protocol` value. */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'SecurityGroupProtocol');
  }
}

/** One ingress or egress rule of an `ApplicationSecurityGroup`. */
export interface SecurityGroupRule {
  /** Short stable name, a DNS label ("https-from-vpc"); it becomes the rule's construct id. */
  readonly name: string;
  /**
   * Why the rule exists (1-255 characters of the AWS rule charset). Required on
   * every rule: reviewers and the AWS console show it.
   */
  readonly description: string;
  /**
   * The IP protocol.
   * @default SecurityGroupProtocol.TCP
   */
  readonly protocol?: SecurityGroupProtocol;
  /**
   * First port (tcp/udp, 0-65535) or ICMP type (-1 for all).
   * @default - none; required for tcp and udp
   */
  readonly fromPort?: number;
  /**
   * Last port (tcp/udp) or ICMP code.
   * @default - same as fromPort
   */
  readonly toPort?: number;
  /**
   * Peer IPv4 CIDR ("10.20.0.0/16"; host bits zero).
   * @default - none; exactly one peer must be set
   */
  readonly cidrIpv4?: string;
  /**
   * Peer IPv6 CIDR ("2001:db8::/32"; host bits zero).
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
  /**
   * Allow a rule that opens sensitive ports (SSH, databases, Redis, ... or every
   * port) to or from an internet-wide range. Off by default; in production the
   * group's `acknowledgeUnsafeInProduction` must list "unsafeAllowInternetExposure" too.
   * @default false
   */
  readonly unsafeAllowInternetExposure?: boolean;
}
