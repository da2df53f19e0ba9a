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
  /** Deployment names of the app (their pods are `<name>-<hash>-<suffix>`). */
  readonly deployments: string[];
  /** Name of the app's Argo Rollout, when it deploys with progressive delivery (same pod names as the Deployment). */
  readonly rollout?: string;
  /** Ingress names of the app (empty without an Ingress). */
  readonly ingresses: string[];
  /** Stable Service name. */
  readonly service: string;
  /** Canary Service name, when canaries get their traffic from ingress-nginx. */
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
export function podHistogramQuantile(t: AppQueryTarget, histogram: string, quantile: number, window = '5m', pods: string = podMatchers(t)): string {
  return `histogram_quantile(${quantile}, sum by (le) (rate(${histogram}_bucket{${pods}}[${window}])))`;
}

/** Selector of the app's HPA in kube-state-metrics. */
export function hpaSelector(t: AppQueryTarget): string {
  return `{namespace="${t.namespace}",horizontalpodautoscaler="${t.hpa}"}`;
}

/** Selector of the app's containers in cAdvisor / kube-state-metrics, optionally narrowed by more matchers. */
export function containerSelector(t: AppQueryTarget, extra = ''): string {
  return `{namespace="${t.namespace}",pod=~"${podRegex(t)}",container="${t.app}"${extra}}`;
}

/** Pod matchers of the given pod-name regex in the app's namespace (no braces). */
export function podMatchers(t: AppQueryTarget, podPattern: string = podRegex(t)): string {
  return `namespace="${t.namespace}",pod=~"${podPattern}"`;
}

/**
 * Failed probes of the given types in the last `window`, per container. Kubelet
 * creates the `result="failed"` series of `prober_probe_total` at the first
 * failure, so `increase()` alone never sees the jump from 0 (3 failures between
 * two scrapes count 0): a series that did not exist `window` ago counts in full.
 */
export function failedProbes(pods: string, types: string, window = '5m'): string {
  const failed = `prober_probe_total{${pods},probe_type=~"${types}",result="failed"}`;
  return `(${failed} unless ${failed} offset ${window}) or increase(${failed}[${window}])`;
}

/** Pods whose containers kube-state-metrics saw restart in the last `window` (value: restarts). */
export function restartedPods(pods: string, window = '5m'): string {
  return `sum by (pod) (increase(kube_pod_container_status_restarts_total{${pods}}[${window}])) > 0`;
}

/**
 * Failed health checks per pod: readiness and liveness failures, or startup-probe
 * failures of a pod whose container was restarted (a release that never starts;
 * a slow start whose startup probe passes after a few tries is not counted).
 * Each side is a per-pod count; the startup side only for restarted pods.
 */
export function failedHealthChecks(pods: string): { running: string; neverStarted: string } {
  return {
    running: `sum by (pod) (${failedProbes(pods, 'Readiness|Liveness')})`,
    neverStarted: `(sum by (pod) (${failedProbes(pods, 'Startup')}) and on (pod) ${restartedPods(pods)})`,
  };
}
