import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { assertNoSecretByValue } from './literal-secrets';
import { ValidationError } from '../../core/errors';
import { Input } from '../../core/private/input';

/**
 * Alertmanager routing as kube-prometheus-stack's `alertmanager.config` (the
 * chart writes it, as YAML, into the Secret the operator hands to Alertmanager).
 * Credentials never go into that configuration: each one is a key of the
 * Kubernetes Secret `SECRET_NAME`, which `alertmanager.alertmanagerSpec.secrets`
 * mounts at `/etc/alertmanager/secrets/<secret>/`, and the configuration names
 * the file (`api_url_file`, `routing_key_file`, `auth_password_file`, all known
 * to Alertmanager since 0.25).
 */

/** The Secret (in the monitoring namespace) with the receivers' credentials. */
export const SECRET_NAME = 'alertmanager-receivers';
/** Where the operator mounts the Secrets listed in `alertmanagerSpec.secrets`. */
export const SECRET_DIR = `/etc/alertmanager/secrets/${SECRET_NAME}`;
/** kube-prometheus-stack's receiver for alerts nobody needs to hear (Watchdog, InfoInhibitor). */
export const NULL_RECEIVER = 'null';

const RECEIVER_NAME = /^[a-z]([-a-z0-9]{0,38}[a-z0-9])?$/;
const EMAIL = /^[^@\s,"<>]+@[^@\s,"<>]+\.[^@\s,"<>]+$/;
const SMARTHOST = /^[A-Za-z0-9]([-A-Za-z0-9.]*[A-Za-z0-9])?:\d{1,5}$/;
const SLACK_CHANNEL = /^[#@]?[a-z0-9][a-z0-9._-]{0,79}$/;
const DESTINATIONS = '"email", "slack" or "pagerDuty"';

/** The routing, ready for the chart values and the Secret. */
export interface AlertmanagerSettings {
  /** `alertmanager.config`: the whole alertmanager.yaml. */
  readonly config: { [key: string]: unknown };
  /** Keys of `SECRET_NAME` and their (sensitive) values. */
  readonly secretData: { [key: string]: string };
}

/** Reads `alerting` (undefined when not set: the chart's default routing, to nobody). */
export function readAlertRouting(scope: Construct, props: Input): AlertmanagerSettings | undefined {
  const input = props.object('alerting');
  if (input === undefined) return undefined;
  const secretData: { [key: string]: string } = {};
  const file = (key: string, value: string) => {
    secretData[key] = value;
    return `${SECRET_DIR}/${key}`;
  };
  const list = input.objectList('receivers', { maxItems: 20 });
  if (list === undefined || list.length === 0) {
    throw new ValidationError(scope, input.path('receivers'), list?.map((r) => r.props), 'at least one AlertReceiver { name, email | slack | pagerDuty }');
  }
  const names = new Map<string, number>();
  const receivers = list.map((r, i) => {
    const name = r.requiredString('name', { pattern: RECEIVER_NAME, allowed: 'a receiver name: 1-40 lowercase letters, digits or "-", starting with a letter' });
    if (name === NULL_RECEIVER) throw new ValidationError(scope, r.path('name'), name, 'a name other than "null" (kube-prometheus-stack\'s receiver for the Watchdog alert)');
    const first = names.get(name);
    if (first !== undefined) throw new ValidationError(scope, r.path('name'), name, `a receiver name not already used: ${input.path('receivers')}[${first}] is named "${name}"`);
    names.set(name, i);
    const receiver: { [key: string]: unknown } = { name };
    const email = r.object('email');
    if (email) {
      const rawTo = email.raw('to');
      if (Token.isUnresolved(rawTo)) {
        // The chart values are one JSON string: a whole list from a variable cannot be joined inside it.
        throw new ValidationError(scope, email.path('to'), '<list token>', 'a list of e-mail addresses, each a literal or a string variable (a list(string) variable as a whole cannot be written into the chart values)');
      }
      const to = email.stringList('to', { minItems: 1, unique: true, pattern: EMAIL, allowed: 'an e-mail address' });
      if (to === undefined) throw new ValidationError(scope, email.path('to'), undefined, 'a list of e-mail addresses');
      const from = email.requiredString('from', { pattern: EMAIL, allowed: 'an e-mail address' });
      const smarthost = email.requiredString('smarthost', { pattern: SMARTHOST, allowed: 'an SMTP relay as "host:port", for example "smtp.example.com:587"' });
      const username = email.string('username', { nonEmpty: true, allowed: 'an SMTP user name' });
      if (username !== undefined && !Token.isUnresolved(username)) assertNoSecretByValue(scope, email.path('username'), username);
      const password = email.secret('password');
      email.done();
      if ((username === undefined) !== (password === undefined)) {
        throw new ValidationError(scope, email.path(username === undefined ? 'username' : 'password'), undefined, 'both "username" and "password" (SMTP authentication), or neither');
      }
      receiver.email_configs = [{
        to: to.join(', '),
        from,
        smarthost,
        require_tls: true,
        send_resolved: true,
        ...(username !== undefined ? { auth_username: username, auth_password_file: file(`${name}-smtp-password`, password!.value) } : {}),
      }];
    }
    const slack = r.object('slack');
    if (slack) {
      const webhookUrl = slack.secret('webhookUrl');
      if (webhookUrl === undefined) throw new ValidationError(scope, slack.path('webhookUrl'), undefined, 'a SecretValue with the Slack incoming-webhook URL (SecretValue.fromVariable(...))');
      const channel = slack.string('channel', { pattern: SLACK_CHANNEL, allowed: 'a Slack channel such as "#releases"' });
      slack.done();
      receiver.slack_configs = [{
        api_url_file: file(`${name}-slack-webhook-url`, webhookUrl.value),
        ...(channel !== undefined ? { channel } : {}),
        send_resolved: true,
        title: '{{ .Status | toUpper }}: {{ .CommonLabels.alertname }} ({{ .CommonLabels.app }} {{ .CommonLabels.environment }})',
        text: '{{ range .Alerts }}{{ .Annotations.summary }}\n{{ .Annotations.description }}\n{{ end }}',
      }];
    }
    const pagerDuty = r.object('pagerDuty');
    if (pagerDuty) {
      const routingKey = pagerDuty.secret('routingKey');
      if (routingKey === undefined) throw new ValidationError(scope, pagerDuty.path('routingKey'), undefined, 'a SecretValue with the PagerDuty integration\'s routing key (SecretValue.fromVariable(...))');
      pagerDuty.done();
      receiver.pagerduty_configs = [{
        routing_key_file: file(`${name}-pagerduty-routing-key`, routingKey.value),
        send_resolved: true,
        description: '{{ .CommonLabels.alertname }}: {{ .CommonAnnotations.summary }}',
      }];
    }
    r.done();
    if (!email && !slack && !pagerDuty) {
      throw new ValidationError(scope, `${input.path('receivers')}[${i}]`, r.props, `at least one destination: ${DESTINATIONS} (a receiver without one swallows the alerts routed to it)`);
    }
    return receiver;
  });
  const receiverRef = (prop: string, required: boolean) => {
    const value = required
      ? input.requiredString(prop, { allowed: `the name of a receiver (${[...names.keys()].map((n) => `"${n}"`).join(', ')})` })
      : input.string(prop);
    if (value !== undefined && !names.has(value)) {
      throw new ValidationError(scope, input.path(prop), value, `the name of a receiver (${[...names.keys()].map((n) => `"${n}"`).join(', ')})`);
    }
    return value;
  };
  const critical = receiverRef('criticalReceiver', true)!;
  const warning = receiverRef('warningReceiver', true)!;
  const fallback = receiverRef('defaultReceiver', false) ?? warning;
  const repeatHours = input.integer('repeatIntervalHours', 1, 168) ?? 4;
  input.done();

  return {
    secretData,
    config: {
      global: { resolve_timeout: '5m' },
      route: {
        receiver: fallback,
        group_by: ['alertname', 'namespace', 'app'],
        group_wait: '30s',
        group_interval: '5m',
        repeat_interval: `${repeatHours}h`,
        routes: [
          { receiver: NULL_RECEIVER, matchers: ['alertname =~ "Watchdog|InfoInhibitor"'] },
          // A page: the rollback alerts of RolloutAlerts are critical.
          { receiver: critical, matchers: ['severity = "critical"'], group_wait: '10s', repeat_interval: '1h' },
          { receiver: warning, matchers: ['severity = "warning"'] },
        ],
      },
      receivers: [{ name: NULL_RECEIVER }, ...receivers],
      // A critical alert silences the warning and info alerts of the same name and namespace.
      inhibit_rules: [
        { source_matchers: ['severity = "critical"'], target_matchers: ['severity =~ "warning|info"'], equal: ['namespace', 'alertname'] },
        { source_matchers: ['severity = "warning"'], target_matchers: ['severity = "info"'], equal: ['namespace', 'alertname'] },
        { source_matchers: ['alertname = "InfoInhibitor"'], target_matchers: ['severity = "info"'], equal: ['namespace'] },
      ],
      templates: ['/etc/alertmanager/config/*.tmpl'],
    },
  };
}
