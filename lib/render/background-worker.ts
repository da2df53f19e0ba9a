import { Construct } from 'constructs';
import { ScalingOptions, renderScaling } from './autoscaling';
import { renderImageSource } from './container-image';
import { RENDER_MAX_SHUTDOWN_DELAY_SECONDS } from './render-values';
import { RenderServiceBase, RenderServiceContext, RenderServiceOptions, resolvePreviews } from './service-base';
import { assertInteger } from '../core/validation';
import { BackgroundWorker } from '../providers/render/gen/background-worker';

/** What a background worker runs and how it scales (also the shape `RenderCompute` takes). */
export interface RenderWorkerOptions extends RenderServiceOptions {
  /**
   * Seconds between SIGTERM and SIGKILL (1-300), so that a job in progress (an
   * LLM call, a media upload) can finish or be handed back to the queue.
   * @default 120
   */
  readonly maxShutdownDelaySeconds?: number;
  /**
   * Instance count and autoscaling.
   * @default - the environment's min/max instances and CPU target
   */
  readonly scaling?: ScalingOptions;
  /**
   * Pull-request previews: "off", "manual" or "automatic". Only "off" in production.
   * @default "off"
   */
  readonly previews?: string;
}

/** Props of `RenderBackgroundWorker`. */
export interface RenderBackgroundWorkerProps extends RenderWorkerOptions, RenderServiceContext {}

/**
 * A Render background worker running a container image (`render_background_worker`):
 * no inbound traffic, its own plan and autoscaling. AI processing runs here, apart
 * from the API, so LLM latency never delays the API's answer to Meta webhooks.
 *
 * @example
 * new RenderBackgroundWorker(this, 'AiWorker', {
 *   image: { imageUrl: 'ghcr.io/livestreamsell/api', tag: '1.4.2' },
 *   command: 'python -m app.workers.ai',
 * });
 */
export class RenderBackgroundWorker extends RenderServiceBase {
  /** The `render_background_worker`. */
  public readonly resource: BackgroundWorker;

  constructor(scope: Construct, id: string, props: RenderBackgroundWorkerProps) {
    super(scope, id, props, 'worker');
    const shutdown = props.maxShutdownDelaySeconds ?? 120;
    assertInteger(this, 'maxShutdownDelaySeconds', shutdown, 1, RENDER_MAX_SHUTDOWN_DELAY_SECONDS);
    const scaling = renderScaling(this, this.environment, props.scaling);

    this.resource = new BackgroundWorker(this, 'Resource', {
      name: this.renderName,
      plan: this.plan,
      region: this.region,
      environmentId: props.projectEnvironmentId,
      runtimeSource: renderImageSource(this.image, props.registryCredential?.credentialId),
      startCommand: props.command,
      maxShutdownDelaySeconds: shutdown,
      previews: { generation: resolvePreviews(this, this.environment, props.previews) },
      numInstances: scaling.numInstances,
      autoscaling: scaling.autoscaling,
      envVars: this.envVarsToken,
    });
    this.output('ServiceId', 'service_id', this.serviceId, `Render service id of ${this.serviceName}`);
  }

  /** Render service id (a token). */
  public get serviceId(): string {
    return this.resource.id;
  }
}
