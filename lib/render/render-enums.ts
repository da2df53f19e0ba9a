import { ValidationError } from '../core/errors';
import { brandEnumLike } from '../core/private/enum-like';

/** Lowercase Render values: "pro_max", "allkeys_lru", "journal_snapshot". */
const LOWER = /^[a-z][a-z0-9_]{0,62}$/;
/** Uppercase Render values: "GITHUB", "AWS_ECR". */
const UPPER = /^[A-Z][A-Z0-9_]{0,62}$/;
/** Key Value plans: lowercase names, or a custom plan "Custom...". */
const KEY_VALUE_PLAN = /^([a-z][a-z0-9_]{0,62}|Custom[A-Za-z0-9_-]{0,58})$/;

const SHAPES = new Map<RegExp, string>([
  [LOWER, 'lowercase letters, digits and "_"'],
  [UPPER, 'uppercase letters, digits and "_"'],
  [KEY_VALUE_PLAN, 'lowercase letters, digits and "_", or a custom plan "Custom..."'],
]);

function checkOf(typeName: string, value: unknown, pattern: RegExp, example: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw new ValidationError(`${typeName}.of`, 'value', value, `a Render value such as ${JSON.stringify(example)} (${SHAPES.get(pattern)})`);
  }
  return value;
}

/**
 * Instance plan of a Render web service, background worker or cron job.
 *
 * @see https://render.com/pricing
 * @example
 * const plan = RenderPlan.STANDARD;
 * const newer = RenderPlan.of('pro_giga'); // a plan newer than the library
 */
export class RenderPlan {
  /** The cheapest always-on plan (shared CPU). */
  public static readonly STARTER = new RenderPlan('starter');
  /** A full CPU: the production default. */
  public static readonly STANDARD = new RenderPlan('standard');
  /** Pro. */
  public static readonly PRO = new RenderPlan('pro');
  /** Pro Plus. */
  public static readonly PRO_PLUS = new RenderPlan('pro_plus');
  /** Pro Max. */
  public static readonly PRO_MAX = new RenderPlan('pro_max');
  /** Pro Ultra. */
  public static readonly PRO_ULTRA = new RenderPlan('pro_ultra');

  /** A plan by its Render name, for plans newer than the library. */
  public static of(value: string): RenderPlan {
    return new RenderPlan(checkOf('RenderPlan', value, LOWER, 'pro_max'));
  }

  /** The plan as Render names it. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
    brandEnumLike(this, 'RenderPlan');
  }

  /** The Render name. */
  public toString(): string {
    return this.value;
  }
}

/**
 * A Render region. Changing it replaces every resource (`region` forces replacement).
 *
 * @see https://render.com/docs/regions
 * @example
 * const region = RenderRegion.FRANKFURT;
 */
export class RenderRegion {
  /** Frankfurt, Germany (next to AWS eu-central-1). */
  public static readonly FRANKFURT = new RenderRegion('frankfurt');
  /** Ohio, USA (next to AWS us-east-2). */
  public static readonly OHIO = new RenderRegion('ohio');
  /** Oregon, USA (next to AWS us-west-2). */
  public static readonly OREGON = new RenderRegion('oregon');
  /** Singapore (next to AWS ap-southeast-1). */
  public static readonly SINGAPORE = new RenderRegion('singapore');
  /** Virginia, USA (next to AWS us-east-1). */
  public static readonly VIRGINIA = new RenderRegion('virginia');

  /** A region by its Render name, for regions newer than the library. */
  public static of(value: string): RenderRegion {
    return new RenderRegion(checkOf('RenderRegion', value, LOWER, 'virginia'));
  }

  /** The region as Render names it. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
    brandEnumLike(this, 'RenderRegion');
  }

  /** The Render name. */
  public toString(): string {
    return this.value;
  }
}

/**
 * Plan of a Render Key Value instance.
 *
 * @see https://render.com/docs/key-value
 * @example
 * const plan = RenderKeyValuePlan.STANDARD;
 */
export class RenderKeyValuePlan {
  /** Free: no persistence, no availability guarantee (refused in production). */
  public static readonly FREE = new RenderKeyValuePlan('free');
  /** Starter. */
  public static readonly STARTER = new RenderKeyValuePlan('starter');
  /** Standard: the production default. */
  public static readonly STANDARD = new RenderKeyValuePlan('standard');
  /** Pro. */
  public static readonly PRO = new RenderKeyValuePlan('pro');
  /** Pro Plus. */
  public static readonly PRO_PLUS = new RenderKeyValuePlan('pro_plus');

  /** A plan by its Render name, for plans newer than the library. */
  public static of(value: string): RenderKeyValuePlan {
    return new RenderKeyValuePlan(checkOf('RenderKeyValuePlan', value, KEY_VALUE_PLAN, 'pro_max'));
  }

  /** The plan as Render names it. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
    brandEnumLike(this, 'RenderKeyValuePlan');
  }

  /** The Render name. */
  public toString(): string {
    return this.value;
  }
}

/**
 * What a Render Key Value instance evicts when its memory is full (`max_memory_policy`).
 *
 * @see https://redis.io/docs/latest/develop/reference/eviction/
 * @example
 * const cache = RenderMaxMemoryPolicy.ALLKEYS_LRU;
 */
export class RenderMaxMemoryPolicy {
  /** Evict nothing: writes fail when memory is full (the default: queued jobs are never dropped silently). */
  public static readonly NOEVICTION = new RenderMaxMemoryPolicy('noeviction');
  /** Evict the least frequently used keys. */
  public static readonly ALLKEYS_LFU = new RenderMaxMemoryPolicy('allkeys_lfu');
  /** Evict the least recently used keys (a cache). */
  public static readonly ALLKEYS_LRU = new RenderMaxMemoryPolicy('allkeys_lru');
  /** Evict random keys. */
  public static readonly ALLKEYS_RANDOM = new RenderMaxMemoryPolicy('allkeys_random');
  /** Evict the least frequently used keys that have an expiry. */
  public static readonly VOLATILE_LFU = new RenderMaxMemoryPolicy('volatile_lfu');
  /** Evict the least recently used keys that have an expiry. */
  public static readonly VOLATILE_LRU = new RenderMaxMemoryPolicy('volatile_lru');
  /** Evict random keys that have an expiry. */
  public static readonly VOLATILE_RANDOM = new RenderMaxMemoryPolicy('volatile_random');
  /** Evict the keys closest to their expiry. */
  public static readonly VOLATILE_TTL = new RenderMaxMemoryPolicy('volatile_ttl');

  /** A policy by its Render name, for policies newer than the library. */
  public static of(value: string): RenderMaxMemoryPolicy {
    return new RenderMaxMemoryPolicy(checkOf('RenderMaxMemoryPolicy', value, LOWER, 'allkeys_lru'));
  }

  /** The policy as Render names it. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
    brandEnumLike(this, 'RenderMaxMemoryPolicy');
  }

  /** The Render name. */
  public toString(): string {
    return this.value;
  }
}

/**
 * How a Render Key Value instance persists its data (`persistence_mode`).
 *
 * @example
 * const mode = RenderPersistenceMode.JOURNAL_SNAPSHOT;
 */
export class RenderPersistenceMode {
  /** Append-only journal plus snapshots: the least data lost on a restart. */
  public static readonly JOURNAL_SNAPSHOT = new RenderPersistenceMode('journal_snapshot');
  /** Periodic snapshots only. */
  public static readonly SNAPSHOT = new RenderPersistenceMode('snapshot');
  /** No persistence: a restart loses every key. */
  public static readonly OFF = new RenderPersistenceMode('off');

  /** A mode by its Render name, for modes newer than the library. */
  public static of(value: string): RenderPersistenceMode {
    return new RenderPersistenceMode(checkOf('RenderPersistenceMode', value, LOWER, 'snapshot'));
  }

  /** The mode as Render names it. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
    brandEnumLike(this, 'RenderPersistenceMode');
  }

  /** The Render name. */
  public toString(): string {
    return this.value;
  }
}

/**
 * Pull-request previews of a web service or background worker (`previews.generation`).
 * Only `OFF` is accepted in production: a preview runs unreviewed code with the
 * environment's env groups and secrets.
 *
 * @example
 * const previews = RenderPreviewGeneration.MANUAL;
 */
export class RenderPreviewGeneration {
  /** No previews (the default). */
  public static readonly OFF = new RenderPreviewGeneration('off');
  /** A preview when someone asks for it on the pull request. */
  public static readonly MANUAL = new RenderPreviewGeneration('manual');
  /** A preview for every pull request. */
  public static readonly AUTOMATIC = new RenderPreviewGeneration('automatic');

  /** A mode by its Render name, for modes newer than the library. */
  public static of(value: string): RenderPreviewGeneration {
    return new RenderPreviewGeneration(checkOf('RenderPreviewGeneration', value, LOWER, 'manual'));
  }

  /** The mode as Render names it. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
    brandEnumLike(this, 'RenderPreviewGeneration');
  }

  /** The Render name. */
  public toString(): string {
    return this.value;
  }
}

/**
 * A container registry a `RenderRegistryCredential` authenticates to.
 *
 * @example
 * const registry = RenderRegistry.DOCKER;
 */
export class RenderRegistry {
  /** GitHub Container Registry (ghcr.io). */
  public static readonly GITHUB = new RenderRegistry('GITHUB');
  /** GitLab Container Registry. */
  public static readonly GITLAB = new RenderRegistry('GITLAB');
  /** Docker Hub. */
  public static readonly DOCKER = new RenderRegistry('DOCKER');
  /** Amazon ECR. */
  public static readonly AWS_ECR = new RenderRegistry('AWS_ECR');
  /** Google Artifact Registry. */
  public static readonly GOOGLE_ARTIFACT = new RenderRegistry('GOOGLE_ARTIFACT');

  /** A registry by its Render name, for registries newer than the library. */
  public static of(value: string): RenderRegistry {
    return new RenderRegistry(checkOf('RenderRegistry', value, UPPER, 'AWS_ECR'));
  }

  /** The registry as Render names it. */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
    brandEnumLike(this, 'RenderRegistry');
  }

  /** The Render name. */
  public toString(): string {
    return this.value;
  }
}
