import { brandEnumLike } from '../core/private/enum-like';

const TYPE = 'RenderNotifications';

/**
 * Which Render notifications (e-mail, and Slack where the workspace connected it) a
 * workspace or a service sends: `render_notification_setting.notifications_to_send`
 * and a service's `notification_override`.
 *
 * @example
 * new RenderWorkspaceObservability(this, 'Workspace', { notifications: RenderNotifications.FAILURE });
 */
export class RenderNotifications {
  /** Every notification (deploys started and finished, failures, ...). */
  public static readonly ALL = new RenderNotifications('all');
  /** Failures only: failed deploys, failed cron runs, crashed services. */
  public static readonly FAILURE = new RenderNotifications('failure');
  /** No notifications. */
  public static readonly NONE = new RenderNotifications('none');
  /** A service override only: follow the workspace's setting. */
  public static readonly DEFAULT = new RenderNotifications('default');

  /** A value newer than the library. */
  public static of(value: string): RenderNotifications {
    return new RenderNotifications(value);
  }

  /** The provider's value, for example "failure". */
  public readonly value: string;

  private constructor(value: string) {
    this.value = value;
    brandEnumLike(this, TYPE);
  }
}
