import { IConstruct } from 'constructs';
import { assertMatches } from '../../core/private/validation';

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
 */
export const PINNED_CHARTS = {
  ingressNginx: { repository: 'https://kubernetes.github.io/ingress-nginx', chart: 'ingress-nginx', version: '4.14.1' },
  certManager: { repository: 'https://charts.jetstack.io', chart: 'cert-manager', version: 'v1.18.2' },
  kubePrometheusStack: { repository: 'https://prometheus-community.github.io/helm-charts', chart: 'kube-prometheus-stack', version: '80.7.0' },
  prometheusAdapter: { repository: 'https://prometheus-community.github.io/helm-charts', chart: 'prometheus-adapter', version: '5.2.0' },
};

/** Overrides of the pinned chart versions (each an exact version, never a range). */
export interface ChartVersions {
  /** @default "4.14.1" */
  readonly ingressNginx?: string;
  /** @default "v1.18.2" */
  readonly certManager?: string;
  /** @default "80.7.0" */
  readonly kubePrometheusStack?: string;
  /** @default "5.2.0" */
  readonly prometheusAdapter?: string;
}

const EXACT_VERSION = /^v?\d+\.\d+\.\d+$/;

/** The chart version to install: the override if given (checked to be exact), else the pinned one. */
export function chartVersion(scope: IConstruct, key: keyof ChartVersions, overrides: ChartVersions): string {
  const version = overrides[key] ?? PINNED_CHARTS[key].version;
  assertMatches(scope, `chartVersions.${key}`, version, EXACT_VERSION, 'an exact chart version such as "1.2.3" (ranges and "latest" would let a plan change the platform by itself)');
  return version;
}
