import { Aspects, TerraformVariable } from 'cdktf';
import { errorOf } from './support/fixtures';
import { AlertRouting, AlertRoutingProps, SecretValue, SecurityChecks } from '../../lib';
import { Template, environmentStack } from '../support/template';

function routing(props: (stack: any) => AlertRoutingProps): { t: () => Template; stack: any; routing: AlertRouting } {
  const stack = environmentStack(undefined, 'shared');
  const r = new AlertRouting(stack, 'Alerting', props(stack));
  return { t: () => Template.of(stack), stack, routing: r };
}

describe('AlertRouting', () => {
  test('contact points from variables (e-mail list, Slack URL as a secret) and a policy routing by label', () => {
    const { t } = routing((stack) => ({
      contactPoints: {
        oncall: {
          emails: new TerraformVariable(stack, 'alert_emails', { type: 'list(string)' }).listValue,
          slackWebhookUrl: SecretValue.fromVariable(stack, 'alert_slack_webhook_url'),
          slackMention: 'here',
        },
        team: { emails: ['team@example.com'] },
      },
      defaultContactPoint: 'team',
      routes: [{ matchers: { environment: 'production', severity: 'critical' }, contactPoint: 'oncall', repeatInterval: '1h' }],
    }));
    const tpl = t();
    expect(tpl.resourceList('grafana_contact_point')).toEqual([
      {
        name: 'oncall',
        email: [{ addresses: '${var.alert_emails}', single_email: true }],
        slack: [{ url: '${var.alert_slack_webhook_url}', mention_channel: 'here' }],
      },
      { name: 'team', email: [{ addresses: ['team@example.com'], single_email: true }] },
    ]);
    expect(tpl.json.variable.alert_slack_webhook_url).toMatchObject({ sensitive: true });
    expect(tpl.only('grafana_notification_policy')).toMatchObject({
      contact_point: 'team',
      group_by: ['alertname', 'environment', 'service'],
      repeat_interval: '4h',
      policy: [{ contact_point: 'oncall', repeat_interval: '1h', matcher: [{ label: 'environment', match: '=', value: 'production' }, { label: 'severity', match: '=', value: 'critical' }] }],
      depends_on: [expect.stringMatching(/^grafana_contact_point\./), expect.stringMatching(/^grafana_contact_point\./)],
    });
  });

  test('a webhook contact point with bearer credentials', () => {
    const { t } = routing((stack) => ({ contactPoints: { incidents: { webhookUrl: 'https://events.example.com/grafana', webhookBearerToken: SecretValue.fromVariable(stack, 'incident_token') } } }));
    expect(t().only('grafana_contact_point').webhook).toEqual([{ url: 'https://events.example.com/grafana', authorization_scheme: 'Bearer', authorization_credentials: '${var.incident_token}' }]);
  });

  test('label values are literal text: "${var.x}" and "%{" in matchers come out escaped', () => {
    const { t } = routing(() => ({ contactPoints: { team: { emails: ['team@example.com'] } }, routes: [{ matchers: { service: '${var.x}', team: '%{ if true }x%{ endif }' }, contactPoint: 'team' }] }));
    expect(t().only('grafana_notification_policy').policy[0].matcher.map((m: any) => m.value)).toEqual(['$${var.x}', '%%{ if true }x%%{ endif }']);
  });

  test('one AlertRouting per stack (one notification policy per Grafana organization)', () => {
    const { stack } = routing(() => ({ contactPoints: { team: { emails: ['team@example.com'] } } }));
    expect(errorOf(() => new AlertRouting(stack, 'Again', { contactPoints: { other: { emails: ['o@example.com'] } } }))).toBe(
      '[shared/Again] invalid "id": got "Again"; expected the only AlertRouting of the stack: a Grafana organization has one notification policy, and shared/Alerting already defines it');
  });

  test('SecurityChecks: zero findings', () => {
    const { stack } = routing((s) => ({ contactPoints: { team: { emails: ['team@example.com'], slackWebhookUrl: SecretValue.fromVariable(s, 'alert_slack_webhook_url') } } }));
    const checks = new SecurityChecks();
    Aspects.of(stack).add(checks);
    Template.of(stack);
    checks.check(stack);
    expect(checks.findings.filter((f) => !f.suppressedBecause)).toEqual([]);
  });
});
