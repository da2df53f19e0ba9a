import { TerraformOutput, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  ContainerImage, DatabaseConnectionMode, DatabaseRoleKind, Environment, EnvironmentStack, FeatureFlags, IRenderProject, NetworkingModule,
  PolicyCommand, PostHogHost, RenderCompute, RenderObservability, RenderWebService, RowLevelSecurity, SecretValue, StorageBuckets, SupabaseDatabase,
} from '../../lib';

/** Tables whose rows belong to one customer (`customer_id`), created by the API's migrations. */
const CUSTOMER_TABLES = ['orders', 'carts', 'addresses', 'wishlists'];

/**
 * Who connects to the database, at most how many instances of each run, and the
 * client pool of each instance: one source for Render's scaling, the services'
 * DATABASE_POOL_SIZE and Supabase's connection budget (checked at synth).
 */
const CONSUMERS: { [serviceId: string]: { staging: number; production: number; connections: number } } = {
  Api: { staging: 2, production: 8, connections: 5 },
  OrderWorker: { staging: 1, production: 4, connections: 3 },
  AbandonedCarts: { staging: 1, production: 1, connections: 2 },
};

/** What differs between Acme's staging and production stacks. */
export interface ShopStackProps {
  readonly environment: Environment;
  /** The environment's own Cloudflare zone (one ruleset per zone and phase). */
  readonly zoneName: string;
  /** The Render project shared by staging and production (the `shared` stack). */
  readonly renderProject: IRenderProject;
  /** Region of the production backup replica. @default - no replica */
  readonly backupReplicaRegion?: string;
}

/**
 * One environment of Acme Shop: a Next.js storefront and a Node.js API on Render
 * (with an order worker, an hourly cron job, a backend env group and Key Value),
 * Supabase Postgres with row-level security per customer, S3 for product images
 * and backups, the Cloudflare edge of the zone, PostHog flags and Grafana
 * observability. Each module hands the next typed references, never copied values.
 */
export class ShopStack extends EnvironmentStack {
  public readonly database: SupabaseDatabase;
  public readonly storage: StorageBuckets;
  public readonly compute: RenderCompute;
  public readonly networking: NetworkingModule;
  public readonly featureFlags: FeatureFlags;
  public readonly observability: RenderObservability;

  constructor(scope: Construct, id: string, props: ShopStackProps) {
    super(scope, id, { environment: props.environment });
    const production = this.environment.isProduction;
    const zone = props.zoneName;
    // The storefront answers on the apex (www redirects there at the edge), the API on api.<zone>.
    const storefront = `https://${zone}`;
    const api = `api.${zone}`;
    const variable = (name: string, description: string) => new TerraformVariable(this, name, { type: 'string', nullable: false, description }).stringValue;
    const secret = (name: string, description: string) => SecretValue.fromVariable(this, name, `${description} (sensitive)`);
    const maxInstances = (serviceId: string) => CONSUMERS[serviceId][production ? 'production' : 'staging'];

    // --- database: Supabase in eu-central-1 (the environment's region); customers reach only their own rows ---
    this.database = new SupabaseDatabase(this, 'Database', {
      poolerHost: variable('supabase_pooler_host', 'Supavisor session pooler host of the project (aws-0-eu-central-1.pooler.supabase.com), for Terraform\'s own connection'),
      auth: { siteUrl: storefront },
      rowLevelSecurity: [
        ...CUSTOMER_TABLES.map((table) => RowLevelSecurity.ownRowsOnly({ table, ownerColumn: 'customer_id', roles: ['authenticated', 'acme_shop_app'] })),
        ...CUSTOMER_TABLES.map((table) => RowLevelSecurity.readAllRows(table, ['acme_shop_analytics'])),
        // The catalogue is public, but only what is published.
        { table: 'products', name: 'products_public_read', command: PolicyCommand.SELECT, roles: ['anon', 'authenticated'], using: 'published' },
      ],
      // Applied once the API's migrations created the tables (a new environment needs a second apply).
      applyRowLevelSecurity: true,
      // Supavisor's pool size, as set in the dashboard (Database settings, Connection pooling).
      pooler: { poolSize: 15 },
    });

    // --- storage: backups (Object Lock, replica in production), private product images for the storefront ---
    this.storage = new StorageBuckets(this, 'Storage', {
      backups: { replicationRegion: props.backupReplicaRegion },
      productImages: { corsOrigins: [storefront] },
      identities: { productImagesReadWriter: 'api-storage', backupWriter: 'backup-job' },
    });

    // --- compute: Render services in Frankfurt (next to eu-central-1), in the shared project ---
    const imageTag = (name: string) => variable(`${name.replace(/-/g, '_')}_image_tag`, `Tag of ghcr.io/acme-shop/${name} to deploy (never "latest")`);
    const apiImage: ContainerImage = { repository: 'ghcr.io/acme-shop/api', tag: imageTag('api') };
    const scaling = (serviceId: string) => ({ minInstances: 1, maxInstances: maxInstances(serviceId) });
    this.compute = new RenderCompute(this, 'Compute', {
      project: props.renderProject,
      webServices: {
        Storefront: {
          image: { repository: 'ghcr.io/acme-shop/storefront', tag: imageTag('storefront') },
          healthCheckPath: '/api/health',
          port: 3000,
          customDomain: zone,
          variables: { NEXT_PUBLIC_API_URL: `https://${api}`, NEXT_PUBLIC_POSTHOG_HOST: 'https://eu.i.posthog.com' },
        },
        Api: {
          image: apiImage,
          healthCheckPath: '/healthz',
          port: 8080,
          customDomain: api,
          preDeployCommand: 'node dist/migrate.js',
          scaling: scaling('Api'),
          variables: { PRODUCT_IMAGES_BUCKET: this.storage.productImages.bucketName, AWS_REGION: this.environment.region },
        },
      },
      // Payments, stock and fulfilment run off the request path, from the Key Value queue.
      workers: { OrderWorker: { image: apiImage, command: 'node dist/workers/orders.js', scaling: scaling('OrderWorker') } },
      // Reminds customers of carts left for more than a day.
      cronJobs: { AbandonedCarts: { image: apiImage, schedule: '15 * * * *', command: 'node dist/jobs/abandoned-carts.js' } },
      envGroups: {
        Backend: {
          variables: { NODE_ENV: 'production', PAYMENTS_MODE: production ? 'live' : 'test' },
          secrets: {
            // The application role through the transaction pooler (port 6543).
            DATABASE_URL: this.database.connection().uri,
            STRIPE_SECRET_KEY: secret('stripe_secret_key', 'Stripe secret API key'),
            STRIPE_WEBHOOK_SECRET: secret('stripe_webhook_secret', 'Signing secret of the Stripe webhook endpoint'),
          },
          // One session signing key for every backend service, generated by Render.
          generatedSecrets: ['SESSION_SECRET'],
          // The storefront runs in browsers' reach: it never receives backend secrets.
          services: ['Api', 'OrderWorker', 'AbandonedCarts'],
        },
      },
      keyValue: { services: ['Api', 'OrderWorker'] },
    });

    // The API signs upload URLs for product images with its own least-privilege identity.
    const apiService = this.compute.service('Api');
    const imagesIdentity = this.storage.productImagesIdentity!;
    apiService.addSecret('AWS_ACCESS_KEY_ID', imagesIdentity.accessKeyId!);
    apiService.addSecret('AWS_SECRET_ACCESS_KEY', imagesIdentity.secretAccessKey!);

    // The connection budget: each backend service at its Render maximum, and the API's migrations.
    for (const [serviceId, { connections }] of Object.entries(CONSUMERS)) {
      const service = this.compute.service(serviceId);
      this.database.addConnectionConsumer({ name: service.serviceName, maxInstances: maxInstances(serviceId), connectionsPerInstance: connections });
      service.addVariable('DATABASE_POOL_SIZE', String(connections));
    }
    const migrations = this.database.addConnectionConsumer({
      name: 'migrations', maxInstances: 1, connectionsPerInstance: 2, role: DatabaseRoleKind.MIGRATION, mode: DatabaseConnectionMode.SESSION_POOLER,
    });
    apiService.addSecret('MIGRATION_DATABASE_URL', migrations.uri);

    // Nightly pg_dump as a Render cron job, write-only into the backups bucket.
    this.database.addBackup('Backup', {
      host: this.compute,
      destination: this.storage.backupDestination,
      // pg_dump (PostgreSQL 15 or newer) and the AWS CLI.
      image: { repository: 'ghcr.io/acme-shop/db-backup', tag: imageTag('db-backup') },
    });

    // --- networking: the zone's edge (TLS, WAF, rate limits, origin lock) in front of the Render services ---
    this.networking = new NetworkingModule(this, 'Networking', {
      zoneName: zone,
      services: this.compute.publicServices,
      // Production only: the VPC the EKS cluster of the Kubernetes path runs in (created outside this app).
      enableVpc: production,
      edge: {
        rateLimit: { authPaths: ['/account/login', '/account/register', '/api/auth/'] },
        // Stripe's webhooks get their own per-IP limit and skip the browser checks; the API verifies signatures.
        webhookPaths: ['/webhooks/stripe'],
      },
    });
    if (this.networking.vpc) {
      const nodes = this.networking.vpc.addSecurityGroup('ClusterNodes', { description: 'Nodes of the Acme Shop EKS cluster' });
      nodes.addEgressRule({ name: 'postgres-pooler', description: 'Supabase Postgres through the transaction pooler', fromPort: 6543, cidrIpv4: '0.0.0.0/0' });
    }

    // --- feature flags: PostHog EU, every flag off until someone is listed or a percentage is set ---
    const betaTesters = new TerraformVariable(this, 'checkout_beta_tester_ids', {
      type: 'list(string)', nullable: false, default: [], description: 'Customer ids that try the new checkout before everyone else',
    });
    this.featureFlags = new FeatureFlags(this, 'FeatureFlags', {
      projectId: variable('posthog_project_id', 'PostHog project id of this environment'),
      host: PostHogHost.EU,
      flags: [
        { key: 'checkout-v2', description: 'The one-page checkout', betaTesterIds: betaTesters.listValue },
        { key: 'klarna-payments', description: 'Pay later with Klarna', rolloutPercentage: production ? 0 : 50 },
        // The kill switch: true turns product reviews off for every customer.
        { key: 'product-reviews', description: 'Customer reviews on product pages', rolloutPercentage: 100, killed: false },
      ],
    });

    // --- observability: dashboards, alert rules and synthetic checks from European probes ---
    this.observability = new RenderObservability(this, 'Observability', {
      webServices: this.compute.services.filter(RenderWebService.isRenderWebService),
      workers: [this.compute.service('OrderWorker')],
      backupJobs: [this.compute.service('Backup')],
      syntheticChecks: { probes: production ? ['Frankfurt', 'London'] : ['Frankfurt'] },
      // The guard that rolls a bad deploy back: production only (a Professional workspace has one webhook destination).
      releaseGuard: production ? { hostname: `release-guard.${zone}` } : undefined,
    });

    new TerraformOutput(this, 'supabase_api_url', { value: this.database.apiUrl });
    new TerraformOutput(this, 'product_images_bucket', { value: this.storage.productImages.bucketName });
  }
}
