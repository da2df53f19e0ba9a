import { SecretValue } from '../core/secrets';

/** E-mail through an SMTP relay. */
export interface EmailReceiverOptions {
  /** Recipients (at least one). */
  readonly to: string[];
  /** Sender address. */
  readonly from: string;
  /** SMTP relay as "host:port", for example "smtp.example.com:587". */
  readonly smarthost: string;
  /**
   * SMTP user name.
   * @default - no SMTP authentication
   */
  readonly username?: string;
  /**
   * SMTP password (a sensitive variable); delivered to Alertmanager as a file of a Kubernetes Secret.
   * @default - no SMTP authentication
   */
  readonly password?: SecretValue;
}

/** A Slack incoming webhook. */
export interface SlackReceiverOptions {
  /** The webhook URL (a sensitive variable: it is the credential); delivered as a file of a Kubernetes Secret. */
  readonly webhookUrl: SecretValue;
  /**
   * Channel to post to, when the webhook allows overriding it.
   * @default - the webhook's own channel
   */
  readonly channel?: string;
}

/** A PagerDuty service (Events API v2). */
export interface PagerDutyReceiverOptions {
  /** The integration's routing key (a sensitive variable); delivered as a file of a Kubernetes Secret. */
  readonly routingKey: SecretValue;
}

/** One Alertmanager receiver: a name and at least one destination. */
export interface AlertReceiver {
  /** Receiver name (routes refer to it): lowercase letters, digits and "-", 1-40 characters. */
  readonly name: string;
  /**
   * E-mail destination.
   * @default - no e-mail
   */
  readonly email?: EmailReceiverOptions;
  /**
   * Slack destination.
   * @default - no Slack
   */
  readonly slack?: SlackReceiverOptions;
  /**
   * PagerDuty destination.
   * @default - no PagerDuty
   */
  readonly pagerDuty?: PagerDutyReceiverOptions;
}

/**
 * Who hears about an alert, by its `severity` label: `critical` pages the
 * on-call (the rollback alerts of `RolloutAlerts` are critical), `warning` goes
 * to chat. Alertmanager runs with kube-prometheus-stack; its configuration is
 * written into the chart's values, and every credential goes into a Kubernetes
 * Secret that Alertmanager mounts and reads as a file (`*_file` settings), so
 * no credential is ever in the values, the plan's non-sensitive fields or the
 * Helm release's values.
 */
export interface AlertRoutingOptions {
  /** The receivers (at least one; names unique). */
  readonly receivers: AlertReceiver[];
  /** Receiver of `severity="critical"` alerts: the on-call's pager. */
  readonly criticalReceiver: string;
  /** Receiver of `severity="warning"` alerts: the team's chat. */
  readonly warningReceiver: string;
  /**
   * Receiver of every other alert (`info`, or no severity). kube-prometheus-stack's
   * always-firing `Watchdog` and `InfoInhibitor` alerts go nowhere.
   * @default - `warningReceiver`
   */
  readonly defaultReceiver?: string;
  /**
   * Hours before a still-firing alert is sent again (1-168); critical alerts repeat every hour.
   * @default 4
   */
  readonly repeatIntervalHours?: number;
}
