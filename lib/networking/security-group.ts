import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { appRegistry, resolvedText } from './private/registry';
import { Reporter, propsInput } from './private/reporter';
import { DESCRIPTION, DESCRIPTION_PATTERN, RenderedRule, RuleContext, readRule } from './private/security-group-rules';
import { requiredString, requiredText } from './private/text';
import { SecurityGroupRule } from './security-group-rule';
import { ValidationError, pathOf } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input, checkList } from '../core/private/input';
import { isToken } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** A security group other code refers to (a peer in rules, a workload's group). */
export interface ISecurityGroup extends IConstruct {
  /** Security group id ("sg-..." or a token). */
  readonly securityGroupId: string;
}

/** Attributes of an existing security group, for `ApplicationSecurityGroup.fromSecurityGroupAttributes`. */
export interface SecurityGroupAttributes {
  /** Security group id ("sg-..." or a token). */
  readonly securityGroupId: string;
}

/** Options of a security group created with `Vpc.addSecurityGroup`. */
export interface SecurityGroupOptions {
  /** What the group protects (1-255 characters of the AWS charset); shown in the console and required by reviewers. */
  readonly description: string;
  /**
   * Group name, unique in the VPC.
   * @default - "<project>-<environment>-<construct id in lower case>"
   */
  readonly groupName?: string;
  /**
   * Ingress rules. More can be added with `addIngressRule`.
   * @default - none: nothing can connect
   */
  readonly ingressRules?: SecurityGroupRule[];
  /**
   * Egress rules. More can be added with `addEgressRule`.
   * @default - only HTTPS (tcp/443) to the internet, when `allowHttpsEgress` is true
   */
  readonly egressRules?: SecurityGroupRule[];
  /**
   * Add a described tcp/443 egress rule to 0.0.0.0/0 (APIs and registries through
   * the NAT gateway). AWS's implicit allow-all egress is never created.
   * @default true
   */
  readonly allowHttpsEgress?: boolean;
  /**
   * Unsafe settings acknowledged for production, by name ("unsafeAllowInternetExposure").
   * @default - none
   */
  readonly acknowledgeUnsafeInProduction?: string[];
}

/** Props of `ApplicationSecurityGroup`. */
export interface ApplicationSecurityGroupProps extends SecurityGroupOptions {
  /** VPC id ("vpc-..." or a token). */
  readonly vpcId: string;
  /**
   * The environment (names, tags, production checks).
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

const APPLICATION_SECURITY_GROUP_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.ApplicationSecurityGroup');
const GROUP_NAME = 'up to 255 letters, digits, spaces and ._-:/()#,@[]+=&;{}!$*, not starting with "sg-"';

/** A group as registered for the one-name-per-VPC check. */
interface RegisteredGroup {
  readonly group: ApplicationSecurityGroup;
  readonly name: string;
  readonly vpcId: string;
  readonly at: Reporter;
}

/**
 * A security group whose every rule is its own resource with a description, and
 * which judges exposure by address space: a rule that lets an internet-wide range
 * (0.0.0.0/0, ::/0, but also 0.0.0.0/1, a public /8, 2000::/3) reach a sensitive
 * port (SSH, RDP, databases, Redis, the Kubernetes API, ...) or every port is
 * refused, and so is egress to the internet on every port or on a range spanning
 * several sensitive services. `unsafeAllowInternetExposure` on the rule (plus the
 * acknowledgement in production) is the one way around it; SSM Session Manager or
 * a VPN range is the better one.
 *
 * @example
 * const sg = new ApplicationSecurityGroup(this, 'Api', { vpcId: 'vpc-0123456789abcdef0', description: 'API pods' });
 * sg.addIngressRule({ name: 'http-from-vpc', description: 'API port from the load balancer', fromPort: 8000, cidrIpv4: '10.20.0.0/16' });
 */
export class ApplicationSecurityGroup extends Construct implements ISecurityGroup {
  /** True when `x` is an ApplicationSecurityGroup (works across copies of the library). */
  public static isApplicationSecurityGroup(x: unknown): x is ApplicationSecurityGroup {
    return x !== null && typeof x === 'object' && APPLICATION_SECURITY_GROUP_SYMBOL in (x as object);
  }

  /** An existing security group, for use as a reference. */
  public static fromSecurityGroupAttributes(scope: Construct, id: string, attrs: SecurityGroupAttributes): ISecurityGroup {
    return new ImportedSecurityGroup(scope, id, attrs);
  }

  /** The `aws_security_group`. */
  public readonly resource: SecurityGroup;
  /** The group name. */
  public readonly groupName: string;
  private readonly context: RuleContext;
  private readonly ruleIds = new Set<string>();

  constructor(scope: Construct, id: string, props: ApplicationSecurityGroupProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, APPLICATION_SECURITY_GROUP_SYMBOL, { value: true });
    const reader = propsInput(this, props);
    const { input } = reader;
    const env = environmentOf(this, reader.nested ? undefined : input.raw('environment'));
    const vpc = reader.injected('vpcId');
    const vpcId = requiredString(vpc.scope, vpc.prop, vpc.value, { pattern: /^vpc-[0-9a-f]{8,17}$/, allowed: 'a VPC id such as "vpc-0123456789abcdef0" (or a reference)' });
    const description = requiredText(input.scope, input.path('description'), input.raw('description'), { pattern: DESCRIPTION_PATTERN, allowed: DESCRIPTION });
    this.groupName = input.string('groupName', { pattern: /^(?!sg-)[A-Za-z0-9 ._\-:/()#,@[\]+=&;{}!$*]{1,255}$/, allowed: GROUP_NAME }) ?? env.resourceName(id.toLowerCase());
    const acknowledged = input.raw('acknowledgeUnsafeInProduction');
    input.stringList('acknowledgeUnsafeInProduction');
    this.context = { env, acknowledged, group: input.scope };
    const allowHttpsEgress = input.boolean('allowHttpsEgress') ?? true;

    this.resource = new SecurityGroup(this, 'Resource', {
      name: this.groupName,
      description,
      vpcId,
      revokeRulesOnDelete: true,
      tags: { ...env.tags, Name: this.groupName },
    });
    this.eachRule(input, 'ingressRules', (rule, at) => this._addRule(rule, at, 'ingress'));
    if (allowHttpsEgress) {
      this._addRule({ name: 'https-to-internet', description: 'HTTPS to external APIs and registries through the NAT gateway', fromPort: 443, cidrIpv4: '0.0.0.0/0' }, { scope: input.scope, prop: input.path('allowHttpsEgress') }, 'egress');
    }
    this.eachRule(input, 'egressRules', (rule, at) => this._addRule(rule, at, 'egress'));
    reader.done();
    this.register({ scope: input.scope, prop: input.path('groupName') }, vpcId);
  }

  /** Security group id. */
  public get securityGroupId(): string {
    return this.resource.id;
  }

  /** Adds a checked ingress rule (`aws_vpc_security_group_ingress_rule`, id "Ingress-<name>") and returns it. */
  public addIngressRule(rule: SecurityGroupRule): VpcSecurityGroupIngressRule {
    return this._addRule(rule, { scope: this, prop: 'rule' }, 'ingress') as VpcSecurityGroupIngressRule;
  }

  /** Adds a checked egress rule (`aws_vpc_security_group_egress_rule`, id "Egress-<name>") and returns it. */
  public addEgressRule(rule: SecurityGroupRule): VpcSecurityGroupEgressRule {
    return this._addRule(rule, { scope: this, prop: 'rule' }, 'egress') as VpcSecurityGroupEgressRule;
  }

  /** @internal */
  public _addRule(rule: unknown, at: Reporter, direction: 'ingress' | 'egress'): VpcSecurityGroupIngressRule | VpcSecurityGroupEgressRule {
    const { name, ...config }: RenderedRule = readRule(at, rule, direction, this.context);
    const id = `${direction === 'ingress' ? 'Ingress' : 'Egress'}-${name}`;
    if (this.ruleIds.has(id)) throw new ValidationError(at.scope, `${at.prop}.name`, name, `a rule name not yet used by an ${direction} rule of ${this.node.path}`);
    this.ruleIds.add(id);
    return direction === 'ingress'
      ? new VpcSecurityGroupIngressRule(this, id, { securityGroupId: this.resource.id, ...config })
      : new VpcSecurityGroupEgressRule(this, id, { securityGroupId: this.resource.id, ...config });
  }

  private eachRule(input: Input, name: string, add: (rule: unknown, at: Reporter) => void): void {
    const list = checkList(input.scope, input.path(name), input.raw(name)) ?? [];
    list.forEach((rule, i) => add(rule, { scope: input.scope, prop: `${input.path(name)}[${i}]` }));
  }

  /**
   * Group names are unique per VPC. Literal VPC ids are compared across the app;
   * references once they resolve, at synth, within their stack.
   */
  private register(at: Reporter, vpcId: string): void {
    if (isToken(this.groupName)) return;
    const groups = appRegistry<RegisteredGroup>(this, 'securityGroups');
    const self: RegisteredGroup = { group: this, name: this.groupName, vpcId, at };
    groups.set(this.node.path, self);
    this.node.addValidation({
      validate: () => {
        const key = (g: RegisteredGroup) => (isToken(g.vpcId) ? `${TerraformStack.of(g.group).node.path}:${resolvedText(g.group, g.vpcId)}` : `literal:${g.vpcId}`);
        const mine = key(self);
        for (const other of groups.values()) {
          if (other === self) return [];
          if (other.name === self.name && key(other) === mine) {
            return [ValidationError.format(pathOf(at.scope), at.prop, self.name, `a group name no other security group in this VPC uses (${other.group.node.path} already does)`)];
          }
        }
        return [];
      },
    });
  }
}

/** A security group that exists outside this app. */
class ImportedSecurityGroup extends Construct implements ISecurityGroup {
  public readonly securityGroupId: string;

  constructor(scope: Construct, id: string, attrs: SecurityGroupAttributes) {
    super(scope, id);
    const input = Input.of(this, attrs);
    this.securityGroupId = requiredString(this, 'securityGroupId', input.raw('securityGroupId'), { pattern: /^sg-[0-9a-f]{8,17}$/, allowed: 'a security group id such as "sg-0123456789abcdef0" (or a reference)' });
    input.done();
  }
}
