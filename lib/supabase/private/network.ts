import { Fn } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { Cidr, INTERNET_WIDE_SHARE, isInternetWide, isPublic, parseAnyCidr, publicShare } from '../../core/private/address-space';
import { isUnresolved } from '../../core/private/input';

/** Every address: what `unsafeAllowAllIps` opens the database to. */
export const UNRESTRICTED_CIDRS = ['0.0.0.0/0', '::/0'];

/**
 * Documentation ranges (RFC 5737, RFC 3849, RFC 9637): not routed anywhere, so
 * harmless in an allow-list, and what examples and tests use.
 */
const DOCUMENTATION = ['192.0.2.0/24', '198.51.100.0/24', '203.0.113.0/24', '2001:db8::/32', '3fff::/20'].map((c) => parseAnyCidr(c)!);

const FORMAT = 'a public IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set';
const UNSAFE_HINT = 'set unsafeAllowAllIps: true (and, in production, list it in acknowledgeUnsafeInProduction) to open the database to every address deliberately';

/**
 * The `network` section of `supabase_settings`: `{"restrictions": [...]}`.
 *
 * Exposure is judged by address space (lib/core/private/address-space.ts), not
 * by prefix length: a block, or the list as a whole, that covers more than
 * 1/4096 of the public IPv4 space or 2^-20 of the IPv6 global unicast space is
 * internet-wide (0.0.0.0/1, 64.0.0.0/2, 2000::/3, 2001::/16 are all refused,
 * not just 0.0.0.0/0). Private, loopback and link-local blocks are refused too:
 * Supabase's restrictions apply to public addresses. A token list (a Terraform
 * variable) is passed through `jsonencode`; its variable validates at plan.
 */
export function renderNetworkSettings(scope: IConstruct, prop: string, cidrs: string[]): string {
  if (isUnresolved(cidrs)) return Fn.jsonencode({ restrictions: cidrs });
  if (cidrs.length === 0) {
    throw new ValidationError(scope, prop, cidrs, 'at least one public CIDR block allowed to reach the database (the platform egress ranges and the Terraform runner)');
  }
  const parsed: Cidr[] = [];
  cidrs.forEach((value, i) => {
    if (isUnresolved(value)) return;
    const c = checkAllowedCidr(scope, `${prop}[${i}]`, value);
    parsed.push(c);
  });
  for (const family of [4, 6] as const) {
    const blocks = parsed.filter((c) => c.family === family);
    const total = blocks.reduce((sum, c) => sum + publicShare(c), 0);
    if (blocks.length > 1 && total > INTERNET_WIDE_SHARE[family]) {
      throw new ValidationError(scope, prop, cidrs, `blocks that together stay below ${shareLimit(family)}: the IPv${family} blocks cover ${percent(total)} of the public IPv${family} space; ${UNSAFE_HINT}`);
    }
  }
  return JSON.stringify({ restrictions: cidrs });
}

function checkAllowedCidr(scope: IConstruct, prop: string, value: string): Cidr {
  const c = parseAnyCidr(value);
  if (!c) throw new ValidationError(scope, prop, value, FORMAT);
  if (UNRESTRICTED_CIDRS.includes(value)) {
    throw new ValidationError(scope, prop, value, `${FORMAT}; "${value}" opens the database to the whole internet (${UNSAFE_HINT})`);
  }
  if (isInternetWide(c)) {
    throw new ValidationError(scope, prop, value, `a block that is not internet-wide: it covers ${percent(publicShare(c))} of the public IPv${c.family} space, above ${shareLimit(c.family)}; ${UNSAFE_HINT}`);
  }
  if (!isPublic(c) && !DOCUMENTATION.some((d) => contains(d, c))) {
    throw new ValidationError(scope, prop, value, `${FORMAT}: Supabase network restrictions apply to public addresses, private and loopback ranges are rejected`);
  }
  return c;
}

function contains(outer: Cidr, inner: Cidr): boolean {
  if (outer.family !== inner.family || inner.prefix < outer.prefix) return false;
  // Same network bits: integer division by the block size (2^host bits).
  const blockSize = 2n ** BigInt((outer.family === 4 ? 32 : 128) - outer.prefix);
  return outer.network / blockSize === inner.network / blockSize;
}

function shareLimit(family: 4 | 6): string {
  return family === 4 ? '1/4096 of it (about a /12)' : '2^-20 of it (a /23)';
}

function percent(share: number): string {
  const p = share * 100;
  return `${p >= 1 ? p.toFixed(1) : p.toPrecision(2)}%`;
}
