import './fast-synth';
import { App, Aspects, TerraformStack } from 'cdktf';
import { SecurityChecks } from '../lib';
import { addBenchServices } from './bench-extra';
import { BootstrapStack } from './bootstrap-stack';
import { loadConfig } from './config';
import { DevelopmentStack } from './development-stack';
import { KubernetesPlatformStack, KubernetesStack } from './kubernetes-stack';
import { LiveStreamSellStack } from './livestreamsell-stack';
import { addWorkspaceObservability } from './observability';
import { RENDER_PROJECT_STACK_ID, RenderProjectStack } from './render-compute';
import { synthWithReport } from './synth-report';

/**
 * The LiveStreamSell AI infrastructure app. `cdktf synth` (or `npm run synth`)
 * writes one Terraform configuration per stack to cdktf.out/stacks/.
 */
export function buildApp(app: App = new App()): App {
  const config = loadConfig();
  new BootstrapStack(app, 'bootstrap', config);
  // The Render project shared by both environments (apply it before them).
  const renderProjectStack = new RenderProjectStack(app, RENDER_PROJECT_STACK_ID, config);
  // Render's notification settings and streams and the Grafana alert routing exist once per workspace.
  addWorkspaceObservability(renderProjectStack);
  const renderProject = renderProjectStack.project;
  new LiveStreamSellStack(app, 'staging', config, 'staging', renderProject);
  new LiveStreamSellStack(app, 'production', config, 'production', renderProject);
  new DevelopmentStack(app, 'development', config);
  const kubernetesPlatform = new KubernetesPlatformStack(app, 'kubernetes-platform', config);
  new KubernetesStack(app, 'kubernetes', config, kubernetesPlatform);
  // `npm run bench` measures the marginal cost of services with a generated extra stack.
  const extra = Number(process.env.LSS_BENCH_EXTRA_SERVICES ?? 0);
  if (extra > 0) addBenchServices(app, extra);
  // Every stack must pass the library's security checks with zero findings; the only
  // suppressions are the documented ones in the stacks themselves.
  for (const stack of app.node.children.filter(TerraformStack.isStack)) Aspects.of(stack).add(new SecurityChecks());
  return app;
}

if (require.main === module) {
  synthWithReport(buildApp());
}
