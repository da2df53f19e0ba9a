import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { HTTPS_URL, metricsTokenInput, otlpEndpointInput } from './private/grafana';
import { checkNotifications, urlInput } from './private/inputs';
import { RenderNotifications } from './render-notifications';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { stringInput } from '../core/private/variables';
import { SecretValue } from '../core/secrets';
import { LogStream } from '../providers/render/gen/log-stream';
import { MetricsStream } from '../providers/render/gen/metrics-stream';
import { NotificationSetting } from '../providers/render/gen/notification-setting';
import { renderProviderFor } from '../render/private/provider';

const BRAND = Symbol.for('@livestreamsell/cdktf-constructs.RenderWorkspaceObservability');

/** Render's metrics stream to a Grafana stack's OTLP endpoint. */
export interface RenderMetricsStreamOptions {
  /**
   * The stack's "Endpoint for sending OTLP signals" (Grafana Cloud portal > stack > OpenTelemetry).
   * @default - the `grafana_otlp_endpoint` Terraform variable
   */
  readonly endpoint?: string;
  /**
   * An access-policy token with the metrics:write scope ("glc_...").
   * @default - the `grafana_metrics_token` Terraform variable (sensitive)
   */
  readonly token?: SecretValue;
}

/** Render's log stream (syslog over TLS, or one of Render's HTTPS providers). */
export interface RenderLogStreamOptions {
  /**
   * `HOST:PORT` of a TLS syslog receiver (for Grafana: Grafana Alloy's
   * loki.source.syslog, which forwards to Loki), or an https URL of a provider
   * Render streams to over HTTPS.
   * @default - the `render_log_stream_endpoint` Terraform variable
   */
  readonly endpoint?: string;
  /**
   * Token the receiver expects.
   * @default - the `render_log_stream_token` Terraform variable (sensitive)
   */
  readonly token?: SecretValue;
  /**
   * Also stream the logs of preview instances.
   * @default false
   */
  readonly includePreviews?: boolean;
}

/** Props of `RenderWorkspaceObservability`. */
export interface RenderWorkspaceObservabilityProps {
  /**
   * Which notifications Render sends for the workspace's services.
   * @default RenderNotifications.FAILURE
   */
  readonly notifications?: RenderNotifications;
  /**
   * Send the notifications by e-mail (to the workspace's members).
   * @default true
   */
  readonly emailNotifications?: boolean;
  /**
   * Notify for preview environments and service previews too.
   * @default false
   */
  readonly previewNotifications?: boolean;
  /**
   * The metrics stream.
   * @default - to the Grafana stack of the `grafana_otlp_endpoint` variable
   */
  readonly metricsStream?: RenderMetricsStreamOptions;
  /**
   * The log stream.
   * @default - no log stream
   */
  readonly logStream?: RenderLogStreamOptions;
}

/**
 * The workspace-wide observability settings of Render (one set per Render owner, so
 * one of these per workspace, in a shared stack): notification settings (failures
 * by default), the metrics stream to a Grafana stack (CPU, memory, HTTP requests
 * and latency of every service, which the RenderObservability alert rules and
 * dashboards read) and, optionally, a log stream. Metrics and log streams need a
 * Professional workspace or higher.
 *
 * @example
 * new RenderWorkspaceObservability(this, 'RenderWorkspace', {
 *   notifications: RenderNotifications.FAILURE,
 *   logStream: { endpoint: 'alloy.example.com:6514' },
 * });
 */
export class RenderWorkspaceObservability extends Construct {
  /** True when `x` is a RenderWorkspaceObservability (works across copies of the library). */
  public static isRenderWorkspaceObservability(x: unknown): x is RenderWorkspaceObservability {
    return x !== null && typeof x === 'object' && BRAND in (x as object);
  }

  /** The `render_notification_setting`. */
  public readonly resource: NotificationSetting;
  /** The `render_metrics_stream`. */
  public readonly metricsStream: MetricsStream;
  /** The `render_log_stream`, if any. */
  public readonly logStream?: LogStream;

  constructor(scope: Construct, id: string, props: RenderWorkspaceObservabilityProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, BRAND, { value: true });
    const input = Input.of(this, props);
    const notifications = checkNotifications(this, 'notifications', input.raw('notifications')) ?? RenderNotifications.FAILURE;
    if (notifications.value === 'default') {
      throw new ValidationError(this, 'notifications', 'RenderNotifications.DEFAULT', 'RenderNotifications.FAILURE, ALL or NONE (DEFAULT is for per-service overrides)');
    }
    const emailNotifications = input.boolean('emailNotifications') ?? true;
    const previewNotifications = input.boolean('previewNotifications') ?? false;
    const metrics = input.objectOrEmpty('metricsStream');
    const metricsEndpoint = urlInput(metrics, 'endpoint', HTTPS_URL, 'the https OTLP endpoint of the Grafana stack, such as "https://otlp-gateway-prod-us-east-0.grafana.net/otlp"');
    const metricsToken = metrics.secret('token');
    metrics.done();
    const logs = input.object('logStream');
    const logEndpoint = logs && urlInput(logs, 'endpoint', /^([A-Za-z0-9.-]+:\d{1,5}|https:\/\/\S+)$/, '"HOST:PORT" of a TLS syslog receiver or an https URL');
    const logToken = logs?.secret('token');
    const includePreviews = logs?.boolean('includePreviews') ?? false;
    logs?.done();
    input.done();

    const other = TerraformStack.of(this).node.findAll().find((c) => c !== this && RenderWorkspaceObservability.isRenderWorkspaceObservability(c));
    if (other) {
      throw new ValidationError(this, 'id', this.node.id, `the only RenderWorkspaceObservability of the stack: these settings are one per Render workspace, and ${other.node.path} already sets them`);
    }

    renderProviderFor(this);
    this.resource = new NotificationSetting(this, 'Resource', {
      notificationsToSend: notifications.value,
      emailEnabled: emailNotifications,
      previewNotificationsEnabled: previewNotifications,
    });
    this.metricsStream = new MetricsStream(this, 'MetricsStream', {
      metricsProvider: 'GRAFANA',
      url: metricsEndpoint ?? otlpEndpointInput(this),
      token: (metricsToken ?? metricsTokenInput(this)).value,
    });
    if (logs) {
      this.logStream = new LogStream(this, 'LogStream', {
        endpoint: logEndpoint ?? stringInput(this, 'render_log_stream_endpoint', 'Render log stream destination: HOST:PORT of a TLS syslog receiver (Grafana Alloy loki.source.syslog) or an https URL', {
          regex: '^([A-Za-z0-9.-]+:[0-9]{1,5}|https://[^ ]+)$',
          message: 'render_log_stream_endpoint must be HOST:PORT of a TLS syslog receiver or an https URL.',
        }).stringValue,
        token: (logToken ?? SecretValue.fromVariable(this, 'render_log_stream_token', 'Token of the Render log stream receiver')).value,
        preview: includePreviews ? 'send' : 'drop',
      });
    }
  }
}
