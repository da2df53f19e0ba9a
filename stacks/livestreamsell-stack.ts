import { Construct } from 'constructs';
import { EnvironmentStack, RenderCompute } from '../lib';
import { AppConfig, environmentFromConfig } from './config';
import { addRenderCompute } from './render-compute';

/**
 * One environment of the LiveStreamSell app (staging or production): networking,
 * compute, database and storage, on encrypted and locked remote state.
 */
export class LiveStreamSellStack extends EnvironmentStack {
  /** Render services: API, dashboard, workers, env groups, Key Value (stacks/render-compute.ts). */
  public readonly compute: RenderCompute;

  constructor(scope: Construct, id: string, config: AppConfig, environmentName: string) {
    super(scope, id, { environment: environmentFromConfig(config, environmentName) });

    // --- Compute (Render) ---
    this.compute = addRenderCompute(this, config);
  }
}
