import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { planSubnets } from '../../../lib/networking/private/subnet-layout';

const scope = new TerraformStack(Testing.app(), 'layout');

describe('planSubnets', () => {
  test('a /16 in 3 zones: private /20s in the lower half, public /20s in the upper half', () => {
    expect(planSubnets(scope, { vpcCidr: '10.20.0.0/16', availabilityZones: 3 })).toEqual({
      private: ['10.20.0.0/20', '10.20.16.0/20', '10.20.32.0/20'],
      public: ['10.20.128.0/20', '10.20.144.0/20', '10.20.160.0/20'],
    });
  });

  test('adding a zone never moves the existing subnets', () => {
    const two = planSubnets(scope, { vpcCidr: '10.10.0.0/16', availabilityZones: 2 });
    const three = planSubnets(scope, { vpcCidr: '10.10.0.0/16', availabilityZones: 3 });
    expect(three.private.slice(0, 2)).toEqual(two.private);
    expect(three.public.slice(0, 2)).toEqual(two.public);
  });

  test('small VPCs cap subnets at /28, and a custom prefix length is honoured', () => {
    expect(planSubnets(scope, { vpcCidr: '10.0.0.0/26', availabilityZones: 2 })).toEqual({
      private: ['10.0.0.0/28', '10.0.0.16/28'],
      public: ['10.0.0.32/28', '10.0.0.48/28'],
    });
    expect(planSubnets(scope, { vpcCidr: '10.0.0.0/16', availabilityZones: 2, subnetPrefixLength: 24 }).public).toEqual(['10.0.128.0/24', '10.0.129.0/24']);
  });

  test('explicit CIDRs replace the computed ones', () => {
    const layout = planSubnets(scope, { vpcCidr: '10.0.0.0/16', availabilityZones: 2, publicSubnetCidrs: ['10.0.200.0/24', '10.0.201.0/24'] });
    expect(layout.public).toEqual(['10.0.200.0/24', '10.0.201.0/24']);
    expect(layout.private).toEqual(['10.0.0.0/20', '10.0.16.0/20']);
  });

  test.each([
    [{ vpcCidr: '10.0.0.0/33', availabilityZones: 2 }, '[layout] invalid "cidr": got "10.0.0.0/33"; expected an IPv4 CIDR block "a.b.c.d/n" with n from 16 to 27 and no host bits set (for example "10.0.0.0/16")'],
    [{ vpcCidr: '10.0.0.1/16', availabilityZones: 2 }, '[layout] invalid "cidr": got "10.0.0.1/16"; expected an IPv4 CIDR block'],
    [{ vpcCidr: '10.0.0.0/8', availabilityZones: 2 }, '[layout] invalid "cidr": got "10.0.0.0/8"; expected an IPv4 CIDR block "a.b.c.d/n" with n from 16 to 27'],
    [{ vpcCidr: 'ten.0.0.0/16', availabilityZones: 2 }, '[layout] invalid "cidr": got "ten.0.0.0/16"'],
    [{ vpcCidr: '10.0.0.0/16', availabilityZones: 4 }, '[layout] invalid "availabilityZones": got 4; expected a whole number from 2 to 3'],
    [{ vpcCidr: '10.0.0.0/16', availabilityZones: 1 }, '[layout] invalid "availabilityZones": got 1; expected a whole number from 2 to 3'],
    [{ vpcCidr: '10.0.0.0/26', availabilityZones: 3 },
      '[layout] invalid "availabilityZones": got 3; expected at most 2: a 10.0.0.0/26 VPC cut into /28 subnets has room for 2 public and 2 private subnets; use a larger VPC or a longer subnetPrefixLength'],
    [{ vpcCidr: '10.0.0.0/27', availabilityZones: 2 },
      '[layout] invalid "availabilityZones": got 2; expected at most 1: a 10.0.0.0/27 VPC cut into /28 subnets has room for 1 public and 1 private subnets'],
    [{ vpcCidr: '10.0.0.0/24', availabilityZones: 3, subnetPrefixLength: 26 },
      '[layout] invalid "availabilityZones": got 3; expected at most 2: a 10.0.0.0/24 VPC cut into /26 subnets has room for 2 public and 2 private subnets'],
    [{ vpcCidr: '10.0.0.0/16', availabilityZones: 2, subnetPrefixLength: 16 }, '[layout] invalid "subnetPrefixLength": got 16; expected a whole number from 17 to 28'],
    [{ vpcCidr: '10.0.0.0/16', availabilityZones: 2, subnetPrefixLength: 29 }, '[layout] invalid "subnetPrefixLength": got 29; expected a whole number from 17 to 28'],
    [{ vpcCidr: '10.0.0.0/16', availabilityZones: 2, publicSubnetCidrs: ['10.0.200.0/24'] },
      '[layout] invalid "publicSubnetCidrs": got ["10.0.200.0/24"]; expected exactly 2 CIDR blocks, one per availability zone'],
    [{ vpcCidr: '10.0.0.0/16', availabilityZones: 2, publicSubnetCidrs: ['10.0.200.0/24', '10.1.0.0/24'] },
      '[layout] invalid "publicSubnetCidrs": got "10.1.0.0/24"; expected a block inside the VPC CIDR 10.0.0.0/16'],
    [{ vpcCidr: '10.0.0.0/16', availabilityZones: 2, privateSubnetCidrs: ['10.0.0.0/24', '10.0.0.128/25'] },
      '[layout] invalid "publicSubnetCidrs/privateSubnetCidrs": got ["10.0.0.0/24","10.0.0.128/25"]; expected CIDR blocks that do not overlap'],
    [{ vpcCidr: '10.0.0.0/16', availabilityZones: 2, privateSubnetCidrs: ['10.0.128.0/20', '10.0.1.0/24'] },
      '[layout] invalid "publicSubnetCidrs/privateSubnetCidrs": got ["10.0.128.0/20","10.0.128.0/20"]; expected CIDR blocks that do not overlap'],
    [{ vpcCidr: '10.0.0.0/16', availabilityZones: 2, privateSubnetCidrs: ['10.0.1.0/24', '10.0.2.0/33'] },
      '[layout] invalid "privateSubnetCidrs": got "10.0.2.0/33"; expected an IPv4 CIDR block "a.b.c.d/n" with n from 16 to 28'],
  ])('rejects %j', (input, message) => {
    expect(() => planSubnets(scope, input)).toThrow(message);
  });

  test('refuses a token VPC CIDR, since subnets are computed at synth', () => {
    const v = new TerraformVariable(scope, 'cidr', { type: 'string' });
    expect(() => planSubnets(scope, { vpcCidr: v.stringValue, availabilityZones: 2 })).toThrow(
      /invalid "cidr": got ".*"; expected a literal IPv4 CIDR: subnets are computed and checked at synth time/,
    );
  });
});

describe('planSubnets prop paths', () => {
  test('errors name props through the given path (the module reports "vpc.cidr")', () => {
    expect(() => planSubnets(scope, { vpcCidr: '10.0.0.0/8', availabilityZones: 2 }, (p) => `vpc.${p}`)).toThrow('[layout] invalid "vpc.cidr": got "10.0.0.0/8"');
    expect(() => planSubnets(scope, { vpcCidr: '10.0.0.0/16', availabilityZones: 2, privateSubnetCidrs: ['10.0.0.0/24', '10.0.0.128/25'] }, (p) => `vpc.${p}`)).toThrow(
      '[layout] invalid "vpc.publicSubnetCidrs/vpc.privateSubnetCidrs": got ["10.0.0.0/24","10.0.0.128/25"]',
    );
  });
});
