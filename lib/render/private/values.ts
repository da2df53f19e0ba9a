/**
 * The values the Render provider (render-oss/render 1.9) accepts, copied from
 * schemas/render.annotated.json. Terraform's `validate` does not check enums (the
 * provider does, at plan time, after credentials), so the enum-like classes of
 * render-enums.ts carry exactly these values; test/render/render-enums.test.ts
 * fails when the annotated schema and these lists drift apart.
 */

/** Render regions (`region`, forces replacement). */
export const RENDER_REGIONS = ['frankfurt', 'ohio', 'oregon', 'singapore', 'virginia'] as const;

/** Instance plans of web services, background workers and cron jobs (the documented ones). */
export const RENDER_SERVICE_PLANS = ['starter', 'standard', 'pro', 'pro_plus', 'pro_max', 'pro_ultra'] as const;

/** Render Key Value plans. */
export const RENDER_KEY_VALUE_PLANS = ['free', 'starter', 'standard', 'pro', 'pro_plus'] as const;

/** Key Value eviction policies (`max_memory_policy`). */
export const RENDER_KEY_VALUE_MAX_MEMORY_POLICIES = [
  'allkeys_lfu', 'allkeys_lru', 'allkeys_random', 'noeviction',
  'volatile_lfu', 'volatile_lru', 'volatile_random', 'volatile_ttl',
] as const;

/** Key Value persistence modes. */
export const RENDER_KEY_VALUE_PERSISTENCE_MODES = ['journal_snapshot', 'snapshot', 'off'] as const;

/** Pull-request preview generation (`previews.generation`). */
export const RENDER_PREVIEW_GENERATIONS = ['off', 'manual', 'automatic'] as const;

/** Registries a `render_registry_credential` can authenticate to. */
export const RENDER_REGISTRIES = ['GITHUB', 'GITLAB', 'DOCKER', 'AWS_ECR', 'GOOGLE_ARTIFACT'] as const;

/** Project environment protection (`environments[*].protected_status`). */
export const RENDER_PROTECTED_STATUSES = ['protected', 'unprotected'] as const;

/** Render's instance limit per service (`num_instances`, autoscaling `max`). */
export const RENDER_MAX_INSTANCES = 100;

/** Longest graceful-shutdown delay Render allows (`max_shutdown_delay_seconds`). */
export const RENDER_MAX_SHUTDOWN_DELAY_SECONDS = 300;

/** Ports Render reserves for its own use: a service cannot listen on them. */
export const RENDER_RESERVED_PORTS = [18012, 18013, 19099] as const;

/** AWS region -> the Render region in the same place (Render runs in these AWS/GCP regions). */
export const RENDER_REGION_BY_AWS_REGION: { readonly [awsRegion: string]: string } = {
  'us-east-1': 'virginia',
  'us-east-2': 'ohio',
  'us-west-2': 'oregon',
  'eu-central-1': 'frankfurt',
  'ap-southeast-1': 'singapore',
};
