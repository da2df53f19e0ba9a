import { Construct } from 'constructs';
import { EnvironmentStack, NetworkingModule, RenderCompute, StorageBuckets } from '../lib';
import { AppConfig, environmentFromConfig } from './config';
import { addNetworking } from './networking';
import { addRenderCompute } from './render-compute';

/** Region that receives the production backup replicas (disaster recovery). */
const BACKUP_REPLICA_REGION = 'us-west-2';

/**
 * One environment of the LiveStreamSell app (staging or production): networking,
 * compute, database and storage, on encrypted and locked remote state.
 */
export class LiveStreamSellStack extends EnvironmentStack {
  /** Backups, product images and their access logs. */
  public readonly storage: StorageBuckets;
  /** Render services: API, dashboard, workers, env groups, Key Value (stacks/render-compute.ts). */
  public readonly compute: RenderCompute;
  /** VPC, Cloudflare edge and keep-alive (stacks/networking.ts). */
  public readonly networking: NetworkingModule;

  constructor(scope: Construct, id: string, config: AppConfig, environmentName: string) {
    super(scope, id, { environment: environmentFromConfig(config, environmentName) });

    // --- storage (PRD 11.3 modules/storage) ---
    this.storage = new StorageBuckets(this, 'Storage', {
      backups: { replicationRegion: this.environment.isProduction ? BACKUP_REPLICA_REGION : undefined },
    });

    // --- compute (PRD 11.3 modules/compute: Render) ---
    this.compute = addRenderCompute(this, config);

    // --- networking (AWS VPC, Cloudflare DNS/TLS/WAF/rate limits, keep-alive of every /health) ---
    // The public services come from RenderCompute as typed references, never copied by hand.
    this.networking = addNetworking(this, this.compute.publicServices);
  }
}
