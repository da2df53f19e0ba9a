import { NetworkPolicyV1SpecEgress, NetworkPolicyV1SpecIngress } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { Construct } from 'constructs';
import { fromPods, toPods } from './app-network';
import { APP_NAME_ALLOWED, APP_NAME_PATTERN, assertNamespaceName, CANARY_SUFFIX, selectorLabels } from './names';
import { defaultPlatform, isK8sPlatform, PLATFORM_ALLOWED } from './platform-defaults';
import { ValidationError } from '../../core/errors';
import { markLibraryConstruct } from '../../core/private/escape';
import { Input } from '../../core/private/input';
import { HOSTNAME_PATTERN } from '../../core/private/validation';
import { IK8sPlatform } from '../k8s-platform-attributes';
import { AllowedTraffic, IK8sWorkload, K8sWorkloadAttributes } from '../k8s-workload';

/** Marks IK8sWorkload implementations of the library (works across copies of the library). */
export const K8S_WORKLOAD_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.K8sWorkload');
/** Where a K8sReadyApp keeps the functions that add rules to its NetworkPolicy. */
export const NETWORK_POLICY_HOOKS = Symbol.for('@livestreamsell/cdktf-constructs.K8sWorkload.networkPolicy');

/** Adds rules to a workload's own NetworkPolicy (only K8sReadyApps of this program have one). */
export interface NetworkPolicyHooks {
  addIngress(rule: NetworkPolicyV1SpecIngress): boolean;
  addEgress(rule: NetworkPolicyV1SpecEgress): boolean;
}

/** True when `x` is an IK8sWorkload of the library. */
export function isK8sWorkload(x: unknown): x is IK8sWorkload {
  return x !== null && typeof x === 'object' && K8S_WORKLOAD_SYMBOL in (x as object);
}

/** What a workload prop accepts, for messages. */
export const WORKLOAD_ALLOWED = 'an IK8sWorkload: a K8sReadyApp, or K8sReadyApp.fromWorkloadAttributes(scope, id, { ... }) for one created elsewhere';

function hooksOf(w: IK8sWorkload): NetworkPolicyHooks | undefined {
  return (w as any)[NETWORK_POLICY_HOOKS];
}

/** "<namespace>/<name>". */
function qualified(w: IK8sWorkload): string {
  return `${w.namespaceName}/${w.name}`;
}

/**
 * Opens `target`'s HTTP port to the pods of `source`: the ingress rule on the
 * target's policy, the egress rule on the source's, each where it is a
 * K8sReadyApp of this program. Across namespaces both rules select the peer's
 * namespace by its immutable `kubernetes.io/metadata.name` label.
 */
export function allowTraffic(target: IK8sWorkload, source: IK8sWorkload): AllowedTraffic {
  const targetHooks = hooksOf(target);
  const sourceHooks = hooksOf(source);
  if (targetHooks === undefined && sourceHooks === undefined) {
    throw new ValidationError(target, 'other', `<${qualified(source)}>`, 'a K8sReadyApp of this program on at least one side: between two imported workloads there is no NetworkPolicy to change');
  }
  const sameNamespace = target.namespaceName === source.namespaceName;
  const ingressRuleAdded = targetHooks?.addIngress(fromPods(source.selectorLabels, target.port, sameNamespace ? undefined : source.namespaceName)) ?? false;
  const egressRuleAdded = sourceHooks?.addEgress(toPods(target.selectorLabels, target.port, sameNamespace ? undefined : target.namespaceName)) ?? false;
  return { from: qualified(source), to: qualified(target), port: target.port, ingressRuleAdded, egressRuleAdded };
}

/** An app created elsewhere: names only, no resources. */
class ImportedWorkload extends Construct implements IK8sWorkload {
  public readonly name: string;
  public readonly namespaceName: string;
  public readonly selectorLabels: { [key: string]: string };
  public readonly port: number;
  public readonly metricsPort?: number;
  public readonly serviceName: string;
  public readonly deploymentName: string;
  public readonly autoscalerName: string;
  public readonly hosts: string[];
  public readonly canaryName?: string;
  public readonly rolloutName?: string;
  public readonly platform: IK8sPlatform;

  constructor(scope: Construct, id: string, attrs: K8sWorkloadAttributes) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, K8S_WORKLOAD_SYMBOL, { value: true });
    const input = Input.of(this, attrs, '');
    this.name = input.requiredString('name', { pattern: APP_NAME_PATTERN, allowed: APP_NAME_ALLOWED });
    this.namespaceName = input.requiredString('namespaceName', { allowed: 'a namespace name' });
    assertNamespaceName(this, 'namespaceName', this.namespaceName);
    const port = input.integer('port', 1, 65535);
    if (port === undefined) throw new ValidationError(this, 'port', undefined, 'a whole number from 1 to 65535');
    this.port = port;
    this.metricsPort = input.integer('metricsPort', 1, 65535);
    this.hosts = input.stringList('hosts', { unique: true, pattern: HOSTNAME_PATTERN, allowed: 'a lowercase hostname such as "api.example.com"' }) ?? [];
    const progressive = input.boolean('progressiveDelivery') ?? false;
    this.platform = input.instance('platform', isK8sPlatform, PLATFORM_ALLOWED) ?? defaultPlatform();
    input.done();
    this.selectorLabels = selectorLabels(this.name);
    this.serviceName = this.name;
    this.deploymentName = this.name;
    this.autoscalerName = this.name;
    this.rolloutName = progressive ? this.name : undefined;
    this.canaryName = progressive && this.hosts.length > 0 ? `${this.name}${CANARY_SUFFIX}` : undefined;
  }

  public allowFrom(other: IK8sWorkload): AllowedTraffic {
    if (!isK8sWorkload(other)) throw new ValidationError(this, 'other', other, WORKLOAD_ALLOWED);
    return allowTraffic(this, other);
  }
}

/** `K8sReadyApp.fromWorkloadAttributes`. */
export function importWorkload(scope: Construct, id: string, attrs: K8sWorkloadAttributes): IK8sWorkload {
  return new ImportedWorkload(scope, id, attrs);
}
