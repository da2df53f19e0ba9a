import { DnsRecord } from '@cdktf/provider-cloudflare/lib/dns-record';
import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { Ruleset } from '@cdktf/provider-cloudflare/lib/ruleset';
import { ZoneSetting } from '@cdktf/provider-cloudflare/lib/zone-setting';
import { DeploymentV1 } from '@cdktf/provider-kubernetes/lib/deployment-v1';
import { KubernetesProvider } from '@cdktf/provider-kubernetes/lib/provider';
import { Password } from '@cdktf/provider-random/lib/password';
import { findingsOf, libraryStack, ruleIds, userStack } from './support';
import { CloudflareEdge, Environment, K8sReadyApp, NetworkingModule } from '../../lib';

describe('Cloudflare rules', () => {
  test('a zone with an unproxied record and no hardening violates every Cloudflare rule', () => {
    const { stack, checks } = userStack();
    new CloudflareProvider(stack, 'cf', {});
    new DnsRecord(stack, 'Api', { zoneId: 'zone1', name: 'api.example.com', type: 'CNAME', content: 'api.onrender.com', ttl: 300, proxied: false });
    new ZoneSetting(stack, 'Ssl', { zoneId: 'zone1', settingId: 'ssl', value: 'flexible' as unknown as { [key: string]: any } }); // a dynamic attribute typed as a map
    expect(ruleIds(stack, checks)).toEqual(['LSS-CF-001', 'LSS-CF-002', 'LSS-CF-003', 'LSS-CF-004', 'LSS-CF-005', 'LSS-CF-006']);
    expect(findingsOf(stack, checks).find((f) => f.ruleId === 'LSS-CF-001')!.message).toBe('ssl is "flexible", not "strict"');
  });

  test('LSS-CF-007: proxied records without an origin lock are bypassable (a warning); a header transform rule passes', () => {
    const bare = userStack();
    new CloudflareProvider(bare.stack, 'cf', {});
    new DnsRecord(bare.stack, 'Api', { zoneId: 'zone1', name: 'api.example.com', type: 'CNAME', content: 'api.onrender.com', ttl: 1, proxied: true });
    const finding = findingsOf(bare.stack, bare.checks).find((f) => f.ruleId === 'LSS-CF-007')!;
    expect(finding).toMatchObject({ level: 'warning', address: 'zone zone1', message: 'proxied records (api.example.com) reach their origins without a secret header: requests to an origin\'s own hostname skip the WAF and rate limits' });

    const locked = userStack();
    new CloudflareProvider(locked.stack, 'cf', {});
    new DnsRecord(locked.stack, 'Api', { zoneId: 'zone1', name: 'api.example.com', type: 'CNAME', content: 'api.onrender.com', ttl: 1, proxied: true });
    const secret = new Password(locked.stack, 'Secret', { length: 64, special: false });
    new Ruleset(locked.stack, 'Lock', {
      zoneId: 'zone1',
      kind: 'zone',
      phase: 'http_request_late_transform',
      name: 'lock',
      rules: [{ ref: 'lock', expression: 'true', action: 'rewrite', actionParameters: { headers: { 'x-origin-verify': { operation: 'set', value: secret.result } } }, enabled: true }],
    });
    expect(ruleIds(locked.stack, locked.checks)).not.toContain('LSS-CF-007');
  });

  test('LSS-CF-007: a CloudflareEdge with originLock off is reported, with it on (the default) it is not', () => {
    const off = libraryStack();
    new CloudflareEdge(off.stack, 'Edge', { zoneName: 'example.com', originLock: { enabled: false } }).addService({ serviceName: 'api', originHostname: 'api.onrender.com', publicHostname: 'api.example.com', healthCheckPath: '/health' });
    expect(ruleIds(off.stack, off.checks)).toEqual(['LSS-CF-007']);
    const on = libraryStack();
    new CloudflareEdge(on.stack, 'Edge', { zoneName: 'example.com' }).addService({ serviceName: 'api', originHostname: 'api.onrender.com', publicHostname: 'api.example.com', healthCheckPath: '/health' });
    expect(ruleIds(on.stack, on.checks)).toEqual([]);
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
