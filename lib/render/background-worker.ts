import { Construct } from 'constructs';
import { RenderScaledServiceOptions, RenderServiceBase, RenderServiceContext } from './service-base';
import { BackgroundWorker } from '../providers/render/gen/background-worker';

/**
 * What a background worker runs and how it scales (also the shape `RenderCompute.workers` takes).
 * Its shutdown delay defaults to 120 s, so that a job in progress can finish or be
 * handed back to the queue.
 */
export interface RenderWorkerOptions extends RenderScaledServiceOptions {}

/** Props of `RenderBackgroundWorker`. */
export interface RenderBackgroundWorkerProps extends RenderWorkerOptions, RenderServiceContext {}

/**
 * A Render background worker running a container image (`render_background_worker`):
 * no inbound traffic, its own plan and autoscaling. Slow work (LLM calls, media
 * processing) runs here, apart from the web services, so it never delays a request.
 *
 * @example
 * new RenderBackgroundWorker(this, 'QueueWorker', {
 *   image: { repository: 'ghcr.io/acme/api', tag: '1.4.2' },
 *   command: 'python -m app.worker',
 * });
 */
export class RenderBackgroundWorker extends RenderServiceBase {
  /** The `render_background_worker`. */
  public readonly resource: BackgroundWorker;

  constructor(scope: Construct, id: string, props: RenderBackgroundWorkerProps) {
    super(scope, id, props);
    const config = this._scaledServiceConfig(120);
    this._done();
    this.resource = new BackgroundWorker(this, 'Resource', config);
    this.output('ServiceId', 'service_id', this.serviceId, `Render service id of ${this.serviceName}`);
  }

  /** Render service id (a token). */
  public get serviceId(): string {
    return this.resource.id;
  }
}
