import { observability, services, errorOf } from './support/fixtures';
import { RenderReleaseGuard, SecretValue } from '../../lib';
import { Template } from '../support/template';

describe('RenderReleaseGuard', () => {
  test('a Worker on a custom domain, KV state, a one-minute cron and Render\'s webhook for deploy and cron-run events', () => {
    const t = observability().t();
    const worker = t.only('cloudflare_workers_script');
    expect(worker).toMatchObject({ script_name: 'acme-staging-release-guard', main_module: 'release-guard.mjs', compatibility_date: '2025-01-01', observability: { enabled: true } });
    expect(t.only('cloudflare_workers_custom_domain')).toMatchObject({ hostname: 'release-guard.example.com', zone_id: '${var.cloudflare_zone_id}', account_id: '${var.cloudflare_account_id}' });
    expect(t.only('cloudflare_workers_script_subdomain')).toMatchObject({ enabled: false, previews_enabled: false });
    expect(t.only('cloudflare_workers_cron_trigger').schedules).toEqual([{ cron: '* * * * *' }]);
    expect(t.only('cloudflare_workers_kv_namespace').title).toBe('acme-staging-release-guard-state');
    expect(t.only('render_webhook')).toEqual({ name: 'acme-staging-release-guard', url: 'https://release-guard.example.com/render-webhook', enabled: true, event_filter: ['deploy_ended', 'cron_job_run_ended'] });
  });

  test('the signing secret, the Render API key and the Grafana token are Worker secrets from sensitive inputs', () => {
    const t = observability().t();
    const bindings = t.only('cloudflare_workers_script').bindings;
    const secrets = Object.fromEntries(bindings.filter((b: any) => b.type === 'secret_text').map((b: any) => [b.name, b.text]));
    expect(secrets).toEqual({
      WEBHOOK_SECRET: expect.stringMatching(/^\$\{render_webhook\.Observability_ReleaseGuard_Webhook_[0-9A-F]+\.secret\}$/),
      RENDER_API_KEY: '${var.release_guard_render_api_key}',
      PROMETHEUS_TOKEN: '${var.grafana_metrics_token}',
      OTLP_TOKEN: '${var.grafana_metrics_token}',
    });
    for (const v of ['release_guard_render_api_key', 'grafana_metrics_token']) expect(t.json.variable[v]).toMatchObject({ sensitive: true });
    expect(bindings.filter((b: any) => b.type === 'plain_text').map((b: any) => b.name)).toEqual([
      'TARGETS', 'CRON_JOBS', 'SETTINGS', 'ENVIRONMENT', 'RENDER_API_URL', 'PROMETHEUS_URL', 'PROMETHEUS_USER', 'OTLP_URL', 'OTLP_USER',
    ]);
  });

  test('targets: web services by health URL and 5xx queries, the AI worker by its latency; cron jobs forwarded', () => {
    const bindings = observability().t().only('cloudflare_workers_script').bindings;
    const text = (name: string) => JSON.parse(bindings.find((b: any) => b.name === name).text);
    const targets = text('TARGETS');
    expect(Object.keys(targets)).toEqual(['acme-staging-api', 'acme-staging-dashboard', 'acme-staging-ai-worker']);
    expect(targets['acme-staging-dashboard'].healthUrl).toBe('https://app.example.com/api/health');
    expect(targets['acme-staging-api'].errors.requests).toBe('sum(increase(render_service_http_requests_total{job="acme-staging-api"}[1m]))');
    expect(targets['acme-staging-ai-worker'].aiLatency.query).toBe('histogram_quantile(0.95, sum by (le) (rate(ai_inference_duration_seconds_bucket{job="acme-staging-ai-worker"}[1m])))');
    expect(text('CRON_JOBS')).toEqual(['acme-staging-db-backup']);
    expect(text('SETTINGS')).toMatchObject({ checksPerRun: 3, checkIntervalMs: 15000, observeSeconds: 300, windowSeconds: 60 });
  });

  test('explicit connection settings replace the variables', () => {
    const t = observability({
      releaseGuard: {
        hostname: 'guard.example.com',
        prometheusUrl: 'https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom',
        prometheusUser: '123456',
        otlpEndpoint: 'https://otlp-gateway-prod-us-east-0.grafana.net/otlp',
        otlpInstanceId: '654321',
        healthCheckIntervalSeconds: 10,
        observeMinutes: 10,
      },
    }).t();
    const plain = Object.fromEntries(t.only('cloudflare_workers_script').bindings.filter((b: any) => b.type === 'plain_text').map((b: any) => [b.name, b.text]));
    expect(plain).toMatchObject({ PROMETHEUS_URL: 'https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom', PROMETHEUS_USER: '123456', OTLP_USER: '654321' });
    expect(JSON.parse(plain.SETTINGS)).toMatchObject({ checkIntervalMs: 10000, observeSeconds: 600 });
    expect(Object.keys(t.json.variable)).not.toContain('grafana_prometheus_url');
  });

  test('alone it needs something to guard', () => {
    const s = services();
    new RenderReleaseGuard(s.stack, 'Guard', { hostname: 'guard.example.com', renderApiKey: SecretValue.fromVariable(s.stack, 'key') });
    expect(errorOf(() => Template.of(s.stack))).toContain(
      '[test/Guard] invalid "services": got []; expected at least one guarded service (RenderObservability adds its web services and the AI latency service)');
  });
});
