import { IConstruct } from 'constructs';
import { IK8sPlatform } from './k8s-platform-attributes';

/**
 * An application workload on Kubernetes as other constructs see it: the names
 * alerts, dashboards and NetworkPolicies select on. `K8sReadyApp` implements it;
 * `K8sReadyApp.fromWorkloadAttributes` describes an app created in another stack
 * or program (by this library, so the same naming conventions apply).
 */
export interface IK8sWorkload extends IConstruct {
  /** App name (`app.kubernetes.io/name`). */
  readonly name: string;
  /** Namespace the app runs in (a literal name). */
  readonly namespaceName: string;
  /** Labels that select every pod of the app (stable and canary). */
  readonly selectorLabels: { [key: string]: string };
  /** Container port serving HTTP (the one other apps call). */
  readonly port: number;
  /** Container port Prometheus scrapes, when the app is scraped. */
  readonly metricsPort?: number;
  /** Name of the ClusterIP Service of the stable track. */
  readonly serviceName: string;
  /** Name of the stable Deployment. */
  readonly deploymentName: string;
  /** Name of the HorizontalPodAutoscaler. */
  readonly autoscalerName: string;
  /** Hostnames of the Ingress (empty without one). */
  readonly hosts: string[];
  /** Name of the canary Service, when releases are canaries that ingress-nginx sends traffic to. */
  readonly canaryName?: string;
  /** Name of the Argo Rollout, when the app releases with progressive delivery. */
  readonly rolloutName?: string;
  /** The cluster platform the app was wired to. */
  readonly platform: IK8sPlatform;

  /**
   * Lets the pods of `other` call this app's HTTP port: adds the ingress rule to
   * this app's NetworkPolicy and the egress rule to `other`'s, on each side that
   * is a `K8sReadyApp` of this program (an imported workload's policy is changed
   * where that workload is defined). Namespaces may differ.
   */
  allowFrom(other: IK8sWorkload): AllowedTraffic;
}

/** What `allowFrom` opened. */
export interface AllowedTraffic {
  /** The calling workload, as "<namespace>/<name>". */
  readonly from: string;
  /** The called workload, as "<namespace>/<name>". */
  readonly to: string;
  /** The container port opened. */
  readonly port: number;
  /** True when the called workload's NetworkPolicy got the ingress rule (false when it is imported). */
  readonly ingressRuleAdded: boolean;
  /** True when the calling workload's NetworkPolicy got the egress rule (false when it is imported). */
  readonly egressRuleAdded: boolean;
}

/** An app created elsewhere, for `K8sReadyApp.fromWorkloadAttributes`. */
export interface K8sWorkloadAttributes {
  /** App name (the `name` it was created with). */
  readonly name: string;
  /** Namespace the app runs in. */
  readonly namespaceName: string;
  /** Container port serving HTTP. */
  readonly port: number;
  /**
   * Container port Prometheus scrapes.
   * @default - not scraped
   */
  readonly metricsPort?: number;
  /**
   * Hostnames of the app's Ingress.
   * @default - no Ingress
   */
  readonly hosts?: string[];
  /**
   * Whether the app releases with progressive delivery: an Argo Rollout named
   * like the app (and, with `hosts`, a canary Service "<name>-canary").
   * @default false
   */
  readonly progressiveDelivery?: boolean;
  /**
   * The platform the app was wired to.
   * @default - the defaults of `K8sPlatform`
   */
  readonly platform?: IK8sPlatform;
}
