import { DnsRecord } from '@cdktf/provider-cloudflare/lib/dns-record';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { ZoneSetting } from '@cdktf/provider-cloudflare/lib/zone-setting';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { findingsOf, libraryStack, ruleIds, userStack } from './support';
import { Environment, K8sReadyApp, NetworkingModule } from '../../lib';

describe('Cloudflare rules', () => {
  test('a zone with an unproxied record and no hardening violates every Cloudflare rule', () => {
    const { stack, checks } = userStack();
    new CloudflareProvider(stack, 'cf', {});
    new DnsRecord(stack, 'Api', { zoneId: 'zone1', name: 'api.example.com', type: 'CNAME', content: 'api.onrender.com', ttl: 300, proxied: false });
    new ZoneSetting(stack, 'Ssl', { zoneId: 'zone1', settingId: 'ssl', value: 'flexible' as unknown as { [key: string]: any } }); // a dynamic attribute typed as a map
    expect(ruleIds(stack, checks)).toEqual(['LSS-CF-001', 'LSS-CF-002', 'LSS-CF-003', 'LSS-CF-004', 'LSS-CF-005', 'LSS-CF-006']);
    expect(findingsOf(stack, checks).find((f) => f.ruleId === 'LSS-CF-001')!.message).toBe('ssl is "flexible", not "strict"');
  });

  test('NetworkingModule passes every rule in both environments', () => {
    for (const env of [Environment.staging({ project: 'livestreamsell' }), Environment.production({ project: 'livestreamsell' })]) {
      const { stack, checks } = libraryStack(env);
      new NetworkingModule(stack, 'Networking', {
        zoneName: 'livestreamsell.ai',
        services: [{ serviceName: 'api', originHostname: 'api.onrender.com', publicHostname: `api-${env.name}.livestreamsell.ai`, healthCheckPath: '/health' }],
      });
      expect(ruleIds(stack, checks)).toEqual([]);
    }
  });
});

describe('Kubernetes rules', () => {
  test('a bare Deployment in the default namespace violates every workload rule', () => {
    const { stack, checks } = userStack();
    new KubernetesProvider(stack, 'k8s', {});
    new DeploymentV1(stack, 'Web', {
      metadata: { name: 'web' },
      spec: {
        selector: { matchLabels: { app: 'web' } },
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { container: [{ name: 'web', image: 'nginx:latest', securityContext: { privileged: true } }] },
        },
      },
    });
    expect(ruleIds(stack, checks)).toEqual(['LSS-K8S-001', 'LSS-K8S-002', 'LSS-K8S-003', 'LSS-K8S-004', 'LSS-K8S-005', 'LSS-K8S-006', 'LSS-K8S-007', 'LSS-K8S-008', 'LSS-K8S-009', 'LSS-K8S-010']);
    expect(findingsOf(stack, checks).find((f) => f.ruleId === 'LSS-K8S-010')!.message).toBe('container "web": image "nginx:latest" is not pinned');
  });

  test('K8sReadyApp passes every rule', () => {
    const { stack, checks } = libraryStack();
    new K8sReadyApp(stack, 'Api', { name: 'api', image: { repository: 'ghcr.io/livestreamsell/api', tag: '1.4.2' }, port: 8000, ingress: { hosts: ['api-staging.livestreamsell.ai'] } });
    expect(ruleIds(stack, checks)).toEqual([]);
  });
});
