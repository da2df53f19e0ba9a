import { AppNamespace, GrafanaDashboard, K8sReadyApp } from '../../../lib';
import { Template, environmentStack } from '../../support/template';
import { errorMessage } from '../support';

const image = { repository: 'ghcr.io/acme/api', tag: '1.0.0' };
const panels = [{ title: 'Up', queries: [{ expr: 'up' }] }];

describe('name collisions', () => {
  test('apps of one name in different namespaces, and dashboards with different uids, are fine', () => {
    const stack = environmentStack();
    new K8sReadyApp(stack, 'ShopApi', { name: 'api', namespace: new AppNamespace(stack, 'Shop', { name: 'shop' }), image, port: 8000, ingress: { hosts: ['shop.example.com'] } });
    new K8sReadyApp(stack, 'BlogApi', { name: 'api', namespace: new AppNamespace(stack, 'Blog', { name: 'blog' }), image, port: 8000, ingress: { hosts: ['blog.example.com'] } });
    new GrafanaDashboard(stack, 'A', { title: 'A', panels });
    new GrafanaDashboard(stack, 'B', { title: 'B', panels });
    expect(Template.of(stack).count('kubernetes_deployment_v1')).toBe(2);
  });

  test('fail at synth, naming both constructs, before anything is written', () => {
    const stack = environmentStack();
    new K8sReadyApp(stack, 'Api', { name: 'api', image, port: 8000, loadBalancer: { sourceRanges: ['10.0.0.0/8'] }, ingress: { hosts: ['api.example.com'] } });
    new K8sReadyApp(stack, 'Lb', { name: 'api-lb', image, port: 8000, ingress: { hosts: ['lb.example.com'] } });
    expect(errorMessage(() => Template.of(stack))).toBe([
      'Validation failed with the following errors:',
      '  [test/Lb] invalid "name": got "api-lb"; expected a Service name not already used in namespace "livestreamsell-staging": test/Api (its "name") already creates the Service "api-lb" there; give one of the apps another "name" or "namespace"',
      '',
    ].join('\n'));
  });

  test('catch one app reusing its own Secret name for the certificate', () => {
    const stack = environmentStack();
    new K8sReadyApp(stack, 'Api', { name: 'api', image, port: 8000, variables: { A: 'b' }, ingress: { hosts: ['api.example.com'], tlsSecretName: 'api-config' }, configFiles: {} });
    new K8sReadyApp(stack, 'Web', { name: 'web', image, port: 3000, secrets: {}, ingress: { hosts: ['web.example.com'], tlsSecretName: 'registry-pull' } });
    expect(errorMessage(() => Template.of(stack))).toContain(
      '[test/Web] invalid "ingress.tlsSecretName": got "registry-pull"; expected a Secret name not already used in namespace "livestreamsell-staging": test/DefaultNamespace (its "imagePullSecret") already creates the Secret "registry-pull" there',
    );
  });
});
