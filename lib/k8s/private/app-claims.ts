import { IConstruct } from 'constructs';
import { AppSettings } from './app-settings';
import { claimName, inNamespace } from './claims';
import { CANARY_SUFFIX } from './names';

/**
 * The object names one app takes in its namespace, claimed so that a second app
 * (or an app named like another's canary or LoadBalancer) fails at synth.
 */
export function claimAppNames(app: IConstruct, namespace: string, s: AppSettings): void {
  const ns = inNamespace(namespace);
  const hint = (prop: string) => (prop === 'name' ? 'give one of the apps another "name" or "namespace"' : undefined);
  const claim = (prop: string, kind: string, name: string) => claimName(app, prop, ns, kind, name, { hint: hint(prop) });
  const canary = `${s.name}${CANARY_SUFFIX}`;
  claim('name', 'Deployment', s.name);
  claim('name', 'Service', s.name);
  claim('name', 'ServiceAccount', s.name);
  claim('name', 'HorizontalPodAutoscaler', s.name);
  claim('name', 'PodDisruptionBudget', s.name);
  claim('name', 'NetworkPolicy', s.name);
  if (s.metrics) claim('name', 'PodMonitor', s.name);
  if (Object.keys(s.config.variables).length + Object.keys(s.config.configFiles).length > 0) claim('name', 'ConfigMap', `${s.name}-config`);
  if (Object.keys(s.config.secrets).length + Object.keys(s.config.secretFiles).length > 0) claim('name', 'Secret', `${s.name}-secrets`);
  if (s.ingress) {
    claim('name', 'Ingress', s.name);
    claim('ingress.tlsSecretName', 'Secret', s.ingress.tlsSecretName);
  }
  if (s.rollout) {
    claim('name', 'Rollout', s.name);
    claim('name', 'AnalysisTemplate', s.name);
    if (s.rollout.trafficRouting) {
      claim('name', 'Service', canary);
      // Argo Rollouts creates the canary Ingress "<rollout>-<stable Ingress>-canary".
      claim('name', 'Ingress', `${s.name}-${s.name}${CANARY_SUFFIX}`);
    }
  }
  if (s.loadBalancer) claim('name', 'Service', `${s.name}-lb`);
}
