import { Construct } from 'constructs';
import { contextOf } from './private/context';
import { checkRenderEnum } from './private/enums';
import { claimRenderName, kebabCase } from './private/names';
import { renderProviderFor } from './private/provider';
import { resolveRenderRegion } from './private/region';
import { RenderRegionOptions } from './region';
import { RenderKeyValuePlan, RenderMaxMemoryPolicy, RenderPersistenceMode } from './render-enums';
import { IRenderService, RenderServiceBase } from './service-base';
import { ValidationError } from '../core/errors';
import { formatAnyCidr, isInternetWide, parseAnyCidr } from '../core/private/address-space';
import { markLibraryConstruct } from '../core/private/escape';
import { Input, checkString } from '../core/private/input';
import { assertUnsafeAllowed } from '../core/private/unsafe';
import { DNS_LABEL_PATTERN } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { Keyvalue } from '../providers/render/gen/keyvalue';

/** An address range allowed to connect to a Key Value instance from outside Render. */
export interface RenderAllowedSource {
  /** IPv4 or IPv6 CIDR block, for example "203.0.113.0/24". */
  readonly cidr: string;
  /** What the range is (shown in the Render dashboard), for example "office". */
  readonly description: string;
}

/** What a Key Value instance is: name, plan, eviction, persistence and outside access (also the shape `RenderCompute.keyValue` takes). */
export interface RenderKeyValueOptions {
  /**
   * Logical name (a DNS label); the Render name is "<project>-<environment>-<name>".
   * @default - the construct id in kebab-case ("keyvalue" in RenderCompute)
   */
  readonly name?: string;
  /**
   * Plan. `RenderKeyValuePlan.FREE` is refused in production: it has no
   * persistence and no availability guarantee.
   * @default - RenderKeyValuePlan.STANDARD in production, RenderKeyValuePlan.STARTER elsewhere
   */
  readonly plan?: RenderKeyValuePlan;
  /**
   * Eviction policy when memory is full. `NOEVICTION` makes writes fail instead
   * of silently dropping queued jobs.
   * @default RenderMaxMemoryPolicy.NOEVICTION
   */
  readonly maxMemoryPolicy?: RenderMaxMemoryPolicy;
  /**
   * Persistence.
   * @default - Render's default for the plan (paid plans persist to disk)
   */
  readonly persistenceMode?: RenderPersistenceMode;
  /**
   * Address ranges allowed to connect from outside Render (a Terraform runner,
   * an office). Services on Render always connect over the private network.
   * Ranges that reach a meaningful part of the internet (judged by the address
   * space they cover, not by prefix length) need `unsafeAllowInternetWideSources`.
   * @default - none: private network only
   */
  readonly allowedSources?: RenderAllowedSource[];
  /**
   * Accept internet-wide ranges in `allowedSources` (anyone there can try the
   * password). In production, also list "unsafeAllowInternetWideSources" in
   * `acknowledgeUnsafeInProduction`.
   * @default false
   */
  readonly unsafeAllowInternetWideSources?: boolean;
  /**
   * Unsafe options accepted in production, by name.
   * @default - none
   */
  readonly acknowledgeUnsafeInProduction?: string[];
}

/** Props of `RenderKeyValue`. */
export interface RenderKeyValueProps extends RenderKeyValueOptions, RenderRegionOptions {
  /**
   * Render project environment the instance joins.
   * @default - no project
   */
  readonly projectEnvironmentId?: string;
  /**
   * The environment whose names and defaults apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

const DNS_LABEL = { pattern: DNS_LABEL_PATTERN, allowed: 'a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit' };
const VARIABLE_NAME = { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, allowed: 'a variable name of letters, digits and "_", not starting with a digit' };

/**
 * A Render Key Value (Redis-compatible) instance for queues and cache
 * (`render_keyvalue`). By default it accepts connections from the private
 * network only (`ip_allow_list = []`), and services receive its internal
 * connection string as a reference through `connect`, never as a literal.
 *
 * @example
 * declare const worker: RenderBackgroundWorker;
 * const queue = new RenderKeyValue(this, 'Queue');
 * queue.connect(worker); // sets REDIS_URL on the worker
 */
export class RenderKeyValue extends Construct {
  /** The `render_keyvalue`. */
  public readonly resource: Keyvalue;
  /** Name in Render. */
  public readonly renderName: string;
  /** Plan name ("standard"). */
  public readonly plan: string;

  constructor(scope: Construct, id: string, props: RenderKeyValueProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const context = contextOf(props);
    const input = Input.of(context?.reportScope ?? this, props, context?.prefix ?? '');
    const env = environmentOf(this, context ? undefined : input.raw('environment'));
    const name = checkString(input.scope, input.path('name'), input.raw('name') ?? kebabCase(id), DNS_LABEL)!;
    this.renderName = env.resourceName(name);
    claimRenderName('Key Value', this.renderName, { owner: this, reportScope: input.scope, prop: input.path('name'), value: name });
    this.plan = checkRenderEnum(input.scope, input.path('plan'), input.raw('plan'), 'RenderKeyValuePlan') ?? (env.isProduction ? 'standard' : 'starter');
    if (env.isProduction && this.plan === 'free') {
      throw new ValidationError(input.scope, input.path('plan'), this.plan, 'a paid plan in production (RenderKeyValuePlan.STARTER, STANDARD, PRO or PRO_PLUS): free instances lose their data on restart');
    }
    const policy = checkRenderEnum(input.scope, input.path('maxMemoryPolicy'), input.raw('maxMemoryPolicy'), 'RenderMaxMemoryPolicy') ?? 'noeviction';
    const persistenceMode = checkRenderEnum(input.scope, input.path('persistenceMode'), input.raw('persistenceMode'), 'RenderPersistenceMode');
    const ipAllowList = this.allowList(input, env);
    const region = context?.region ?? resolveRenderRegion(input, env);
    const environmentId = context ? context.projectEnvironmentId : input.string('projectEnvironmentId', { nonEmpty: true });
    input.done(...(context?.alsoKnown ?? []));

    renderProviderFor(this);
    this.resource = new Keyvalue(this, 'Resource', {
      name: this.renderName,
      plan: this.plan,
      region,
      maxMemoryPolicy: policy,
      persistenceMode,
      environmentId,
      // An empty allow list means: private network only, no connections from the internet.
      ipAllowList,
    });
  }

  /** Key Value id (a token). */
  public get keyValueId(): string {
    return this.resource.id;
  }

  /** Connection string on Render's private network (a sensitive token). */
  public get connectionString(): string {
    return this.resource.connectionInfo.internalConnectionString;
  }

  /** Gives `service` the connection string as the variable `variableName` (a reference, never a literal). */
  public connect(service: IRenderService, variableName = 'REDIS_URL'): void {
    if (!RenderServiceBase.isRenderService(service)) {
      throw new ValidationError(this, 'service', service, 'an IRenderService (a RenderWebService, RenderBackgroundWorker or RenderCronJob)');
    }
    const name = checkString(this, 'variableName', variableName, VARIABLE_NAME)!;
    service.addVariable(name, this.connectionString);
  }

  /** `allowedSources` as `ip_allow_list` entries, each judged by the address space it covers. */
  private allowList(input: Input, env: Environment): Array<{ cidrBlock: string; description: string }> {
    const unsafe = input.boolean('unsafeAllowInternetWideSources') ?? false;
    assertUnsafeAllowed(input.scope, env, input.path('unsafeAllowInternetWideSources'), unsafe, input.raw('acknowledgeUnsafeInProduction'),
      'anyone on the internet could try the instance\'s password');
    const sources = input.objectList('allowedSources', { maxItems: 100 }) ?? [];
    const seen = new Map<string, string>();
    return sources.map((source) => {
      const cidr = source.requiredString('cidr', { nonEmpty: true, allowed: 'an IPv4 or IPv6 CIDR block such as "203.0.113.0/24"' });
      const parsed = parseAnyCidr(cidr);
      if (!parsed) {
        throw new ValidationError(input.scope, source.path('cidr'), cidr, 'an IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set');
      }
      if (isInternetWide(parsed) && !unsafe) {
        throw new ValidationError(input.scope, source.path('cidr'), cidr, 'a range of your own (an office, a runner): this one reaches a meaningful part of the internet; set "unsafeAllowInternetWideSources: true" to accept that');
      }
      const canonical = formatAnyCidr(parsed);
      const earlier = seen.get(canonical);
      if (earlier !== undefined) throw new ValidationError(input.scope, source.path('cidr'), cidr, `a range not already listed (${earlier} is the same block)`);
      seen.set(canonical, source.path('cidr'));
      const description = source.requiredString('description', { nonEmpty: true, maxLength: 255, allowed: 'a short description such as "office"' });
      source.done();
      return { cidrBlock: cidr, description };
    });
  }
}
