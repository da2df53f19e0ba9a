/* eslint-disable no-bitwise */ // CIDR arithmetic is bit arithmetic on 32-bit addresses.
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { isToken } from './validation';

/** An IPv4 CIDR block parsed into numbers, for checks and subnet arithmetic. */
export interface Ipv4Cidr {
  /** Network address as an unsigned 32-bit number. */
  readonly network: number;
  /** Prefix length, 0-32. */
  readonly prefix: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined when it is not a canonical IPv4 CIDR. */
export function parseCidr(value: string): Ipv4Cidr | undefined {
  const m = CIDR_PATTERN.exec(value);
  if (!m) return undefined;
  const octets = m.slice(1, 5).map(Number);
  const prefix = Number(m[5]);
  if (octets.some((o) => o > 255) || prefix > 32) return undefined;
  const address = ((octets[0] << 24) >>> 0) + (octets[1] << 16) + (octets[2] << 8) + octets[3];
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  // Host bits must be zero: "10.0.0.1/16" is almost always a typo.
  if (((address & ~mask) >>> 0) !== 0) return undefined;
  return { network: address >>> 0, prefix };
}

/** Formats a parsed CIDR back to `a.b.c.d/n`. */
export function formatCidr(cidr: Ipv4Cidr): string {
  const n = cidr.network;
  return `${n >>> 24}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}/${cidr.prefix}`;
}

/** True when the two blocks share at least one address. */
export function cidrsOverlap(a: Ipv4Cidr, b: Ipv4Cidr): boolean {
  const prefix = Math.min(a.prefix, b.prefix);
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  return ((a.network & mask) >>> 0) === ((b.network & mask) >>> 0);
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Ipv4Cidr, inner: Ipv4Cidr): boolean {
  return inner.prefix >= outer.prefix && cidrsOverlap(outer, inner);
}

/** The `index`-th subnet of `newPrefix` bits inside `parent` (like Terraform's cidrsubnet). */
export function subnetOf(parent: Ipv4Cidr, newPrefix: number, index: number): Ipv4Cidr {
  const size = 2 ** (32 - newPrefix);
  return { network: (parent.network + index * size) >>> 0, prefix: newPrefix };
}

/** Asserts a canonical IPv4 CIDR (host bits zero) within a prefix range; returns it parsed. */
export function assertCidr(scope: IConstruct, prop: string, value: string, minPrefix = 0, maxPrefix = 32): Ipv4Cidr | undefined {
  if (isToken(value)) return undefined;
  const cidr = parseCidr(value);
  if (!cidr || cidr.prefix < minPrefix || cidr.prefix > maxPrefix) {
    throw new ValidationError(scope, prop, value, `an IPv4 CIDR block "a.b.c.d/n" with n from ${minPrefix} to ${maxPrefix} and no host bits set (for example "10.0.0.0/16")`);
  }
  return cidr;
}

/** Asserts that no two of the given CIDRs overlap. */
export function assertNoOverlap(scope: IConstruct, prop: string, values: string[]): void {
  const parsed = values.filter((v) => !isToken(v)).map((v) => ({ v, c: assertCidr(scope, prop, v)! }));
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      if (cidrsOverlap(parsed[i].c, parsed[j].c)) {
        throw new ValidationError(scope, prop, [parsed[i].v, parsed[j].v], 'CIDR blocks that do not overlap');
      }
    }
  }
}
