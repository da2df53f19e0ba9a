import { BadInput, staging } from './support';
import {
  AppNamespace, K8sReadyApp, K8sReadyAppProps,
} from '../../lib';

const k8s = (props: Partial<K8sReadyAppProps>): BadInput[1] => (app) => new K8sReadyApp(staging(app), 'Api', {
  name: 'api', image: 'ghcr.io/livestreamsell/api:1.4.2', port: 8000, ingress: { hosts: ['api-staging.livestreamsell.ai'] }, ...props,
} as K8sReadyAppProps);

export const K8S_BAD_INPUTS: BadInput[] = [
  // --- Kubernetes ---
  ['k8s: min replicas > max', k8s({ minReplicas: 5, maxReplicas: 2 }), '[staging/Api] invalid "minReplicas": got 5; expected a value no greater than "maxReplicas" (2)'],
  ['k8s: CPU target outside 1-100', k8s({ cpuTargetPercent: 101 }), '[staging/Api] invalid "cpuTargetPercent": got 101; expected a whole number from 1 to 100'],
  ['k8s: probe on a port the container does not expose', k8s({ healthCheck: { path: '/health', port: 9000 } }), '[staging/Api] invalid "healthCheck.port": got 9000; expected a port the container exposes (8000 "http")'],
  ['k8s: latest image', k8s({ image: 'ghcr.io/livestreamsell/api:latest' }), '[staging/Api] invalid "image": got "ghcr.io/livestreamsell/api:latest"; expected an image pinned by tag or digest'],
  ['k8s: untagged image', k8s({ image: 'ghcr.io/livestreamsell/api' }), '[staging/Api] invalid "image": got "ghcr.io/livestreamsell/api"; expected an image pinned by tag or digest'],
  ['k8s: canary weight 150', k8s({ canary: { imageTag: '1.5.0', weight: 150 } }), '[staging/Api] invalid "canary.weight": got 150; expected a whole number from 0 to 100'],
  ['k8s: namespace named default', (app) => new AppNamespace(staging(app), 'Ns', { name: 'default' }), '[staging/Ns] invalid "name": got "default"'],
  ['k8s: name not a DNS label', k8s({ name: 'Api_Service' }), '[staging/Api] invalid "name": got "Api_Service"; expected a DNS label (RFC 1035)'],
  ['k8s: Ingress with TLS but no host', k8s({ ingress: { hosts: [] } }), '[staging/Api] invalid "ingress.hosts": got []; expected at least one hostname: the Ingress always has TLS, and a certificate needs a host'],
];
