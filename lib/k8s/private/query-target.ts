import { AppQueryTarget } from './promql';
import { IK8sWorkload } from '../k8s-workload';

/**
 * The query target of an app (names as literals, for PromQL). ingress-nginx
 * reports canary traffic under the stable Ingress's labels (the canary Ingress
 * Argo Rollouts creates is merged into the stable one), so the stable Ingress
 * name selects both tracks; the `canary` label tells them apart.
 */
export function queryTargetOf(app: IK8sWorkload): AppQueryTarget {
  return {
    namespace: app.namespaceName,
    app: app.name,
    deployments: [app.deploymentName],
    rollout: app.rolloutName,
    ingresses: app.hosts.length > 0 ? [app.name] : [],
    service: app.serviceName,
    canaryService: app.canaryName,
    hpa: app.autoscalerName,
  };
}
