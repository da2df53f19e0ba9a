import { Construct } from 'constructs';
import { EnvironmentStack } from '../lib';
import { AppConfig, environmentFromConfig } from './config';

/**
 * One environment of the LiveStreamSell app (staging or production): networking,
 * compute, database and storage, on encrypted and locked remote state.
 */
export class LiveStreamSellStack extends EnvironmentStack {
  constructor(scope: Construct, id: string, config: AppConfig, environmentName: string) {
    super(scope, id, { environment: environmentFromConfig(config, environmentName) });
  }
}
