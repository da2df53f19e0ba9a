import { Construct } from 'constructs';
import { RenderRegionOptions, resolveRenderRegion } from './region';
import { renderProviderFor } from './render-provider';
import { RENDER_KEY_VALUE_MAX_MEMORY_POLICIES, RENDER_KEY_VALUE_PERSISTENCE_MODES, RENDER_KEY_VALUE_PLANS } from './render-values';
import { IRenderService, kebabCase } from './service-base';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { assertDnsLabel, assertOneOf } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { Keyvalue } from '../providers/render/gen/keyvalue';

/** Props of `RenderKeyValue`. */
export interface RenderKeyValueProps extends RenderRegionOptions {
  /**
   * Logical name (a DNS label); the Render name is "<project>-<environment>-<name>".
   * @default - the construct id in kebab-case
   */
  readonly name?: string;
  /**
   * Plan: one of RENDER_KEY_VALUE_PLANS. "free" is refused in production: it has
   * no persistence and no availability guarantee.
   * @default - "standard" in production, "starter" elsewhere
   */
  readonly plan?: string;
  /**
   * Eviction policy when memory is full: one of RENDER_KEY_VALUE_MAX_MEMORY_POLICIES.
   * "noeviction" makes writes fail instead of silently dropping queued jobs.
   * @default "noeviction"
   */
  readonly maxMemoryPolicy?: string;
  /**
   * Persistence: one of RENDER_KEY_VALUE_PERSISTENCE_MODES.
   * @default - Render's default for the plan (paid plans persist to disk)
   */
  readonly persistenceMode?: string;
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

/**
 * A Render Key Value (Redis-compatible) instance for queues and cache
 * (`render_keyvalue`). It accepts connections from the private network only
 * (`ip_allow_list = []`), and services receive its internal connection string as
 * a reference through `connect`, never as a literal.
 *
 * @example
 * const kv = new RenderKeyValue(this, 'Queue');
 * kv.connect(aiWorker); // sets REDIS_URL
 */
export class RenderKeyValue extends Construct {
  /** The `render_keyvalue`. */
  public readonly resource: Keyvalue;
  /** Name in Render. */
  public readonly renderName: string;
  /** Plan. */
  public readonly plan: string;

  constructor(scope: Construct, id: string, props: RenderKeyValueProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    const name = props.name ?? kebabCase(id);
    assertDnsLabel(this, 'name', name);
    this.renderName = env.resourceName(name);
    this.plan = props.plan ?? (env.isProduction ? 'standard' : 'starter');
    assertOneOf(this, 'plan', this.plan, RENDER_KEY_VALUE_PLANS);
    if (env.isProduction && this.plan === 'free') {
      throw new ValidationError(this, 'plan', this.plan, `a paid plan in production (one of ${RENDER_KEY_VALUE_PLANS.filter((p) => p !== 'free').map((p) => JSON.stringify(p)).join(', ')}): free instances lose their data on restart`);
    }
    const policy = props.maxMemoryPolicy ?? 'noeviction';
    assertOneOf(this, 'maxMemoryPolicy', policy, RENDER_KEY_VALUE_MAX_MEMORY_POLICIES);
    assertOneOf(this, 'persistenceMode', props.persistenceMode, RENDER_KEY_VALUE_PERSISTENCE_MODES);
    const region = resolveRenderRegion(this, env, props);

    renderProviderFor(this);
    this.resource = new Keyvalue(this, 'Resource', {
      name: this.renderName,
      plan: this.plan,
      region,
      maxMemoryPolicy: policy,
      persistenceMode: props.persistenceMode,
      environmentId: props.projectEnvironmentId,
      // An empty allow list means: private network only, no connections from the internet.
      ipAllowList: [],
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
    service.addVariable(variableName, this.connectionString);
  }
}
