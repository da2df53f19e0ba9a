import { InputSeries, series } from './promtool';

/**
 * Input series for `promtool test rules`, labelled the way the real exporters
 * label them when kube-prometheus-stack scrapes them: kubelet's prober counter
 * (`prober_probe_total`, created at the first failure), kube-state-metrics,
 * ingress-nginx through its ServiceMonitor (the controller's own `namespace` and
 * `service` labels become `exported_namespace`/`exported_service`; canary traffic
 * is reported under the stable Ingress's labels, named only in `canary`), the
 * Argo Rollouts controller through its ServiceMonitor (the Rollout's namespace
 * becomes `exported_namespace`), and the apps' histograms with the Python
 * prometheus_client default buckets. One sample per 30 s step.
 */

/** The namespace of the LiveStreamSell production apps. */
export const NS = 'livestreamsell-production';

/** Sample values, one per 30 s step: `f(i)` for step i = 0..steps (undefined = no sample, the series does not exist yet). */
export function values(steps: number, f: (i: number) => number | undefined): string {
  return Array.from({ length: steps + 1 }, (_v, i) => f(i)).map((v) => (v === undefined ? '_' : String(Math.round(v * 1000) / 1000))).join(' ');
}

/** A counter that grows by `inc(i)` at each step from `from` on (absent before `from`, starting at `start`). */
export function counter(steps: number, inc: (i: number) => number, from = 0, start = 0): string {
  let total = start;
  return values(steps, (i) => {
    if (i < from) return undefined;
    if (i > from) total += inc(i);
    return total;
  });
}

export const kubelet = (pod: string, probeType: string, result: string) => series('prober_probe_total', {
  container: pod.split('-')[0],
  instance: '10.0.1.5:10250',
  job: 'kubelet',
  metrics_path: '/metrics/probes',
  namespace: NS,
  node: 'ip-10-0-1-5.ec2.internal',
  pod,
  pod_uid: '5b1c2d3e-0f4a-4b6c-8d9e-a1b2c3d4e5f6',
  probe_type: probeType,
  result,
});
export const ksm = (metric: string, labels: { [k: string]: string }) => series(metric, { instance: '10.0.3.9:8080', job: 'kube-state-metrics', namespace: NS, ...labels });
export const nginx = (status: string, extra: { [k: string]: string } = {}) => series('nginx_ingress_controller_requests', {
  canary: '',
  controller_class: 'k8s.io/ingress-nginx',
  controller_namespace: 'ingress-nginx',
  controller_pod: 'ingress-nginx-controller-6f8d9c7b5-w4x2z',
  endpoint: 'metrics',
  exported_namespace: NS,
  exported_service: 'api',
  host: 'api.livestreamsell.ai',
  ingress: 'api',
  instance: '10.0.1.20:10254',
  job: 'ingress-nginx-controller-metrics',
  method: 'GET',
  namespace: 'ingress-nginx',
  path: '/',
  pod: 'ingress-nginx-controller-6f8d9c7b5-w4x2z',
  service: 'ingress-nginx-controller-metrics',
  status,
  ...extra,
});
/** ingress-nginx names the canary upstream `<namespace>-<service>-<service port>` in the `canary` label. */
export const CANARY = { canary: `${NS}-api-canary-http` };

export const DEFAULT_BUCKETS = ['0.005', '0.01', '0.025', '0.05', '0.075', '0.1', '0.25', '0.5', '0.75', '1', '2.5', '5', '7.5', '10', '+Inf'];
/**
 * The AI latency histogram of one pod: `cumulative(le)` is the number of observations at or
 * below each bucket bound per step; the series exist from step `from` on.
 */
export function histogram(buckets: string[], cumulative: (le: string) => number, steps = 20, pod = 'ai-worker-7f9c8d6b5-kq2lp', from = 0): InputSeries[] {
  const app = pod.replace(/-[a-z0-9]+-[a-z0-9]+$/, '');
  return buckets.map((le) => ({
    series: series('ai_inference_duration_seconds_bucket', {
      container: app, endpoint: 'metrics', instance: '10.0.2.7:9100', job: `${NS}/${app}`, namespace: NS, pod, le,
    }),
    values: counter(steps, () => cumulative(le), from),
  }));
}

/** Argo Rollouts' `rollout_info` of one Rollout in one phase, through the controller's ServiceMonitor. */
export const rolloutInfo = (name: string, phase: string) => series('rollout_info', {
  container: 'argo-rollouts',
  endpoint: 'metrics',
  exported_namespace: NS,
  instance: '10.0.4.2:8090',
  job: 'argo-rollouts-metrics',
  name,
  namespace: 'argo-rollouts',
  phase,
  pod: 'argo-rollouts-7d9f8c6b5-m2n3p',
  service: 'argo-rollouts-metrics',
  strategy: 'canary',
  traffic_router: 'Nginx',
});

export const cumulativeOf = (perBucket: { [le: string]: number }) => (le: string) =>
  Object.entries(perBucket).filter(([b]) => b === '+Inf' ? le === '+Inf' : le === '+Inf' || Number(b) <= Number(le)).reduce((n, [, v]) => n + v, 0);

