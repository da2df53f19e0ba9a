import { AppQueryTarget } from './promql';
import { IK8sWorkload } from '../k8s-workload';

/** The query target of an app (names as literals, for PromQL). */
export function queryTargetOf(app: IK8sWorkload): AppQueryTarget {
  const canary = app.canaryName;
  return {
    namespace: app.namespaceName,
    app: app.name,
    deployments: canary ? [app.deploymentName, canary] : [app.deploymentName],
    ingresses: app.hosts.length > 0 ? (canary ? [app.name, canary] : [app.name]) : [],
    service: app.serviceName,
    canaryService: canary,
    hpa: app.autoscalerName,
  };
}
