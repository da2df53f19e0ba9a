import { Aspects } from 'cdktf';
import { errorOf } from './support/fixtures';
import { RenderNotifications, RenderWorkspaceObservability, SecretValue, SecurityChecks } from '../../lib';
import { Template, environmentStack } from '../support/template';

describe('RenderWorkspaceObservability', () => {
  test('failure notifications by e-mail, a metrics stream to Grafana; tokens are sensitive variables', () => {
    const stack = environmentStack(undefined, 'shared');
    new RenderWorkspaceObservability(stack, 'Workspace');
    const t = Template.of(stack);
    expect(t.only('render_notification_setting')).toEqual({ notifications_to_send: 'failure', email_enabled: true, preview_notifications_enabled: false });
    expect(t.only('render_metrics_stream')).toEqual({ metrics_provider: 'GRAFANA', url: '${var.grafana_otlp_endpoint}', token: '${var.grafana_metrics_token}' });
    expect(t.json.variable.grafana_metrics_token).toMatchObject({ sensitive: true });
    expect(t.json.variable.grafana_otlp_endpoint.validation[0].error_message).toBe('grafana_otlp_endpoint must be the https OTLP endpoint of the Grafana stack.');
    expect(t.count('render_log_stream')).toBe(0);
  });

  test('a log stream to a TLS syslog receiver, previews dropped', () => {
    const stack = environmentStack(undefined, 'shared');
    new RenderWorkspaceObservability(stack, 'Workspace', {
      notifications: RenderNotifications.ALL,
      logStream: { endpoint: 'alloy.example.com:6514', token: SecretValue.fromVariable(stack, 'log_token') },
      metricsStream: { endpoint: 'https://otlp-gateway-prod-us-east-0.grafana.net/otlp' },
    });
    const t = Template.of(stack);
    expect(t.only('render_log_stream')).toEqual({ endpoint: 'alloy.example.com:6514', token: '${var.log_token}', preview: 'drop' });
    expect(t.only('render_notification_setting').notifications_to_send).toBe('all');
    expect(t.only('render_metrics_stream').url).toBe('https://otlp-gateway-prod-us-east-0.grafana.net/otlp');
  });

  test('one per stack (one set of settings per Render workspace)', () => {
    const stack = environmentStack(undefined, 'shared');
    new RenderWorkspaceObservability(stack, 'Workspace');
    expect(errorOf(() => new RenderWorkspaceObservability(stack, 'Again'))).toBe(
      '[shared/Again] invalid "id": got "Again"; expected the only RenderWorkspaceObservability of the stack: these settings are one per Render workspace, and shared/Workspace already sets them');
  });

  test('DEFAULT is for service overrides only', () => {
    const stack = environmentStack(undefined, 'shared');
    expect(errorOf(() => new RenderWorkspaceObservability(stack, 'Workspace', { notifications: RenderNotifications.DEFAULT }))).toBe(
      '[shared/Workspace] invalid "notifications": got "RenderNotifications.DEFAULT"; expected RenderNotifications.FAILURE, ALL or NONE (DEFAULT is for per-service overrides)');
  });

  test('SecurityChecks: zero findings', () => {
    const stack = environmentStack(undefined, 'shared');
    new RenderWorkspaceObservability(stack, 'Workspace', { logStream: {} });
    const checks = new SecurityChecks();
    Aspects.of(stack).add(checks);
    Template.of(stack);
    checks.check(stack);
    expect(checks.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});
