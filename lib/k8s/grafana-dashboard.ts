import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { DashboardPanel as PanelProps, PanelKind } from './dashboard-panel';
import { IK8sPlatform } from './k8s-platform-attributes';
import { IK8sWorkload } from './k8s-workload';
import { claimName, GRAFANA } from './private/claims';
import { DashboardPanel, renderDashboardJson } from './private/grafana-dashboard-json';
import { assertNoSecretByValue } from './private/literal-secrets';
import { HISTOGRAM_PATTERN } from './private/names';
import { defaultPlatform, isK8sPlatform, PLATFORM_ALLOWED } from './private/platform-defaults';
import { containerSelector, errorRatio, hpaSelector, ingressLatencyQuantile, ingressSelector, podHistogramQuantile, requestRate, trackSelector } from './private/promql';
import { ensureKubernetesProvider } from './private/providers';
import { queryTargetOf } from './private/query-target';
import { isK8sWorkload, WORKLOAD_ALLOWED } from './private/workload';
import { ValidationError } from '../core/errors';
import { checkEnumLike } from '../core/private/enum-like';
import { markLibraryConstruct } from '../core/private/escape';
import { checkString, Input } from '../core/private/input';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Props of `GrafanaDashboard`. */
export interface GrafanaDashboardProps {
  /** Dashboard title. */
  readonly title: string;
  /** Panels, laid out left to right in rows of 24 columns (1-100). */
  readonly panels: PanelProps[];
  /**
   * Stable dashboard uid (Grafana URLs use it): lowercase letters, digits and "-", at most 40.
   * Two dashboards with one uid in a stack fail at synth.
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
   * @default - the defaults of `K8sPlatform`
   */
  readonly platform?: IK8sPlatform;
}

/** A dashboard ready to be written: checked, with defaults. */
interface ResolvedDashboard {
  readonly uid: string;
  readonly uidProp: string;
  readonly title: string;
  readonly tags: string[];
  readonly refresh: string;
  readonly panels: DashboardPanel[];
  readonly platform: IK8sPlatform;
}

/** Lets `ServiceDashboard` resolve its own props inside `GrafanaDashboard`'s constructor, with errors on its own props. */
const RESOLVE = Symbol.for('@livestreamsell/cdktf-constructs.GrafanaDashboard.resolve');
const UID_PATTERN = /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/;
const UID_ALLOWED = 'lowercase letters, digits and "-", 1-40 characters, starting and ending with a letter or digit';

/**
 * A Grafana dashboard generated from typed panels and delivered as a ConfigMap
 * labelled for the Grafana sidecar of kube-prometheus-stack, in the monitoring
 * namespace (the sidecar watches only that one, so Grafana needs no
 * cluster-wide read access to ConfigMaps).
 *
 * @example
 * import { App } from 'cdktf';
 * import { Environment, EnvironmentStack, GrafanaDashboard } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'monitoring', { environment: Environment.staging({ project: 'acme' }), awsProvider: false });
 * new GrafanaDashboard(stack, 'Overview', { title: 'Overview', panels: [{ title: 'Up', queries: [{ expr: 'up' }] }] });
 * app.synth();
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
    const resolve: ((self: Construct) => ResolvedDashboard) | undefined = (props as any)?.[RESOLVE];
    const def = resolve ? resolve(this) : resolveDashboard(this, props);
    this.uid = def.uid;
    claimName(this, def.uidProp, GRAFANA, 'dashboard', def.uid, { noun: 'uid', hint: def.uidProp === 'uid' ? undefined : 'set "uid" on one of them' });
    this.json = renderDashboardJson({ uid: def.uid, title: def.title, tags: def.tags, panels: def.panels, refresh: def.refresh });
    this.resource = new ConfigMapV1(this, 'Resource', {
      provider: ensureKubernetesProvider(this),
      metadata: {
        name: `dashboard-${def.uid}`,
        namespace: def.platform.monitoringNamespace,
        labels: { [def.platform.dashboardLabel]: '1', 'app.kubernetes.io/managed-by': 'cdktf' },
      },
      data: { [`${def.uid}.json`]: this.json },
    });
  }
}

function resolveDashboard(scope: Construct, props: unknown): ResolvedDashboard {
  const input = Input.of(scope, props);
  const title = input.requiredString('title', { nonEmpty: true, maxLength: 200, allowed: 'a non-empty title' });
  assertNoSecretByValue(scope, 'title', title);
  const panelInputs = input.objectList('panels', { minItems: 1, maxItems: 100 });
  if (panelInputs === undefined) throw new ValidationError(scope, 'panels', undefined, 'a list of at least 1 item');
  const panels = panelInputs.map((panel) => readPanel(scope, panel));
  const uid = input.string('uid', { pattern: UID_PATTERN, allowed: UID_ALLOWED }) ?? defaultUid(scope);
  const tags = input.stringList('tags', { unique: true, maxItems: 20, nonEmpty: true, maxLength: 50, allowed: 'a tag of 1-50 characters' }) ?? ['cdktf'];
  const refresh = input.string('refresh', { pattern: /^\d+[smh]$/, allowed: 'an interval such as "30s" or "1m"' }) ?? '30s';
  const platform = input.instance('platform', isK8sPlatform, PLATFORM_ALLOWED) ?? defaultPlatform();
  input.done();
  return { uid, uidProp: 'uid', title, tags, refresh, panels, platform };
}

/** A uid from the construct id ("ApiOverview" becomes "apioverview"). */
function defaultUid(scope: Construct): string {
  const uid = scope.node.id.toLowerCase().replace(/[^a-z0-9-]/g, '-').slice(0, 40).replace(/^-+|-+$/g, '');
  if (!UID_PATTERN.test(uid)) throw new ValidationError(scope, 'uid', undefined, `${UID_ALLOWED} (the construct id "${scope.node.id}" gives none)`);
  return uid;
}

function readPanel(scope: Construct, panel: Input): DashboardPanel {
  const text = (name: string, value: string | undefined) => {
    if (value !== undefined) assertNoSecretByValue(scope, panel.path(name), value);
    return value;
  };
  const title = text('title', panel.requiredString('title', { nonEmpty: true, maxLength: 200, allowed: 'a non-empty title' }))!;
  const queryInputs = panel.objectList('queries', { minItems: 1, maxItems: 26 });
  if (queryInputs === undefined) throw new ValidationError(scope, panel.path('queries'), undefined, 'a list of at least 1 item');
  const queries = queryInputs.map((q) => {
    const raw = q.raw('expr');
    // Dashboards and their tests need the PromQL itself, not a plan-time value.
    if (typeof raw === 'string' && Token.isUnresolved(raw)) throw new ValidationError(scope, q.path('expr'), '<token>', 'a literal PromQL expression');
    const expr = q.requiredString('expr', { nonEmpty: true, allowed: 'a non-empty PromQL expression' });
    assertNoSecretByValue(scope, q.path('expr'), expr);
    const legend = q.string('legend', { maxLength: 200 });
    q.done();
    return { expr, legend };
  });
  const kind = checkEnumLike<PanelKind>(scope, panel.path('kind'), panel.raw('kind'), 'PanelKind', 'PanelKind.TIMESERIES, PanelKind.STAT, PanelKind.GAUGE or PanelKind.of("<grafana panel type>")');
  if (kind) checkString(scope, `${panel.path('kind')}.value`, kind.value, { pattern: /^[a-z][a-z0-9-]{0,40}$/, allowed: 'a Grafana panel type such as "timeseries" or "bargauge"' });
  const result: DashboardPanel = {
    title,
    queries,
    kind: kind?.value,
    unit: panel.string('unit', { pattern: /^[A-Za-z0-9_:./%()-]{1,40}$/, allowed: 'a Grafana unit id such as "reqps", "percentunit" or "s"' }),
    threshold: panel.number('threshold', -1e15, 1e15),
    description: text('description', panel.string('description', { maxLength: 1000 })),
    width: panel.integer('width', 1, 24),
    height: panel.integer('height', 1, 50),
  };
  panel.done();
  return result;
}

/** Props of `ServiceDashboard`. */
export interface ServiceDashboardProps {
  /** The app the dashboard shows (a K8sReadyApp, or one imported with `K8sReadyApp.fromWorkloadAttributes`). */
  readonly app: IK8sWorkload;
  /**
   * Histogram (without `_bucket`) of the app's AI latency, for the AI latency panel.
   * @default - no AI latency panel
   */
  readonly aiLatencyHistogram?: string;
  /**
   * AI latency threshold line, seconds (1-600).
   * @default 10
   */
  readonly aiLatencySeconds?: number;
  /**
   * Dashboard uid (Grafana URLs use it).
   * @default - "<environment>-<app name>", cut to 40 characters
   */
  readonly uid?: string;
  /**
   * Platform whose monitoring namespace and sidecar label apply.
   * @default - the app's platform
   */
  readonly platform?: IK8sPlatform;
  /**
   * The environment named in the title, uid and tags.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * The standard dashboard of one app: request rate, 5xx ratio (canary vs stable
 * when a canary runs), latency percentiles, AI latency and saturation (CPU and
 * memory against requests, replicas against the HPA maximum).
 *
 * @example
 * import { App } from 'cdktf';
 * import { Environment, EnvironmentStack, K8sReadyApp, ServiceDashboard } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'monitoring', { environment: Environment.production({ project: 'acme' }), awsProvider: false });
 * const api = K8sReadyApp.fromWorkloadAttributes(stack, 'Api', { name: 'api', namespaceName: 'acme-production', port: 8000, hosts: ['api.example.com'] });
 * new ServiceDashboard(stack, 'ApiDashboard', { app: api, aiLatencyHistogram: 'ai_inference_duration_seconds' });
 * app.synth();
 */
export class ServiceDashboard extends GrafanaDashboard {
  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id, { [RESOLVE]: (self: Construct) => resolveServiceDashboard(self, props) } as unknown as GrafanaDashboardProps);
  }
}

function resolveServiceDashboard(scope: Construct, props: unknown): ResolvedDashboard {
  const input = Input.of(scope, props);
  const app = input.instance('app', isK8sWorkload, WORKLOAD_ALLOWED);
  if (app === undefined) throw new ValidationError(scope, 'app', undefined, WORKLOAD_ALLOWED);
  const aiLatencyHistogram = input.string('aiLatencyHistogram', { pattern: HISTOGRAM_PATTERN, allowed: 'a Prometheus metric name without "_bucket"' });
  const aiLatencySeconds = input.number('aiLatencySeconds', 1, 600) ?? 10;
  const env = environmentOf(scope, input.raw('environment'));
  const uid = input.string('uid', { pattern: UID_PATTERN, allowed: UID_ALLOWED }) ?? `${env.name}-${app.name}`.slice(0, 40).replace(/-+$/, '');
  const platform = input.instance('platform', isK8sPlatform, PLATFORM_ALLOWED) ?? app.platform;
  input.done();
  return {
    uid,
    uidProp: input.has('uid') ? 'uid' : 'app',
    title: `${env.project} ${env.name} / ${app.name}`,
    tags: [env.project, env.name, 'cdktf'],
    refresh: '30s',
    panels: serviceDashboardPanels(app, aiLatencyHistogram, aiLatencySeconds),
    platform,
  };
}

/** The panels of `ServiceDashboard`. */
function serviceDashboardPanels(app: IK8sWorkload, aiHistogram: string | undefined, aiSeconds: number): DashboardPanel[] {
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
