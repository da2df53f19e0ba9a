import { Environment, Vpc } from '../../lib';
import { Template, environmentStack } from '../support/template';

function synth(env: Environment, props: ConstructorParameters<typeof Vpc>[2] = {}): Template {
  const stack = environmentStack(env);
  new Vpc(stack, 'Vpc', props);
  return Template.of(stack);
}

const ids = (t: Template, type: string) => Object.keys(t.resources(type));
const refId = (value: string) => /\.([^.]+)\.(id|allocation_id)\}$/.exec(value)![1];

describe('Vpc (production)', () => {
  const t = synth(Environment.production({ project: 'livestreamsell' }));

  test('creates the VPC from the environment CIDR with DNS support and hostnames', () => {
    expect(t.only('aws_vpc')).toMatchObject({
      cidr_block: '10.20.0.0/16',
      enable_dns_support: true,
      enable_dns_hostnames: true,
      tags: { Name: 'livestreamsell-production-vpc', environment: 'production' },
    });
  });

  test('3 zones: 3 public and 3 private subnets from the CIDR, no public IPs on launch, EKS tags', () => {
    const subnets = t.resourceList('aws_subnet');
    expect(subnets.map((s) => s.cidr_block).sort()).toEqual([
      '10.20.0.0/20', '10.20.128.0/20', '10.20.144.0/20', '10.20.16.0/20', '10.20.160.0/20', '10.20.32.0/20',
    ]);
    expect(subnets.every((s) => s.map_public_ip_on_launch === false)).toBe(true);
    expect(subnets.filter((s) => s.tags['kubernetes.io/role/elb'] === '1')).toHaveLength(3);
    expect(subnets.filter((s) => s.tags['kubernetes.io/role/internal-elb'] === '1')).toHaveLength(3);
    expect(subnets.map((s) => s.availability_zone)).toContain('${element(data.aws_availability_zones.Vpc_AvailabilityZones_3F7C802F.names, 2)}');
    expect(Object.values(t.dataSources('aws_availability_zones'))[0]).toMatchObject({
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
  });

  test('one NAT gateway (with its own EIP) per zone, each in a public subnet', () => {
    expect(t.count('aws_nat_gateway')).toBe(3);
    expect(t.count('aws_eip')).toBe(3);
    const publicIds = ids(t, 'aws_subnet').filter((id) => id.includes('PublicSubnet'));
    for (const nat of t.resourceList('aws_nat_gateway')) {
      expect(publicIds).toContain(refId(nat.subnet_id));
      expect(t.resources('aws_eip')[refId(nat.allocation_id)]).toMatchObject({ domain: 'vpc' });
    }
  });

  test('each private route table sends 0.0.0.0/0 to the NAT gateway of its own zone', () => {
    const routes = t.resourceList('aws_route').filter((r) => r.nat_gateway_id);
    expect(routes).toHaveLength(3);
    expect(new Set(routes.map((r) => r.nat_gateway_id)).size).toBe(3);
    expect(routes.every((r) => r.destination_cidr_block === '0.0.0.0/0')).toBe(true);
  });

  test('the public route table sends 0.0.0.0/0 to the internet gateway and serves the public subnets only', () => {
    const igwRoute = t.resourceList('aws_route').filter((r) => r.gateway_id);
    expect(igwRoute).toEqual([expect.objectContaining({ destination_cidr_block: '0.0.0.0/0', gateway_id: expect.stringContaining('aws_internet_gateway.') })]);
    const publicTable = refId(igwRoute[0].route_table_id);
    const assoc = t.resourceList('aws_route_table_association').filter((a) => refId(a.route_table_id) === publicTable);
    expect(assoc.map((a) => refId(a.subnet_id)).sort()).toEqual(ids(t, 'aws_subnet').filter((id) => id.includes('PublicSubnet')).sort());
  });

  test('an S3 gateway endpoint on every route table', () => {
    const endpoint = t.only('aws_vpc_endpoint');
    expect(endpoint).toMatchObject({ service_name: 'com.amazonaws.us-east-1.s3', vpc_endpoint_type: 'Gateway' });
    expect(endpoint.route_table_ids).toHaveLength(4);
  });

  test('adopts the default security group with no ingress and no egress rules', () => {
    expect(t.only('aws_default_security_group')).toMatchObject({ ingress: [], egress: [], vpc_id: expect.stringContaining('aws_vpc.') });
  });

  test('flow logs are on, for all traffic', () => {
    expect(t.only('aws_flow_log')).toMatchObject({ traffic_type: 'ALL', vpc_id: expect.stringContaining('aws_vpc.') });
  });
});

describe('Vpc (staging)', () => {
  const t = synth(Environment.staging({ project: 'livestreamsell' }));

  test('2 zones from 10.10.0.0/16 and a single NAT gateway shared by both private route tables', () => {
    expect(t.only('aws_vpc').cidr_block).toBe('10.10.0.0/16');
    expect(t.count('aws_subnet')).toBe(4);
    expect(t.count('aws_nat_gateway')).toBe(1);
    const natRoutes = t.resourceList('aws_route').filter((r) => r.nat_gateway_id);
    expect(natRoutes).toHaveLength(2);
    expect(new Set(natRoutes.map((r) => r.nat_gateway_id)).size).toBe(1);
  });
});

describe('Vpc props', () => {
  test('explicit zone names skip the lookup; NAT per zone and CIDR can be overridden', () => {
    const t = synth(Environment.staging({ project: 'livestreamsell' }), { cidr: '172.16.0.0/20', availabilityZoneNames: ['us-east-1a', 'us-east-1b'], natGatewayPerAz: true });
    expect(t.dataSources('aws_availability_zones')).toEqual({});
    expect(t.resourceList('aws_subnet').map((s) => s.availability_zone).sort()).toEqual(['us-east-1a', 'us-east-1a', 'us-east-1b', 'us-east-1b']);
    expect(t.count('aws_nat_gateway')).toBe(2);
    expect(t.resourceList('aws_subnet').map((s) => s.cidr_block)).toContain('172.16.8.0/24');
  });

  test('zone names must match the zone count', () => {
    expect(() => synth(Environment.staging({ project: 'livestreamsell' }), { availabilityZones: 3, availabilityZoneNames: ['us-east-1a', 'us-east-1b'] })).toThrow(
      '[test/Vpc] invalid "availabilityZoneNames": got ["us-east-1a","us-east-1b"]; expected exactly 3 zone names (availabilityZones)',
    );
  });

  test('a malformed CIDR fails with the construct path', () => {
    expect(() => synth(Environment.staging({ project: 'livestreamsell' }), { cidr: '10.0.0.0/16x' })).toThrow('[test/Vpc] invalid "cidr": got "10.0.0.0/16x"');
  });

  test('addSecurityGroup creates a group in this VPC', () => {
    const stack = environmentStack();
    const vpc = new Vpc(stack, 'Vpc');
    const sg = vpc.addSecurityGroup('Workers', { description: 'AI workers' });
    expect(sg.node.path).toBe('test/Vpc/Workers');
    const t = Template.of(stack);
    expect(t.only('aws_security_group')).toMatchObject({ name: 'livestreamsell-staging-workers', vpc_id: expect.stringContaining('aws_vpc.Vpc_') });
    expect(vpc.privateSubnetIds).toHaveLength(2);
    expect(vpc.publicSubnetIds).toHaveLength(2);
  });
});

describe('Vpc input, names and imports', () => {
  test.each<[object, string]>([
    [{ availabilityZones: '3' }, '[test/Vpc] invalid "availabilityZones": got "3"; expected a whole number from 2 to 3'],
    [{ natGatewayPerAz: 'true' }, '[test/Vpc] invalid "natGatewayPerAz": got "true"; expected true or false (a boolean, not a string)'],
    [{ availabilityZoneNames: 'us-east-1a' }, '[test/Vpc] invalid "availabilityZoneNames": got "us-east-1a"; expected a list'],
    [{ flowLogs: { retentionDays: 45 } }, '[test/Vpc] invalid "flowLogs.retentionDays": got 45; expected one of 1, 3, 5, 7'],
    [{ flowLogs: 'off' }, '[test/Vpc] invalid "flowLogs": got "off"; expected an object of properties'],
    [{ flowLogs: { enabled: false } }, '[test/Vpc] invalid "flowLogs.enabled": got false; expected no such property'],
    [{ cidrBlock: '10.0.0.0/16' }, '[test/Vpc] invalid "cidrBlock": got "10.0.0.0/16"; expected no such property'],
    [{ name: 'My VPC' }, '[test/Vpc] invalid "name": got "My VPC"; expected a name of 1-63 lowercase letters, digits or "-"'],
  ])('rejects %j', (props, message) => {
    expect(() => synth(Environment.staging({ project: 'livestreamsell' }), props as any)).toThrow(message);
  });

  test('two VPCs of one environment need their own names (flow-log names are account-wide)', () => {
    const stack = environmentStack();
    new Vpc(stack, 'Vpc');
    expect(() => new Vpc(stack, 'Data', { cidr: '10.11.0.0/16' })).toThrow(
      '[test/Data] invalid "name": got "livestreamsell-staging"; expected a name no other VPC flow log of this app uses (test/Vpc/FlowLogs already does',
    );
    const ok = environmentStack();
    new Vpc(ok, 'Vpc');
    new Vpc(ok, 'Data', { name: 'livestreamsell-staging-data', cidr: '10.11.0.0/16' });
    const t = Template.of(ok);
    expect(t.resourceList('aws_vpc').map((v) => v.tags.Name).sort()).toEqual(['livestreamsell-staging-data-vpc', 'livestreamsell-staging-vpc']);
  });

  test('isVpc and fromVpcAttributes: an existing VPC takes security groups', () => {
    const stack = environmentStack();
    const existing = Vpc.fromVpcAttributes(stack, 'Existing', { vpcId: 'vpc-0123456789abcdef0', privateSubnetIds: ['subnet-0123456789abcdef0'] });
    expect(Vpc.isVpc(existing)).toBe(false);
    expect(Vpc.isVpc(new Vpc(stack, 'Vpc'))).toBe(true);
    expect(existing.privateSubnetIds).toEqual(['subnet-0123456789abcdef0']);
    existing.addSecurityGroup('Db', { description: 'Database clients' });
    expect(Template.of(stack).resourceList('aws_security_group').map((g) => g.vpc_id)).toContain('vpc-0123456789abcdef0');
    expect(() => Vpc.fromVpcAttributes(stack, 'Bad', { vpcId: 'default' })).toThrow('[test/Bad] invalid "vpcId": got "default"; expected a VPC id such as "vpc-0123456789abcdef0" (or a reference)');
    expect(() => existing.addSecurityGroup('Bad', 'workers' as any)).toThrow('[test/Existing] invalid "options": got "workers"; expected the security group options ({ description, ... })');
  });
});
