import { IConstruct } from 'constructs';
import { readEnum } from './enums';
import { Reporter, argumentInput } from './reporter';
import { requiredString, requiredText } from './text';
import { ValidationError } from '../../core/errors';
import { Cidr, isAllPorts, isInternetWide, parseAnyCidr, publicShare, sensitivePortsIn } from '../../core/private/address-space';
import { Input, checkString } from '../../core/private/input';
import { assertUnsafeAllowed } from '../../core/private/unsafe';
import { DNS_LABEL_PATTERN, isToken } from '../../core/private/validation';
import { Environment } from '../../environment/environment';
import { SecurityGroupProtocol } from '../security-group-rule';

/** AWS's charset of security group and rule descriptions. */
export const DESCRIPTION_PATTERN = /^[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/;
export const DESCRIPTION = 'a description of 1-255 characters using letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* (AWS security group rule charset)';

/** A rule as read and checked, in the shape of the `aws_vpc_security_group_*_rule` config. */
export interface RenderedRule {
  readonly name: string;
  readonly description: string;
  readonly ipProtocol: string;
  readonly fromPort?: number;
  readonly toPort?: number;
  readonly cidrIpv4?: string;
  readonly cidrIpv6?: string;
  readonly referencedSecurityGroupId?: string;
  readonly prefixListId?: string;
}

/** What `readRule` needs to know about the group. */
export interface RuleContext {
  readonly env: Environment;
  /** The group's raw `acknowledgeUnsafeInProduction`. */
  readonly acknowledged: unknown;
  /** Where the group's props are reported (for the acknowledgement list). */
  readonly group: IConstruct;
}

/**
 * Reads one rule given at `at` and judges its exposure by address space.
 *
 * Decision table, for a peer CIDR that is internet-wide (IPv4 or IPv6, any prefix:
 * 0.0.0.0/0, 0.0.0.0/1, a public /8, ::/0, 2000::/3, 2001::/16; see
 * `core/private/address-space.ts`):
 * | direction | every port / protocol | 2+ sensitive services | 1 sensitive service | none |
 * | ingress   | refused               | refused               | refused             | allowed |
 * | egress    | refused               | refused               | allowed             | allowed |
 * Egress to one sensitive service (a managed PostgreSQL on 5432, git over SSH on 22)
 * is how applications reach SaaS; egress on every port, or on a range spanning
 * several services, is an exfiltration path. Refused rules pass with
 * `unsafeAllowInternetExposure: true` (and, in production, the acknowledgement).
 * Token CIDRs cannot be judged at synth and pass.
 */
export function readRule(at: Reporter, value: unknown, direction: 'ingress' | 'egress', context: RuleContext): RenderedRule {
  const input = argumentInput(at, value);
  const name = requiredString(input.scope, input.path('name'), input.raw('name'), { pattern: DNS_LABEL_PATTERN, allowed: 'a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit' });
  const description = requiredText(input.scope, input.path('description'), input.raw('description'), { pattern: DESCRIPTION_PATTERN, allowed: DESCRIPTION });
  const protocol = (readEnum<SecurityGroupProtocol>(input, 'protocol', 'SecurityGroupProtocol') ?? SecurityGroupProtocol.TCP).value;
  const cidrIpv4 = readCidr(input, 'cidrIpv4', 4);
  const cidrIpv6 = readCidr(input, 'cidrIpv6', 6);
  const peerSecurityGroupId = input.string('peerSecurityGroupId', { pattern: /^sg-[0-9a-f]{8,17}$/, allowed: 'a security group id such as "sg-0123456789abcdef0"' });
  const prefixListId = input.string('prefixListId', { pattern: /^pl-[0-9a-f]{8,17}$/, allowed: 'a prefix list id such as "pl-63a5400a"' });
  const unsafe = input.boolean('unsafeAllowInternetExposure') ?? false;
  const [from, to] = readPorts(input, protocol);
  input.done();

  const peers = [cidrIpv4?.text, cidrIpv6?.text, peerSecurityGroupId, prefixListId].filter((p) => p !== undefined);
  if (peers.length !== 1) throw new ValidationError(at.scope, at.prop, peers, 'exactly one peer: cidrIpv4, cidrIpv6, peerSecurityGroupId or prefixListId');

  const cidr = cidrIpv4 ?? cidrIpv6;
  if (cidr?.parsed !== undefined && isInternetWide(cidr.parsed)) {
    const problem = exposure(direction, protocol, from, to, cidr.text, cidr.parsed);
    if (problem !== undefined && !unsafe) {
      throw new ValidationError(at.scope, at.prop, problem.got, `${problem.expected}, or set "unsafeAllowInternetExposure: true" on the rule`);
    }
  }
  if (unsafe) {
    assertUnsafeAllowed(context.group, context.env, `${at.prop}.unsafeAllowInternetExposure`, true, context.acknowledged,
      'the rule opens sensitive ports to or from an internet-wide range');
  }
  return {
    name,
    description,
    ipProtocol: protocol,
    ...(protocol === '-1' ? {} : { fromPort: from, toPort: to }),
    cidrIpv4: cidrIpv4?.text,
    cidrIpv6: cidrIpv6?.text,
    referencedSecurityGroupId: peerSecurityGroupId,
    prefixListId,
  };
}

function readCidr(input: Input, name: string, family: 4 | 6): { text: string; parsed?: Cidr } | undefined {
  const allowed = family === 4
    ? 'an IPv4 CIDR block such as "10.20.0.0/16" (host bits zero)'
    : 'an IPv6 CIDR block such as "2001:db8::/32" (host bits zero)';
  const text = checkString(input.scope, input.path(name), input.raw(name), { allowed });
  if (text === undefined) return undefined;
  if (isToken(text)) return { text };
  const parsed = parseAnyCidr(text);
  if (parsed === undefined || parsed.family !== family) throw new ValidationError(input.scope, input.path(name), text, allowed);
  return { text, parsed };
}

function readPorts(input: Input, protocol: string): [number | undefined, number | undefined] {
  const fromRaw = input.raw('fromPort');
  const toRaw = input.raw('toPort');
  if (protocol === '-1') {
    if (fromRaw !== undefined || toRaw !== undefined) {
      throw new ValidationError(input.scope, input.path(fromRaw !== undefined ? 'fromPort' : 'toPort'), fromRaw ?? toRaw, 'no ports with SecurityGroupProtocol.ALL (every protocol and port)');
    }
    return [undefined, undefined];
  }
  if (protocol === 'tcp' || protocol === 'udp') {
    if (fromRaw === undefined) throw new ValidationError(input.scope, input.path('fromPort'), undefined, `a port from 0 to 65535 for protocol "${protocol}"`);
    const from = input.integer('fromPort', 0, 65535)!;
    const to = input.integer('toPort', isToken(from) ? 0 : from, 65535) ?? from;
    return [from, to];
  }
  return [input.integer('fromPort', -1, 255) ?? -1, input.integer('toPort', -1, 255) ?? -1];
}

/** The exposure problem of an internet-facing rule (see the decision table), or undefined. */
function exposure(direction: string, protocol: string, from: number | undefined, to: number | undefined, peer: string, cidr: Cidr): { got: string; expected: string } | undefined {
  if (isToken(from) || isToken(to)) return undefined;
  const all = isAllPorts(from, to, protocol);
  const sensitive = sensitivePortsIn(from, to, protocol);
  const ports = protocol === '-1' ? 'all protocols' : from === to ? `${protocol} ${from}` : `${protocol} ${from}-${to}`;
  const share = `${formatShare(publicShare(cidr))} of the public IPv${cidr.family} space`;
  const reaches = all ? 'every port' : listed(sensitive);
  if (direction === 'ingress') {
    if (!all && sensitive.length === 0) return undefined;
    return {
      got: `${ports} from ${peer}`,
      expected: `no sensitive port open to an internet-wide range (this rule lets ${share} reach ${reaches}): use SSM Session Manager or a VPN, or name your own narrower ranges`,
    };
  }
  if (!all && sensitive.length < 2) return undefined;
  return {
    got: `${ports} to ${peer}`,
    expected: `specific ports to the internet (this rule reaches ${reaches} on ${share}): name the ports the service needs`,
  };
}

function listed(services: string[]): string {
  return services.length <= 4 ? services.join(', ') : `${services.slice(0, 4).join(', ')} and ${services.length - 4} more sensitive services`;
}

function formatShare(share: number): string {
  if (share >= 0.995) return '100%';
  return `${Number((share * 100).toPrecision(2))}%`;
}
