import { Construct } from 'constructs';
import { EnvironmentStack, NetworkingModule } from '../lib';
import { AppConfig, environmentFromConfig } from './config';
import { addNetworking, publicServicesFromVariables } from './networking';

/**
 * One environment of the LiveStreamSell app (staging or production): networking,
 * compute, database and storage, on encrypted and locked remote state.
 */
export class LiveStreamSellStack extends EnvironmentStack {
  /** VPC, Cloudflare edge and keep-alive (stacks/networking.ts). */
  public readonly networking: NetworkingModule;

  constructor(scope: Construct, id: string, config: AppConfig, environmentName: string) {
    super(scope, id, { environment: environmentFromConfig(config, environmentName) });

    // --- Networking (AWS VPC, Cloudflare, keep-alive) ---
    this.networking = addNetworking(this, publicServicesFromVariables(this));
  }
}
