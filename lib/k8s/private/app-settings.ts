import { Construct } from 'constructs';
import { AppConfigValues, readAppConfig } from './app-config';
import { IngressSettings, LoadBalancerSettings, readIngress, readLoadBalancer } from './app-exposure-settings';
import { assertNoSecretByValue } from './literal-secrets';
import { APP_NAME_ALLOWED, APP_NAME_PATTERN, HISTOGRAM_PATTERN, LABEL_VALUE_PATTERN, PATH_PATTERN } from './names';
import { defaultPlatform, isK8sPlatform, PLATFORM_ALLOWED } from './platform-defaults';
import { ContainerPort } from './pod-template';
import { assertResourcePair } from './quantities';
import { readProgressiveDelivery, RolloutSettings } from './rollout-settings';
import { ContainerImage } from '../../core/container-image';
import { ValidationError } from '../../core/errors';
import { checkEnumLike } from '../../core/private/enum-like';
import { imageReference, checkContainerImage } from '../../core/private/image';
import { checkString, Input } from '../../core/private/input';
import { ResolvedScaling, resolveScaling } from '../../core/private/scaling';
import { assertUnsafeAllowed } from '../../core/private/unsafe';
import { Environment } from '../../environment/environment';
import { AppNamespace } from '../app-namespace';
import { ImagePullPolicy, TopologySpreadMode } from '../k8s-options';
import { IK8sPlatform } from '../k8s-platform-attributes';
import { LatencyMetric } from '../latency-metric';

/** Props of one app with every default applied and every value checked. */
export interface AppSettings {
  readonly name: string;
  readonly image: ContainerImage;
  readonly imageRef: string;
  readonly ports: ContainerPort[];
  readonly port: number;
  readonly component?: string;
  readonly command?: string[];
  readonly args?: string[];
  readonly namespace?: AppNamespace;
  readonly platform: IK8sPlatform;
  readonly healthPath: string;
  readonly livenessPath: string;
  readonly probePort: number;
  readonly failureThreshold: number;
  readonly startupSeconds: number;
  readonly resources: { cpuRequest: string; cpuLimit: string; memoryRequest: string; memoryLimit: string };
  readonly runAsUser: number;
  readonly writableDirectories: string[];
  readonly imagePullPolicy: string;
  readonly config: AppConfigValues;
  readonly scaling: ResolvedScaling;
  readonly latency: LatencyMetric;
  readonly scaleDownStabilizationSeconds: number;
  readonly maxUnavailable: number;
  readonly zoneSpread: string;
  readonly ingress?: IngressSettings;
  readonly loadBalancer?: LoadBalancerSettings;
  /** Progressive delivery through an Argo Rollout (undefined: rolling updates). */
  readonly rollout?: RolloutSettings;
  readonly metrics?: { port: number; path: string };
}

const ABSOLUTE_PATH = 'an absolute path such as "/health"';
/** What an enum-like's `of(...)` may hold: a Kubernetes enum value ("IfNotPresent"). */
const ENUM_VALUE = /^[A-Za-z][A-Za-z0-9]{0,62}$/;
/** Unsafe options of `K8sReadyApp`, by the name `acknowledgeUnsafeInProduction` lists. */
export const APP_UNSAFE_OPTIONS = ['unsafeAllowPublicSourceRanges', 'unsafeAllowPlainHttp'];
const APP_UNSAFE_PATHS = ['loadBalancer.unsafeAllowPublicSourceRanges', 'ingress.unsafeAllowPlainHttp'];

/** Reads `K8sReadyAppProps` through the input layer, applies the defaults and checks every value. */
export function resolveAppSettings(scope: Construct, props: unknown, env: Environment): AppSettings {
  const input = Input.of(scope, props);
  const name = input.requiredString('name', { pattern: APP_NAME_PATTERN, allowed: APP_NAME_ALLOWED });
  const image = checkContainerImage(scope, 'image', input.raw('image'));
  const port = required(input, 'port', input.integer('port', 1, 65535), 'a whole number from 1 to 65535');
  const component = input.string('component', { pattern: LABEL_VALUE_PATTERN, nonEmpty: true, maxLength: 63, allowed: 'a label value such as "api" or "worker"' });
  const command = input.stringList('command');
  const args = input.stringList('args');
  command?.forEach((c, i) => assertNoSecretByValue(scope, `command[${i}]`, c));
  args?.forEach((a, i) => assertNoSecretByValue(scope, `args[${i}]`, a));
  const namespace = input.instance('namespace', AppNamespace.isAppNamespace, 'an AppNamespace');
  const platform = input.instance('platform', isK8sPlatform, PLATFORM_ALLOWED) ?? defaultPlatform();

  // A high UID (checkov CKV_K8S_40): never 0, and clear of UIDs the node's own users have.
  const runAsUser = input.integer('runAsUser', 10000, 2147483647) ?? 10001;

  const metricsInput = input.object('metrics');
  const metrics = metricsInput ? {
    port: metricsInput.integer('port', 1, 65535) ?? port,
    path: metricsInput.string('path', { pattern: PATH_PATTERN, allowed: ABSOLUTE_PATH }) ?? '/metrics',
  } : undefined;
  metricsInput?.done();
  const ports: ContainerPort[] = [{ name: 'http', port }];
  if (metrics && metrics.port !== port) ports.push({ name: 'metrics', port: metrics.port });

  const health = input.objectOrEmpty('healthCheck');
  const healthPath = health.string('path', { pattern: PATH_PATTERN, allowed: ABSOLUTE_PATH }) ?? '/health';
  const livenessPath = health.string('livenessPath', { pattern: PATH_PATTERN, allowed: ABSOLUTE_PATH }) ?? healthPath;
  const probePort = health.integer('port', 1, 65535) ?? port;
  if (!ports.some((p) => p.port === probePort)) {
    throw new ValidationError(scope, 'healthCheck.port', probePort, `a port the container exposes (${ports.map((p) => `${p.port} "${p.name}"`).join(', ')})`);
  }
  const failureThreshold = health.integer('failureThreshold', 1, 10) ?? 3;
  const startupSeconds = health.integer('startupSeconds', 5, 3600) ?? 150;
  health.done();

  const res = input.objectOrEmpty('resources');
  const quantity = { nonEmpty: true, allowed: 'a quantity string such as "250m" or "256Mi"' };
  const resources = {
    cpuRequest: res.string('cpuRequest', quantity) ?? '250m',
    cpuLimit: res.string('cpuLimit', quantity) ?? '1',
    memoryRequest: res.string('memoryRequest', quantity) ?? '256Mi',
    memoryLimit: res.string('memoryLimit', quantity) ?? '512Mi',
  };
  res.done();
  assertResourcePair(scope, 'cpu', resources.cpuRequest, resources.cpuLimit);
  assertResourcePair(scope, 'memory', resources.memoryRequest, resources.memoryLimit);

  const writableDirectories = input.stringList('writableDirectories', { unique: true, maxItems: 20, pattern: PATH_PATTERN, allowed: ABSOLUTE_PATH }) ?? ['/tmp'];
  const pullPolicy = checkEnumLike<ImagePullPolicy>(scope, 'imagePullPolicy', input.raw('imagePullPolicy'), 'ImagePullPolicy', 'ImagePullPolicy.ALWAYS, ImagePullPolicy.IF_NOT_PRESENT or ImagePullPolicy.NEVER') ?? ImagePullPolicy.ALWAYS;
  checkString(scope, 'imagePullPolicy.value', pullPolicy.value, { pattern: ENUM_VALUE, allowed: 'a pull policy such as "Always" (ImagePullPolicy.of takes a policy newer than the library)' });
  if (pullPolicy.value !== ImagePullPolicy.ALWAYS.value && image.digest === undefined) {
    throw new ValidationError(scope, 'imagePullPolicy', pullPolicy.value, `"Always" for an image pinned by tag (got tag ${JSON.stringify(image.tag)}): a node's cached copy of a tag may be stale or pulled with another namespace's credentials; pin "image.digest" to use "${pullPolicy.value}"`);
  }

  const config = readAppConfig(scope, input, name, writableDirectories);

  const scaling = resolveScaling(scope, env, 'scaling', input.raw('scaling'), 1000);
  const scaleDownStabilizationSeconds = input.integer('scaleDownStabilizationSeconds', 0, 3600) ?? 300;
  const maxUnavailable = input.integer('maxUnavailable', 1, 1000) ?? 1;
  const zoneSpread = checkEnumLike<TopologySpreadMode>(scope, 'zoneSpread', input.raw('zoneSpread'), 'TopologySpreadMode', 'TopologySpreadMode.SCHEDULE_ANYWAY or TopologySpreadMode.DO_NOT_SCHEDULE')
    ?? TopologySpreadMode.SCHEDULE_ANYWAY;
  checkString(scope, 'zoneSpread.value', zoneSpread.value, { pattern: ENUM_VALUE, allowed: 'a mode such as "ScheduleAnyway" (TopologySpreadMode.of takes a mode newer than the library)' });

  const ingress = readIngress(scope, input, name, platform);
  const loadBalancer = readLoadBalancer(scope, input);
  const rollout = readProgressiveDelivery(scope, input, { hasIngress: ingress !== undefined, hasMetrics: metrics !== undefined });
  const latency = resolveLatency(scope, input.raw('latencyMetric'), ingress !== undefined, metrics !== undefined, platform);

  const acknowledged = input.stringList('acknowledgeUnsafeInProduction', { unique: true });
  acknowledged?.forEach((entry, i) => {
    if (!APP_UNSAFE_OPTIONS.includes(entry) && !APP_UNSAFE_PATHS.includes(entry)) {
      throw new ValidationError(scope, `acknowledgeUnsafeInProduction[${i}]`, entry, `the name of an unsafe option of K8sReadyApp: ${APP_UNSAFE_OPTIONS.map((o) => `"${o}"`).join(' or ')}`);
    }
  });
  assertUnsafeAllowed(scope, env, 'loadBalancer.unsafeAllowPublicSourceRanges', loadBalancer?.unsafeAllowPublicSourceRanges ?? false, acknowledged,
    'a LoadBalancer open to public ranges forwards plain TCP to the pods, without the ingress controller\'s TLS');
  assertUnsafeAllowed(scope, env, 'ingress.unsafeAllowPlainHttp', ingress?.unsafeAllowPlainHttp ?? false, acknowledged,
    'without the HTTPS redirect and HSTS, clients may send credentials and sessions in clear text');
  input.raw('environment'); // read by the construct (environmentOf)
  input.done();

  return {
    name,
    image,
    imageRef: imageReference(image),
    ports,
    port,
    component,
    command,
    args,
    namespace,
    platform,
    healthPath,
    livenessPath,
    probePort,
    failureThreshold,
    startupSeconds,
    resources,
    runAsUser,
    writableDirectories,
    imagePullPolicy: pullPolicy.value,
    config,
    scaling,
    latency,
    scaleDownStabilizationSeconds,
    maxUnavailable,
    zoneSpread: zoneSpread.value,
    ingress,
    loadBalancer,
    rollout,
    metrics,
  };
}

/** A required value read by `input` (undefined only when the prop is not set). */
export function required<T>(input: Input, name: string, value: T | undefined, allowed: string): T {
  if (value === undefined) throw new ValidationError(input.scope, input.path(name), undefined, allowed);
  return value;
}

function resolveLatency(scope: Construct, raw: unknown, hasIngress: boolean, hasMetrics: boolean, platform: IK8sPlatform): LatencyMetric {
  const latency = checkEnumLike<LatencyMetric>(scope, 'latencyMetric', raw, 'LatencyMetric', 'LatencyMetric.ingress(<ms>) or LatencyMetric.pods("<histogram>", <ms>)');
  if (latency === undefined) {
    if (!hasIngress) {
      throw new ValidationError(scope, 'latencyMetric', undefined, 'a LatencyMetric for an app without "ingress": LatencyMetric.pods("<histogram>", <ms>) with "metrics" set (every HPA scales on CPU and latency)');
    }
    return LatencyMetric.ingress();
  }
  const check = Input.of(scope, { targetMilliseconds: latency.targetMilliseconds, histogram: latency.histogram }, 'latencyMetric');
  check.integer('targetMilliseconds', 1, 600000);
  if (latency.source === LatencyMetric.INGRESS && !hasIngress) {
    throw new ValidationError(scope, 'latencyMetric', 'Ingress', 'LatencyMetric.pods(...) for an app without "ingress" (an Ingress metric needs the app\'s Ingress)');
  }
  if (latency.source === LatencyMetric.PODS) {
    const histogram = check.requiredString('histogram', { pattern: HISTOGRAM_PATTERN, allowed: 'a Prometheus metric name such as "ai_inference_duration_seconds"' });
    if (!hasMetrics) {
      throw new ValidationError(scope, 'metrics', undefined, 'a MetricsOptions: a Pods latency metric needs Prometheus to scrape the pods');
    }
    const served = platform.latencyHistograms;
    if (served !== undefined && !served.includes(histogram)) {
      throw new ValidationError(scope, 'latencyMetric.histogram', histogram, `a histogram the platform's prometheus-adapter serves (${served.map((h) => `"${h}"`).join(', ') || 'none'}): add it to the platform's "latencyHistograms", or the HPA finds no latency metric`);
    }
  }
  return latency;
}
