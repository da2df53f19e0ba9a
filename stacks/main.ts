import { App } from 'cdktf';
import { BootstrapStack } from './bootstrap-stack';
import { loadConfig } from './config';
import { KubernetesPlatformStack, KubernetesStack } from './kubernetes-stack';
import { LiveStreamSellStack } from './livestreamsell-stack';

/**
 * The LiveStreamSell AI infrastructure app. `cdktf synth` (or `npm run synth`)
 * writes one Terraform configuration per stack to cdktf.out/stacks/.
 */
export function buildApp(app: App = new App()): App {
  const config = loadConfig();
  new BootstrapStack(app, 'bootstrap', config);
  new LiveStreamSellStack(app, 'staging', config, 'staging');
  new LiveStreamSellStack(app, 'production', config, 'production');
  const kubernetesPlatform = new KubernetesPlatformStack(app, 'kubernetes-platform', config);
  new KubernetesStack(app, 'kubernetes', config, kubernetesPlatform);
  return app;
}

if (require.main === module) {
  buildApp().synth();
}
