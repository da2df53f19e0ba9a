import { Construct } from 'constructs';
import { imageRepository, resolveImage } from './image';
import { CanaryOptions, IngressOptions, K8sReadyAppProps, LoadBalancerOptions, ResourceOptions, TOPOLOGY_SPREAD_MODES } from '../k8s-ready-app-props';
import { LatencyMetric } from '../latency-metric';
import { assertAppName } from './names';
import { ContainerPort } from './pod-template';
import { assertResourcePair } from './quantities';
import { ValidationError } from '../../core/errors';
import { assertCidr, cidrContains, parseCidr } from '../../core/private/cidr';
import { defaultScaling } from '../../core/private/scaling';
import { assertHostname, assertInteger, assertMatches, assertOneOf, assertOrdered } from '../../core/private/validation';
import { Environment } from '../../environment/environment';

/** Props of one app with every default applied and every value checked. */
export interface AppSettings {
  readonly name: string;
  readonly image: string;
  readonly ports: ContainerPort[];
  readonly port: number;
  readonly healthPath: string;
  readonly livenessPath: string;
  readonly probePort: number;
  readonly failureThreshold: number;
  readonly startupSeconds: number;
  readonly resources: Required<ResourceOptions>;
  readonly runAsUser: number;
  readonly writableDirectories: string[];
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly cpuTargetPercent: number;
  readonly latency: LatencyMetric;
  readonly scaleDownStabilizationSeconds: number;
  readonly maxUnavailable: number;
  readonly zoneSpread: string;
  readonly ingress?: Required<IngressOptions>;
  readonly loadBalancer?: LoadBalancerOptions & { port: number };
  /** The canary, unless there is none or it was promoted. */
  readonly canary?: { image: string; weight: number; replicas: number };
  readonly metrics?: { port: number; path: string };
}

const HISTOGRAM_PATTERN = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const PATH_PATTERN = /^\/[^\s]*$/;
const ABSOLUTE_PATH = 'an absolute path such as "/health"';
const SECRET_NAME_PATTERN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** Applies the defaults of `K8sReadyAppProps` (from the environment where the PRD sets them) and validates them. */
export function resolveAppSettings(scope: Construct, props: K8sReadyAppProps, env: Environment): AppSettings {
  assertAppName(scope, 'name', props.name);
  assertInteger(scope, 'port', props.port, 1, 65535);
  const runAsUser = props.runAsUser ?? 10001;
  // A high UID (checkov CKV_K8S_40): never 0, and clear of UIDs the node's own users have.
  assertInteger(scope, 'runAsUser', runAsUser, 10000, 2147483647);

  const metrics = props.metrics ? { port: props.metrics.port ?? props.port, path: props.metrics.path ?? '/metrics' } : undefined;
  if (metrics) {
    assertInteger(scope, 'metrics.port', metrics.port, 1, 65535);
    assertMatches(scope, 'metrics.path', metrics.path, PATH_PATTERN, ABSOLUTE_PATH);
  }
  const ports: ContainerPort[] = [{ name: 'http', port: props.port }];
  if (metrics && metrics.port !== props.port) ports.push({ name: 'metrics', port: metrics.port });

  const health = props.healthCheck ?? {};
  const healthPath = health.path ?? '/health';
  const livenessPath = health.livenessPath ?? healthPath;
  const probePort = health.port ?? props.port;
  assertMatches(scope, 'healthCheck.path', healthPath, PATH_PATTERN, ABSOLUTE_PATH);
  assertMatches(scope, 'healthCheck.livenessPath', livenessPath, PATH_PATTERN, ABSOLUTE_PATH);
  if (!ports.some((p) => p.port === probePort)) {
    throw new ValidationError(scope, 'healthCheck.port', probePort, `a port the container exposes (${ports.map((p) => `${p.port} "${p.name}"`).join(', ')})`);
  }
  const failureThreshold = health.failureThreshold ?? 3;
  assertInteger(scope, 'healthCheck.failureThreshold', failureThreshold, 1, 10);
  const startupSeconds = health.startupSeconds ?? 150;
  assertInteger(scope, 'healthCheck.startupSeconds', startupSeconds, 5, 3600);

  const resources = {
    cpuRequest: props.resources?.cpuRequest ?? '250m',
    cpuLimit: props.resources?.cpuLimit ?? '1',
    memoryRequest: props.resources?.memoryRequest ?? '256Mi',
    memoryLimit: props.resources?.memoryLimit ?? '512Mi',
  };
  assertResourcePair(scope, 'cpu', resources.cpuRequest, resources.cpuLimit);
  assertResourcePair(scope, 'memory', resources.memoryRequest, resources.memoryLimit);

  const writableDirectories = props.writableDirectories ?? ['/tmp'];
  writableDirectories.forEach((dir, i) => assertMatches(scope, `writableDirectories[${i}]`, dir, PATH_PATTERN, ABSOLUTE_PATH));

  const scalingDefaults = defaultScaling(env);
  const minReplicas = props.minReplicas ?? scalingDefaults.minInstances;
  const maxReplicas = props.maxReplicas ?? scalingDefaults.maxInstances;
  assertInteger(scope, 'minReplicas', minReplicas, 1, 1000);
  assertInteger(scope, 'maxReplicas', maxReplicas, 1, 1000);
  assertOrdered(scope, 'minReplicas', minReplicas, 'maxReplicas', maxReplicas);
  const cpuTargetPercent = props.cpuTargetPercent ?? scalingDefaults.cpuTargetPercent;
  assertInteger(scope, 'cpuTargetPercent', cpuTargetPercent, 1, 100);
  const scaleDownStabilizationSeconds = props.scaleDownStabilizationSeconds ?? 300;
  assertInteger(scope, 'scaleDownStabilizationSeconds', scaleDownStabilizationSeconds, 0, 3600);
  const maxUnavailable = props.maxUnavailable ?? 1;
  assertInteger(scope, 'maxUnavailable', maxUnavailable, 1, 1000);
  const zoneSpread = props.zoneSpread ?? 'ScheduleAnyway';
  assertOneOf(scope, 'zoneSpread', zoneSpread, TOPOLOGY_SPREAD_MODES);

  const image = resolveImage(scope, 'image', props.image, 'imageTag', props.imageTag);
  const ingress = props.ingress ? resolveIngress(scope, props.name, props.ingress) : undefined;
  const latency = resolveLatency(scope, props.latencyMetric, ingress !== undefined, metrics !== undefined);
  const loadBalancer = props.loadBalancer ? resolveLoadBalancer(scope, props.loadBalancer, env) : undefined;
  const canary = props.canary ? resolveCanary(scope, props.canary, props.image, ingress !== undefined) : undefined;

  return {
    name: props.name,
    image: canary?.promote ? canary.image : image,
    ports,
    port: props.port,
    healthPath,
    livenessPath,
    probePort,
    failureThreshold,
    startupSeconds,
    resources,
    runAsUser,
    writableDirectories,
    minReplicas,
    maxReplicas,
    cpuTargetPercent,
    latency,
    scaleDownStabilizationSeconds,
    maxUnavailable,
    zoneSpread,
    ingress,
    loadBalancer,
    canary: canary && !canary.promote ? { image: canary.image, weight: canary.weight, replicas: canary.replicas } : undefined,
    metrics,
  };
}

function resolveIngress(scope: Construct, name: string, ingress: IngressOptions): Required<IngressOptions> {
  if (ingress.hosts.length === 0) {
    throw new ValidationError(scope, 'ingress.hosts', ingress.hosts, 'at least one hostname: the Ingress always has TLS, and a certificate needs a host');
  }
  ingress.hosts.forEach((host, i) => assertHostname(scope, `ingress.hosts[${i}]`, host));
  const paths = ingress.paths ?? ['/'];
  if (paths.length === 0) throw new ValidationError(scope, 'ingress.paths', paths, 'at least one path prefix such as "/"');
  paths.forEach((path, i) => assertMatches(scope, `ingress.paths[${i}]`, path, PATH_PATTERN, 'a path prefix starting with "/"'));
  const annotations = ingress.annotations ?? {};
  for (const key of Object.keys(annotations)) {
    if (/snippet/i.test(key)) {
      throw new ValidationError(scope, `ingress.annotations.${key}`, annotations[key], 'no "*-snippet" annotation: snippets inject raw nginx configuration (CVE-2021-25742) and the platform disables them');
    }
  }
  const tlsSecretName = ingress.tlsSecretName ?? `${name}-tls`;
  assertMatches(scope, 'ingress.tlsSecretName', tlsSecretName, SECRET_NAME_PATTERN, 'a Secret name: lowercase letters, digits, "-" or "."');
  return { hosts: ingress.hosts, paths, annotations, tlsSecretName };
}

function resolveLatency(scope: Construct, latency: LatencyMetric | undefined, hasIngress: boolean, hasMetrics: boolean): LatencyMetric {
  if (latency === undefined) {
    if (!hasIngress) {
      throw new ValidationError(scope, 'latencyMetric', undefined, 'a LatencyMetric for an app without "ingress": LatencyMetric.pods("<histogram>", <ms>) with "metrics" set (every HPA scales on CPU and latency)');
    }
    return LatencyMetric.ingress();
  }
  assertInteger(scope, 'latencyMetric.targetMilliseconds', latency.targetMilliseconds, 1, 600000);
  if (latency.source === LatencyMetric.INGRESS && !hasIngress) {
    throw new ValidationError(scope, 'latencyMetric', 'Ingress', 'LatencyMetric.pods(...) for an app without "ingress" (an Ingress metric needs the app\'s Ingress)');
  }
  if (latency.source === LatencyMetric.PODS) {
    assertMatches(scope, 'latencyMetric.histogram', latency.histogram, HISTOGRAM_PATTERN, 'a Prometheus metric name such as "ai_inference_duration_seconds"');
    if (!hasMetrics) {
      throw new ValidationError(scope, 'metrics', undefined, 'a MetricsOptions: a Pods latency metric needs Prometheus to scrape the pods');
    }
  }
  return latency;
}

function resolveLoadBalancer(scope: Construct, lb: LoadBalancerOptions, env: Environment): LoadBalancerOptions & { port: number } {
  if (lb.sourceRanges.length === 0) {
    throw new ValidationError(scope, 'loadBalancer.sourceRanges', lb.sourceRanges, 'at least one source CIDR (a load balancer open to nobody is a mistake, one open to everybody is refused)');
  }
  const unsafe = lb.unsafeAllowPublicSourceRanges ?? false;
  if (unsafe && env.isProduction) {
    throw new ValidationError(scope, 'loadBalancer.unsafeAllowPublicSourceRanges', true, `false in production ("${env.name}"): expose the app publicly through "ingress" (TLS, WAF) instead`);
  }
  const privateRanges = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map((c) => parseCidr(c)!);
  lb.sourceRanges.forEach((range, i) => {
    const cidr = assertCidr(scope, `loadBalancer.sourceRanges[${i}]`, range);
    if (cidr && !unsafe && !privateRanges.some((p) => cidrContains(p, cidr))) {
      throw new ValidationError(scope, `loadBalancer.sourceRanges[${i}]`, range, 'a private (RFC 1918) range; public sources go through "ingress", or set "unsafeAllowPublicSourceRanges" outside production');
    }
  });
  const port = lb.port ?? 80;
  assertInteger(scope, 'loadBalancer.port', port, 1, 65535);
  return { ...lb, port };
}

/** A resolved canary. */
interface ResolvedCanary {
  readonly image: string;
  readonly weight: number;
  readonly replicas: number;
  readonly promote: boolean;
}

function resolveCanary(scope: Construct, canary: CanaryOptions, appImage: string, hasIngress: boolean): ResolvedCanary {
  if (!hasIngress) {
    throw new ValidationError(scope, 'canary', '<canary>', 'an app with "ingress": ingress-nginx splits the canary traffic by weight');
  }
  if (canary.image === undefined && canary.imageTag === undefined) {
    throw new ValidationError(scope, 'canary.imageTag', undefined, 'the tag of the release under test (or a pinned "canary.image")');
  }
  const image = resolveImage(scope, 'canary.image', canary.image ?? imageRepository(appImage), 'canary.imageTag', canary.imageTag);
  const weight = canary.weight ?? 5;
  assertInteger(scope, 'canary.weight', weight, 0, 100);
  const replicas = canary.replicas ?? 1;
  assertInteger(scope, 'canary.replicas', replicas, 1, 100);
  return { image, weight, replicas, promote: canary.promote ?? false };
}

