import { Construct } from 'constructs';
import { RenderServiceBase, RenderServiceContext, ScaledServiceSettings } from './service-base';
import { BackgroundWorker } from '../providers/render/gen/background-worker';

/**
 * What a background worker runs and how it scales (also the shape `RenderCompute` takes). Its shutdown delay defaults to 120 s, so that a job
 * in progress (an LLM call, a media upload) can finish or be handed back to the queue.
 */
export interface RenderWorkerOptions extends ScaledServiceSettings {}

/** Props of `RenderBackgroundWorker`. */
export interface RenderBackgroundWorkerProps extends RenderWorkerOptions, RenderServiceContext {}

/**
 * A Render background worker running a container image (`render_background_worker`):
 * no inbound traffic, its own plan and autoscaling. AI processing runs here, apart
 * from the API, so LLM latency never delays the API's answer to Meta webhooks.
 *
 * @example
 * new RenderBackgroundWorker(this, 'AiWorker', {
 *   image: { repository: 'ghcr.io/acme/api', tag: '1.4.2' },
 *   command: 'python -m app.workers.ai',
 * });
 */
export class RenderBackgroundWorker extends RenderServiceBase {
  /** The `render_background_worker`. */
  public readonly resource: BackgroundWorker;

  constructor(scope: Construct, id: string, props: RenderBackgroundWorkerProps) {
    super(scope, id, props);
    this.resource = new BackgroundWorker(this, 'Resource', this._scaledServiceConfig(props, 120));
    this.output('ServiceId', 'service_id', this.serviceId, `Render service id of ${this.serviceName}`);
  }

  /** Render service id (a token). */
  public get serviceId(): string {
    return this.resource.id;
  }
}
