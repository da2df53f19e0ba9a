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
import { AppNamespace } from './app-namespace';
import { IK8sPlatform } from './k8s-platform-attributes';
import { K8sReadyAppProps } from './k8s-ready-app-props';
import { AllowedTraffic, IK8sWorkload, K8sWorkloadAttributes } from './k8s-workload';
import { LatencyMetric } from './latency-metric';
import { createAutoscaler, createDisruptionBudget } from './private/app-autoscaling';
import { claimAppNames } from './private/app-claims';
import { AppConfigWiring, createAppConfig } from './private/app-config';
import { createClusterIpService, createIngress, defaultEgress, ExposureInput, fromCidrs, fromNamespace } from './private/app-network';
import { createAppRollout } from './private/app-rollout';
import { AppSettings, resolveAppSettings } from './private/app-settings';
import { appLabels, CANARY_SUFFIX, selectorLabels, TRACK_LABEL } from './private/names';
import { renderPodTemplate } from './private/pod-template';
import { ensureKubernetesProvider } from './private/providers';
import { queryTargetOf } from './private/query-target';
import { importWorkload, isK8sWorkload, K8S_WORKLOAD_SYMBOL, NETWORK_POLICY_HOOKS, allowTraffic, NetworkPolicyHooks } from './private/workload';
import { ContainerImage } from '../core/container-image';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { stackSingleton } from '../core/private/stack-singleton';
import { ScalingOptions } from '../core/scaling';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

const K8S_READY_APP_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.K8sReadyApp');

/**
 * One service of an application on Kubernetes, hardened by default: a
 * dedicated ServiceAccount without a token, a Deployment with rolling updates
 * that never drop below the desired replicas, pods spread across zones and
 * locked down (non-root, read-only root filesystem, no privilege escalation, no
 * capabilities, RuntimeDefault seccomp), ConfigMap and Secret injection, an HPA
 * on CPU and latency, a ClusterIP Service, optionally a TLS Ingress and a
 * LoadBalancer Service, a PodDisruptionBudget and a NetworkPolicy that admits
 * only the ingress controller, the monitoring namespace and the apps allowed
 * with `allowFrom`.
 *
 * With `progressiveDelivery`, releases are Argo Rollouts canaries instead of
 * rolling updates: a `Rollout` takes its pod template from the Deployment
 * (`workloadRef`), shifts traffic in steps (5% for 10 minutes, then 100% by
 * default) through ingress-nginx on the app's Ingress, runs a background
 * analysis on Prometheus (an `AnalysisTemplate`) from the first step and aborts
 * the release, all traffic back on the stable version, when a measurement fails.
 * The HPA then scales the Rollout.
 *
 * Child ids (stable, changing one replaces the object): `Resource` (Deployment),
 * `ServiceAccount`, `Config`, `Secrets`, `Service`, `Ingress`, `LoadBalancer`,
 * `CanaryService`, `Rollout`, `Analysis`, `Autoscaler`, `DisruptionBudget`,
 * `NetworkPolicy`, `PodMonitor`. Anything not covered: `app.resource.addOverride(...)`.
 *
 * @example
 * import { App, TerraformVariable } from 'cdktf';
 * import { Environment, EnvironmentStack, K8sReadyApp, SecretValue } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'apps', { environment: Environment.staging({ project: 'acme' }), awsProvider: false });
 * const tag = new TerraformVariable(stack, 'api_image_tag', { type: 'string' });
 * new K8sReadyApp(stack, 'Api', {
 *   name: 'api',
 *   image: { repository: 'ghcr.io/acme/api', tag: tag.stringValue },
 *   port: 8000,
 *   ingress: { hosts: ['api.example.com'] },
 *   variables: { LOG_LEVEL: 'info' },
 *   secrets: { DATABASE_URL: SecretValue.fromVariable(stack, 'database_url') },
 *   scaling: { minInstances: 2, maxInstances: 6 },
 *   metrics: {},
 *   // Releases: 5% for 10 minutes with health and 5xx analysis, then 100%.
 *   progressiveDelivery: {},
 * });
 * app.synth();
 */
export class K8sReadyApp extends Construct implements IK8sWorkload {
  /** True when `x` is a K8sReadyApp (works across copies of the library). */
  public static isK8sReadyApp(x: any): x is K8sReadyApp {
    return x !== null && typeof x === 'object' && K8S_READY_APP_SYMBOL in x;
  }

  /** True when `x` is an IK8sWorkload of the library: a K8sReadyApp or an imported one. */
  public static isK8sWorkload(x: any): x is IK8sWorkload {
    return isK8sWorkload(x);
  }

  /**
   * An app created in another stack or program (by this library), for alerts,
   * dashboards and `allowFrom`. Nothing is created.
   */
  public static fromWorkloadAttributes(scope: Construct, id: string, attrs: K8sWorkloadAttributes): IK8sWorkload {
    return importWorkload(scope, id, attrs);
  }

  /**
   * The `kubernetes_deployment_v1` (also `node.defaultChild`). With progressive
   * delivery it is the Rollout's pod template and runs no pods of its own.
   */
  public readonly resource: DeploymentV1;
  /** App name (Deployment, Service, HPA and Ingress name). */
  public readonly name: string;
  /** The namespace the app runs in. */
  public readonly namespace: AppNamespace;
  /** The platform conventions the app was wired to. */
  public readonly platform: IK8sPlatform;
  /** The environment the app belongs to. */
  public readonly environment: Environment;
  /** Image of the Deployment (the release a Rollout rolls out). */
  public readonly image: ContainerImage;
  /** Container port serving HTTP. */
  public readonly port: number;
  /** Container port Prometheus scrapes (undefined when not scraped). */
  public readonly metricsPort?: number;
  /** Path of the deep health check. */
  public readonly healthCheckPath: string;
  /** Replicas and targets of the HPA, with the defaults applied. */
  public readonly scaling: ScalingOptions;
  /** The HPA's latency metric. */
  public readonly latencyMetric: LatencyMetric;
  /** Hostnames of the Ingress (empty without one). */
  public readonly hosts: string[];
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
  /** The canary Service (progressive delivery with an Ingress; Argo Rollouts points it at the canary pods). */
  public readonly canaryService?: ServiceV1;
  /** The Argo `Rollout` (kubernetes_manifest; needs the Argo Rollouts CRDs at plan time). */
  public readonly rollout?: Manifest;
  /** The Argo `AnalysisTemplate` of the release analysis (kubernetes_manifest). */
  public readonly analysisTemplate?: Manifest;
  /** The PodMonitor (kubernetes_manifest; needs the Prometheus Operator CRDs at plan time). */
  public readonly podMonitor?: Manifest;

  private readonly settings: AppSettings;
  private readonly ingressRules: NetworkPolicyV1SpecIngress[] = [];
  private readonly egressRules: NetworkPolicyV1SpecEgress[] = defaultEgress();

  constructor(scope: Construct, id: string, props: K8sReadyAppProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, K8S_READY_APP_SYMBOL, { value: true });
    Object.defineProperty(this, K8S_WORKLOAD_SYMBOL, { value: true });
    const hooks: NetworkPolicyHooks = { addIngress: (rule) => this.addNetworkRule('ingress', rule), addEgress: (rule) => this.addNetworkRule('egress', rule) };
    Object.defineProperty(this, NETWORK_POLICY_HOOKS, { value: hooks });
    const env = environmentOf(this, (props as { environment?: unknown } | undefined)?.environment);
    this.environment = env;
    const s = resolveAppSettings(this, props, env);
    this.settings = s;
    this.name = s.name;
    this.image = s.image;
    this.port = s.port;
    this.metricsPort = s.metrics?.port;
    this.healthCheckPath = s.healthPath;
    this.scaling = s.scaling;
    this.latencyMetric = s.latency;
    this.hosts = s.ingress?.hosts ?? [];
    this.platform = s.platform;
    this.namespace = s.namespace ?? defaultNamespace(this, env);
    claimAppNames(this, this.namespace.name, s);

    const provider = ensureKubernetesProvider(this);
    const namespace = this.namespace.namespaceRef;
    const labels = appLabels(s.name, env.project, s.component);
    const exposure: ExposureInput = { provider, namespace, labels };

    this.serviceAccount = new ServiceAccountV1(this, 'ServiceAccount', {
      provider,
      metadata: { name: s.name, namespace, labels },
      automountServiceAccountToken: false,
      imagePullSecret: this.namespace.imagePullSecretName ? [{ name: this.namespace.imagePullSecretName }] : undefined,
    });

    const config = createAppConfig(this, { name: s.name, namespace, labels, provider, ...s.config });
    this.configMap = config.configMap;
    this.secret = config.secret;

    // With a Rollout, the Deployment is only its template: created with no pods (an
    // existing one keeps its pods until the Rollout's are ready, then Argo scales it to 0).
    this.resource = this.createDeployment('Resource', s.name, 'stable', s.imageRef, s.rollout ? 0 : s.scaling.minInstances, labels, config);
    // The HPA owns the replica count; Terraform sets only the initial one.
    this.resource.lifecycle = { ignoreChanges: ['spec[0].replicas'] };
    // Argo Rollouts narrows both Services to one ReplicaSet (its pod-template-hash
    // selector and managed-by annotation): Terraform leaves those fields to it.
    const argoOwned = { ignoreChanges: ['spec[0].selector', 'metadata[0].annotations'] };
    this.service = createClusterIpService(this, 'Service', exposure, s.name, s.rollout ? selectorLabels(s.name) : selectorLabels(s.name, 'stable'));
    if (s.rollout) this.service.lifecycle = argoOwned;

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

    if (s.rollout?.trafficRouting) {
      this.canaryService = createClusterIpService(this, 'CanaryService', exposure, `${s.name}${CANARY_SUFFIX}`, selectorLabels(s.name));
      this.canaryService.lifecycle = argoOwned;
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

    if (s.rollout) {
      const created = createAppRollout(this, {
        provider,
        name: s.name,
        namespace,
        labels,
        monitoringNamespace: this.platform.monitoringNamespace,
        settings: s.rollout,
        target: queryTargetOf(this),
        deployment: this.resource,
        service: this.service,
        canaryService: this.canaryService,
        ingress: this.ingress,
      });
      this.rollout = created.rollout;
      this.analysisTemplate = created.analysisTemplate;
    }

    this.autoscaler = createAutoscaler(this, 'Autoscaler', {
      provider,
      namespace,
      labels,
      deploymentName: this.resource.metadata.name,
      target: s.rollout ? { apiVersion: 'argoproj.io/v1alpha1', kind: 'Rollout' } : undefined,
      scaling: s.scaling,
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

  /** Namespace name, as a literal. */
  public get namespaceName(): string {
    return this.namespace.name;
  }

  /** Labels that select every pod of the app (stable and canary). */
  public get selectorLabels(): { [key: string]: string } {
    return selectorLabels(this.name);
  }

  /** Name of the stable Service. */
  public get serviceName(): string {
    return this.name;
  }

  /** Name of the Deployment (and of the HPA, the PDB and the Rollout). */
  public get deploymentName(): string {
    return this.name;
  }

  /** Name of the HorizontalPodAutoscaler. */
  public get autoscalerName(): string {
    return this.name;
  }

  /** Name of the canary Service, when releases are canaries that ingress-nginx sends traffic to. */
  public get canaryName(): string | undefined {
    return this.canaryService ? `${this.name}${CANARY_SUFFIX}` : undefined;
  }

  /** Name of the Argo Rollout, when the app releases with progressive delivery. */
  public get rolloutName(): string | undefined {
    return this.rollout ? this.name : undefined;
  }

  /**
   * Lets the pods of `other` call this app's HTTP port: adds the ingress rule to
   * this app's NetworkPolicy and, when `other` is a K8sReadyApp too, the egress
   * rule to its policy. `other` may run in another namespace.
   */
  public allowFrom(other: IK8sWorkload): AllowedTraffic {
    if (!isK8sWorkload(other)) {
      throw new ValidationError(this, 'other', other, 'an IK8sWorkload: a K8sReadyApp or K8sReadyApp.fromWorkloadAttributes(...)');
    }
    return allowTraffic(this, other);
  }

  private addNetworkRule(direction: 'ingress' | 'egress', rule: NetworkPolicyV1SpecIngress | NetworkPolicyV1SpecEgress): boolean {
    const rules: object[] = direction === 'ingress' ? this.ingressRules : this.egressRules;
    const key = JSON.stringify(rule);
    if (!rules.some((r) => JSON.stringify(r) === key)) rules.push(rule);
    this.renderNetworkPolicy();
    return true;
  }

  private renderNetworkPolicy(): void {
    if (this.ingressRules.length > 0) this.networkPolicy.spec.putIngress(this.ingressRules);
    this.networkPolicy.spec.putEgress(this.egressRules);
  }

  private createDeployment(id: string, name: string, track: string, image: string, replicas: number,
    labels: { [key: string]: string }, config: AppConfigWiring): DeploymentV1 {
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
          imagePullPolicy: s.imagePullPolicy,
          command: s.command,
          args: s.args,
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
  return stackSingleton(scope, 'DefaultNamespace', (stack, id) => new AppNamespace(stack, id, { environment: env }), (x): x is AppNamespace => AppNamespace.isAppNamespace(x));
}
