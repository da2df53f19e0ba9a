import { Construct } from 'constructs';
import { AppNamespace, Environment, EnvironmentStack, K8sReadyApp, RenderCompute, RenderRegistry, RenderWebServiceOptions } from '../lib';

/**
 * A generated extra stack for `npm run bench`: `count` more services, each a Render web
 * service plus a Kubernetes app (about 10 resources), to measure the marginal synth
 * cost of a service (goal: 50 more services cost at most 0.5 s of CPU). Only built when
 * LSS_BENCH_EXTRA_SERVICES is set; never part of the real app.
 */
export function addBenchServices(scope: Construct, count: number): EnvironmentStack {
  const stack = new EnvironmentStack(scope, 'bench-extra', {
    environment: new Environment({ name: 'bench', project: 'bench', production: false }),
  });
  const webServices: { [id: string]: RenderWebServiceOptions } = {};
  for (let i = 0; i < count; i++) {
    webServices[`Service${i}`] = {
      image: { repository: `ghcr.io/bench/service-${i}`, tag: '1.0.0' },
      healthCheckPath: '/health',
      port: 8000,
      customDomain: `service-${i}.bench.example.com`,
      variables: { SERVICE_INDEX: String(i) },
    };
  }
  new RenderCompute(stack, 'Compute', { webServices, registryCredential: { registry: RenderRegistry.GITHUB } });
  const namespace = new AppNamespace(stack, 'Namespace', { name: 'bench' });
  for (let i = 0; i < count; i++) {
    new K8sReadyApp(stack, `App${i}`, {
      name: `service-${i}`,
      namespace,
      image: { repository: `ghcr.io/bench/service-${i}`, tag: '1.0.0' },
      port: 8000,
      ingress: { hosts: [`service-${i}.bench.example.com`] },
    });
  }
  return stack;
}
