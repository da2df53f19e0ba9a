import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { Ipv4Cidr, assertCidr, assertNoOverlap, cidrContains, formatCidr, subnetOf } from '../../core/private/cidr';
import { assertInteger, isToken } from '../../core/private/validation';

/** AWS accepts VPC and subnet prefixes from /16 to /28. */
export const MIN_VPC_PREFIX = 16;
export const MAX_SUBNET_PREFIX = 28;

/** Input of `planSubnets`. */
export interface SubnetLayoutInput {
  readonly vpcCidr: string;
  readonly availabilityZones: number;
  readonly subnetPrefixLength?: number;
  readonly publicSubnetCidrs?: string[];
  readonly privateSubnetCidrs?: string[];
}

/** One CIDR per availability zone and tier. */
export interface SubnetLayout {
  readonly public: string[];
  readonly private: string[];
}

/**
 * Computes (or checks) the public and private subnets of a VPC.
 *
 * The VPC is cut into equal slots of `subnetPrefixLength` bits (default: 4 bits
 * more than the VPC, capped at /28, so a /16 gives sixteen /20s). Private subnet
 * `i` takes slot `i` and public subnet `i` takes slot `half + i`: the tiers live
 * in separate halves, so adding a third zone later never moves an existing subnet
 * (which would replace it and everything in it).
 *
 * Explicit CIDR lists replace the computed ones; they must be canonical, lie inside
 * the VPC, not overlap, and have one entry per zone. Errors name props through
 * `path` (the VPC's prop path: "cidr", or "vpc.cidr" through the module).
 */
export function planSubnets(scope: IConstruct, input: SubnetLayoutInput, path: (prop: string) => string = (p) => p): SubnetLayout {
  const vpc = parseVpcCidr(scope, input.vpcCidr, path('cidr'));
  assertInteger(scope, path('availabilityZones'), input.availabilityZones, 2, 3);
  const azs = input.availabilityZones;
  const prefix = input.subnetPrefixLength ?? Math.min(vpc.prefix + 4, MAX_SUBNET_PREFIX);
  assertInteger(scope, path('subnetPrefixLength'), prefix, vpc.prefix + 1, MAX_SUBNET_PREFIX);
  const half = 2 ** (prefix - vpc.prefix) / 2;
  if (azs > half) {
    throw new ValidationError(scope, path('availabilityZones'), azs,
      `at most ${half}: a ${formatCidr(vpc)} VPC cut into /${prefix} subnets has room for ${half} public and ${half} private subnets; use a larger VPC or a longer subnetPrefixLength`);
  }
  const computed = (offset: number) => Array.from({ length: azs }, (_, i) => formatCidr(subnetOf(vpc, prefix, offset + i)));
  const layout = {
    private: input.privateSubnetCidrs ?? computed(0),
    public: input.publicSubnetCidrs ?? computed(half),
  };
  checkExplicit(scope, path('publicSubnetCidrs'), input.publicSubnetCidrs, vpc, azs);
  checkExplicit(scope, path('privateSubnetCidrs'), input.privateSubnetCidrs, vpc, azs);
  assertNoOverlap(scope, `${path('publicSubnetCidrs')}/${path('privateSubnetCidrs')}`, [...layout.public, ...layout.private]);
  return layout;
}

function parseVpcCidr(scope: IConstruct, cidr: string, prop: string): Ipv4Cidr {
  if (isToken(cidr)) {
    throw new ValidationError(scope, prop, cidr, 'a literal IPv4 CIDR: subnets are computed and checked at synth time, so a Terraform variable or reference cannot be used');
  }
  return assertCidr(scope, prop, cidr, MIN_VPC_PREFIX, MAX_SUBNET_PREFIX - 1)!;
}

function checkExplicit(scope: IConstruct, prop: string, cidrs: string[] | undefined, vpc: Ipv4Cidr, azs: number): void {
  if (cidrs === undefined) return;
  if (cidrs.length !== azs) {
    throw new ValidationError(scope, prop, cidrs, `exactly ${azs} CIDR blocks, one per availability zone`);
  }
  for (const cidr of cidrs) {
    if (isToken(cidr)) throw new ValidationError(scope, prop, cidr, 'literal IPv4 CIDR blocks, checked at synth time');
    const parsed = assertCidr(scope, prop, cidr, vpc.prefix, MAX_SUBNET_PREFIX)!;
    if (!cidrContains(vpc, parsed)) {
      throw new ValidationError(scope, prop, cidr, `a block inside the VPC CIDR ${formatCidr(vpc)}`);
    }
  }
}
