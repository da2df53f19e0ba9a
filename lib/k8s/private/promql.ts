import { INGRESS_BACKEND_PORT_NAME } from './app-network';

/**
 * PromQL shared by the alert rules and the dashboards, so both measure the same
 * thing. Label names follow how kube-prometheus-stack scrapes each source:
 * ingress-nginx metrics come through a ServiceMonitor, whose target labels
 * (`namespace`, `service`) push the controller's own labels to
 * `exported_namespace` / `exported_service`; kubelet and kube-state-metrics
 * series keep `namespace` and `pod`.
 *
 * ingress-nginx reports canary traffic under the stable Ingress's labels
 * (`ingress`, `service`): only its `canary` label names the canary upstream
 * (`<namespace>-<canary service>-<port>`), and it is empty for stable traffic.
 */

/** What the queries of one app select on. */
export interface AppQueryTarget {
  readonly namespace: string;
  readonly app: string;
  /** Deployment names of the app (stable first, then canary). */
  readonly deployments: string[];
  /** Ingress names of the app (empty without an Ingress). */
  readonly ingresses: string[];
  /** Stable Service name. */
  readonly service: string;
  /** Canary Service name, when a canary is active. */
  readonly canaryService?: string;
  /** HPA name. */
  readonly hpa: string;
}

const REQUESTS = 'nginx_ingress_controller_requests';
const DURATION = 'nginx_ingress_controller_request_duration_seconds_bucket';

/** Regex alternatives of Kubernetes names (DNS labels hold no regex metacharacters). */
function alternatives(names: string[]): string {
  return names.join('|');
}

/** Regex for the pods of the app's Deployments: `<deployment>-<replicaset hash>-<suffix>`. */
export function podRegex(t: AppQueryTarget): string {
  return `(${alternatives(t.deployments)})-[a-z0-9]+-[a-z0-9]+`;
}

/** Selector of the app's ingress traffic, optionally narrowed by more matchers. */
export function ingressSelector(t: AppQueryTarget, extra = ''): string {
  return `{exported_namespace="${t.namespace}",ingress=~"${alternatives(t.ingresses)}"${extra}}`;
}

/** Selector of the ingress traffic of one track: "stable" (no canary upstream) or "canary" (the canary's upstream). */
export function trackSelector(t: AppQueryTarget, track: 'stable' | 'canary', extra = ''): string {
  const canary = track === 'canary' ? `${t.namespace}-${t.canaryService}-${INGRESS_BACKEND_PORT_NAME}` : '';
  return `{exported_namespace="${t.namespace}",exported_service="${t.service}",canary="${canary}"${extra}}`;
}

/** Requests per second through the ingress, by a label. */
export function requestRate(selector: string, by: string, window = '5m'): string {
  return `sum by (${by}) (rate(${REQUESTS}${selector}[${window}]))`;
}

/**
 * Share of 5xx responses (0-1) among the requests a selector matches. ingress-nginx
 * creates a status series at its first response, so a service without any 5xx in the
 * window has no 5xx series at all: the error rate then defaults to 0 (as many series
 * as the total, each times 0) instead of leaving the ratio empty.
 */
export function errorRatio(selector: (extra: string) => string, window: string, offset = ''): string {
  const off = offset ? ` offset ${offset}` : '';
  const total = `sum(rate(${REQUESTS}${selector('')}[${window}]${off}))`;
  return `((sum(rate(${REQUESTS}${selector(',status=~"5.."')}[${window}]${off})) or ${total} * 0) / ${total})`;
}

/** A latency quantile (seconds) of the ingress histogram. */
export function ingressLatencyQuantile(t: AppQueryTarget, quantile: number, window = '5m'): string {
  return `histogram_quantile(${quantile}, sum by (le) (rate(${DURATION}${ingressSelector(t)}[${window}])))`;
}

/** A latency quantile (seconds) of a histogram the app's pods expose. */
export function podHistogramQuantile(t: AppQueryTarget, histogram: string, quantile: number, window = '5m'): string {
  return `histogram_quantile(${quantile}, sum by (le) (rate(${histogram}_bucket{namespace="${t.namespace}",pod=~"${podRegex(t)}"}[${window}])))`;
}

/** Selector of the app's HPA in kube-state-metrics. */
export function hpaSelector(t: AppQueryTarget): string {
  return `{namespace="${t.namespace}",horizontalpodautoscaler="${t.hpa}"}`;
}

/** Selector of the app's containers in cAdvisor / kube-state-metrics, optionally narrowed by more matchers. */
export function containerSelector(t: AppQueryTarget, extra = ''): string {
  return `{namespace="${t.namespace}",pod=~"${podRegex(t)}",container="${t.app}"${extra}}`;
}
