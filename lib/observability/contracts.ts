import { IConstruct } from 'constructs';

/**
 * What the observability module needs of a Render service: its names, its Render
 * id and a way to pin its notifications. `RenderWebService`, `RenderBackgroundWorker`
 * and `RenderCronJob` are such services; the module never reaches into how they are
 * built.
 */
export interface IWatchedRenderService extends IConstruct {
  /** Logical name, for example "api" or "ai-worker". */
  readonly serviceName: string;
  /** Name in Render, which Render's metrics stream sends as `service.name` (the `job` label in Grafana). */
  readonly renderName: string;
  /** Render service id (a token). */
  readonly serviceId: string;
  /**
   * Overrides the workspace's notification settings for this service:
   * "default", "all", "failure" or "none".
   */
  overrideNotifications(notificationsToSend: string): void;
}

/** A public Render web service: also its public hostname and health check path. */
export interface IWatchedRenderWebService extends IWatchedRenderService {
  /** Public hostname, for example "api.example.com" (may be a token). */
  readonly publicHostname: string;
  /** Path of the deep health check, for example "/health". */
  readonly healthCheckPath: string;
}
