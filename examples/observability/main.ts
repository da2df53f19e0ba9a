import { App, Aspects, TerraformVariable } from 'cdktf';
import {
  AlertRouting, Environment, EnvironmentStack, RenderCompute, RenderNotifications, RenderObservability,
  RenderWebService, RenderWorkspaceObservability, SecretValue, SecurityChecks,
} from '../../lib';

// Observability of a Render app in production, on a Grafana Cloud stack:
// - a shared stack with the Render workspace settings (failure notifications, the
//   metrics stream to Grafana) and the alert routing (who gets which alert);
// - the production stack: the services, their dashboards, alert rules and synthetic
//   checks, and the release guard Worker that rolls a bad deploy back.
// Credentials are variables (sensitive) or environment variables of the Terraform run
// (RENDER_API_KEY, CLOUDFLARE_API_TOKEN, GRAFANA_AUTH, GRAFANA_SM_ACCESS_TOKEN).
const app = new App();

const shared = new EnvironmentStack(app, 'observability-shared', { environment: new Environment({ name: 'shared', production: true, project: 'example-shop' }), awsProvider: false });
new RenderWorkspaceObservability(shared, 'RenderWorkspace', { notifications: RenderNotifications.FAILURE });
new AlertRouting(shared, 'Alerting', {
  contactPoints: {
    oncall: {
      emails: ['oncall@example.com'],
      slackWebhookUrl: SecretValue.fromVariable(shared, 'alert_slack_webhook_url', 'Slack incoming-webhook URL of #oncall'),
    },
    team: { emails: ['team@example.com'] },
  },
  defaultContactPoint: 'team',
  routes: [{ matchers: { environment: 'production', severity: 'critical' }, contactPoint: 'oncall', repeatInterval: '1h' }],
});

const stack = new EnvironmentStack(app, 'render-production', { environment: Environment.production({ project: 'example-shop' }), awsProvider: false });
const tag = new TerraformVariable(stack, 'api_image_tag', { type: 'string', description: 'Tag of ghcr.io/example-shop/api to deploy' });
const image = { repository: 'ghcr.io/example-shop/api', tag: tag.stringValue };
const compute = new RenderCompute(stack, 'Compute', {
  webServices: { Api: { image, healthCheckPath: '/health', port: 8000, customDomain: 'api.example.com', preDeployCommand: 'alembic upgrade head' } },
  workers: { AiWorker: { image, command: 'python -m app.workers.ai' } },
  cronJobs: { Backup: { image, name: 'db-backup', schedule: '0 3 * * *', command: 'python -m app.jobs.backup' } },
});
const aiWorker = compute.service('AiWorker');

new RenderObservability(stack, 'Observability', {
  webServices: compute.services.filter(RenderWebService.isRenderWebService),
  workers: [aiWorker],
  backupJobs: [compute.service('Backup')],
  // The AI worker pushes this histogram to the stack (OpenTelemetry, service.name = its Render name).
  aiLatency: { service: aiWorker, histogram: 'ai_inference_duration_seconds' },
  releaseGuard: { hostname: 'release-guard.example.com' },
  syntheticChecks: { probes: ['Ohio', 'Frankfurt'], frequencySeconds: 120 },
});

// Guardrails: any finding of the library's security checks fails the synth.
for (const child of app.node.children) Aspects.of(child).add(new SecurityChecks());

app.synth();
