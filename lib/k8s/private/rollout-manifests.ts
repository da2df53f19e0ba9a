import { TRACK_LABEL } from './names';
import { AnalysisMetric, CANARY_HASH_ARG, failureCondition } from './rollout-analysis';
import { RolloutSettings } from './rollout-settings';

/**
 * The Argo Rollouts objects of one app (argoproj.io/v1alpha1), as plain
 * manifests for `kubernetes_manifest`. Field names and semantics as in Argo
 * Rollouts v1.9 (`pkg/apis/rollouts/v1alpha1/types.go`):
 * - `workloadRef` takes the pod template from the app's Deployment, which keeps
 *   the library's hardened template (and SecurityChecks' view of it); with
 *   `scaleDown: progressively` an existing Deployment's pods are handed over to
 *   the Rollout as its pods become ready (a one-time migration);
 * - `spec.replicas` is left out: the HPA owns it (server-side apply leaves a
 *   field Terraform does not set to its other writers);
 * - `progressDeadlineAbort` aborts a release whose pods never become ready;
 * - `canaryMetadata` / `stableMetadata` label the pods with their track, so the
 *   pod metrics (PodMonitor `podTargetLabels`) tell canary from stable;
 * - the background analysis starts at step 0 and gets the canary's pod-template
 *   hash (`podTemplateHashValue: Latest`); a failed run aborts the release, which
 *   sets the canary weight back to 0 and scales the canary down.
 */

/** Inputs of the Rollout. */
export interface RolloutInput {
  readonly name: string;
  readonly namespace: string;
  readonly labels: { [key: string]: string };
  readonly selector: { [key: string]: string };
  readonly deploymentName: string;
  readonly settings: RolloutSettings;
  /** Stable and canary Services and the stable Ingress (traffic routing by ingress-nginx). */
  readonly traffic?: { stableService: string; canaryService: string; stableIngress: string };
  readonly analysisTemplate: string;
}

/** A `Rollout` that references the app's Deployment. */
export function rolloutManifest(o: RolloutInput): { [key: string]: any } {
  const steps = o.settings.steps.map((s) => ('weight' in s ? { setWeight: s.weight } : { pause: { duration: `${s.pauseMinutes}m` } }));
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Rollout',
    metadata: { name: o.name, namespace: o.namespace, labels: o.labels },
    spec: {
      selector: { matchLabels: o.selector },
      workloadRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: o.deploymentName, scaleDown: 'progressively' },
      minReadySeconds: 5,
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
      progressDeadlineAbort: true,
      strategy: {
        canary: {
          ...(o.traffic ? {
            stableService: o.traffic.stableService,
            canaryService: o.traffic.canaryService,
            trafficRouting: { nginx: { stableIngress: o.traffic.stableIngress } },
          } : {}),
          canaryMetadata: { labels: { [TRACK_LABEL]: 'canary' } },
          stableMetadata: { labels: { [TRACK_LABEL]: 'stable' } },
          // Never fewer ready pods than desired: surge first, then retire (as the Deployment did).
          maxSurge: '25%',
          maxUnavailable: 0,
          analysis: {
            templates: [{ templateName: o.analysisTemplate }],
            startingStep: 0,
            args: [{ name: CANARY_HASH_ARG, valueFrom: { podTemplateHashValue: 'Latest' } }],
          },
          steps,
        },
      },
    },
  };
}

/** Inputs of the AnalysisTemplate. */
export interface AnalysisTemplateInput {
  readonly name: string;
  readonly namespace: string;
  readonly labels: { [key: string]: string };
  readonly prometheusAddress: string;
  readonly intervalSeconds: number;
  readonly metrics: AnalysisMetric[];
}

/**
 * An `AnalysisTemplate` with one Prometheus metric per condition: measured every
 * `intervalSeconds` for as long as the release runs (background analysis), the
 * first failed measurement fails the run (`failureLimit: 0`), and five errors in
 * a row (Prometheus unreachable, a broken query) fail it too.
 */
export function analysisTemplateManifest(o: AnalysisTemplateInput): { [key: string]: any } {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AnalysisTemplate',
    metadata: { name: o.name, namespace: o.namespace, labels: o.labels },
    spec: {
      args: [{ name: CANARY_HASH_ARG }],
      metrics: o.metrics.map((m) => ({
        name: m.name,
        interval: `${o.intervalSeconds}s`,
        failureCondition: failureCondition(m),
        failureLimit: 0,
        consecutiveErrorLimit: 4,
        provider: { prometheus: { address: o.prometheusAddress, query: m.query, timeout: 20 } },
      })),
    },
  };
}
