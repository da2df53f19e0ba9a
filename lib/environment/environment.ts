import { IConstruct } from 'constructs';
import { EnvironmentOverrides, EnvironmentProps } from './environment-props';
import { PRESETS, PRESET_NAMES, PresetValues, RENDER_REGION_BY_AWS_REGION } from './presets';
import { assertCidr } from '../core/cidr';
import { ValidationError } from '../core/errors';
import { assertAwsRegion, assertDnsLabel, assertHostname, assertInteger, assertOneOf, assertOrdered } from '../core/validation';

const ENVIRONMENT_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.Environment');
const BOUND = new WeakMap<IConstruct, Environment>();

/**
 * One deployment environment (a Terraform workspace of the PRD): its name, region,
 * tags, sizes, plans, hostnames and protection settings. Every construct of the
 * library takes its defaults from the environment of its stack and lets each one
 * be overridden through its own props.
 *
 * @example
 * const env = Environment.production({ scaling: { maxInstances: 6 } });
 * new EnvironmentStack(app, 'production', { environment: env });
 */
export class Environment {
  /** The staging preset: cheaper, synthetic data, autoscaling 1-2, no deletion protection. */
  public static staging(overrides: EnvironmentOverrides = {}): Environment {
    return new Environment({ ...overrides, name: 'staging' });
  }

  /** The production preset: autoscaling 1-10, deletion protection, prevent-destroy, 3 AZs. */
  public static production(overrides: EnvironmentOverrides = {}): Environment {
    return new Environment({ ...overrides, name: 'production' });
  }

  /**
   * A preset by name ("staging" or "production"), for apps that read the name from
   * configuration. An unknown name is reported, with the construct path, by the
   * first construct the environment is given to.
   */
  public static fromName(name: string, overrides: EnvironmentOverrides = {}): Environment {
    return new Environment({ ...overrides, name, basedOn: name });
  }

  /**
   * The environment of the nearest enclosing `EnvironmentStack` (or any scope an
   * environment was bound to). Throws a `ValidationError` naming the scope when none is.
   */
  public static of(scope: IConstruct): Environment {
    const found = Environment.tryOf(scope);
    if (!found) {
      throw new ValidationError(scope, 'environment', undefined, 'an Environment: pass `environment` in the props, or create the construct inside an EnvironmentStack');
    }
    return found;
  }

  /** Like `of`, but returns undefined when no environment is bound above `scope`. */
  public static tryOf(scope: IConstruct): Environment | undefined {
    const scopes = scope.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const env = BOUND.get(scopes[i]);
      if (env) return env;
    }
    return undefined;
  }

  /** True when `x` is an Environment (works across copies of the library). */
  public static isEnvironment(x: unknown): x is Environment {
    return x !== null && typeof x === 'object' && ENVIRONMENT_SYMBOL in (x as object);
  }

  /** Environment name, for example "staging". */
  public readonly name: string;
  /** Project name used in resource names and tags. */
  public readonly project: string;
  /** AWS region of the AWS resources. */
  public readonly region: string;
  /** True for production: HA defaults, deletion protection, stricter checks. */
  public readonly isProduction: boolean;
  /** Minimum web instances/replicas. */
  public readonly minInstances: number;
  /** Maximum web instances/replicas. */
  public readonly maxInstances: number;
  /** Target CPU utilization (percent) for autoscaling. */
  public readonly cpuTargetPercent: number;
  /** Target memory utilization (percent) for autoscaling. */
  public readonly memoryTargetPercent: number;
  /** Provider-side deletion protection on stateful resources. */
  public readonly deletionProtection: boolean;
  /** Terraform `prevent_destroy` on stateful resources. */
  public readonly preventDestroy: boolean;
  /** Retention of backups and noncurrent versions, days. */
  public readonly backupRetentionDays: number;
  /** Retention of logs, days. */
  public readonly logRetentionDays: number;
  /** KMS key deletion window, days. */
  public readonly kmsDeletionWindowDays: number;
  /** The environment holds synthetic data only. */
  public readonly syntheticData: boolean;
  /** VPC CIDR block. */
  public readonly vpcCidr: string;
  /** Availability zones used by the VPC. */
  public readonly availabilityZones: number;
  /** NAT gateway per AZ (true) or a single shared one (false). */
  public readonly natGatewayPerAz: boolean;
  /** Render plan of web services. */
  public readonly renderWebPlan: string;
  /** Render plan of background workers. */
  public readonly renderWorkerPlan: string;
  /** Render Key Value plan. */
  public readonly renderKeyValuePlan: string;
  /** Supabase instance size. */
  public readonly supabaseInstanceSize: string;
  /** Cloudflare zone (apex domain). */
  public readonly zoneName: string;
  /** Public hostname of the API. */
  public readonly apiHostname: string;
  /** Public hostname of the dashboard. */
  public readonly dashboardHostname: string;
  /** Requests per minute one client IP may send before the edge blocks it. */
  public readonly rateLimitRequestsPerMinute: number;
  /** Requests per minute one client IP may send to authentication endpoints. */
  public readonly authRateLimitRequestsPerMinute: number;
  /** Name of the preset this environment is based on. */
  public readonly basedOn: string;

  private readonly extraTags: { [key: string]: string };

  constructor(private readonly props: EnvironmentProps) {
    Object.defineProperty(this, ENVIRONMENT_SYMBOL, { value: true });
    this.name = props.name;
    this.basedOn = props.basedOn ?? props.name;
    // Unknown presets fall back to staging values here; bind() reports them with a path.
    const preset: PresetValues = PRESETS[this.basedOn] ?? PRESETS.staging;
    this.project = props.project ?? 'livestreamsell';
    this.region = props.region ?? 'us-east-1';
    this.isProduction = preset.production;
    this.minInstances = props.scaling?.minInstances ?? preset.scaling.minInstances;
    this.maxInstances = props.scaling?.maxInstances ?? preset.scaling.maxInstances;
    this.cpuTargetPercent = props.scaling?.cpuTargetPercent ?? preset.scaling.cpuTargetPercent;
    this.memoryTargetPercent = props.scaling?.memoryTargetPercent ?? preset.scaling.memoryTargetPercent;
    const p = props.protection ?? {};
    this.deletionProtection = p.deletionProtection ?? preset.protection.deletionProtection;
    this.preventDestroy = p.preventDestroy ?? preset.protection.preventDestroy;
    this.backupRetentionDays = p.backupRetentionDays ?? preset.protection.backupRetentionDays;
    this.logRetentionDays = p.logRetentionDays ?? preset.protection.logRetentionDays;
    this.kmsDeletionWindowDays = p.kmsDeletionWindowDays ?? preset.protection.kmsDeletionWindowDays;
    this.syntheticData = p.syntheticData ?? preset.protection.syntheticData;
    this.vpcCidr = props.network?.vpcCidr ?? preset.network.vpcCidr;
    this.availabilityZones = props.network?.availabilityZones ?? preset.network.availabilityZones;
    this.natGatewayPerAz = props.network?.natGatewayPerAz ?? preset.network.natGatewayPerAz;
    this.renderWebPlan = props.plans?.renderWebPlan ?? preset.plans.renderWebPlan;
    this.renderWorkerPlan = props.plans?.renderWorkerPlan ?? preset.plans.renderWorkerPlan;
    this.renderKeyValuePlan = props.plans?.renderKeyValuePlan ?? preset.plans.renderKeyValuePlan;
    this.supabaseInstanceSize = props.plans?.supabaseInstanceSize ?? preset.plans.supabaseInstanceSize;
    this.zoneName = props.hostnames?.zoneName ?? 'livestreamsell.ai';
    this.apiHostname = props.hostnames?.api ?? `api${preset.hostSuffix}.${this.zoneName}`;
    this.dashboardHostname = props.hostnames?.dashboard ?? `app${preset.hostSuffix}.${this.zoneName}`;
    this.rateLimitRequestsPerMinute = props.edge?.rateLimitRequestsPerMinute ?? preset.edge.rateLimitRequestsPerMinute;
    this.authRateLimitRequestsPerMinute = props.edge?.authRateLimitRequestsPerMinute ?? preset.edge.authRateLimitRequestsPerMinute;
    this.extraTags = props.tags ?? {};
  }

  /** Render region next to the AWS region (us-east-1 = "virginia"), or undefined if Render has none there. */
  public get renderRegion(): string | undefined {
    return RENDER_REGION_BY_AWS_REGION[this.region];
  }

  /** Tags applied to every taggable resource: project, environment, managed-by, plus extras. */
  public get tags(): { [key: string]: string } {
    return { 'project': this.project, 'environment': this.name, 'managed-by': 'cdktf', ...this.extraTags };
  }

  /** `<project>-<environment>[-<suffix>]`, the base of every resource name. */
  public resourceName(suffix?: string): string {
    return [this.project, this.name, suffix].filter((s) => s !== undefined && s !== '').join('-');
  }

  /**
   * Validates the environment and makes it the environment of `scope` and everything
   * below it (`Environment.of`). Errors name `scope`'s construct path.
   */
  public bind(scope: IConstruct): Environment {
    this.validate(scope);
    BOUND.set(scope, this);
    return this;
  }

  /** Throws a `ValidationError` (with `scope`'s path) on the first invalid setting. */
  public validate(scope: IConstruct): void {
    if (this.props.basedOn !== undefined || PRESET_NAMES.includes(this.name as any)) {
      assertOneOf(scope, this.props.basedOn !== undefined && this.props.basedOn !== this.name ? 'environment.basedOn' : 'environment.name', this.basedOn, PRESET_NAMES);
    } else {
      throw new ValidationError(scope, 'environment.name', this.name, 'one of "staging", "production", or a custom environment with "basedOn" set to one of them');
    }
    assertDnsLabel(scope, 'environment.name', this.name);
    assertDnsLabel(scope, 'environment.project', this.project);
    assertAwsRegion(scope, 'environment.region', this.region);
    assertInteger(scope, 'environment.scaling.minInstances', this.minInstances, 1, 100);
    assertInteger(scope, 'environment.scaling.maxInstances', this.maxInstances, 1, 100);
    assertOrdered(scope, 'environment.scaling.minInstances', this.minInstances, 'environment.scaling.maxInstances', this.maxInstances);
    assertInteger(scope, 'environment.scaling.cpuTargetPercent', this.cpuTargetPercent, 1, 100);
    assertInteger(scope, 'environment.scaling.memoryTargetPercent', this.memoryTargetPercent, 1, 100);
    assertInteger(scope, 'environment.protection.backupRetentionDays', this.backupRetentionDays, 1, 3650);
    assertInteger(scope, 'environment.protection.logRetentionDays', this.logRetentionDays, 1, 3653);
    assertInteger(scope, 'environment.protection.kmsDeletionWindowDays', this.kmsDeletionWindowDays, 7, 30);
    assertCidr(scope, 'environment.network.vpcCidr', this.vpcCidr, 16, 24);
    assertInteger(scope, 'environment.network.availabilityZones', this.availabilityZones, 2, 3);
    assertHostname(scope, 'environment.hostnames.zoneName', this.zoneName);
    assertHostname(scope, 'environment.hostnames.api', this.apiHostname);
    assertHostname(scope, 'environment.hostnames.dashboard', this.dashboardHostname);
    assertInteger(scope, 'environment.edge.rateLimitRequestsPerMinute', this.rateLimitRequestsPerMinute, 1, 1000000);
    assertInteger(scope, 'environment.edge.authRateLimitRequestsPerMinute', this.authRateLimitRequestsPerMinute, 1, 1000000);
  }
}
