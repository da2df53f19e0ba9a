import { API_IMAGE, PRODUCTION, errorOf } from './fixtures';
import { RenderCronJob, SecretValue } from '../../lib';
import { Template, environmentStack } from '../support/template';

describe('RenderCronJob', () => {
  test('schedule, command, worker plan and region; no autoscaling or previews on cron jobs', () => {
    const stack = environmentStack(PRODUCTION, 'test');
    new RenderCronJob(stack, 'Cleanup', {
      image: API_IMAGE,
      schedule: '30 4 * * *',
      command: 'python -m app.jobs.cleanup',
      secrets: { DATABASE_URL: SecretValue.fromVariable(stack, 'database_url') },
    });
    const t = Template.of(stack);
    expect(t.only('render_cron_job')).toEqual({
      name: 'acme-production-cleanup',
      plan: 'standard',
      region: 'virginia',
      schedule: '30 4 * * *',
      start_command: 'python -m app.jobs.cleanup',
      runtime_source: { image: { image_url: 'ghcr.io/acme/api', tag: '1.4.2' } },
      env_vars: { DATABASE_URL: { value: '${var.database_url}' } },
    });
    expect(t.json.output.acme_production_cleanup_service_id.value).toMatch(/^\$\{render_cron_job\.Cleanup_.*\.id\}$/);
  });

  test('refuses a missing schedule and cron-job props that only services that run continuously have', () => {
    expect(errorOf(() => new RenderCronJob(environmentStack(undefined, 'test'), 'Cleanup', { image: API_IMAGE } as any))).toBe(
      '[test/Cleanup] invalid "schedule": got undefined; expected a 5-field cron schedule such as "0 3 * * *" (UTC)',
    );
    expect(errorOf(() => new RenderCronJob(environmentStack(undefined, 'test'), 'Cleanup', { image: API_IMAGE, schedule: '0 3 * * *', scaling: { maxInstances: 2 } } as any))).toContain(
      '[test/Cleanup] invalid "scaling": got {"maxInstances":2}; expected no such property',
    );
  });

  test('refuses a malformed schedule', () => {
    expect(errorOf(() => new RenderCronJob(environmentStack(undefined, 'test'), 'Cleanup', { image: API_IMAGE, schedule: 'every day' }))).toBe(
      '[test/Cleanup] invalid "schedule": got "every day"; expected a 5-field cron expression "minute hour day-of-month month day-of-week" (UTC) using numbers, "*", ranges "a-b", steps "*/n" or "a-b/n", lists "a,b", JAN-DEC and SUN-SAT (it has 2 fields, not 5)',
    );
  });
});
