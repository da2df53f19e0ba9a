import { AppNamespace } from './app-namespace';
import { ImagePullPolicy, TopologySpreadMode } from './k8s-options';
import { IK8sPlatform } from './k8s-platform-attributes';
import { LatencyMetric } from './latency-metric';
import { ProgressiveDeliveryOptions } from './progressive-delivery';
import { ContainerImage } from '../core/container-image';
import { ScalingOptions } from '../core/scaling';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';

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
   * Consecutive failures before a pod is marked unready or restarted (1-10).
   * @default 3
   */
  readonly failureThreshold?: number;
  /**
   * Seconds the startup probe allows the app to start (probed every 5 s; 5-3600).
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
   * Extra ingress-nginx annotations. Refused: `*-snippet` (raw nginx
   * configuration, CVE-2021-25742), turning off the HTTP-to-HTTPS redirect or
   * HSTS (unless `unsafeAllowPlainHttp`), TLS passthrough, server aliases (hosts
   * off the certificate), `kubernetes.io/ingress.class`, canary annotations (Argo
   * Rollouts manages the canary Ingress), `enable-global-auth: "false"`, unverified client
   * certificates, and values that look like credentials.
   * @default - none beyond the TLS redirect and the cert-manager issuer
   */
  readonly annotations?: { [key: string]: string };
  /**
   * Accept annotations that turn off the HTTP-to-HTTPS redirect or HSTS, so
   * clients may talk plain HTTP. In production, list
   * "unsafeAllowPlainHttp" in the app's `acknowledgeUnsafeInProduction` as well.
   * @default false
   */
  readonly unsafeAllowPlainHttp?: boolean;
}

/** A Service of type LoadBalancer in front of the app (plain TCP to the app port). */
export interface LoadBalancerOptions {
  /**
   * Source CIDRs (IPv4 or IPv6) allowed through the load balancer and the
   * NetworkPolicy. Non-public ranges (private, CGNAT, link-local, documentation)
   * are accepted; public ones need `unsafeAllowPublicSourceRanges`; ranges that
   * cover a large share of the internet (a public /8, a quarter of IPv4,
   * `2000::/3`, ...) are always refused: public traffic goes through `ingress`.
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
   * Accept public source ranges (an office, a partner). Traffic then reaches the
   * app without the ingress controller's TLS. In production, list
   * "unsafeAllowPublicSourceRanges" in the app's `acknowledgeUnsafeInProduction` as well.
   * @default false
   */
  readonly unsafeAllowPublicSourceRanges?: boolean;
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
  /** Container image, pinned by tag or digest ("latest" is refused). */
  readonly image: ContainerImage;
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
   * @default - the stack's shared `AppNamespace` named "<project>-<environment>"
   */
  readonly namespace?: AppNamespace;
  /**
   * The cluster platform (ingress class, issuer, monitoring namespace, metric names).
   * @default - the defaults of `K8sPlatform`
   */
  readonly platform?: IK8sPlatform;
  /** @default - "/health" on `port`, failure threshold 3 */
  readonly healthCheck?: HealthCheckOptions;
  /** @default - 250m/1 CPU, 256Mi/512Mi memory */
  readonly resources?: ResourceOptions;
  /**
   * UID (and GID) the container runs as; must be non-root and at least 10000.
   * @default 10001
   */
  readonly runAsUser?: number;
  /**
   * Writable directories, each an emptyDir (the root filesystem is read-only).
   * @default ["/tmp"]
   */
  readonly writableDirectories?: string[];
  /**
   * When the kubelet pulls the image; anything but `ALWAYS` needs an image pinned by digest.
   * @default ImagePullPolicy.ALWAYS
   */
  readonly imagePullPolicy?: ImagePullPolicy;
  /**
   * Plain environment variables, through the ConfigMap. Secret-looking names
   * (`*_KEY`, `*_TOKEN`, `DATABASE_URL`, ...) and values that look like
   * credentials (API keys, tokens, URLs with a password, ...) are refused here.
   * @default - none
   */
  readonly variables?: { [name: string]: string };
  /**
   * Secret environment variables, through the Secret.
   * @default - none
   */
  readonly secrets?: { [name: string]: SecretValue };
  /**
   * Configuration files mounted read-only from the ConfigMap at `<configMountPath>/<file>`.
   * Contents that look like credentials are refused.
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
   * Replicas and the CPU (and optionally memory) target of the HorizontalPodAutoscaler.
   * @default - 1 to 10 replicas in production, 1 to 2 elsewhere, CPU target 70%
   */
  readonly scaling?: ScalingOptions;
  /**
   * The latency metric of the HPA, next to the `scaling` targets.
   * @default - `LatencyMetric.ingress()` (p95 under 500 ms) when the app has an Ingress; required otherwise
   */
  readonly latencyMetric?: LatencyMetric;
  /**
   * Seconds of sustained low load before the HPA scales down (0-3600).
   * @default 300
   */
  readonly scaleDownStabilizationSeconds?: number;
  /**
   * Pods of the stable track that a voluntary disruption (node drain) may take at once.
   * @default 1
   */
  readonly maxUnavailable?: number;
  /**
   * Zone spread of the pods of each track.
   * @default TopologySpreadMode.SCHEDULE_ANYWAY
   */
  readonly zoneSpread?: TopologySpreadMode;
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
   * Release through Argo Rollouts canaries (installed by `K8sPlatform`): steps
   * of traffic weight and pauses, a background analysis on Prometheus that
   * aborts a bad release, and the HPA scaling the Rollout. With an `ingress`,
   * ingress-nginx splits the traffic on the app's own Ingress (a canary Service
   * `<name>-canary` is added); without one, the weight is the share of replicas.
   * @default - rolling updates of the Deployment, no canary
   */
  readonly progressiveDelivery?: ProgressiveDeliveryOptions;
  /**
   * Scrape the app's metrics endpoint with a PodMonitor.
   * @default - not scraped
   */
  readonly metrics?: MetricsOptions;
  /**
   * Unsafe options accepted in production, by name: "unsafeAllowPublicSourceRanges"
   * (`loadBalancer`) and "unsafeAllowPlainHttp" (`ingress`). Acknowledging one
   * never acknowledges another.
   * @default - none: unsafe options are refused in production
   */
  readonly acknowledgeUnsafeInProduction?: string[];
  /**
   * The environment whose defaults apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}
