import { Construct, IConstruct } from 'constructs';
import { AlertRuleSpec } from './render-alert-rules';
import { ensureProvider } from '../../core/private/providers';
import { stringInput } from '../../core/private/variables';
import { SecretValue } from '../../core/secrets';
import { GrafanaProvider } from '../../providers/grafana/gen/provider';
import { RuleGroupRule } from '../../providers/grafana/gen/rule-group';

/** Uid of the Prometheus data source Grafana Cloud provisions in every stack. */
export const GRAFANA_CLOUD_PROMETHEUS_UID = 'grafanacloud-prom';

/** An https URL (literal values; tokens pass). */
export const HTTPS_URL = /^https:\/\/[A-Za-z0-9.-]+(:\d+)?(\/\S*)?$/;

/** A Grafana/Prometheus duration such as "30s", "4h" or "1h30m". */
export const DURATION = /^(\d+(ms|s|m|h|d|w))+$/;

/**
 * The stack's Grafana provider (construct id "grafana"), created on first use: `url`
 * from the `grafana_url` variable; the service-account token is never in the
 * configuration (GRAFANA_AUTH in the environment of whoever runs Terraform). Synthetic
 * checks also need the Synthetic Monitoring API: `sm_url` from `grafana_sm_url`, its
 * token from GRAFANA_SM_ACCESS_TOKEN.
 */
export function grafanaProviderFor(scope: IConstruct, options: { syntheticMonitoring?: boolean } = {}): GrafanaProvider {
  const provider = ensureProvider(scope, 'grafana', (stack, id) => new GrafanaProvider(stack, id, {
    url: stringInput(stack, 'grafana_url', 'URL of the Grafana stack, for example https://acme.grafana.net (GRAFANA_AUTH holds a service-account token)', {
      regex: '^https://',
      message: 'grafana_url must be the https URL of the Grafana stack, for example https://acme.grafana.net.',
    }).stringValue,
  }));
  if (options.syntheticMonitoring && provider.smUrl === undefined) {
    provider.smUrl = stringInput(provider, 'grafana_sm_url', 'Synthetic Monitoring API URL of the stack\'s region, for example https://synthetic-monitoring-api-us-east-0.grafana.net (GRAFANA_SM_ACCESS_TOKEN holds its token)', {
      regex: '^https://',
      message: 'grafana_sm_url must be the https URL of the Synthetic Monitoring API, for example https://synthetic-monitoring-api-us-east-0.grafana.net.',
    }).stringValue;
  }
  return provider;
}

/**
 * A Grafana-managed alert rule from a spec: query A is the PromQL (an instant query),
 * B the threshold `A > 0` that is the rule's condition. The expression returns
 * samples only while its condition holds, so "no data" is the healthy state.
 */
export function grafanaRule(spec: AlertRuleSpec, datasourceUid: string, paused: boolean): RuleGroupRule {
  return {
    name: spec.alert,
    for: spec.for,
    condition: 'B',
    noDataState: 'OK',
    execErrState: 'Error',
    isPaused: paused,
    labels: spec.labels,
    annotations: spec.annotations,
    data: [
      {
        refId: 'A',
        datasourceUid,
        relativeTimeRange: { from: 600, to: 0 },
        model: JSON.stringify({ refId: 'A', datasource: { type: 'prometheus', uid: datasourceUid }, expr: spec.expr, instant: true, range: false, intervalMs: 60000, maxDataPoints: 43200 }),
      },
      {
        refId: 'B',
        datasourceUid: '__expr__',
        relativeTimeRange: { from: 0, to: 0 },
        model: JSON.stringify({
          refId: 'B',
          datasource: { type: '__expr__', uid: '__expr__' },
          type: 'threshold',
          expression: 'A',
          conditions: [{ evaluator: { type: 'gt', params: [0] } }],
        }),
      },
    ],
  };
}

/** The `grafana_otlp_endpoint` variable (an https URL). */
export function otlpEndpointInput(scope: IConstruct): string {
  return stringInput(scope, 'grafana_otlp_endpoint', 'OTLP endpoint of the Grafana stack, for example https://otlp-gateway-prod-us-east-0.grafana.net/otlp', {
    regex: '^https://',
    message: 'grafana_otlp_endpoint must be the https OTLP endpoint of the Grafana stack.',
  }).stringValue;
}

/** The `grafana_metrics_token` variable: an access-policy token with metrics:write (and metrics:read for the release guard). */
export function metricsTokenInput(scope: IConstruct): SecretValue {
  return SecretValue.fromVariable(scope as Construct, 'grafana_metrics_token', 'Grafana Cloud access-policy token (metrics:write and metrics:read): Render\'s metrics stream and the release guard');
}
