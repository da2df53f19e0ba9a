import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { EnvironmentStack, FeatureFlags, IRenderProject, NetworkingModule, RenderCompute, RenderObservability, StorageBuckets, SupabaseDatabase } from '../lib';
import { AppConfig, environmentFromConfig, hostsFromConfig } from './config';
import { addDatabase, addDatabaseConsumers, applicationDatabaseUrl } from './database';
import { addFeatureFlags } from './feature-flags';
import { addNetworking } from './networking';
import { addObservability } from './observability';
import { addRenderCompute } from './render-compute';

/** Region that receives the production backup replicas (disaster recovery). */
const BACKUP_REPLICA_REGION = 'us-west-2';
/** Image of the nightly backup job: pg_dump (PostgreSQL 15+) and the AWS CLI. */
const BACKUP_IMAGE_REPOSITORY = 'ghcr.io/livestreamsell/db-backup';

/**
 * One environment of the LiveStreamSell app (staging or production): database,
 * storage, compute and networking, on encrypted and locked remote state. Each
 * module hands the next one typed references (connection strings, hostnames,
 * credentials), never values copied by hand; the Render project comes from the
 * shared render-project stack as a typed reference.
 */
export class LiveStreamSellStack extends EnvironmentStack {
  /** Supabase Postgres and Auth (stacks/database.ts). */
  public readonly database: SupabaseDatabase;
  /** Backups, product images and their access logs. */
  public readonly storage: StorageBuckets;
  /** Render services: API, dashboard, workers, env groups, Key Value (stacks/render-compute.ts). */
  public readonly compute: RenderCompute;
  /** VPC, Cloudflare edge and keep-alive (stacks/networking.ts). */
  public readonly networking: NetworkingModule;
  /** PostHog feature flags: new payment integrations off by default (stacks/feature-flags.ts). */
  public readonly featureFlags: FeatureFlags;

  /** Grafana dashboards, alert rules, synthetic checks and the release guard (stacks/observability.ts). */
  public readonly observability: RenderObservability;

  constructor(scope: Construct, id: string, config: AppConfig, environmentName: string, renderProject: IRenderProject) {
    super(scope, id, { environment: environmentFromConfig(config, environmentName) });
    const hosts = hostsFromConfig(config, environmentName);

    // --- database (PRD 11.3 modules/database: Supabase, roles, RLS) ---
    this.database = addDatabase(this, hosts);

    // --- storage (PRD 11.3 modules/storage) ---
    this.storage = new StorageBuckets(this, 'Storage', {
      backups: { replicationRegion: this.environment.isProduction ? BACKUP_REPLICA_REGION : undefined },
      // The dashboard uploads product images straight to S3 with signed URLs.
      productImages: { corsOrigins: [`https://${hosts.dashboardHostname}`, `https://${hosts.zoneName}`, `https://www.${hosts.zoneName}`] },
      // The API's storage identity (read/write on product images) and the nightly
      // backup job's write-only identity, each with one access key.
      identities: { productImagesReadWriter: 'api-storage', backupWriter: 'backup-job' },
    });

    // --- compute (PRD 11.3 modules/compute: Render); the API and workers connect as the least-privilege
    // application role through the transaction pooler, and count against the connection budget ---
    this.compute = addRenderCompute(this, hosts, applicationDatabaseUrl(this.database), renderProject);
    addDatabaseConsumers(this.database, this.compute);

    // --- backups (production-readiness checklist): nightly pg_dump, write-only into the backups bucket ---
    this.database.addBackup('Backup', {
      host: this.compute,
      destination: this.storage.backupDestination,
      image: {
        repository: BACKUP_IMAGE_REPOSITORY,
        tag: new TerraformVariable(this, 'db_backup_image_tag', { type: 'string', nullable: false, description: `Tag of ${BACKUP_IMAGE_REPOSITORY} (pg_dump + AWS CLI) to run` }).stringValue,
      },
    });

    // --- networking (AWS VPC, Cloudflare DNS/TLS/WAF/rate limits, keep-alive of every /health) ---
    this.networking = addNetworking(this, hosts, this.compute.publicServices);

    // --- feature flags (PRD 11.2: PostHog; payment integrations off by default, beta testers, kill switch) ---
    this.featureFlags = addFeatureFlags(this);

    // --- observability (PRD 11.2 automatic rollback, 11.3 monitoring as code) ---
    this.observability = addObservability(this, hosts, this.compute);
  }
}
