import { Construct } from 'constructs';
import { AcmeClusterIssuer, EnvironmentStack, K8sPlatform, K8sReadyApp } from '../lib';
import { AppConfig, environmentFromConfig, hostsFromConfig } from './config';
import { addLiveStreamSellApps } from './kubernetes-apps';

/**
 * The cluster platform of the Kubernetes-ready path (PRD 11.5): ingress-nginx,
 * cert-manager, kube-prometheus-stack and prometheus-adapter as pinned Helm
 * releases. Applied first: it installs the CRDs the apps stack uses.
 */
export class KubernetesPlatformStack extends EnvironmentStack {
  public readonly platform: K8sPlatform;

  constructor(scope: Construct, id: string, config: AppConfig) {
    super(scope, id, { environment: environmentFromConfig(config, 'production'), awsProvider: false });
    // The API and the AI worker expose these histograms; the adapter serves their p95 to the HPAs.
    this.platform = new K8sPlatform(this, 'Platform', { latencyHistograms: ['http_request_duration_seconds', 'ai_inference_duration_seconds'] });
  }
}

/**
 * The Kubernetes-ready path of the PRD (11.5): the same application on an existing
 * cluster (kubeconfig path and context are variables), kept ready for a move off
 * Render. Depends on the platform stack, whose CRDs its ClusterIssuer,
 * PodMonitors and PrometheusRules need at plan time.
 */
export class KubernetesStack extends EnvironmentStack {
  public readonly apps: K8sReadyApp[];

  constructor(scope: Construct, id: string, config: AppConfig, platformStack: KubernetesPlatformStack) {
    super(scope, id, {
      environment: environmentFromConfig(config, 'production'),
      awsProvider: false,
    });
    this.addDependency(platformStack);
    // Only plain names cross from the platform stack: no cross-stack outputs.
    const installed = platformStack.platform;
    const platform = K8sPlatform.fromPlatformAttributes(this, 'Platform', {
      ingressClassName: installed.ingressClassName,
      ingressNamespace: installed.ingressNamespace,
      monitoringNamespace: installed.monitoringNamespace,
      clusterIssuerName: installed.clusterIssuerName,
      latencyHistograms: installed.latencyHistograms,
    });
    new AcmeClusterIssuer(this, 'Issuer', { platform });
    this.apps = addLiveStreamSellApps(this, this.environment, hostsFromConfig(config, 'production'), platform);
  }
}
