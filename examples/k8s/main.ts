import { App, Aspects, TerraformVariable } from 'cdktf';
import {
  AcmeClusterIssuer,
  AppNamespace,
  Environment,
  EnvironmentStack,
  K8sPlatform,
  K8sReadyApp,
  LatencyMetric,
  RolloutAlerts,
  RolloutMetric,
  SecretValue,
  SecurityChecks,
  ServiceDashboard,
} from '../../lib';

/**
 * An API and an AI worker on an existing Kubernetes cluster, in two stacks applied in order:
 * the platform (Helm charts, which install the CRDs), then the apps (which use
 * CRD objects: ClusterIssuer, PodMonitor, PrometheusRule, Rollout, AnalysisTemplate). kubeconfig path and
 * context, the GHCR token, the ACME e-mail and the image tags are variables.
 */
const app = new App();
const environment = Environment.staging({ project: 'example-shop' });

const platformStack = new EnvironmentStack(app, 'k8s-platform', { environment, awsProvider: false });
const installed = new K8sPlatform(platformStack, 'Platform', {
  latencyHistograms: ['http_request_duration_seconds', 'ai_inference_duration_seconds'],
  // Critical alerts (the rollback conditions) page the on-call; warnings go to Slack.
  alerting: {
    receivers: [
      { name: 'oncall', pagerDuty: { routingKey: SecretValue.fromVariable(platformStack, 'pagerduty_routing_key', 'PagerDuty routing key (sensitive)') } },
      { name: 'chat', slack: { webhookUrl: SecretValue.fromVariable(platformStack, 'slack_webhook_url', 'Slack webhook URL (sensitive)'), channel: '#example-shop-alerts' } },
    ],
    criticalReceiver: 'oncall',
    warningReceiver: 'chat',
  },
});

const stack = new EnvironmentStack(app, 'k8s-apps', { environment, awsProvider: false });
stack.addDependency(platformStack);
// Only names cross from the platform stack (no cross-stack references).
const platform = K8sPlatform.fromPlatformAttributes(stack, 'Platform', {
  monitoringNamespace: installed.monitoringNamespace,
  latencyHistograms: installed.latencyHistograms,
});
new AcmeClusterIssuer(stack, 'Issuer', { platform });
const namespace = new AppNamespace(stack, 'Namespace', { name: 'example-shop' });

const releaseTag = new TerraformVariable(stack, 'release_tag', { type: 'string', description: 'Tag of the images built together from one commit' });
const api = new K8sReadyApp(stack, 'Api', {
  name: 'api',
  component: 'api',
  namespace,
  platform,
  image: { repository: 'ghcr.io/example-shop/api', tag: releaseTag.stringValue },
  port: 8000,
  ingress: { hosts: ['api-staging.example.com'] },
  metrics: {},
  variables: { PYTHONUNBUFFERED: '1', AI_LLM_MODE: 'live' },
  secrets: {
    DATABASE_URL: SecretValue.fromVariable(stack, 'database_url', 'PostgreSQL URL of the API (sensitive)'),
    SECRET_KEY: SecretValue.fromVariable(stack, 'secret_key', 'JWT signing key (sensitive)'),
  },
  // Each new release_tag is a canary: 5% for 10 minutes, aborted by the analysis, then 100%.
  progressiveDelivery: {
    steps: [{ weight: 5 }, { pauseMinutes: 10 }, { weight: 50 }, { pauseMinutes: 5 }],
    analysis: { metrics: [RolloutMetric.healthChecks(), RolloutMetric.errorRateRise(), RolloutMetric.latency('ai_inference_duration_seconds', 10)] },
  },
});

const worker = new K8sReadyApp(stack, 'Worker', {
  name: 'ai-worker',
  component: 'worker',
  namespace,
  platform,
  image: { repository: 'ghcr.io/example-shop/ai-worker', tag: releaseTag.stringValue },
  port: 8001,
  metrics: { port: 9100 },
  latencyMetric: LatencyMetric.pods('ai_inference_duration_seconds', 5000),
  resources: { cpuRequest: '500m', cpuLimit: '2', memoryRequest: '512Mi', memoryLimit: '1Gi' },
  scaling: { minInstances: 1, maxInstances: 4, cpuTargetPercent: 60 },
  secrets: { OPENAI_API_KEY: SecretValue.fromVariable(stack, 'openai_api_key', 'OpenAI key (sensitive)') },
});
// The API calls the worker's HTTP port; both NetworkPolicies are opened.
worker.allowFrom(api);

new RolloutAlerts(stack, 'ApiAlerts', { app: api, aiLatencyHistogram: 'ai_inference_duration_seconds' });
new RolloutAlerts(stack, 'WorkerAlerts', { app: worker, aiLatencyHistogram: 'ai_inference_duration_seconds' });
new ServiceDashboard(stack, 'ApiDashboard', { app: api, aiLatencyHistogram: 'ai_inference_duration_seconds' });
new ServiceDashboard(stack, 'WorkerDashboard', { app: worker, aiLatencyHistogram: 'ai_inference_duration_seconds' });

// Guardrails: any finding of the library's security checks fails the synth.
for (const child of app.node.children) Aspects.of(child).add(new SecurityChecks());

app.synth();
