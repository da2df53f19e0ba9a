import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import {
  AcmeClusterIssuer, AppNamespace, Environment, EnvironmentStack, HcpTerraformStateOptions, K8sPlatform, K8sReadyApp, LatencyMetric,
  RolloutAlerts, RolloutMetric, SecretValue, ServiceDashboard,
} from '../../lib';

/** Request latency the storefront and the API expose on /metrics (prom-client's default name). */
const HTTP_LATENCY = 'http_request_duration_seconds';
/** How long the order worker takes per order, from receiving it to fulfilment. */
const ORDER_LATENCY = 'order_processing_duration_seconds';

/** What both Kubernetes stacks share. */
export interface KubernetesOptions {
  readonly environment: Environment;
  /** The zone the apps answer on once traffic moves off Render. */
  readonly zoneName: string;
  /** The platform team's HCP Terraform organization and project (one workspace per stack). */
  readonly hcpTerraform: HcpTerraformStateOptions;
}

/**
 * The Kubernetes path of Acme Shop: the same storefront, API and order worker on
 * the EKS cluster in the production VPC (created outside this app; kubeconfig
 * path and context are variables), ready for a move off Render. Two stacks,
 * applied in order: the platform's Helm charts install the CRDs the apps use.
 */
export function addKubernetes(scope: Construct, options: KubernetesOptions): { platform: EnvironmentStack; apps: EnvironmentStack } {
  const { environment, zoneName, hcpTerraform } = options;

  // --- platform: ingress-nginx, cert-manager, Prometheus and Grafana, the metrics adapter, Argo Rollouts ---
  const platformStack = new EnvironmentStack(scope, 'kubernetes-platform', { environment, awsProvider: false, hcpTerraform });
  const installed = new K8sPlatform(platformStack, 'Platform', {
    latencyHistograms: [HTTP_LATENCY, ORDER_LATENCY],
    // Critical alerts (every rollback condition among them) page the on-call; warnings go to Slack.
    alerting: {
      receivers: [
        { name: 'oncall', pagerDuty: { routingKey: SecretValue.fromVariable(platformStack, 'pagerduty_routing_key', 'PagerDuty Events API v2 routing key (sensitive)') } },
        { name: 'chat', slack: { webhookUrl: SecretValue.fromVariable(platformStack, 'slack_webhook_url', 'Slack incoming-webhook URL (sensitive)'), channel: '#shop-alerts' } },
      ],
      criticalReceiver: 'oncall',
      warningReceiver: 'chat',
    },
  });

  // --- apps: only plain names cross from the platform stack (no cross-stack references) ---
  const stack = new EnvironmentStack(scope, 'kubernetes', { environment, awsProvider: false, hcpTerraform });
  stack.addDependency(platformStack);
  const platform = K8sPlatform.fromPlatformAttributes(stack, 'Platform', {
    ingressClassName: installed.ingressClassName,
    ingressNamespace: installed.ingressNamespace,
    monitoringNamespace: installed.monitoringNamespace,
    clusterIssuerName: installed.clusterIssuerName,
    latencyHistograms: installed.latencyHistograms,
  });
  new AcmeClusterIssuer(stack, 'Issuer', { platform });
  const namespace = new AppNamespace(stack, 'Namespace', { name: environment.resourceName() });

  const tag = (name: string) => new TerraformVariable(stack, `${name}_image_tag`, { type: 'string', nullable: false, description: `Released tag of ghcr.io/acme-shop/${name}` }).stringValue;
  const secret = (name: string, description: string) => SecretValue.fromVariable(stack, name, `${description} (sensitive)`);
  const databaseUrl = secret('database_url', 'PostgreSQL (Supabase) URL of the application role, transaction pooler');
  const stripeKey = secret('stripe_secret_key', 'Stripe secret API key');
  // The session signing key is generated here and lives only in the (remote) state.
  new RandomProvider(stack, 'random');
  const sessionSecret = SecretValue.fromToken(new Password(stack, 'SessionSecret', { length: 64, special: false }).result);
  const apiImage = { repository: 'ghcr.io/acme-shop/api', tag: tag('api') };

  // The API: every release is a canary (5% for 10 minutes, then 100%), aborted by the analysis.
  const api = new K8sReadyApp(stack, 'Api', {
    name: 'api',
    component: 'api',
    namespace,
    platform,
    image: apiImage,
    port: 8080,
    healthCheck: { path: '/healthz' },
    ingress: { hosts: [`api.${zoneName}`] },
    metrics: {},
    variables: { NODE_ENV: 'production', PAYMENTS_MODE: 'live' },
    secrets: { DATABASE_URL: databaseUrl, STRIPE_SECRET_KEY: stripeKey, SESSION_SECRET: sessionSecret },
    progressiveDelivery: {
      analysis: { metrics: [RolloutMetric.healthChecks(3), RolloutMetric.errorRateRise(15), RolloutMetric.latency(HTTP_LATENCY, 2)] },
    },
  });

  // The storefront keeps rolling updates; Next.js writes its caches under .next/cache.
  const storefront = new K8sReadyApp(stack, 'Storefront', {
    name: 'storefront',
    component: 'frontend',
    namespace,
    platform,
    image: { repository: 'ghcr.io/acme-shop/storefront', tag: tag('storefront') },
    port: 3000,
    healthCheck: { path: '/api/health' },
    ingress: { hosts: [zoneName] },
    writableDirectories: ['/tmp', '/app/.next/cache'],
    variables: { NEXT_PUBLIC_API_URL: `https://api.${zoneName}` },
  });
  // Server-side rendering calls the API through its Service.
  api.allowFrom(storefront);

  // The order worker scales on its own latency; it serves /health on 8081 and metrics on 9100.
  const worker = new K8sReadyApp(stack, 'OrderWorker', {
    name: 'order-worker',
    component: 'worker',
    namespace,
    platform,
    image: apiImage,
    command: ['node', 'dist/workers/orders.js'],
    port: 8081,
    metrics: { port: 9100 },
    latencyMetric: LatencyMetric.pods(ORDER_LATENCY, 5000),
    secrets: { DATABASE_URL: databaseUrl, STRIPE_SECRET_KEY: stripeKey },
  });

  // Rollback alerts and a Grafana dashboard per app.
  for (const [id, app] of Object.entries({ Api: api, Storefront: storefront, OrderWorker: worker })) {
    new RolloutAlerts(stack, `${id}Alerts`, { app });
    new ServiceDashboard(stack, `${id}Dashboard`, { app });
  }
  return { platform: platformStack, apps: stack };
}
