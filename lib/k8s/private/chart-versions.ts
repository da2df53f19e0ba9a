import { Input } from '../../core/private/input';

/**
 * The Helm charts of the platform, each pinned to an exact version so that a
 * plan never picks up a new chart (or its new defaults) by itself. Bump them
 * deliberately, one at a time, after reading the chart's upgrade notes:
 *
 * | chart | version | app | why this one |
 * |---|---|---|---|
 * | ingress-nginx | 4.14.1 | controller v1.14.1 | current 4.14 patch; carries the IngressNightmare fixes (CVE-2025-1974 et al., fixed from 4.12.1) and risk-level annotation checks |
 * | cert-manager | v1.18.2 | v1.18.2 | supported release line; `crds.enabled` (since v1.15) installs the CRDs with the chart |
 * | kube-prometheus-stack | 80.7.0 | Prometheus 3, operator 0.8x | current major with Prometheus 3; the `*SelectorNilUsesHelmValues` and Grafana sidecar values used here are stable across majors |
 * | prometheus-adapter | 5.2.0 | v0.12 | current major; `rules.custom` / `rules.default` format unchanged |
 * | argo-rollouts | 2.41.0 | controller v1.9.0 | current chart (argo-helm); installs the Rollout, AnalysisTemplate, AnalysisRun and Experiment CRDs from its templates (`installCRDs`, kept on uninstall with `keepCRDs`); v1.9 has `workloadRef.scaleDown: progressively` and `progressDeadlineAbort` |
 */
export const PINNED_CHARTS = {
  ingressNginx: { repository: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', version: '4.14.1' },
  certManager: { repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.18.2' },
  kubePrometheusStack: { repository: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '80.7.0' },
  prometheusAdapter: { repository: 'https://prometheus-community.github.io/helm-charts', chart: 'prometheus-adapter', version: '5.2.0' },
  argoRollouts: { repository: 'https://argoproj.github.io/argo-helm', chart: 'argo-rollouts', version: '2.41.0' },
};

const EXACT_VERSION = /^v?\d+\.\d+\.\d+$/;

/** The chart versions to install: the overrides in `chartVersions` (each checked to be exact), else the pinned ones. */
export function readChartVersions(input: Input | undefined): { [chart in keyof typeof PINNED_CHARTS]: string } {
  const exact = { pattern: EXACT_VERSION, allowed: 'an exact chart version such as "1.2.3" (ranges and "latest" would let a plan change the platform by itself)' };
  const read = (key: keyof typeof PINNED_CHARTS) => input?.string(key, exact) ?? PINNED_CHARTS[key].version;
  const versions = {
    ingressNginx: read('ingressNginx'),
    certManager: read('certManager'),
    kubePrometheusStack: read('kubePrometheusStack'),
    prometheusAdapter: read('prometheusAdapter'),
    argoRollouts: read('argoRollouts'),
  };
  input?.done();
  return versions;
}
