import { DataAwsAvailabilityZones } from '@cdktf/provider-aws/lib/data-aws-availability-zones';
import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc as VpcResource } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { Fn } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { FlowLogsOptions, VpcFlowLogs } from './flow-logs';
import { childProps, propsInput } from './private/reporter';
import { planSubnets } from './private/subnet-layout';
import { ApplicationSecurityGroup, SecurityGroupOptions } from './security-group';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input, checkString, isPlainObject } from '../core/private/input';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Settings of a `Vpc`. */
export interface VpcOptions {
  /**
   * Base of the names of the VPC's resources (Name tags, the flow-log group, role
   * and key alias), unique in the app.
   * @default "<project>-<environment>"
   */
  readonly name?: string;
  /**
   * VPC CIDR block, /16 to /27, a literal (subnets are computed from it at synth).
   * @default - "10.20.0.0/16" in production, "10.10.0.0/16" elsewhere
   */
  readonly cidr?: string;
  /**
   * Number of availability zones, 2 or 3.
   * @default - 3 in production, 2 elsewhere
   */
  readonly availabilityZones?: number;
  /**
   * Zone names to use, instead of the first available zones of the region.
   * @default - the first `availabilityZones` zones that need no opt-in
   */
  readonly availabilityZoneNames?: string[];
  /**
   * Prefix length of every subnet.
   * @default - 4 bits longer than the VPC, at most /28 (a /16 VPC gets /20 subnets)
   */
  readonly subnetPrefixLength?: number;
  /**
   * Explicit public subnet CIDRs, one per zone, inside the VPC.
   * @default - computed: the upper half of the VPC
   */
  readonly publicSubnetCidrs?: string[];
  /**
   * Explicit private subnet CIDRs, one per zone, inside the VPC.
   * @default - computed: the lower half of the VPC
   */
  readonly privateSubnetCidrs?: string[];
  /**
   * One NAT gateway per zone (a zone outage does not cut the others off) instead of one shared.
   * @default - true in production, false elsewhere
   */
  readonly natGatewayPerAz?: boolean;
  /**
   * Flow log settings. Flow logs cannot be turned off.
   * @default - CloudWatch Logs, KMS-encrypted, environment retention, all traffic
   */
  readonly flowLogs?: FlowLogsOptions;
}

/** Props of `Vpc`. */
export interface VpcProps extends VpcOptions {
  /**
   * The environment (names, tags, per-environment defaults).
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/** A VPC other code refers to: its id and subnets, and security groups in it. */
export interface IVpc extends IConstruct {
  /** VPC id. */
  readonly vpcId: string;
  /** Ids of the private subnets, one per zone. */
  readonly privateSubnetIds: string[];
  /** Ids of the public subnets, one per zone. */
  readonly publicSubnetIds: string[];
  /** Creates an `ApplicationSecurityGroup` in this VPC and returns it. */
  addSecurityGroup(id: string, options: SecurityGroupOptions): ApplicationSecurityGroup;
}

/** Attributes of an existing VPC, for `Vpc.fromVpcAttributes`. */
export interface VpcAttributes {
  /** VPC id ("vpc-..." or a token). */
  readonly vpcId: string;
  /**
   * Ids of its private subnets.
   * @default - none
   */
  readonly privateSubnetIds?: string[];
  /**
   * Ids of its public subnets.
   * @default - none
   */
  readonly publicSubnetIds?: string[];
}

const VPC_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.Vpc');
const VPC_ID = 'a VPC id such as "vpc-0123456789abcdef0" (or a reference)';

/**
 * A VPC for the Kubernetes-ready path and private endpoints: public and private
 * subnets in 2-3 zones computed from a checked CIDR, an internet gateway, NAT
 * (one per zone in production, one shared elsewhere), one route table per private
 * subnet, an S3 gateway endpoint on every route table, flow logs that cannot be
 * turned off, and the default security group adopted with no rules at all, so
 * nothing can use it by accident. Public subnets never assign public IPs on launch.
 *
 * Subnets carry the `kubernetes.io/role/elb` / `internal-elb` tags that EKS load
 * balancer controllers look for.
 *
 * @example
 * const vpc = new Vpc(this, 'Vpc', { cidr: '10.30.0.0/16' });
 * vpc.addSecurityGroup('Workers', { description: 'Background workers' });
 */
export class Vpc extends Construct implements IVpc {
  /** True when `x` is a Vpc (works across copies of the library). */
  public static isVpc(x: unknown): x is Vpc {
    return x !== null && typeof x === 'object' && VPC_SYMBOL in (x as object);
  }

  /** An existing VPC, to create security groups in and hand its subnets to other constructs. */
  public static fromVpcAttributes(scope: Construct, id: string, attrs: VpcAttributes): IVpc {
    return new ImportedVpc(scope, id, attrs);
  }

  /** The `aws_vpc`. */
  public readonly resource: VpcResource;
  /** The VPC CIDR. */
  public readonly cidr: string;
  /** Public subnets, one per zone. */
  public readonly publicSubnets: Subnet[] = [];
  /** Private subnets, one per zone. */
  public readonly privateSubnets: Subnet[] = [];
  /** NAT gateways (one, or one per zone). */
  public readonly natGateways: NatGateway[] = [];
  /** Route tables of the private subnets, one per zone. */
  public readonly privateRouteTables: RouteTable[] = [];
  /** Route table of the public subnets. */
  public readonly publicRouteTable: RouteTable;
  /** The S3 gateway endpoint. */
  public readonly s3Endpoint: VpcEndpoint;
  /** The flow logs. */
  public readonly flowLogs: VpcFlowLogs;
  /** The adopted default security group (no rules). */
  public readonly defaultSecurityGroup: DefaultSecurityGroup;

  constructor(scope: Construct, id: string, props: VpcProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, VPC_SYMBOL, { value: true });
    const reader = propsInput(this, props);
    const { input } = reader;
    const env = environmentOf(this, reader.nested ? undefined : input.raw('environment'));
    const base = input.string('name', { pattern: /^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, allowed: 'a name of 1-63 lowercase letters, digits or "-"' });
    this.cidr = input.string('cidr', { allowed: 'an IPv4 CIDR block such as "10.20.0.0/16"' }) ?? (env.isProduction ? '10.20.0.0/16' : '10.10.0.0/16');
    const zoneNames = input.stringList('availabilityZoneNames', { pattern: /^[a-z0-9-]+$/, allowed: 'an availability zone name such as "us-east-1a"', unique: true });
    const zoneCount = input.integer('availabilityZones', 2, 3) ?? zoneNames?.length ?? (env.isProduction ? 3 : 2);
    if (zoneNames && zoneNames.length !== zoneCount) {
      throw new ValidationError(input.scope, input.path('availabilityZoneNames'), zoneNames, `exactly ${zoneCount} zone names (availabilityZones)`);
    }
    const layout = planSubnets(input.scope, {
      vpcCidr: this.cidr,
      availabilityZones: zoneCount,
      subnetPrefixLength: input.raw('subnetPrefixLength') as number | undefined,
      publicSubnetCidrs: input.stringList('publicSubnetCidrs'),
      privateSubnetCidrs: input.stringList('privateSubnetCidrs'),
    }, (prop) => input.path(prop));
    const perAz = input.boolean('natGatewayPerAz') ?? env.isProduction;
    input.object('flowLogs');
    const flowLogs = input.raw('flowLogs');
    reader.done();
    const name = (suffix: string) => `${base ?? env.resourceName()}-${suffix}`;
    const tags = (suffix: string, extra: { [k: string]: string } = {}) => ({ ...env.tags, Name: name(suffix), ...extra });

    this.resource = new VpcResource(this, 'Resource', {
      cidrBlock: this.cidr,
      enableDnsSupport: true,
      enableDnsHostnames: true,
      tags: tags('vpc'),
    });
    // Adopting the default group with empty rule lists strips AWS's allow-all rules
    // and reverts any rule someone adds by hand at the next apply.
    this.defaultSecurityGroup = new DefaultSecurityGroup(this, 'DefaultSecurityGroup', {
      vpcId: this.resource.id,
      ingress: [],
      egress: [],
      tags: tags('default-deny'),
    });

    const zones = zoneNames ?? this.lookupZones(zoneCount);
    const igw = new InternetGateway(this, 'InternetGateway', { vpcId: this.resource.id, tags: tags('igw') });
    this.publicRouteTable = new RouteTable(this, 'PublicRouteTable', { vpcId: this.resource.id, tags: tags('public') });
    new Route(this, 'PublicDefaultRoute', { routeTableId: this.publicRouteTable.id, destinationCidrBlock: '0.0.0.0/0', gatewayId: igw.id });

    for (let i = 0; i < zoneCount; i++) {
      const n = i + 1;
      const pub = new Subnet(this, `PublicSubnet${n}`, {
        vpcId: this.resource.id,
        cidrBlock: layout.public[i],
        availabilityZone: zones[i],
        mapPublicIpOnLaunch: false,
        tags: tags(`public-${n}`, { 'tier': 'public', 'kubernetes.io/role/elb': '1' }),
      });
      this.publicSubnets.push(pub);
      new RouteTableAssociation(this, `PublicRouteTableAssociation${n}`, { subnetId: pub.id, routeTableId: this.publicRouteTable.id });
      if (i === 0 || perAz) {
        const eip = new Eip(this, `NatEip${n}`, { domain: 'vpc', tags: tags(`nat-${n}`) });
        this.natGateways.push(new NatGateway(this, `NatGateway${n}`, {
          allocationId: eip.allocationId,
          subnetId: pub.id,
          tags: tags(`nat-${n}`),
          dependsOn: [igw],
        }));
      }
    }
    for (let i = 0; i < zoneCount; i++) {
      const n = i + 1;
      const priv = new Subnet(this, `PrivateSubnet${n}`, {
        vpcId: this.resource.id,
        cidrBlock: layout.private[i],
        availabilityZone: zones[i],
        mapPublicIpOnLaunch: false,
        tags: tags(`private-${n}`, { 'tier': 'private', 'kubernetes.io/role/internal-elb': '1' }),
      });
      this.privateSubnets.push(priv);
      const table = new RouteTable(this, `PrivateRouteTable${n}`, { vpcId: this.resource.id, tags: tags(`private-${n}`) });
      this.privateRouteTables.push(table);
      const nat = this.natGateways[perAz ? i : 0];
      new Route(this, `PrivateDefaultRoute${n}`, { routeTableId: table.id, destinationCidrBlock: '0.0.0.0/0', natGatewayId: nat.id });
      new RouteTableAssociation(this, `PrivateRouteTableAssociation${n}`, { subnetId: priv.id, routeTableId: table.id });
    }

    // S3 traffic (backups, images, container layers) stays on the AWS network and skips NAT charges.
    this.s3Endpoint = new VpcEndpoint(this, 'S3Endpoint', {
      vpcId: this.resource.id,
      serviceName: `com.amazonaws.${env.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: [this.publicRouteTable.id, ...this.privateRouteTables.map((t) => t.id)],
      tags: tags('s3'),
    });

    this.flowLogs = new VpcFlowLogs(this, 'FlowLogs', childProps(input, 'flowLogs', flowLogs, { vpcId: this.resource.id, name: base }));
  }

  /** VPC id. */
  public get vpcId(): string {
    return this.resource.id;
  }

  /** Ids of the private subnets. */
  public get privateSubnetIds(): string[] {
    return this.privateSubnets.map((s) => s.id);
  }

  /** Ids of the public subnets. */
  public get publicSubnetIds(): string[] {
    return this.publicSubnets.map((s) => s.id);
  }

  /**
   * Creates an `ApplicationSecurityGroup` in this VPC (every rule described,
   * exposure judged by address space) and returns it.
   */
  public addSecurityGroup(id: string, options: SecurityGroupOptions): ApplicationSecurityGroup {
    return addSecurityGroup(this, id, options, this.vpcId);
  }

  private lookupZones(count: number): string[] {
    const azs = new DataAwsAvailabilityZones(this, 'AvailabilityZones', {
      state: 'available',
      filter: [{ name: 'opt-in-status', values: ['opt-in-not-required'] }],
    });
    return Array.from({ length: count }, (_, i) => Fn.element(azs.names, i));
  }
}

function addSecurityGroup(vpc: Construct, id: string, options: SecurityGroupOptions, vpcId: string): ApplicationSecurityGroup {
  checkString(vpc, 'id', id, { pattern: /^[A-Za-z][A-Za-z0-9]*$/, allowed: 'a PascalCase construct id such as "Workers"' });
  if (!isPlainObject(options)) throw new ValidationError(vpc, 'options', options, 'the security group options ({ description, ... })');
  return new ApplicationSecurityGroup(vpc, id, { ...options, vpcId });
}

/** A VPC that exists outside this app. */
class ImportedVpc extends Construct implements IVpc {
  public readonly vpcId: string;
  public readonly privateSubnetIds: string[];
  public readonly publicSubnetIds: string[];

  constructor(scope: Construct, id: string, attrs: VpcAttributes) {
    super(scope, id);
    const input = Input.of(this, attrs);
    this.vpcId = input.requiredString('vpcId', { pattern: /^vpc-[0-9a-f]{8,17}$/, allowed: VPC_ID });
    this.privateSubnetIds = input.stringList('privateSubnetIds', { pattern: /^subnet-[0-9a-f]{8,17}$/, allowed: 'a subnet id such as "subnet-0123456789abcdef0" (or a reference)' }) ?? [];
    this.publicSubnetIds = input.stringList('publicSubnetIds', { pattern: /^subnet-[0-9a-f]{8,17}$/, allowed: 'a subnet id such as "subnet-0123456789abcdef0" (or a reference)' }) ?? [];
    input.done();
  }

  public addSecurityGroup(id: string, options: SecurityGroupOptions): ApplicationSecurityGroup {
    return addSecurityGroup(this, id, options, this.vpcId);
  }
}
