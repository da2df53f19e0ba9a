/* eslint-disable no-bitwise */ // CIDR arithmetic is bit arithmetic on 128-bit addresses.
/**
 * Network exposure judged by address space, not by prefix length.
 *
 * "Is this source range the internet?" cannot be answered by `prefix === 0`: a
 * rule open to 0.0.0.0/1 plus 128.0.0.0/1, to a quarter of IPv4, to a public /8 or
 * to 2000::/3 is as open as 0.0.0.0/0 for every practical attacker. This module
 * knows the public IPv4 and IPv6 unicast space (everything but the special-purpose
 * blocks of the IANA registries) and measures how much of it a range covers.
 *
 * A range is **internet-wide** when it covers more than
 * - IPv4: 1/4096 of the public IPv4 space (about 900,000 addresses, a /12), or
 * - IPv6: 2^-20 of the global unicast space 2000::/3 (a /23 or larger).
 * An organisation's own ranges (an office /24, a cloud region's /16, an ISP's /32
 * in IPv6) stay well below; anything above reaches strangers.
 *
 * Ports are judged by the sensitive services a range of ports covers: 3390-65535
 * covers PostgreSQL and Redis even though it starts above RDP.
 */

/** A parsed CIDR block of either family. */
export interface Cidr {
  readonly family: 4 | 6;
  /** Network address (host bits zero). */
  readonly network: bigint;
  /** Prefix length. */
  readonly prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

/** Parses `a.b.c.d/n` or an IPv6 `x::/n`; undefined when malformed or host bits are set. */
export function parseAnyCidr(value: string): Cidr | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return undefined;
  const address = value.slice(0, slash);
  const prefixText = value.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText)) return undefined;
  const prefix = Number(prefixText);
  const family: 4 | 6 = address.includes(':') ? 6 : 4;
  if (prefix > BITS[family]) return undefined;
  const network = family === 4 ? parseIpv4(address) : parseIpv6(address);
  if (network === undefined) return undefined;
  const hostBits = BigInt(BITS[family] - prefix);
  if ((network & ((1n << hostBits) - 1n)) !== 0n) return undefined;
  return { family, network, prefix };
}

function parseIpv4(address: string): bigint | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(address);
  if (!m) return undefined;
  const octets = m.slice(1).map(Number);
  if (octets.some((o) => o > 255)) return undefined;
  return octets.reduce((acc, o) => (acc << 8n) + BigInt(o), 0n);
}

function parseIpv6(address: string): bigint | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(address) || (address.match(/::/g) ?? []).length > 1) return undefined;
  let groups: string[];
  if (address.includes('::')) {
    const [head, tail] = address.split('::');
    const h = head ? head.split(':') : [];
    const t = tail ? tail.split(':') : [];
    const missing = 8 - h.length - t.length;
    if (missing < 1) return undefined;
    groups = [...h, ...Array(missing).fill('0'), ...t];
  } else {
    groups = address.split(':');
  }
  if (groups.length !== 8 || groups.some((g) => !/^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g, 16)), 0n);
}

/** Number of addresses in a block. */
function size(c: Cidr): bigint {
  return 1n << BigInt(BITS[c.family] - c.prefix);
}

/** Addresses `a` and `b` have in common (blocks are either nested or disjoint). */
function overlap(a: Cidr, b: Cidr): bigint {
  if (a.family !== b.family) return 0n;
  const prefix = Math.min(a.prefix, b.prefix);
  const shift = BigInt(BITS[a.family] - prefix);
  if (a.network >> shift !== b.network >> shift) return 0n;
  return a.prefix >= b.prefix ? size(a) : size(b);
}

const cidrs = (list: string[]) => list.map((c) => parseAnyCidr(c)!);

/** IPv4 special-purpose blocks (RFC 6890 and the IANA registry): not reachable from the internet. */
const IPV4_NON_PUBLIC = cidrs([
  '0.0.0.0/8', '10.0.0.0/8', '100.64.0.0/10', '127.0.0.0/8', '169.254.0.0/16', '172.16.0.0/12',
  '192.0.0.0/24', '192.0.2.0/24', '192.88.99.0/24', '192.168.0.0/16', '198.18.0.0/15', '198.51.100.0/24',
  '203.0.113.0/24', '224.0.0.0/4', '240.0.0.0/4',
]);
/** IPv6: global unicast is 2000::/3; inside it, documentation and other special blocks. */
const IPV6_GLOBAL = parseAnyCidr('2000::/3')!;
const IPV6_NON_PUBLIC_IN_GLOBAL = cidrs(['2001::/23', '2001:db8::/32', '3fff::/20']);

const IPV4_PUBLIC_TOTAL = (1n << 32n) - IPV4_NON_PUBLIC.reduce((acc, c) => acc + size(c), 0n);
const IPV6_PUBLIC_TOTAL = size(IPV6_GLOBAL) - IPV6_NON_PUBLIC_IN_GLOBAL.reduce((acc, c) => acc + size(c), 0n);

/** Public (internet-routable) addresses a block covers. */
export function publicAddresses(c: Cidr): bigint {
  if (c.family === 4) return size(c) - IPV4_NON_PUBLIC.reduce((acc, n) => acc + overlap(c, n), 0n);
  const global = overlap(c, IPV6_GLOBAL);
  if (global === 0n) return 0n;
  // `c` is inside 2000::/3 or contains it; subtract the special blocks it covers.
  return global - IPV6_NON_PUBLIC_IN_GLOBAL.reduce((acc, n) => acc + overlap(c, n), 0n);
}

/** The share of the family's public space a block covers, from 0 to 1. */
export function publicShare(c: Cidr): number {
  const total = c.family === 4 ? IPV4_PUBLIC_TOTAL : IPV6_PUBLIC_TOTAL;
  // Scale before dividing: bigint division would round everything below 1 to 0.
  return Number((publicAddresses(c) * 1_000_000_000n) / total) / 1_000_000_000;
}

/** Share of the public space above which a range counts as the internet. */
export const INTERNET_WIDE_SHARE = { 4: 1 / 4096, 6: 2 ** -20 } as const;

/** True when the block reaches a meaningful part of the internet (see the module doc). */
export function isInternetWide(c: Cidr): boolean {
  return publicShare(c) > INTERNET_WIDE_SHARE[c.family];
}

/** True when the block holds any public address (not all private, loopback, documentation, ...). */
export function isPublic(c: Cidr): boolean {
  return publicAddresses(c) > 0n;
}

/** Services that must never be reachable from the internet, by port. */
export const SENSITIVE_PORTS: ReadonlyArray<readonly [number, string]> = [
  [22, 'SSH'], [23, 'Telnet'], [445, 'SMB'], [1433, 'SQL Server'], [2049, 'NFS'], [2375, 'Docker API'], [2376, 'Docker API (TLS)'],
  [2379, 'etcd'], [3306, 'MySQL'], [3389, 'RDP'], [5432, 'PostgreSQL'], [5601, 'Kibana'], [5900, 'VNC'], [6379, 'Redis'],
  [6443, 'Kubernetes API'], [6543, 'PostgreSQL pooler'], [9092, 'Kafka'], [9200, 'Elasticsearch'], [10250, 'kubelet'],
  [11211, 'memcached'], [27017, 'MongoDB'],
];

/**
 * The sensitive services a port range covers (`-1`/all protocols cover every
 * port). ICMP ranges cover none.
 */
export function sensitivePortsIn(fromPort: number | undefined, toPort: number | undefined, protocol = 'tcp'): string[] {
  const p = String(protocol).toLowerCase();
  if (p === 'icmp' || p === 'icmpv6' || p === '1' || p === '58') return [];
  const all = p === '-1' || p === 'all' || fromPort === undefined || toPort === undefined;
  const from = all ? 0 : fromPort!;
  const to = all ? 65535 : toPort!;
  return SENSITIVE_PORTS.filter(([port]) => port >= from && port <= to).map(([port, name]) => `${name} (${port})`);
}

/** True when the range is every port (or every protocol). */
export function isAllPorts(fromPort: number | undefined, toPort: number | undefined, protocol = 'tcp'): boolean {
  const p = String(protocol).toLowerCase();
  if (p === '-1' || p === 'all') return true;
  return (fromPort ?? 0) <= 1 && (toPort ?? 65535) >= 65535;
}

/** Formats a parsed block back, for messages (IPv6 uncompressed but without leading zeros). */
export function formatAnyCidr(c: Cidr): string {
  if (c.family === 4) {
    const n = c.network;
    return `${(n >> 24n) & 255n}.${(n >> 16n) & 255n}.${(n >> 8n) & 255n}.${n & 255n}/${c.prefix}`;
  }
  const groups = Array.from({ length: 8 }, (_, i) => ((c.network >> BigInt(112 - 16 * i)) & 0xffffn).toString(16));
  return `${groups.join(':')}/${c.prefix}`;
}
