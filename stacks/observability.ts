import { TerraformVariable, Token } from 'cdktf';
import { Construct } from 'constructs';
import {
  AlertRouting, EnvironmentStack, IWatchedRenderWebService, RenderCompute, RenderNotifications, RenderObservability,
  RenderWebService, RenderWorkspaceObservability, SecretValue,
} from '../lib';
import { HostsConfig } from './config';
import { RenderProjectStack } from './render-compute';

/**
 * Observability of the LiveStreamSell app on Render (PRD 11.2 rollback conditions,
 * 11.3 "Monitoring: dashboards and alert rules as code"):
 *
 * - per environment (staging, production): a Grafana folder with a dashboard per
 *   service, the alert rules, synthetic checks of /health and /api/health, Render
 *   notification overrides, deploys that fail the apply, and the release guard
 *   Worker on release-guard.<zone> that rolls a bad deploy back;
 * - once, in the shared Render project stack (these are one per Render workspace
 *   and one per Grafana organization): Render's notification settings, the metrics
 *   and log streams to the team's Grafana stack, and the alert routing (contact
 *   point and notification policy).
 *
 * Inputs (Terraform variables; tokens sensitive): grafana_url, grafana_sm_url,
 * grafana_otlp_endpoint, grafana_otlp_instance_id, grafana_prometheus_url,
 * grafana_prometheus_user, grafana_metrics_token, release_guard_render_api_key,
 * render_log_stream_endpoint, render_log_stream_token, alert_emails,
 * alert_slack_webhook_url. GRAFANA_AUTH and GRAFANA_SM_ACCESS_TOKEN come from the
 * environment of the Terraform run, like RENDER_API_KEY and CLOUDFLARE_API_TOKEN.
 */

/** Histogram the AI worker pushes (OpenTelemetry, service.name = its Render name), as on the Kubernetes path. */
const AI_LATENCY_HISTOGRAM = 'ai_inference_duration_seconds';

/** A public web service of the compute module. */
function webService(compute: RenderCompute, id: string): IWatchedRenderWebService {
  const service = compute.service(id);
  if (!RenderWebService.isRenderWebService(service)) throw new Error(`stacks/observability.ts: ${id} is not a web service of ${compute.node.path}`);
  return service;
}

/** Adds the observability of the stack's environment (the workspace-wide part is addWorkspaceObservability). */
export function addObservability(stack: EnvironmentStack, hosts: HostsConfig, compute: RenderCompute): RenderObservability {
  const aiWorker = compute.service('AiWorker');
  return new RenderObservability(stack, 'Observability', {
    webServices: [webService(compute, 'Api'), webService(compute, 'Dashboard')],
    workers: [aiWorker, compute.service('PublishingWorker')],
    backupJobs: [compute.service('Backup')],
    aiLatency: { service: aiWorker, histogram: AI_LATENCY_HISTOGRAM },
    releaseGuard: { hostname: `release-guard.${hosts.zoneName}` },
  });
}

/** Render's workspace settings and the Grafana alert routing, once, in the shared stack. */
export function addWorkspaceObservability(shared: RenderProjectStack): void {
  const scope = new Construct(shared, 'Observability');
  new RenderWorkspaceObservability(scope, 'RenderWorkspace', {
    notifications: RenderNotifications.FAILURE,
    logStream: {},
  });
  const emails = new TerraformVariable(shared, 'alert_emails', {
    type: 'list(string)',
    nullable: false,
    description: 'E-mail addresses that receive the platform alerts',
    validation: [{ condition: Token.asString('${length(var.alert_emails) > 0 && alltrue([for e in var.alert_emails : can(regex("^[^@ ]+@[^@ ]+[.][^@ ]+$", e))])}'), errorMessage: 'alert_emails must list at least one e-mail address.' }],
  });
  new AlertRouting(scope, 'Alerting', {
    contactPoints: {
      platform: {
        emails: emails.listValue,
        slackWebhookUrl: SecretValue.fromVariable(shared, 'alert_slack_webhook_url', 'Slack incoming-webhook URL of the alerts channel'),
      },
    },
    routes: [
      // Production pages every hour until fixed; staging reminds twice a day.
      { matchers: { environment: 'production', severity: 'critical' }, contactPoint: 'platform', repeatInterval: '1h' },
      { matchers: { environment: 'staging' }, contactPoint: 'platform', repeatInterval: '12h' },
    ],
  });
}
