/**
 * The values the Render provider (render-oss/render 1.9) accepts, copied from
 * schemas/render.annotated.json. Terraform's `validate` does not check enums (the
 * provider does, at plan time, after credentials), so the constructs check them
 * at synth against these lists; test/render/render-values.test.ts fails when the
 * annotated schema and these lists drift apart.
 */

/** Render regions (`region`, forces replacement). */
export const RENDER_REGIONS = ['frankfurt', 'ohio', 'oregon', 'singapore', 'virginia'] as const;

/** Instance plans of web services, background workers and cron jobs (the documented ones). */
export const RENDER_SERVICE_PLANS = ['starter', 'standard', 'pro', 'pro_plus', 'pro_max', 'pro_ultra'] as const;

/** Render Key Value plans. */
export const RENDER_KEY_VALUE_PLANS = ['free', 'pro', 'pro_plus', 'standard', 'starter'] as const;

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
