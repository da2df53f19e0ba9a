import * as fs from 'fs';
import * as path from 'path';
import { errorOf } from './fixtures';
import {
  RenderKeyValuePlan, RenderMaxMemoryPolicy, RenderPersistenceMode, RenderPlan, RenderPreviewGeneration, RenderRegion, RenderRegistry,
} from '../../lib';
import {
  RENDER_KEY_VALUE_MAX_MEMORY_POLICIES, RENDER_KEY_VALUE_PERSISTENCE_MODES, RENDER_KEY_VALUE_PLANS, RENDER_MAX_INSTANCES,
  RENDER_MAX_SHUTDOWN_DELAY_SECONDS, RENDER_PREVIEW_GENERATIONS, RENDER_PROTECTED_STATUSES, RENDER_REGIONS, RENDER_REGISTRIES, RENDER_SERVICE_PLANS,
} from '../../lib/render/private/values';

// The enum-like classes must carry exactly the provider's values: drift fails here.
const annotated = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'render.annotated.json'), 'utf8'));
const res = annotated.resources;

const sorted = (list: readonly string[]) => [...list].sort();
/** The values of an enum-like class's static members. */
const members = (cls: object) => sorted(Object.entries(cls).filter(([k]) => /^[A-Z][A-Z0-9_]*$/.test(k)).map(([, v]) => (v as { value: string }).value));

describe('Render enum-likes match schemas/render.annotated.json', () => {
  test('regions: every service resource and Key Value', () => {
    expect(members(RenderRegion)).toEqual(sorted(annotated.common_enums.region));
    expect(sorted(RENDER_REGIONS)).toEqual(members(RenderRegion));
    for (const type of ['render_web_service', 'render_background_worker', 'render_cron_job', 'render_keyvalue']) {
      expect(members(RenderRegion)).toEqual(sorted(res[type].attributes.region.enum));
      expect(res[type].attributes.region.forces_replacement).toBe(true);
    }
  });

  test('service plans: web service, background worker, cron job', () => {
    expect(sorted(RENDER_SERVICE_PLANS)).toEqual(members(RenderPlan));
    for (const type of ['render_web_service', 'render_background_worker', 'render_cron_job']) {
      expect(members(RenderPlan)).toEqual(sorted(res[type].attributes.plan.documented_values));
    }
  });

  test('Key Value plans, eviction policies and persistence modes', () => {
    const kv = res.render_keyvalue.attributes;
    expect(members(RenderKeyValuePlan)).toEqual(sorted(kv.plan.enum));
    expect(members(RenderMaxMemoryPolicy)).toEqual(sorted(kv.max_memory_policy.enum));
    expect(members(RenderPersistenceMode)).toEqual(sorted(kv.persistence_mode.enum));
    expect(sorted(RENDER_KEY_VALUE_PLANS)).toEqual(members(RenderKeyValuePlan));
    expect(sorted(RENDER_KEY_VALUE_MAX_MEMORY_POLICIES)).toEqual(members(RenderMaxMemoryPolicy));
    expect(sorted(RENDER_KEY_VALUE_PERSISTENCE_MODES)).toEqual(members(RenderPersistenceMode));
  });

  test('preview generations, registries and protected statuses', () => {
    expect(members(RenderPreviewGeneration)).toEqual(sorted(res.render_web_service.blocks_or_nested.previews.attributes.generation.enum));
    expect(members(RenderPreviewGeneration)).toEqual(sorted(res.render_background_worker.blocks_or_nested.previews.attributes.generation.enum));
    expect(sorted(RENDER_PREVIEW_GENERATIONS)).toEqual(members(RenderPreviewGeneration));
    expect(members(RenderRegistry)).toEqual(sorted(res.render_registry_credential.attributes.registry.enum));
    expect(sorted(RENDER_REGISTRIES)).toEqual(members(RenderRegistry));
    expect(sorted(RENDER_PROTECTED_STATUSES)).toEqual(sorted(res.render_project.blocks_or_nested.environments.attributes.protected_status.enum));
  });

  test('instance and shutdown limits', () => {
    expect(res.render_web_service.attributes.num_instances.validators[0].rule).toBe(`between 1 and ${RENDER_MAX_INSTANCES} inclusive`);
    expect(res.render_web_service.attributes.max_shutdown_delay_seconds.validators[0].rule).toBe(`between 1 and ${RENDER_MAX_SHUTDOWN_DELAY_SECONDS} inclusive`);
  });
});

describe('of() for values newer than the library', () => {
  test('returns a branded value that renders as its Render name', () => {
    expect(RenderPlan.of('pro_giga').value).toBe('pro_giga');
    expect(`${RenderRegion.of('tokyo')}`).toBe('tokyo');
    expect(RenderRegistry.of('QUAY').value).toBe('QUAY');
    expect(RenderKeyValuePlan.of('Custom-8gb').value).toBe('Custom-8gb');
  });

  test.each<[() => unknown, string]>([
    [() => RenderPlan.of(''), '[RenderPlan.of] invalid "value": got ""; expected a Render value such as "pro_max" (lowercase letters, digits and "_")'],
    [() => RenderPlan.of('${var.plan}'), '[RenderPlan.of] invalid "value": got "${var.plan}"; expected a Render value such as "pro_max" (lowercase letters, digits and "_")'],
    [() => RenderRegistry.of('github'), '[RenderRegistry.of] invalid "value": got "github"; expected a Render value such as "AWS_ECR" (uppercase letters, digits and "_")'],
    [() => RenderMaxMemoryPolicy.of(42 as any), '[RenderMaxMemoryPolicy.of] invalid "value": got 42; expected a Render value such as "allkeys_lru" (lowercase letters, digits and "_")'],
    [() => RenderKeyValuePlan.of('custom plan'), '[RenderKeyValuePlan.of] invalid "value": got "custom plan"; expected a Render value such as "pro_max" (lowercase letters, digits and "_", or a custom plan "Custom...")'],
  ])('refuses %#', (fn, message) => {
    expect(errorOf(fn)).toBe(message);
  });
});
