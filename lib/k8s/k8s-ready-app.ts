import { ConfigMapV1 } from '@cdktf/provider-kubernetes/lib/config-map-v1';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { HorizontalPodAutoscalerV2 } from '@cdktf/provider-kubernetes/lib/horizontal-pod-autoscaler-v2';
import { IngressV1 } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { NetworkPolicyV1, NetworkPolicyV1SpecEgress, NetworkPolicyV1SpecIngress } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { PodDisruptionBudgetV1 } from '@cdktf/provider-kubernetes/lib/pod-disruption-budget-v1';
import { SecretV1 } from '@cdktf/provider-kubernetes/lib/secret-v1';
import { ServiceAccountV1 } from '@cdktf/provider-kubernetes/lib/service-account-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { Construct } from 'constructs';
import { createAutoscaler, createDisruptionBudget } from './private/app-autoscaling';
import { AppConfigWiring, createAppConfig } from './private/app-config';
import { AppNamespace } from './app-namespace';
import { createClusterIpService, createIngress, defaultEgress, ExposureInput, fromCidrs, fromNamespace, fromPods, toPods } from './private/app-network';
import { AppSettings, resolveAppSettings } from './private/app-settings';
import { K8sReadyAppProps } from './k8s-ready-app-props';
import { LatencyMetric } from './latency-metric';
import { appLabels, CANARY_SUFFIX, selectorLabels, TRACK_LABEL } from './private/names';
import { IK8sPlatform, PlatformConventions } from './platform-conventions';
import { renderPodTemplate } from './private/pod-template';
import { ensureKubernetesProvider } from './private/providers';
import { markLibraryConstruct } from '../core/private/escape';
import { stackSingleton } from '../core/private/stack-singleton';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

const K8S_READY_APP_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.K8sReadyApp');

/**
 * One service of the application on Kubernetes (PRD 11.5), hardened by default:
 * a dedicated ServiceAccount without a token, a Deployment with rolling updates
 * that never drop below the desired replicas, pods spread across zones and
 * locked down (see `renderPodTemplate`), ConfigMap and Secret injection, an HPA
 * on CPU and latency, a ClusterIP Service, optionally a TLS Ingress, a
 * LoadBalancer Service and a canary, a PodDisruptionBudget and a NetworkPolicy
 * that admits only the ingress controller, the monitoring namespace and the
 * apps allowed with `allowFrom`.
 *
 * Child ids (stable, changing one replaces the object): `Resource` (Deployment),
 * `ServiceAccount`, `Config`, `Secrets`, `Service`, `Ingress`, `LoadBalancer`,
 * `Canary`, `CanaryService`, `CanaryIngress`, `Autoscaler`, `DisruptionBudget`,
 * `NetworkPolicy`, `PodMonitor`. Anything not covered: `app.resource.addOverride(...)`.
 *
 * @example
 * new K8sReadyApp(stack, 'Api', {
 *   name: 'api',
 *   image: 'ghcr.io/livestreamsell/api:1.4.2',
 *   port: 8000,
 *   ingress: { hosts: ['api.livestreamsell.ai'] },
 *   secretEnvVariables: { DATABASE_URL: SecretValue.fromVariable(stack, 'database_url') },
 *   canary: { imageTag: '1.5.0' },
 * });
 */
export class K8sReadyApp extends Construct {
  /** True when `x` is a K8sReadyApp (works across copies of the library). */
  public static isK8sReadyApp(x: unknown): x is K8sReadyApp {
    return x !== null && typeof x === 'object' && K8S_READY_APP_SYMBOL in (x as object);
  }

  /** The stable `kubernetes_deployment_v1` (also `node.defaultChild`). */
  public readonly resource: DeploymentV1;
  /** App name (Deployment, Service, HPA and Ingress name). */
  public readonly name: string;
  /** The namespace the app runs in. */
  public readonly namespace: AppNamespace;
  /** The platform conventions the app was wired to. */
  public readonly platform: IK8sPlatform;
  /** The environment the app belongs to. */
  public readonly environment: Environment;
  /** Resolved image of the stable Deployment. */
  public readonly image: string;
  /** Container port serving HTTP. */
  public readonly port: number;
  /** Path of the deep health check. */
  public readonly healthCheckPath: string;
  /** Minimum and maximum replicas of the HPA. */
  public readonly minReplicas: number;
  /** Maximum replicas of the HPA. */
  public readonly maxReplicas: number;
  /** The HPA's latency metric. */
  public readonly latencyMetric: LatencyMetric;
  /** Hostnames of the Ingress (empty without one). */
  public readonly hosts: string[];
  /** Weight of the canary, percent (undefined without an active canary). */
  public readonly canaryWeight?: number;
  /** The ServiceAccount. */
  public readonly serviceAccount: ServiceAccountV1;
  /** The ClusterIP Service of the stable track. */
  public readonly service: ServiceV1;
  /** The HorizontalPodAutoscaler. */
  public readonly autoscaler: HorizontalPodAutoscalerV2;
  /** The PodDisruptionBudget. */
  public readonly disruptionBudget: PodDisruptionBudgetV1;
  /** The NetworkPolicy of the app's pods. */
  public readonly networkPolicy: NetworkPolicyV1;
  /** The ConfigMap (undefined without plain configuration). */
  public readonly configMap?: ConfigMapV1;
  /** The Secret (undefined without secrets). */
  public readonly secret?: SecretV1;
  /** The TLS Ingress. */
  public readonly ingress?: IngressV1;
  /** The LoadBalancer Service. */
  public readonly loadBalancer?: ServiceV1;
  /** The canary Deployment. */
  public readonly canaryDeployment?: DeploymentV1;
  /** The canary Service. */
  public readonly canaryService?: ServiceV1;
  /** The canary Ingress (ingress-nginx canary annotations). */
  public readonly canaryIngress?: IngressV1;
  /** The PodMonitor (kubernetes_manifest; needs the Prometheus Operator CRDs at plan time). */
  public readonly podMonitor?: Manifest;

  private readonly settings: AppSettings;
  private readonly ingressRules: NetworkPolicyV1SpecIngress[] = [];
  private readonly egressRules: NetworkPolicyV1SpecEgress[] = defaultEgress();

  constructor(scope: Construct, id: string, props: K8sReadyAppProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, K8S_READY_APP_SYMBOL, { value: true });
    const env = environmentOf(this, props.environment);
    this.environment = env;
    const s = resolveAppSettings(this, props, env);
    this.settings = s;
    this.name = s.name;
    this.image = s.image;
    this.port = s.port;
    this.healthCheckPath = s.healthPath;
    this.minReplicas = s.minReplicas;
    this.maxReplicas = s.maxReplicas;
    this.latencyMetric = s.latency;
    this.hosts = s.ingress?.hosts ?? [];
    this.canaryWeight = s.canary?.weight;
    this.platform = props.platform ?? new PlatformConventions();
    this.namespace = props.namespace ?? defaultNamespace(this, env);

    const provider = ensureKubernetesProvider(this);
    const namespace = this.namespace.namespaceRef;
    const labels = appLabels(s.name, env.project, props.component);
    const exposure: ExposureInput = { provider, namespace, labels };

    this.serviceAccount = new ServiceAccountV1(this, 'ServiceAccount', {
      provider,
      metadata: { name: s.name, namespace, labels },
      automountServiceAccountToken: false,
      imagePullSecret: this.namespace.imagePullSecretName ? [{ name: this.namespace.imagePullSecretName }] : undefined,
    });

    const config = createAppConfig(this, {
      name: s.name,
      namespace,
      labels,
      provider,
      envVariables: props.envVariables ?? {},
      secretEnvVariables: props.secretEnvVariables ?? {},
      configFiles: props.configFiles ?? {},
      secretFiles: props.secretFiles ?? {},
      configMountPath: props.configMountPath ?? `/etc/${s.name}/config`,
      secretMountPath: props.secretMountPath ?? `/etc/${s.name}/secrets`,
    });
    this.configMap = config.configMap;
    this.secret = config.secret;

    this.resource = this.createDeployment('Resource', s.name, 'stable', s.image, s.minReplicas, labels, config, props);
    // The HPA owns the replica count; Terraform sets only the initial one.
    this.resource.lifecycle = { ignoreChanges: ['spec[0].replicas'] };
    this.service = createClusterIpService(this, 'Service', exposure, s.name, selectorLabels(s.name, 'stable'));

    if (s.ingress) {
      this.ingress = createIngress(this, 'Ingress', {
        ...exposure,
        name: s.name,
        serviceName: this.service.metadata.name,
        ingressClassName: this.platform.ingressClassName,
        hosts: s.ingress.hosts,
        paths: s.ingress.paths,
        tlsSecretName: s.ingress.tlsSecretName,
        annotations: { 'cert-manager.io/cluster-issuer': this.platform.clusterIssuerName, ...s.ingress.annotations },
      });
      this.ingressRules.push(fromNamespace(this.platform.ingressNamespace, s.port));
    }

    if (s.canary && s.ingress) {
      const canaryName = `${s.name}${CANARY_SUFFIX}`;
      this.canaryDeployment = this.createDeployment('Canary', canaryName, 'canary', s.canary.image, s.canary.replicas, labels, config, props);
      this.canaryService = createClusterIpService(this, 'CanaryService', exposure, canaryName, selectorLabels(s.name, 'canary'));
      this.canaryIngress = createIngress(this, 'CanaryIngress', {
        ...exposure,
        name: canaryName,
        serviceName: this.canaryService.metadata.name,
        ingressClassName: this.platform.ingressClassName,
        hosts: s.ingress.hosts,
        paths: s.ingress.paths,
        tlsSecretName: s.ingress.tlsSecretName,
        annotations: {
          ...s.ingress.annotations,
          'nginx.ingress.kubernetes.io/canary': 'true',
          'nginx.ingress.kubernetes.io/canary-weight': String(s.canary.weight),
        },
      });
    }

    if (s.loadBalancer) {
      this.loadBalancer = new ServiceV1(this, 'LoadBalancer', {
        provider,
        metadata: { name: `${s.name}-lb`, namespace, labels, annotations: s.loadBalancer.annotations },
        spec: {
          type: 'LoadBalancer',
          selector: selectorLabels(s.name, 'stable'),
          // Local keeps the client address visible to the NetworkPolicy's ipBlock rules.
          externalTrafficPolicy: 'Local',
          loadBalancerSourceRanges: s.loadBalancer.sourceRanges,
          port: [{ name: 'http', port: s.loadBalancer.port, targetPort: 'http', protocol: 'TCP' }],
        },
      });
      this.ingressRules.push(fromCidrs(s.loadBalancer.sourceRanges, s.port));
    }

    if (s.metrics) {
      this.ingressRules.push(fromNamespace(this.platform.monitoringNamespace, s.metrics.port));
      this.podMonitor = new Manifest(this, 'PodMonitor', {
        provider,
        manifest: {
          apiVersion: 'monitoring.coreos.com/v1',
          kind: 'PodMonitor',
          metadata: { name: s.name, namespace, labels },
          spec: {
            selector: { matchLabels: selectorLabels(s.name) },
            podMetricsEndpoints: [{ port: s.ports.find((p) => p.port === s.metrics!.port)!.name, path: s.metrics.path, interval: '30s' }],
            // Series carry the track, so dashboards and alerts compare canary with stable.
            podTargetLabels: ['app.kubernetes.io/name', TRACK_LABEL],
          },
        },
      });
    }

    this.autoscaler = createAutoscaler(this, 'Autoscaler', {
      provider,
      namespace,
      labels,
      deploymentName: this.resource.metadata.name,
      minReplicas: s.minReplicas,
      maxReplicas: s.maxReplicas,
      cpuTargetPercent: s.cpuTargetPercent,
      latency: s.latency,
      ingressName: this.ingress?.metadata.name,
      platform: this.platform,
      scaleDownStabilizationSeconds: s.scaleDownStabilizationSeconds,
    });
    this.disruptionBudget = createDisruptionBudget(this, 'DisruptionBudget', provider, namespace, s.name, labels, selectorLabels(s.name, 'stable'), s.maxUnavailable);

    this.networkPolicy = new NetworkPolicyV1(this, 'NetworkPolicy', {
      provider,
      metadata: { name: s.name, namespace, labels },
      spec: { podSelector: { matchLabels: selectorLabels(s.name) }, policyTypes: ['Ingress', 'Egress'] },
    });
    this.renderNetworkPolicy();
  }

  /** Name of the stable Deployment (and of the HPA and PDB). */
  public get deploymentName(): string {
    return this.name;
  }

  /** Name of the canary Deployment and Service, when a canary is active. */
  public get canaryName(): string | undefined {
    return this.canaryDeployment ? `${this.name}${CANARY_SUFFIX}` : undefined;
  }

  /**
   * Lets the pods of `other` (same namespace) call this app's HTTP port: adds the
   * ingress rule to this app's NetworkPolicy and the egress rule to `other`'s.
   */
  public allowFrom(other: K8sReadyApp): void {
    this.ingressRules.push(fromPods(selectorLabels(other.name), this.port));
    other.egressRules.push(toPods(selectorLabels(this.name), this.port));
    this.renderNetworkPolicy();
    other.renderNetworkPolicy();
  }

  private renderNetworkPolicy(): void {
    if (this.ingressRules.length > 0) this.networkPolicy.spec.putIngress(this.ingressRules);
    this.networkPolicy.spec.putEgress(this.egressRules);
  }

  private createDeployment(id: string, name: string, track: string, image: string, replicas: number,
    labels: { [key: string]: string }, config: AppConfigWiring, props: K8sReadyAppProps): DeploymentV1 {
    const s = this.settings;
    const selector = selectorLabels(s.name, track);
    return new DeploymentV1(this, id, {
      provider: ensureKubernetesProvider(this),
      // Terraform waits for the rollout, so failing probes fail the apply.
      waitForRollout: true,
      metadata: { name, namespace: this.namespace.namespaceRef, labels: { ...labels, [TRACK_LABEL]: track } },
      spec: {
        replicas: String(replicas),
        selector: { matchLabels: selector },
        // Never fewer ready pods than desired during a rollout: surge first, then retire.
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '0' } },
        minReadySeconds: 5,
        progressDeadlineSeconds: 600,
        revisionHistoryLimit: 10,
        template: renderPodTemplate({
          containerName: s.name,
          image,
          command: props.command,
          args: props.args,
          ports: s.ports,
          labels: { ...labels, ...selector },
          annotations: config.annotations,
          spreadLabels: selector,
          zoneSpread: s.zoneSpread,
          serviceAccountName: this.serviceAccount.metadata.name,
          imagePullSecretName: this.namespace.imagePullSecretName,
          runAsUser: s.runAsUser,
          healthPath: s.healthPath,
          livenessPath: s.livenessPath,
          probePort: s.probePort,
          failureThreshold: s.failureThreshold,
          startupSeconds: s.startupSeconds,
          resources: s.resources,
          writableDirectories: s.writableDirectories,
          env: config.env,
          volumes: config.volumes,
          mounts: config.mounts,
        }),
      },
    });
  }
}

/** The stack's shared default namespace, so apps created without one land together. */
function defaultNamespace(scope: Construct, env: Environment): AppNamespace {
  return stackSingleton(scope, 'DefaultNamespace', (stack, id) => new AppNamespace(stack, id, { environment: env }), (x): x is AppNamespace => x instanceof AppNamespace);
}
