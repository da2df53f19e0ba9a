import { IngressV1, IngressV1SpecRule } from '@cdktf/provider-kubernetes/lib/ingress-v1';
import { NetworkPolicyV1SpecEgress, NetworkPolicyV1SpecIngress } from '@cdktf/provider-kubernetes/lib/network-policy-v1';
import { ServiceV1 } from '@cdktf/provider-kubernetes/lib/service-v1';
import { TerraformProvider } from 'cdktf';
import { Construct } from 'constructs';

/** Port of the ClusterIP Services (the Ingress and other apps call it). */
export const SERVICE_PORT = 80;

/**
 * Name of the Service port the Ingresses send traffic to. ingress-nginx names each
 * upstream `<namespace>-<service>-<this port>`, which is how its metrics name the
 * canary (see `trackSelector` in promql.ts).
 */
export const INGRESS_BACKEND_PORT_NAME = 'http';

/** Ranges that the default egress rule keeps pods away from: cluster, VPC, link-local (cloud metadata), CGNAT. */
export const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '169.254.0.0/16', '100.64.0.0/10'];

/** Common inputs of the app's Services and Ingresses. */
export interface ExposureInput {
  readonly provider: TerraformProvider;
  readonly namespace: string;
  readonly labels: { [key: string]: string };
}

/** A ClusterIP Service to the pods of one track, port 80 to the container's "http" port. */
export function createClusterIpService(scope: Construct, id: string, input: ExposureInput, name: string,
  selector: { [key: string]: string }): ServiceV1 {
  return new ServiceV1(scope, id, {
    provider: input.provider,
    metadata: { name, namespace: input.namespace, labels: input.labels },
    spec: {
      type: 'ClusterIP',
      selector,
      port: [{ name: 'http', port: SERVICE_PORT, targetPort: 'http', protocol: 'TCP', appProtocol: 'http' }],
    },
  });
}

/** Inputs of `createIngress`. */
export interface IngressInput extends ExposureInput {
  readonly name: string;
  readonly serviceName: string;
  readonly ingressClassName: string;
  readonly hosts: string[];
  readonly paths: string[];
  readonly tlsSecretName: string;
  readonly annotations: { [key: string]: string };
}

/**
 * An ingress-nginx Ingress with TLS for every host and HTTP redirected to HTTPS.
 * The stable Ingress carries the cert-manager annotation; the canary one reuses
 * the same certificate Secret without it, so cert-manager manages one
 * Certificate per host set instead of two fighting over one Secret.
 */
export function createIngress(scope: Construct, id: string, input: IngressInput): IngressV1 {
  const rule: IngressV1SpecRule[] = input.hosts.map((host) => ({
    host,
    http: {
      path: input.paths.map((path) => ({
        path,
        pathType: 'Prefix',
        backend: { service: { name: input.serviceName, port: { name: INGRESS_BACKEND_PORT_NAME } } },
      })),
    },
  }));
  return new IngressV1(scope, id, {
    provider: input.provider,
    metadata: {
      name: input.name,
      namespace: input.namespace,
      labels: input.labels,
      annotations: {
        'nginx.ingress.kubernetes.io/ssl-redirect': 'true',
        'nginx.ingress.kubernetes.io/force-ssl-redirect': 'true',
        ...input.annotations,
      },
    },
    spec: {
      ingressClassName: input.ingressClassName,
      tls: [{ hosts: input.hosts, secretName: input.tlsSecretName }],
      rule,
    },
  });
}

/** Ingress rule: from every pod of a namespace (by its immutable name label) to a port. */
export function fromNamespace(namespace: string, port: number): NetworkPolicyV1SpecIngress {
  return {
    from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } }],
    ports: [{ port: String(port), protocol: 'TCP' }],
  };
}

/** Peer selector of pods with the given labels, in the policy's namespace or in `namespace`. */
function podPeer(labels: { [key: string]: string }, namespace?: string) {
  return namespace === undefined
    ? { podSelector: { matchLabels: labels } }
    : { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } }, podSelector: { matchLabels: labels } };
}

/** Ingress rule: from pods with the given labels (in the same namespace, or in `namespace`) to a port. */
export function fromPods(labels: { [key: string]: string }, port: number, namespace?: string): NetworkPolicyV1SpecIngress {
  return { from: [podPeer(labels, namespace)], ports: [{ port: String(port), protocol: 'TCP' }] };
}

/** Ingress rule: from CIDR blocks to a port (LoadBalancer sources). */
export function fromCidrs(cidrs: string[], port: number): NetworkPolicyV1SpecIngress {
  return { from: cidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: [{ port: String(port), protocol: 'TCP' }] };
}

/** Egress rule: to pods with the given labels (in the same namespace, or in `namespace`) on a port. */
export function toPods(labels: { [key: string]: string }, port: number, namespace?: string): NetworkPolicyV1SpecEgress {
  return { to: [podPeer(labels, namespace)], ports: [{ port: String(port), protocol: 'TCP' }] };
}

/**
 * Default egress: cluster DNS, and the public internet (managed databases,
 * third-party APIs, webhooks) but no private range, so a compromised pod cannot reach other
 * workloads, the VPC or the cloud metadata endpoint unless allowed explicitly.
 */
export function defaultEgress(): NetworkPolicyV1SpecEgress[] {
  return [
    {
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
      ports: [{ port: '53', protocol: 'UDP' }, { port: '53', protocol: 'TCP' }],
    },
    { to: [{ ipBlock: { cidr: '0.0.0.0/0', except: PRIVATE_RANGES } }] },
  ];
}
