import { HTTPS_URL } from './grafana';
import { urlInput } from './inputs';
import { Input } from '../../core/private/input';
// Type only: render-release-guard.ts imports this reader at run time, not the other way round.
import type { RenderReleaseGuardOptions } from '../render-release-guard';

/**
 * Reads RenderReleaseGuardOptions. RenderObservability reads its `releaseGuard`
 * prop with it too, so a bad value is reported as `releaseGuard.<prop>` on the
 * construct the user called.
 */
export function readGuardOptions(input: Input, ...alsoKnown: string[]): RenderReleaseGuardOptions {
  const options: RenderReleaseGuardOptions = {
    hostname: input.requiredString('hostname', {
      pattern: /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
      allowed: 'a lowercase hostname such as "release-guard.example.com"',
    }),
    zoneId: input.string('zoneId', { pattern: /^[0-9a-f]{32}$/, allowed: 'a Cloudflare zone id: 32 lowercase hex characters (or a Terraform variable)' }),
    accountId: input.string('accountId', { pattern: /^[0-9a-f]{32}$/, allowed: 'a Cloudflare account id: 32 lowercase hex characters (or a Terraform variable)' }),
    scriptName: input.string('scriptName', {
      pattern: /^[a-z0-9]([a-z0-9_-]{0,61}[a-z0-9])?$/,
      allowed: 'a Worker name: 1-63 lowercase letters, digits, "-" or "_", starting and ending with a letter or digit',
    }),
    renderApiKey: input.secret('renderApiKey'),
    prometheusUrl: urlInput(input, 'prometheusUrl', HTTPS_URL, 'the https Prometheus API of the Grafana stack, such as "https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom"'),
    prometheusUser: input.string('prometheusUser', { pattern: /^[0-9]+$/, allowed: 'the numeric instance id of the stack\'s Prometheus' }),
    otlpEndpoint: urlInput(input, 'otlpEndpoint', HTTPS_URL, 'the https OTLP endpoint of the Grafana stack'),
    otlpInstanceId: input.string('otlpInstanceId', { pattern: /^[0-9]+$/, allowed: 'the numeric instance id of the stack\'s OTLP endpoint' }),
    metricsToken: input.secret('metricsToken'),
    healthCheckIntervalSeconds: input.integer('healthCheckIntervalSeconds', 1, 20),
    observeMinutes: input.integer('observeMinutes', 2, 60),
  };
  input.done(...alsoKnown);
  return options;
}
