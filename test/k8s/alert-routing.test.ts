import { TerraformStack, TerraformVariable } from 'cdktf';
import { errorMessage, securityFindings } from './support';
import { AlertRoutingOptions, Environment, K8sPlatform, SecretValue } from '../../lib';
import { Template, environmentStack } from '../support/template';

function routing(stack: TerraformStack): AlertRoutingOptions {
  return {
    receivers: [
      {
        name: 'oncall',
        pagerDuty: { routingKey: SecretValue.fromVariable(stack, 'pagerduty_routing_key') },
        email: { to: ['oncall@example.com'], from: 'alerts@example.com', smarthost: 'smtp.example.com:587', username: 'alerts', password: SecretValue.fromVariable(stack, 'smtp_password') },
      },
      { name: 'chat', slack: { webhookUrl: SecretValue.fromVariable(stack, 'slack_webhook_url'), channel: '#alerts' } },
    ],
    criticalReceiver: 'oncall',
    warningReceiver: 'chat',
  };
}

function platform(alerting: (stack: TerraformStack) => any = routing): Template {
  const stack = environmentStack(Environment.production({ project: 'acme' }));
  new K8sPlatform(stack, 'Platform', { alerting: alerting(stack) });
  return Template.of(stack);
}

const values = (t: Template) => JSON.parse(t.resourceList('helm_release').find((r) => r.chart === 'kube-prometheus-stack').values[0]);

describe('K8sPlatform alerting', () => {
  const t = platform();
  const config = values(t).alertmanager.config;

  test('routes critical alerts to the on-call, warnings to chat, and the Watchdog nowhere', () => {
    expect(config.route).toEqual({
      receiver: 'chat',
      group_by: ['alertname', 'namespace', 'app'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '4h',
      routes: [
        { receiver: 'null', matchers: ['alertname =~ "Watchdog|InfoInhibitor"'] },
        { receiver: 'oncall', matchers: ['severity = "critical"'], group_wait: '10s', repeat_interval: '1h' },
        { receiver: 'chat', matchers: ['severity = "warning"'] },
      ],
    });
    expect(config.receivers.map((r: any) => r.name)).toEqual(['null', 'oncall', 'chat']);
  });

  test('reads every credential from a file of the mounted Secret, never from the values', () => {
    const [, oncall, chat] = config.receivers;
    const dir = '/etc/alertmanager/secrets/alertmanager-receivers';
    expect(oncall.pagerduty_configs[0].routing_key_file).toBe(`${dir}/oncall-pagerduty-routing-key`);
    expect(oncall.email_configs[0]).toMatchObject({
      to: 'oncall@example.com', from: 'alerts@example.com', smarthost: 'smtp.example.com:587', require_tls: true, auth_username: 'alerts', auth_password_file: `${dir}/oncall-smtp-password`,
    });
    expect(chat.slack_configs[0]).toMatchObject({ api_url_file: `${dir}/chat-slack-webhook-url`, channel: '#alerts', send_resolved: true });
    expect(values(t).alertmanager.alertmanagerSpec).toEqual({ secrets: ['alertmanager-receivers'] });
    const secret = t.only('kubernetes_secret_v1');
    expect(secret.metadata.name).toBe('alertmanager-receivers');
    expect(secret.data).toEqual({
      'oncall-smtp-password': '${var.smtp_password}',
      'oncall-pagerduty-routing-key': '${var.pagerduty_routing_key}',
      'chat-slack-webhook-url': '${var.slack_webhook_url}',
    });
    for (const name of ['smtp_password', 'pagerduty_routing_key', 'slack_webhook_url']) {
      expect(t.json.variable[name].sensitive).toBe(true);
      expect(JSON.stringify(t.resourceList('helm_release'))).not.toContain(name);
    }
    // Alertmanager mounts the Secret: it must exist before the chart's pods start.
    const stack = t.resourceList('helm_release').find((r) => r.chart === 'kube-prometheus-stack');
    expect(stack.depends_on).toEqual([expect.stringMatching(/^kubernetes_secret_v1\.Platform_AlertmanagerSecret_/)]);
  });

  test('inhibits warnings while the critical alert of the same name fires', () => {
    expect(config.inhibit_rules[0]).toEqual({ source_matchers: ['severity = "critical"'], target_matchers: ['severity =~ "warning|info"'], equal: ['namespace', 'alertname'] });
  });

  test('takes addresses from plain variables, and a default receiver', () => {
    const t2 = platform((stack) => ({
      receivers: [{ name: 'ops', email: { to: [new TerraformVariable(stack, 'ops_email', { type: 'string' }).stringValue, 'lead@example.com'], from: 'a@example.com', smarthost: 'smtp.example.com:25' } }],
      criticalReceiver: 'ops',
      warningReceiver: 'ops',
      defaultReceiver: 'ops',
      repeatIntervalHours: 12,
    }));
    const c = values(t2).alertmanager.config;
    expect(c.receivers[1].email_configs[0].to).toBe('${var.ops_email}, lead@example.com');
    expect(c.route.repeat_interval).toBe('12h');
    expect(t2.count('kubernetes_secret_v1')).toBe(1);
  });

  test('leaves the chart\'s routing alone without "alerting", and has no SecurityChecks finding either way', () => {
    const stack = environmentStack();
    new K8sPlatform(stack, 'Platform');
    const plain = Template.of(stack);
    expect(values(plain).alertmanager).toBeUndefined();
    expect(plain.count('kubernetes_secret_v1')).toBe(0);
    expect(securityFindings(stack)).toEqual([]);
    const withRouting = environmentStack(Environment.production({ project: 'acme' }), 'routed');
    new K8sPlatform(withRouting, 'Platform', { alerting: routing(withRouting) });
    expect(securityFindings(withRouting)).toEqual([]);
  });

  test.each<[string, (stack: TerraformStack) => any, string]>([
    ['a receiver without a destination', (s) => ({ ...routing(s), receivers: [{ name: 'oncall' }, ...routing(s).receivers.slice(1)] }),
      '[test/Platform] invalid "alerting.receivers[0]": got {"name":"oncall"}; expected at least one destination: "email", "slack" or "pagerDuty" (a receiver without one swallows the alerts routed to it)'],
    ['no receivers', () => ({ receivers: [], criticalReceiver: 'a', warningReceiver: 'a' }), '[test/Platform] invalid "alerting.receivers": got []; expected at least one AlertReceiver { name, email | slack | pagerDuty }'],
    ['a Slack webhook as a plain string', (s) => ({ ...routing(s), receivers: [{ name: 'chat', slack: { webhookUrl: 'https://hooks.slack.com/services/T0/B0/x' } }] }),
      "[test/Platform] invalid \"alerting.receivers[0].slack.webhookUrl\": got \"<string redacted>\"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct's secret attribute), never a plain string or object"],
    ['a critical receiver that does not exist', (s) => ({ ...routing(s), criticalReceiver: 'pager' }), '[test/Platform] invalid "alerting.criticalReceiver": got "pager"; expected the name of a receiver ("oncall", "chat")'],
    ['two receivers with one name', (s) => ({ ...routing(s), receivers: [routing(s).receivers[0], { ...routing(s).receivers[1], name: 'oncall' }] }),
      '[test/Platform] invalid "alerting.receivers[1].name": got "oncall"; expected a receiver name not already used: alerting.receivers[0] is named "oncall"'],
    ['an SMTP password without a user', (s) => ({ ...routing(s), receivers: [{ name: 'mail', email: { to: ['a@example.com'], from: 'b@example.com', smarthost: 'smtp.example.com:587', password: SecretValue.fromVariable(s, 'p') } }] }),
      '[test/Platform] invalid "alerting.receivers[0].email.username": got undefined; expected both "username" and "password" (SMTP authentication), or neither'],
    ['a list variable as the recipients', (s) => ({ ...routing(s), receivers: [{ name: 'mail', email: { to: new TerraformVariable(s, 'to', { type: 'list(string)' }).listValue, from: 'b@example.com', smarthost: 'smtp.example.com:587' } }] }),
      '[test/Platform] invalid "alerting.receivers[0].email.to": got "<list token>"; expected a list of e-mail addresses, each a literal or a string variable (a list(string) variable as a whole cannot be written into the chart values)'],
  ])('refuses %s', (_what, alerting, message) => {
    expect(errorMessage(() => platform(alerting))).toBe(message);
  });
});
