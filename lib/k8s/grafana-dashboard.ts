import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { DashboardPanel, PANEL_KINDS, renderDashboardJson } from './private/grafana-dashboard-json';
import { K8sReadyApp } from './k8s-ready-app';
import { IK8sPlatform, PlatformConventions } from './platform-conventions';
import { containerSelector, errorRatio, hpaSelector, ingressLatencyQuantile, ingressSelector, podHistogramQuantile, requestRate, trackSelector } from './private/promql';
import { ensureKubernetesProvider } from './private/providers';
import { queryTargetOf } from './rollout-alerts';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { assertInteger, assertMatches, assertNotEmpty, assertOneOf } from '../core/private/validation';

/** Props of `GrafanaDashboard`. */
export interface GrafanaDashboardProps {
  /** Dashboard title. */
  readonly title: string;
  /** Panels, laid out left to right in rows of 24 columns. */
  readonly panels: DashboardPanel[];
  /**
   * Stable dashboard uid (Grafana URLs use it): lowercase letters, digits and "-", at most 40.
   * @default - derived from the construct id
   */
  readonly uid?: string;
  /**
   * Dashboard tags.
   * @default ["cdktf"]
   */
  readonly tags?: string[];
  /**
   * Auto-refresh interval.
   * @default "30s"
   */
  readonly refresh?: string;
  /**
   * Platform whose monitoring namespace and sidecar label apply.
   * @default - `new PlatformConventions()`
   */
  readonly platform?: IK8sPlatform;
}

/**
 * A Grafana dashboard generated from typed panels and delivered as a ConfigMap
 * labelled for the Grafana sidecar of kube-prometheus-stack, in the monitoring
 * namespace (the sidecar watches only that one, so Grafana needs no
 * cluster-wide read access to ConfigMaps).
 *
 * @example
 * new GrafanaDashboard(stack, 'Overview', { title: 'Overview', panels: [{ title: 'Up', queries: [{ expr: 'up' }] }] });
 */
export class GrafanaDashboard extends Construct {
  /** The ConfigMap. */
  public readonly resource: ConfigMapV1;
  /** Dashboard uid. */
  public readonly uid: string;
  /** The dashboard JSON (as written to the ConfigMap). */
  public readonly json: string;

  constructor(scope: Construct, id: string, props: GrafanaDashboardProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const platform = props.platform ?? new PlatformConventions();
    this.uid = props.uid ?? this.node.id.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40);
    assertMatches(this, 'uid', this.uid, /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/, 'lowercase letters, digits and "-", 1-40 characters');
    assertNotEmpty(this, 'title', props.title);
    if (props.panels.length === 0) throw new ValidationError(this, 'panels', props.panels, 'at least one panel');
    props.panels.forEach((panel, i) => validatePanel(this, `panels[${i}]`, panel));
    const refresh = props.refresh ?? '30s';
    assertMatches(this, 'refresh', refresh, /^\d+[smh]$/, 'an interval such as "30s" or "1m"');

    this.json = renderDashboardJson({ uid: this.uid, title: props.title, tags: props.tags ?? ['cdktf'], panels: props.panels, refresh });
    this.resource = new ConfigMapV1(this, 'Resource', {
      provider: ensureKubernetesProvider(this),
      metadata: {
        name: `dashboard-${this.uid}`,
        namespace: platform.monitoringNamespace,
        labels: { [platform.dashboardLabel]: '1', 'app.kubernetes.io/managed-by': 'cdktf' },
      },
      data: { [`${this.uid}.json`]: this.json },
    });
  }
}

function validatePanel(scope: Construct, prop: string, panel: DashboardPanel): void {
  assertNotEmpty(scope, `${prop}.title`, panel.title);
  if (panel.queries.length === 0) throw new ValidationError(scope, `${prop}.queries`, panel.queries, 'at least one PromQL query');
  panel.queries.forEach((q, j) => {
    // Dashboards and their tests need the PromQL itself, not a plan-time value.
    if (Token.isUnresolved(q.expr)) throw new ValidationError(scope, `${prop}.queries[${j}].expr`, '<token>', 'a literal PromQL expression');
    assertNotEmpty(scope, `${prop}.queries[${j}].expr`, q.expr);
  });
  assertOneOf(scope, `${prop}.kind`, panel.kind, PANEL_KINDS);
  assertInteger(scope, `${prop}.width`, panel.width, 1, 24);
  assertInteger(scope, `${prop}.height`, panel.height, 1, 50);
}

/** Props of `ServiceDashboard`. */
export interface ServiceDashboardProps {
  /** The app the dashboard shows. */
  readonly app: K8sReadyApp;
  /**
   * Histogram (without `_bucket`) of the app's AI latency, for the AI latency panel.
   * @default - no AI latency panel
   */
  readonly aiLatencyHistogram?: string;
  /**
   * AI latency threshold line, seconds.
   * @default 10
   */
  readonly aiLatencySeconds?: number;
}

/**
 * The standard dashboard of one app: request rate, 5xx ratio (canary vs stable
 * when a canary runs), latency percentiles, AI latency and saturation (CPU and
 * memory against requests, replicas against the HPA maximum).
 *
 * @example
 * new ServiceDashboard(stack, 'ApiDashboard', { app: api, aiLatencyHistogram: 'ai_inference_duration_seconds' });
 */
export class ServiceDashboard extends GrafanaDashboard {
  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    const app = props.app;
    super(scope, id, {
      title: `${app.environment.project} ${app.environment.name} / ${app.name}`,
      uid: `${app.environment.name}-${app.name}`.slice(0, 40),
      tags: [app.environment.project, app.environment.name, 'cdktf'],
      platform: app.platform,
      panels: serviceDashboardPanels(app, props.aiLatencyHistogram, props.aiLatencySeconds ?? 10),
    });
  }
}

/** The panels of `ServiceDashboard`. */
function serviceDashboardPanels(app: K8sReadyApp, aiHistogram: string | undefined, aiSeconds: number): DashboardPanel[] {
  const t = queryTargetOf(app);
  const panels: DashboardPanel[] = [];
  if (t.ingresses.length > 0) {
    panels.push(
      { title: 'Request rate', unit: 'reqps', queries: [{ expr: requestRate(ingressSelector(t), 'exported_service'), legend: '{{exported_service}}' }] },
      {
        title: 'Errors (5xx ratio)',
        unit: 'percentunit',
        queries: [
          { expr: errorRatio((e) => trackSelector(t, 'stable', e), '5m'), legend: 'stable' },
          ...(t.canaryService ? [{ expr: errorRatio((e) => trackSelector(t, 'canary', e), '5m'), legend: 'canary' }] : []),
        ],
      },
      {
        title: 'Latency percentiles',
        unit: 's',
        width: 24,
        queries: [0.5, 0.95, 0.99].map((q) => ({ expr: ingressLatencyQuantile(t, q), legend: `p${q * 100}` })),
      },
    );
  }
  if (aiHistogram !== undefined) {
    panels.push({
      title: 'AI latency',
      unit: 's',
      threshold: aiSeconds,
      width: 24,
      description: `p95 above ${aiSeconds} s after a release is a rollback condition (PRD 11.2).`,
      queries: [0.5, 0.95].map((q) => ({ expr: podHistogramQuantile(t, aiHistogram, q), legend: `p${q * 100}` })),
    });
  }
  panels.push(
    {
      title: 'CPU saturation (usage / request)',
      unit: 'percentunit',
      threshold: 1,
      queries: [{
        expr: `sum(rate(container_cpu_usage_seconds_total${containerSelector(t)}[5m])) / sum(kube_pod_container_resource_requests${containerSelector(t, ',resource="cpu"')})`,
        legend: 'cpu',
      }],
    },
    {
      title: 'Memory saturation (working set / limit)',
      unit: 'percentunit',
      threshold: 1,
      queries: [{
        expr: `sum(container_memory_working_set_bytes${containerSelector(t)}) / sum(kube_pod_container_resource_limits${containerSelector(t, ',resource="memory"')})`,
        legend: 'memory',
      }],
    },
    {
      title: 'Replicas',
      unit: 'short',
      width: 24,
      queries: [
        { expr: `kube_horizontalpodautoscaler_status_current_replicas${hpaSelector(t)}`, legend: 'current' },
        { expr: `kube_horizontalpodautoscaler_spec_max_replicas${hpaSelector(t)}`, legend: 'max' },
      ],
    },
  );
  return panels;
}
