import { TerraformStack, TerraformVariable } from 'cdktf';
import { AppNamespace, ContainerImage, Environment, IK8sPlatform, K8sReadyApp, LatencyMetric, RolloutAlerts, RolloutMetric, SecretValue, ServiceDashboard } from '../lib';
import { HostsConfig } from './config';

/** Histogram of AI inference latency that the API and the worker expose on /metrics. */
const AI_LATENCY = 'ai_inference_duration_seconds';

/** A LiveStreamSell image on GHCR, its released tag held in the Terraform variable `variable`. */
function image(stack: TerraformStack, repository: string, variable: string, service: string): ContainerImage {
  const tag = new TerraformVariable(stack, variable, { type: 'string', nullable: false, description: `Released image tag of the ${service} (never "latest")` });
  return { repository: `ghcr.io/livestreamsell/${repository}`, tag: tag.stringValue };
}

function secret(stack: TerraformStack, name: string, what: string): SecretValue {
  return SecretValue.fromVariable(stack, name, `${what} (sensitive)`);
}

/**
 * The three services of LiveStreamSell AI on Kubernetes (PRD 11.5): the FastAPI
 * backend, the AI background worker and the Next.js dashboard, with their
 * rollback alerts (PRD 11.2) and Grafana dashboards (PRD 11.3).
 *
 * Releases of the API and the AI worker are Argo Rollouts canaries (PRD 11.2):
 * 5% for 10 minutes, then 100%, aborted at once (all traffic back to the stable
 * version) on 3 failed health checks, a 15% rise of the 5xx ratio over stable
 * (API), or an AI latency p95 of 10 s or more. The dashboard keeps rolling
 * updates, as the PRD says.
 */
export function addLiveStreamSellApps(stack: TerraformStack, environment: Environment, hosts: HostsConfig, platform: IK8sPlatform): K8sReadyApp[] {
  const namespace = new AppNamespace(stack, 'Namespace', { name: environment.resourceName() });
  const databaseUrl = secret(stack, 'database_url', 'PostgreSQL (Supabase) connection URL');
  const credentialsKey = secret(stack, 'credentials_encryption_key', 'Fernet key that encrypts stored platform credentials');
  const openaiKey = secret(stack, 'openai_api_key', 'OpenAI API key');

  const api = new K8sReadyApp(stack, 'Api', {
    name: 'api',
    component: 'api',
    namespace,
    platform,
    image: image(stack, 'api', 'api_image_tag', 'API'),
    port: 8000,
    healthCheck: { path: '/health' },
    ingress: { hosts: [hosts.apiHostname] },
    metrics: {},
    variables: { PYTHONUNBUFFERED: '1', WORKER_ENABLED: 'false', DEBUG_ENDPOINTS_ENABLED: 'false', AI_LLM_MODE: 'live' },
    secrets: {
      DATABASE_URL: databaseUrl,
      SECRET_KEY: secret(stack, 'secret_key', 'JWT signing key of the API'),
      CREDENTIALS_ENCRYPTION_KEY: credentialsKey,
      OPENAI_API_KEY: openaiKey,
    },
    progressiveDelivery: {
      analysis: { metrics: [RolloutMetric.healthChecks(3), RolloutMetric.errorRateRise(15), RolloutMetric.latency(AI_LATENCY, 10)] },
    },
  });

  const worker = new K8sReadyApp(stack, 'Worker', {
    name: 'ai-worker',
    component: 'worker',
    namespace,
    platform,
    image: image(stack, 'ai-worker', 'worker_image_tag', 'AI worker'),
    // The worker serves /health on 8001 and Prometheus metrics on 9100.
    port: 8001,
    metrics: { port: 9100 },
    latencyMetric: LatencyMetric.pods(AI_LATENCY, 5000),
    resources: { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '512Mi', memoryLimit: '1Gi' },
    variables: { PYTHONUNBUFFERED: '1', WORKER_ENABLED: 'true', AI_LLM_MODE: 'live' },
    secrets: { DATABASE_URL: databaseUrl, CREDENTIALS_ENCRYPTION_KEY: credentialsKey, OPENAI_API_KEY: openaiKey },
    // No Ingress: the 5% is the share of worker replicas on the new version.
    progressiveDelivery: {
      analysis: { metrics: [RolloutMetric.healthChecks(3), RolloutMetric.latency(AI_LATENCY, 10)] },
    },
  });

  const dashboard = new K8sReadyApp(stack, 'Dashboard', {
    name: 'dashboard',
    component: 'frontend',
    namespace,
    platform,
    image: image(stack, 'dashboard', 'dashboard_image_tag', 'dashboard'),
    port: 3000,
    healthCheck: { path: '/api/health' },
    ingress: { hosts: [hosts.dashboardHostname] },
    // Next.js writes its image and fetch caches under .next/cache.
    writableDirectories: ['/tmp', '/app/.next/cache'],
    variables: {
      NEXT_PUBLIC_API_BASE_URL: `https://${hosts.apiHostname}`,
      NEXTAUTH_URL: `https://${hosts.dashboardHostname}`,
    },
  });
  // Server-side rendering may call the API through its Service.
  api.allowFrom(dashboard);

  new RolloutAlerts(stack, 'ApiAlerts', { app: api, aiLatencyHistogram: AI_LATENCY });
  new RolloutAlerts(stack, 'WorkerAlerts', { app: worker, aiLatencyHistogram: AI_LATENCY });
  new RolloutAlerts(stack, 'DashboardAlerts', { app: dashboard });
  new ServiceDashboard(stack, 'ApiDashboard', { app: api, aiLatencyHistogram: AI_LATENCY });
  new ServiceDashboard(stack, 'WorkerDashboard', { app: worker, aiLatencyHistogram: AI_LATENCY });
  new ServiceDashboard(stack, 'DashboardDashboard', { app: dashboard });
  return [api, worker, dashboard];
}
