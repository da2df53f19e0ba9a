import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { IngressV1 } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import { Manifest } from '@cdktf/provider-kubernetes/lib/manifest';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';
import { selectorLabels } from './names';
import { PROMETHEUS_SERVICE } from './platform-values';
import { AppQueryTarget } from './promql';
import { analysisMetrics } from './rollout-analysis';
import { analysisTemplateManifest, rolloutManifest } from './rollout-manifests';
import { RolloutSettings } from './rollout-settings';

/** What an app's Rollout is built from. */
export interface AppRolloutInput {
  readonly provider: TerraformProvider;
  readonly name: string;
  readonly namespace: string;
  readonly labels: { [key: string]: string };
  readonly monitoringNamespace: string;
  readonly settings: RolloutSettings;
  readonly target: AppQueryTarget;
  readonly deployment: DeploymentV1;
  readonly service: ServiceV1;
  readonly canaryService?: ServiceV1;
  readonly ingress?: IngressV1;
}

/**
 * The `AnalysisTemplate` (id `Analysis`) and the `Rollout` (id `Rollout`) of an
 * app with progressive delivery, both named like the app. The Rollout is created
 * after the objects Argo Rollouts looks up by name (the Deployment, the template,
 * the Services and the stable Ingress).
 */
export function createAppRollout(scope: Construct, o: AppRolloutInput): { rollout: Manifest; analysisTemplate: Manifest } {
  const analysisTemplate = new Manifest(scope, 'Analysis', {
    provider: o.provider,
    manifest: analysisTemplateManifest({
      name: o.name,
      namespace: o.namespace,
      labels: o.labels,
      prometheusAddress: `http://${PROMETHEUS_SERVICE}.${o.monitoringNamespace}.svc:9090`,
      intervalSeconds: o.settings.intervalSeconds,
      metrics: analysisMetrics({ ...o.target, rollout: o.name }, o.settings.metrics),
    }),
  });
  const traffic = o.canaryService && o.ingress ? { stableService: o.name, canaryService: o.target.canaryService!, stableIngress: o.name } : undefined;
  const rollout = new Manifest(scope, 'Rollout', {
    provider: o.provider,
    manifest: rolloutManifest({
      name: o.name,
      namespace: o.namespace,
      labels: o.labels,
      selector: selectorLabels(o.name),
      deploymentName: o.name,
      settings: o.settings,
      traffic,
      analysisTemplate: o.name,
    }),
    dependsOn: [o.deployment, analysisTemplate, o.service, ...(o.canaryService ? [o.canaryService] : []), ...(o.ingress ? [o.ingress] : [])],
  });
  return { rollout, analysisTemplate };
}
