import { AppNamespace, K8sReadyApp } from '../../../lib';
import { Template, environmentStack } from '../../support/template';
import { errorMessage } from '../support';

const image = (name: string) => ({ repository: `ghcr.io/acme/${name}`, tag: '1.0.0' });
const policy = (t: Template, name: string) => t.resourceList('kubernetes_network_policy_v1').find((p) => p.metadata.name === name);

describe('allowFrom', () => {
  test('opens this app to another app of the namespace in both NetworkPolicies, once', () => {
    const stack = environmentStack();
    const api = new K8sReadyApp(stack, 'Api', { name: 'api', image: image('api'), port: 8000, ingress: { hosts: ['api.example.com'] } });
    const web = new K8sReadyApp(stack, 'Web', { name: 'web', image: image('web'), port: 3000, ingress: { hosts: ['app.example.com'] } });
    const result = api.allowFrom(web);
    api.allowFrom(web);
    const t = Template.of(stack);
    expect(result).toEqual({ from: 'livestreamsell-staging/web', to: 'livestreamsell-staging/api', port: 8000, ingressRuleAdded: true, egressRuleAdded: true });
    const rule = { from: [{ pod_selector: { match_labels: { 'app.kubernetes.io/name': 'web' } } }], ports: [{ port: '8000', protocol: 'TCP' }] };
    expect(policy(t, 'api').spec.ingress.filter((r: any) => JSON.stringify(r) === JSON.stringify(rule))).toHaveLength(1);
    expect(policy(t, 'web').spec.egress).toContainEqual({ to: [{ pod_selector: { match_labels: { 'app.kubernetes.io/name': 'api' } } }], ports: [{ port: '8000', protocol: 'TCP' }] });
    expect(t.count('kubernetes_namespace_v1')).toBe(1);
  });

  test('selects the peer namespace when the apps live in different ones', () => {
    const stack = environmentStack();
    const api = new K8sReadyApp(stack, 'Api', { name: 'api', namespace: new AppNamespace(stack, 'Backend', { name: 'backend' }), image: image('api'), port: 8000, ingress: { hosts: ['api.example.com'] } });
    const web = new K8sReadyApp(stack, 'Web', { name: 'web', namespace: new AppNamespace(stack, 'Frontend', { name: 'frontend' }), image: image('web'), port: 3000, ingress: { hosts: ['app.example.com'] } });
    api.allowFrom(web);
    const t = Template.of(stack);
    expect(policy(t, 'api').spec.ingress).toContainEqual({
      from: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'frontend' } }, pod_selector: { match_labels: { 'app.kubernetes.io/name': 'web' } } }],
      ports: [{ port: '8000', protocol: 'TCP' }],
    });
    expect(policy(t, 'web').spec.egress).toContainEqual({
      to: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'backend' } }, pod_selector: { match_labels: { 'app.kubernetes.io/name': 'api' } } }],
      ports: [{ port: '8000', protocol: 'TCP' }],
    });
  });

  test('with an imported workload, changes the side that is defined here', () => {
    const stack = environmentStack();
    const api = new K8sReadyApp(stack, 'Api', { name: 'api', image: image('api'), port: 8000, ingress: { hosts: ['api.example.com'] } });
    const billing = K8sReadyApp.fromWorkloadAttributes(stack, 'Billing', { name: 'billing', namespaceName: 'billing', port: 9000 });
    expect(api.allowFrom(billing)).toMatchObject({ ingressRuleAdded: true, egressRuleAdded: false });
    expect(billing.allowFrom(api)).toEqual({ from: 'livestreamsell-staging/api', to: 'billing/billing', port: 9000, ingressRuleAdded: false, egressRuleAdded: true });
    const t = Template.of(stack);
    expect(policy(t, 'api').spec.egress).toContainEqual({
      to: [{ namespace_selector: { match_labels: { 'kubernetes.io/metadata.name': 'billing' } }, pod_selector: { match_labels: { 'app.kubernetes.io/name': 'billing' } } }],
      ports: [{ port: '9000', protocol: 'TCP' }],
    });
  });
});

describe('K8sReadyApp.fromWorkloadAttributes', () => {
  test('derives the names the library gives an app', () => {
    const stack = environmentStack();
    const w = K8sReadyApp.fromWorkloadAttributes(stack, 'Api', { name: 'api', namespaceName: 'shop', port: 8000, metricsPort: 9100, hosts: ['api.example.com'], progressiveDelivery: true });
    expect({ ...w.selectorLabels }).toEqual({ 'app.kubernetes.io/name': 'api' });
    expect([w.serviceName, w.deploymentName, w.autoscalerName, w.canaryName, w.rolloutName, w.metricsPort, w.platform.ingressClassName]).toEqual(['api', 'api', 'api', 'api-canary', 'api', 9100, 'nginx']);
    const worker = K8sReadyApp.fromWorkloadAttributes(stack, 'Worker', { name: 'worker', namespaceName: 'shop', port: 8001, progressiveDelivery: true });
    expect([worker.canaryName, worker.rolloutName]).toEqual([undefined, 'worker']);
    expect([K8sReadyApp.isK8sWorkload(w), K8sReadyApp.isK8sReadyApp(w)]).toEqual([true, false]);
    expect(Template.of(stack).json.resource).toBeUndefined();
  });

  test('checks its attributes through the input layer', () => {
    const stack = environmentStack();
    expect(errorMessage(() => K8sReadyApp.fromWorkloadAttributes(stack, 'Api', { name: 'api', namespaceName: 'kube-system', port: 8000 }))).toBe(
      '[test/Api] invalid "namespaceName": got "kube-system"; expected a dedicated namespace: never "default" or a "kube-*" system namespace',
    );
    expect(errorMessage(() => K8sReadyApp.fromWorkloadAttributes(stack, 'Web', { name: 'web', namespaceName: 'shop', port: 8000, host: 'x' } as any))).toBe(
      '[test/Web] invalid "host": got "x"; expected no such property: the properties here are "hosts", "metricsPort", "name", "namespaceName", "platform", "port", "progressiveDelivery"',
    );
  });
});
