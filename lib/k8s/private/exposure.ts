import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { Cidr, isInternetWide, isPublic, parseAnyCidr, publicShare } from '../../core/private/address-space';

/**
 * Source ranges judged by address space (lib/core/private/address-space.ts): a
 * range is the internet when it covers a meaningful share of the public IPv4 or
 * IPv6 space, whatever its prefix length (0.0.0.0/1, a public /8, 2000::/3).
 */

const CIDR_ALLOWED = 'an IPv4 ("10.0.0.0/16") or IPv6 ("fd00::/8") CIDR block with no host bits set';

/** The share of the family's public space a block covers, in words ("25%", "0.39%"). */
function shareText(c: Cidr): string {
  const percent = publicShare(c) * 100;
  const text = percent >= 10 ? percent.toFixed(0) : percent.toPrecision(2);
  return `${text}% of the public IPv${c.family} space`;
}

function parse(scope: IConstruct, prop: string, value: string): Cidr | undefined {
  if (Token.isUnresolved(value)) return undefined;
  const cidr = parseAnyCidr(value);
  if (cidr === undefined) throw new ValidationError(scope, prop, value, CIDR_ALLOWED);
  return cidr;
}

/**
 * Source ranges of a LoadBalancer Service, which forwards plain TCP to the pods
 * (no TLS, no WAF): non-public ranges pass; public ones only with the unsafe
 * option; internet-wide ones never.
 */
export function checkLoadBalancerSourceRanges(scope: IConstruct, prop: string, ranges: string[], unsafeProp: string, allowPublic: boolean): void {
  ranges.forEach((range, i) => {
    const cidr = parse(scope, `${prop}[${i}]`, range);
    if (cidr === undefined) return;
    if (isInternetWide(cidr)) {
      throw new ValidationError(scope, `${prop}[${i}]`, range, `a range that is not internet-wide (this one covers ${shareText(cidr)}): a LoadBalancer forwards plain TCP without TLS, so public traffic goes through "ingress"`);
    }
    if (isPublic(cidr) && !allowPublic) {
      throw new ValidationError(scope, `${prop}[${i}]`, range, `a non-public range (private, CGNAT or link-local); public sources go through "ingress", or set "${unsafeProp}" (acknowledged in production)`);
    }
  });
}

/**
 * Source ranges that restrict the ingress controller's LoadBalancer (for example
 * Cloudflare's): an internet-wide entry would undo the restriction silently.
 */
export function checkIngressSourceRanges(scope: IConstruct, prop: string, ranges: string[]): void {
  ranges.forEach((range, i) => {
    const cidr = parse(scope, `${prop}[${i}]`, range);
    if (cidr !== undefined && isInternetWide(cidr)) {
      throw new ValidationError(scope, `${prop}[${i}]`, range, `a range narrower than the internet (this one covers ${shareText(cidr)}): "${prop}" restricts the controller to known sources; leave it unset to keep the controller open`);
    }
  });
}
