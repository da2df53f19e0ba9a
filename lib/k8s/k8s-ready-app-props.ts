import { AppNamespace } from './app-namespace';
import { LatencyMetric } from './latency-metric';
import { IK8sPlatform } from './platform-conventions';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';

/** Values of `zoneSpread`. */
export const TOPOLOGY_SPREAD_MODES = ['ScheduleAnyway', 'DoNotSchedule'] as const;

/** HTTP health probes (startup, readiness and liveness all use them). */
export interface HealthCheckOptions {
  /**
   * Path of the deep health check, used by the startup and readiness probes.
   * @default "/health"
   */
  readonly path?: string;
  /**
   * Path the liveness probe calls. Point it at a shallow check when the deep one
   * depends on the database, so an outage does not restart every pod.
   * @default - `path`
   */
  readonly livenessPath?: string;
  /**
   * Container port the probes call; it must be one the container exposes.
   * @default - the app's `port`
   */
  readonly port?: number;
  /**
   * Consecutive failures before a pod is marked unready or restarted (the PRD's
   * rollback trigger is 3 failed health checks).
   * @default 3
   */
  readonly failureThreshold?: number;
  /**
   * Seconds the startup probe allows the app to start (probed every 5 s).
   * @default 150
   */
  readonly startupSeconds?: number;
}

/** CPU and memory requests and limits of the container. */
export interface ResourceOptions {
  /** @default "250m" */
  readonly cpuRequest?: string;
  /** @default "1" */
  readonly cpuLimit?: string;
  /** @default "256Mi" */
  readonly memoryRequest?: string;
  /** @default "512Mi" */
  readonly memoryLimit?: string;
}

/** Public HTTP routes through the ingress controller, always with TLS. */
export interface IngressOptions {
  /** Hostnames routed to the app; each is on the TLS certificate. At least one. */
  readonly hosts: string[];
  /**
   * Path prefixes routed to the app on every host.
   * @default ["/"]
   */
  readonly paths?: string[];
  /**
   * Secret that cert-manager writes the certificate to.
   * @default "<name>-tls"
   */
  readonly tlsSecretName?: string;
  /**
   * Extra ingress-nginx annotations. `*-snippet` annotations are refused: they
   * inject raw nginx configuration (CVE-2021-25742).
   * @default - none beyond the TLS redirect and the cert-manager issuer
   */
  readonly annotations?: { [key: string]: string };
}

/** A Service of type LoadBalancer in front of the app (plain TCP to the app port). */
export interface LoadBalancerOptions {
  /**
   * Source CIDRs allowed through the load balancer (and through the NetworkPolicy).
   * Only private ranges (RFC 1918) unless `unsafeAllowPublicSourceRanges` is set.
   */
  readonly sourceRanges: string[];
  /**
   * Port the load balancer listens on.
   * @default 80
   */
  readonly port?: number;
  /**
   * Cloud-specific annotations, for example an internal scheme.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Accept public source ranges. Traffic then reaches the app without the
   * ingress controller's TLS; refused in production.
   * @default false
   */
  readonly unsafeAllowPublicSourceRanges?: boolean;
}

/** A canary release next to the stable one (PRD 11.2: 5% of traffic for 10 minutes). */
export interface CanaryOptions {
  /**
   * Tag of the release under test (on the app's repository).
   * @default - required unless `image` is given
   */
  readonly imageTag?: string;
  /**
   * Full pinned image of the release under test.
   * @default - the app's repository with `imageTag`
   */
  readonly image?: string;
  /**
   * Percentage of requests ingress-nginx sends to the canary (0-100).
   * @default 5
   */
  readonly weight?: number;
  /**
   * Replicas of the canary Deployment.
   * @default 1
   */
  readonly replicas?: number;
  /**
   * Promote: the stable Deployment rolls to the canary image and the canary
   * objects are removed. This is the one prop a pipeline changes after the
   * observation window passes without a rollback alert.
   * @default false
   */
  readonly promote?: boolean;
}

/** Prometheus scraping of the app's own metrics endpoint (a PodMonitor). */
export interface MetricsOptions {
  /**
   * Container port of the metrics endpoint; exposed as "metrics" if it is not the app port.
   * @default - the app's `port`
   */
  readonly port?: number;
  /**
   * Path of the metrics endpoint.
   * @default "/metrics"
   */
  readonly path?: string;
}

/** Props of `K8sReadyApp`. */
export interface K8sReadyAppProps {
  /** App name: Deployment, Service, Ingress and label value. An RFC 1035 label of at most 56 characters. */
  readonly name: string;
  /** Container image, pinned by tag or digest unless `imageTag` is given (for example "ghcr.io/org/api:1.4.2"). */
  readonly image: string;
  /**
   * Image tag, when `image` is the bare repository (often a Terraform variable).
   * @default - the tag or digest in `image`
   */
  readonly imageTag?: string;
  /** Container port the app serves HTTP on (named "http"). */
  readonly port: number;
  /**
   * Role of the app, set as `app.kubernetes.io/component` ("api", "worker", "frontend").
   * @default - no component label
   */
  readonly component?: string;
  /**
   * Container command (entrypoint override).
   * @default - the image's entrypoint
   */
  readonly command?: string[];
  /**
   * Container arguments.
   * @default - the image's command
   */
  readonly args?: string[];
  /**
   * Namespace to deploy into.
   * @default - a new `AppNamespace` named "<project>-<environment>"
   */
  readonly namespace?: AppNamespace;
  /**
   * The cluster platform (ingress class, issuer, monitoring namespace, metric names).
   * @default - `new PlatformConventions()`, which matches `K8sPlatform`'s defaults
   */
  readonly platform?: IK8sPlatform;
  /** @default - "/health" on `port`, failure threshold 3 */
  readonly healthCheck?: HealthCheckOptions;
  /** @default - 250m/1 CPU, 256Mi/512Mi memory */
  readonly resources?: ResourceOptions;
  /**
   * UID (and GID) the container runs as; must be non-root.
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * Writable directories, each an emptyDir (the root filesystem is read-only).
   * @default ["/tmp"]
   */
  readonly writableDirectories?: string[];
  /**
   * Plain configuration injected as environment variables through the ConfigMap.
   * Secret-looking names (`*_KEY`, `*_TOKEN`, `DATABASE_URL`, ...) are refused here.
   * @default - none
   */
  readonly envVariables?: { [name: string]: string };
  /**
   * Secrets injected as environment variables through the Secret.
   * @default - none
   */
  readonly secretEnvVariables?: { [name: string]: SecretValue };
  /**
   * Configuration files mounted read-only from the ConfigMap at `<configMountPath>/<file>`.
   * @default - none
   */
  readonly configFiles?: { [file: string]: string };
  /**
   * Secret files mounted read-only (mode 0400) from the Secret at `<secretMountPath>/<file>`.
   * @default - none
   */
  readonly secretFiles?: { [file: string]: SecretValue };
  /** @default "/etc/<name>/config" */
  readonly configMountPath?: string;
  /** @default "/etc/<name>/secrets" */
  readonly secretMountPath?: string;
  /**
   * Minimum replicas of the stable Deployment.
   * @default 1
   */
  readonly minReplicas?: number;
  /**
   * Maximum replicas.
   * @default - 10 in production, 2 elsewhere
   */
  readonly maxReplicas?: number;
  /**
   * Target average CPU utilization of the requests, percent (1-100).
   * @default 70
   */
  readonly cpuTargetPercent?: number;
  /**
   * The latency metric of the HPA.
   * @default - `LatencyMetric.ingress()` (p95 under 500 ms) when the app has an Ingress; required otherwise
   */
  readonly latencyMetric?: LatencyMetric;
  /**
   * Seconds of sustained low load before the HPA scales down.
   * @default 300
   */
  readonly scaleDownStabilizationSeconds?: number;
  /**
   * Pods of the stable track that a voluntary disruption (node drain) may take at once.
   * @default 1
   */
  readonly maxUnavailable?: number;
  /**
   * Zone spread: "ScheduleAnyway" (prefer spreading) or "DoNotSchedule" (require it).
   * @default "ScheduleAnyway"
   */
  readonly zoneSpread?: string;
  /**
   * Public HTTPS routes through the ingress controller.
   * @default - no Ingress (cluster-internal only)
   */
  readonly ingress?: IngressOptions;
  /**
   * A LoadBalancer Service in addition to the ClusterIP one.
   * @default - none
   */
  readonly loadBalancer?: LoadBalancerOptions;
  /**
   * A canary Deployment and Ingress.
   * @default - no canary
   */
  readonly canary?: CanaryOptions;
  /**
   * Scrape the app's metrics endpoint with a PodMonitor.
   * @default - not scraped
   */
  readonly metrics?: MetricsOptions;
  /**
   * The environment whose defaults apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}
