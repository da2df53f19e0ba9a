import * as fs from 'fs';
import * as path from 'path';
import {
  RENDER_KEY_VALUE_MAX_MEMORY_POLICIES, RENDER_KEY_VALUE_PERSISTENCE_MODES, RENDER_KEY_VALUE_PLANS, RENDER_MAX_INSTANCES,
  RENDER_MAX_SHUTDOWN_DELAY_SECONDS, RENDER_PREVIEW_GENERATIONS, RENDER_PROTECTED_STATUSES, RENDER_REGIONS, RENDER_REGISTRIES,
  RENDER_SERVICE_PLANS,
} from '../../lib';

// The lists the constructs validate against must be exactly the provider's: drift fails here.
const annotated = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'render.annotated.json'), 'utf8'));
const res = annotated.resources;

function sorted(list: readonly string[]): string[] {
  return [...list].sort();
}

describe('Render value lists match schemas/render.annotated.json', () => {
  test('regions: every service resource and Key Value', () => {
    expect(sorted(RENDER_REGIONS)).toEqual(sorted(annotated.common_enums.region));
    for (const type of ['render_web_service', 'render_background_worker', 'render_cron_job', 'render_keyvalue']) {
      expect(sorted(RENDER_REGIONS)).toEqual(sorted(res[type].attributes.region.enum));
    }
  });

  test('service plans: web service, background worker, cron job', () => {
    for (const type of ['render_web_service', 'render_background_worker', 'render_cron_job']) {
      expect(sorted(RENDER_SERVICE_PLANS)).toEqual(sorted(res[type].attributes.plan.documented_values));
    }
  });

  test('Key Value plans, eviction policies and persistence modes', () => {
    const kv = res.render_keyvalue.attributes;
    expect(sorted(RENDER_KEY_VALUE_PLANS)).toEqual(sorted(kv.plan.enum));
    expect(sorted(RENDER_KEY_VALUE_MAX_MEMORY_POLICIES)).toEqual(sorted(kv.max_memory_policy.enum));
    expect(sorted(RENDER_KEY_VALUE_PERSISTENCE_MODES)).toEqual(sorted(kv.persistence_mode.enum));
  });

  test('preview generations, registries and protected statuses', () => {
    expect(sorted(RENDER_PREVIEW_GENERATIONS)).toEqual(sorted(res.render_web_service.blocks_or_nested.previews.attributes.generation.enum));
    expect(sorted(RENDER_PREVIEW_GENERATIONS)).toEqual(sorted(res.render_background_worker.blocks_or_nested.previews.attributes.generation.enum));
    expect(sorted(RENDER_REGISTRIES)).toEqual(sorted(res.render_registry_credential.attributes.registry.enum));
    expect(sorted(RENDER_PROTECTED_STATUSES)).toEqual(sorted(res.render_project.blocks_or_nested.environments.attributes.protected_status.enum));
  });

  test('instance and shutdown limits', () => {
    expect(res.render_web_service.attributes.num_instances.validators[0].rule).toBe(`between 1 and ${RENDER_MAX_INSTANCES} inclusive`);
    expect(res.render_web_service.attributes.max_shutdown_delay_seconds.validators[0].rule).toBe(`between 1 and ${RENDER_MAX_SHUTDOWN_DELAY_SECONDS} inclusive`);
  });
});
