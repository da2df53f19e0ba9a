import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DURATION, HTTPS_URL, grafanaProviderFor } from './private/grafana';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input, checkString } from '../core/private/input';
import { assertNoLiteralSecret } from '../core/private/secret-detection';
import { SecretValue } from '../core/secrets';
import { ContactPoint, ContactPointConfig } from '../providers/grafana/gen/contact-point';
import { NotificationPolicy, NotificationPolicyPolicy } from '../providers/grafana/gen/notification-policy';

const BRAND = Symbol.for('@livestreamsell/cdktf-constructs.AlertRouting');

/** Where one contact point delivers: any combination of e-mail, Slack and a webhook (at least one). */
export interface ContactPointOptions {
  /**
   * E-mail addresses (a list, or the list of a Terraform variable).
   * @default - no e-mail
   */
  readonly emails?: string[];
  /**
   * Slack incoming-webhook URL ("https://hooks.slack.com/services/..."): a secret.
   * @default - no Slack
   */
  readonly slackWebhookUrl?: SecretValue;
  /**
   * Who Slack notifies with the message: "here" (@here) or "channel" (@channel).
   * @default - nobody
   */
  readonly slackMention?: string;
  /**
   * An https endpoint that receives Grafana's webhook payload (an incident tool).
   * @default - no webhook
   */
  readonly webhookUrl?: string;
  /**
   * Bearer credentials sent to `webhookUrl` ("Authorization: Bearer <credentials>").
   * @default - none
   */
  readonly webhookBearerToken?: SecretValue;
}

/** A route of the notification policy: alerts whose labels match go to a contact point. */
export interface AlertRoute {
  /** Labels the alert must have, all of them (equality), for example `{ environment: "production", severity: "critical" }`. */
  readonly matchers: { [label: string]: string };
  /** Name of the contact point (a key of `contactPoints`). */
  readonly contactPoint: string;
  /**
   * How often a still-firing alert is sent again.
   * @default - the policy's repeatInterval
   */
  readonly repeatInterval?: string;
  /**
   * Keep matching the next routes after this one.
   * @default false
   */
  readonly continueMatching?: boolean;
}

/** Props of `AlertRouting`. */
export interface AlertRoutingProps {
  /** Contact points by name (1-100 characters: letters, digits, space, "-", "_"). */
  readonly contactPoints: { [name: string]: ContactPointOptions };
  /**
   * Contact point of alerts that no route matches.
   * @default - the first contact point
   */
  readonly defaultContactPoint?: string;
  /**
   * Routes, matched in order.
   * @default - none: every alert goes to the default contact point
   */
  readonly routes?: AlertRoute[];
  /**
   * Labels that group alerts into one notification.
   * @default ["alertname", "environment", "service"]
   */
  readonly groupBy?: string[];
  /**
   * How often a still-firing alert is sent again.
   * @default "4h"
   */
  readonly repeatInterval?: string;
}

/**
 * Where Grafana alerts go: contact points (e-mail, Slack, webhook) and the
 * organization's notification policy that routes alerts to them by label. The
 * policy is one per Grafana organization, so create one AlertRouting per Grafana
 * stack (in a shared stack) and route environments by their `environment` label.
 *
 * @example
 * new AlertRouting(this, 'Alerting', {
 *   contactPoints: {
 *     oncall: { emails: ['oncall@example.com'], slackWebhookUrl: SecretValue.fromVariable(this, 'alert_slack_webhook_url') },
 *     team: { emails: ['team@example.com'] },
 *   },
 *   defaultContactPoint: 'team',
 *   routes: [{ matchers: { environment: 'production', severity: 'critical' }, contactPoint: 'oncall', repeatInterval: '1h' }],
 * });
 */
export class AlertRouting extends Construct {
  /** True when `x` is an AlertRouting (works across copies of the library). */
  public static isAlertRouting(x: unknown): x is AlertRouting {
    return x !== null && typeof x === 'object' && BRAND in (x as object);
  }

  /** The `grafana_notification_policy`. */
  public readonly resource: NotificationPolicy;
  /** The contact points by name. */
  public readonly contactPoints: { [name: string]: ContactPoint };

  constructor(scope: Construct, id: string, props: AlertRoutingProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, BRAND, { value: true });
    const input = Input.of(this, props);
    const points = input.objectMap('contactPoints', { key: { pattern: /^[A-Za-z0-9 _-]{1,100}$/, allowed: 'a contact point name: 1-100 letters, digits, spaces, "-" or "_"' } });
    if (!points || Object.keys(points).length === 0) {
      throw new ValidationError(this, 'contactPoints', input.props.contactPoints, 'at least one contact point');
    }
    const names = Object.keys(points);
    const known = names.map((n) => JSON.stringify(n)).join(', ');
    const nameOf = (prop: string, value: unknown) => {
      const name = checkString(this, prop, value, { allowed: `the name of a contact point: ${known}` });
      if (name !== undefined && !names.includes(name)) throw new ValidationError(this, prop, name, `the name of a contact point: ${known}`);
      return name;
    };
    const defaultContactPoint = nameOf('defaultContactPoint', input.raw('defaultContactPoint')) ?? names[0];
    const routes = (input.objectList('routes') ?? []).map((r) => {
      const matchers = r.stringMap('matchers', { key: { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, allowed: 'a label name' }, value: { nonEmpty: true, allowed: 'a non-empty label value' } });
      if (!matchers || Object.keys(matchers).length === 0) throw new ValidationError(this, r.path('matchers'), r.props.matchers, 'at least one label matcher such as { environment: "production" }');
      const route: NotificationPolicyPolicy = {
        contactPoint: nameOf(r.path('contactPoint'), r.raw('contactPoint')) ?? this.missing(r.path('contactPoint'), known),
        matcher: Object.entries(matchers).map(([label, value]) => ({ label, match: '=', value })),
        repeatInterval: r.string('repeatInterval', { pattern: DURATION, allowed: 'a duration such as "1h" or "30m"' }),
        continue: r.boolean('continueMatching'),
      };
      r.done();
      return route;
    });
    const groupBy = input.stringList('groupBy', { minItems: 1, unique: true, pattern: /^([A-Za-z_][A-Za-z0-9_]*|\.\.\.)$/, allowed: 'a label name (or "...")' }) ?? ['alertname', 'environment', 'service'];
    const repeatInterval = input.string('repeatInterval', { pattern: DURATION, allowed: 'a duration such as "4h" or "30m"' }) ?? '4h';
    const configs = Object.fromEntries(names.map((name) => [name, contactPointConfig(this, `contactPoints.${name}`, points[name])]));
    input.done();

    this.assertOnlyOne();
    grafanaProviderFor(this);
    this.contactPoints = {};
    for (const name of names) {
      this.contactPoints[name] = new ContactPoint(this, `ContactPoint-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`, { name, ...configs[name] });
    }
    this.resource = new NotificationPolicy(this, 'Resource', {
      contactPoint: defaultContactPoint,
      groupBy,
      repeatInterval,
      policy: routes.length > 0 ? routes : undefined,
      dependsOn: Object.values(this.contactPoints),
    });
  }

  private missing(prop: string, known: string): never {
    throw new ValidationError(this, prop, undefined, `the name of a contact point: ${known}`);
  }

  /** The notification policy is one per Grafana organization: a second AlertRouting in the stack would fight the first. */
  private assertOnlyOne(): void {
    const other = TerraformStack.of(this).node.findAll().find((c) => c !== this && AlertRouting.isAlertRouting(c));
    if (other) {
      throw new ValidationError(this, 'id', this.node.id, `the only AlertRouting of the stack: a Grafana organization has one notification policy, and ${other.node.path} already defines it`);
    }
  }
}

function contactPointConfig(scope: AlertRouting, prop: string, p: Input): Omit<ContactPointConfig, 'name'> {
  const emails = p.stringList('emails', { minItems: 1, unique: true, pattern: /^[^@\s]+@[^@\s]+\.[^@\s]+$/, allowed: 'an e-mail address' });
  const slackWebhookUrl = p.secret('slackWebhookUrl');
  const slackMention = p.oneOf('slackMention', ['here', 'channel'] as const);
  // Secrets first, so that a message never repeats a password or a Slack URL.
  const rawUrl = p.raw('webhookUrl');
  if (typeof rawUrl === 'string') {
    assertNoLiteralSecret(scope, prop, 'webhookUrl', rawUrl);
    if (/^https?:\/\/hooks\.slack\.com\//i.test(rawUrl)) {
      throw new ValidationError(scope, p.path('webhookUrl'), '<literal string redacted>', 'a URL without a secret in it: a Slack webhook URL is a secret, pass it as slackWebhookUrl (a SecretValue)');
    }
  }
  const webhookUrl = checkString(scope, p.path('webhookUrl'), rawUrl, { pattern: HTTPS_URL, allowed: 'an https URL such as "https://events.example.com/grafana" (plain http is refused: alerts carry internal details)' });
  const webhookBearerToken = p.secret('webhookBearerToken');
  p.done();
  if (webhookBearerToken && webhookUrl === undefined) throw new ValidationError(scope, p.path('webhookBearerToken'), '<SecretValue>', 'webhookUrl to be set too (the token is sent to it)');
  if (slackMention && !slackWebhookUrl) throw new ValidationError(scope, p.path('slackMention'), slackMention, 'slackWebhookUrl to be set too');
  if (emails === undefined && slackWebhookUrl === undefined && webhookUrl === undefined) {
    throw new ValidationError(scope, prop, p.props, 'a contact point with at least one of "emails", "slackWebhookUrl" or "webhookUrl"');
  }
  return {
    email: emails ? [{ addresses: emails, singleEmail: true }] : undefined,
    slack: slackWebhookUrl ? [{ url: slackWebhookUrl.value, mentionChannel: slackMention }] : undefined,
    webhook: webhookUrl ? [{ url: webhookUrl, authorizationScheme: webhookBearerToken ? 'Bearer' : undefined, authorizationCredentials: webhookBearerToken?.value }] : undefined,
  };
}
