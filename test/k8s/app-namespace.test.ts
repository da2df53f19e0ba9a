import { HelmProvider } from '@cdktf/provider-helm/lib/provider';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { errorMessage } from './support';
import { AppNamespace, PodSecurityLevel, SecretValue } from '../../lib';
import { ensureHelmProvider } from '../../lib/k8s/private/providers';
import { Template, environmentStack } from '../support/template';

describe('AppNamespace', () => {
  test('enforces Pod Security restricted, denies all traffic by default and adds the GHCR pull secret', () => {
    const stack = environmentStack();
    const ns = new AppNamespace(stack, 'Ns');
    const t = Template.of(stack);
    expect(ns.name).toBe('livestreamsell-staging');
    expect(t.only('kubernetes_namespace_v1').metadata.labels).toMatchObject({
      'pod-security.kubernetes.io/enforce': 'restricted',
      'pod-security.kubernetes.io/audit': 'restricted',
      'pod-security.kubernetes.io/warn': 'restricted',
      'environment': 'staging',
    });
    expect(t.only('kubernetes_network_policy_v1')).toMatchObject({ metadata: { name: 'default-deny-all' }, spec: { pod_selector: {}, policy_types: ['Ingress', 'Egress'] } });
    const pull = t.only('kubernetes_secret_v1');
    expect(pull.type).toBe('kubernetes.io/dockerconfigjson');
    expect(pull.data['.dockerconfigjson']).toBe(
      '${jsonencode({"auths" = {"ghcr.io" = {"username" = var.ghcr_username, "password" = var.ghcr_token, "auth" = base64encode(join(":", [var.ghcr_username, var.ghcr_token]))}}})}',
    );
    expect(t.json.variable.ghcr_token).toMatchObject({ sensitive: true, type: 'string' });
    expect(t.json.variable.ghcr_username.sensitive).toBeUndefined();
  });

  test('takes custom registry credentials and can skip the pull secret', () => {
    const stack = environmentStack();
    new AppNamespace(stack, 'Private', { name: 'shop', registry: { server: 'registry.example.com', username: 'bot', token: SecretValue.fromVariable(stack, 'reg_token') } });
    new AppNamespace(stack, 'Public', { name: 'public', imagePullSecret: false });
    const t = Template.of(stack);
    expect(t.count('kubernetes_secret_v1')).toBe(1);
    expect(t.only('kubernetes_secret_v1').data['.dockerconfigjson']).toContain('"registry.example.com" = {"username" = "bot", "password" = var.reg_token');
  });

  test.each(['default', 'kube-system', 'kube-anything'])('refuses the namespace %s', (name) => {
    const stack = environmentStack();
    expect(errorMessage(() => new AppNamespace(stack, 'Ns', { name }))).toBe(`[test/Ns] invalid "name": got "${name}"; expected a dedicated namespace: never "default" or a "kube-*" system namespace`);
  });

  test('refuses a namespace that is not a DNS label', () => {
    const stack = environmentStack();
    expect(errorMessage(() => new AppNamespace(stack, 'Ns', { name: 'Live_Stream' }))).toBe(
      '[test/Ns] invalid "name": got "Live_Stream"; expected a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit',
    );
  });

  test('takes the baseline Pod Security level, and never a privileged one', () => {
    const stack = environmentStack();
    new AppNamespace(stack, 'Ns', { podSecurityLevel: PodSecurityLevel.BASELINE });
    expect(Template.of(stack).only('kubernetes_namespace_v1').metadata.labels).toMatchObject({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/warn': 'restricted' });
    expect(Object.keys(PodSecurityLevel)).not.toContain('PRIVILEGED');
    expect(errorMessage(() => new AppNamespace(environmentStack(), 'Ns', { podSecurityLevel: 'privileged' as any }))).toBe(
      '[test/Ns] invalid "podSecurityLevel": got "privileged"; expected a PodSecurityLevel: PodSecurityLevel.RESTRICTED or PodSecurityLevel.BASELINE',
    );
  });

  test('adds labels, escaped like every literal, and refuses the ones it sets itself', () => {
    const stack = environmentStack();
    new AppNamespace(stack, 'Ns', { name: 'shop', labels: { 'team': 'payments', 'example.com/cost-center': 'cc-42' } });
    expect(Template.of(stack).only('kubernetes_namespace_v1').metadata.labels).toMatchObject({ 'team': 'payments', 'example.com/cost-center': 'cc-42', 'environment': 'staging' });
    expect(errorMessage(() => new AppNamespace(environmentStack(), 'Ns', { labels: { environment: 'prod' } }))).toBe(
      '[test/Ns] invalid "labels.environment": got "prod"; expected a label the namespace does not set itself (set "podSecurityLevel" for Pod Security, the environment for the others)',
    );
  });

  test('refuses registry credentials it would not use', () => {
    const stack = environmentStack();
    expect(errorMessage(() => new AppNamespace(stack, 'Ns', { imagePullSecret: false, registry: { username: 'bot', token: SecretValue.fromVariable(stack, 't') } }))).toBe(
      '[test/Ns] invalid "registry": got "<registry>"; expected no registry with "imagePullSecret: false": the credentials would not be used',
    );
  });

  test('is recognized by a Symbol.for brand', () => {
    const stack = environmentStack();
    expect([AppNamespace.isAppNamespace(new AppNamespace(stack, 'Ns')), AppNamespace.isAppNamespace({ name: 'x' })]).toEqual([true, false]);
  });

  test('keeps a kubernetes provider the stack declared first', () => {
    const stack = environmentStack();
    new KubernetesProvider(stack, 'kubernetes', { configPath: '/etc/kubeconfig', configContext: 'eks' });
    new AppNamespace(stack, 'Ns');
    const t = Template.of(stack);
    expect(t.json.provider.kubernetes).toEqual([{ config_path: '/etc/kubeconfig', config_context: 'eks' }]);
    expect(t.json.variable.kube_context).toBeUndefined();
  });

  test('configures the helm provider (v3 shape) from the same variables', () => {
    const stack = environmentStack();
    const helm = ensureHelmProvider(stack);
    expect(helm).toBeInstanceOf(HelmProvider);
    expect(ensureHelmProvider(stack)).toBe(helm);
    const t = Template.of(stack);
    expect(t.json.provider.helm).toEqual([{ kubernetes: { config_path: '${var.kubeconfig_path}', config_context: '${var.kube_context}' } }]);
  });
});
