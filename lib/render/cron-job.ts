import { Construct } from 'constructs';
import { RenderServiceBase, RenderServiceContext, RenderServiceOptions } from './service-base';
import { ValidationError } from '../core/errors';
import { assertCron } from '../core/private/cron';
import { CronJob } from '../providers/render/gen/cron-job';

/** What a cron job runs and when (also the shape `RenderCompute.cronJobs` takes). */
export interface RenderCronJobOptions extends RenderServiceOptions {
  /** Cron schedule, 5 fields, UTC (for example "0 3 * * *"). */
  readonly schedule: string;
}

/** Props of `RenderCronJob`. */
export interface RenderCronJobProps extends RenderCronJobOptions, RenderServiceContext {}

/**
 * A Render cron job running a container image on a schedule (`render_cron_job`).
 * Render starts one run at a time and bills only its run time.
 *
 * @example
 * new RenderCronJob(this, 'Cleanup', {
 *   schedule: '0 4 * * *',
 *   image: { repository: 'ghcr.io/acme/api', tag: '1.4.2' },
 *   command: 'python -m app.jobs.cleanup',
 * });
 */
export class RenderCronJob extends RenderServiceBase {
  /** The `render_cron_job`. */
  public readonly resource: CronJob;
  /** The schedule. */
  public readonly schedule: string;

  constructor(scope: Construct, id: string, props: RenderCronJobProps) {
    super(scope, id, props);
    const input = this._input;
    const schedule = input.string('schedule');
    if (schedule === undefined) throw new ValidationError(input.scope, input.path('schedule'), undefined, 'a 5-field cron schedule such as "0 3 * * *" (UTC)');
    assertCron(input.scope, input.path('schedule'), schedule);
    this.schedule = schedule;
    this._done();

    this.resource = new CronJob(this, 'Resource', { ...this._commonConfig(), schedule });
    this.output('ServiceId', 'service_id', this.serviceId, `Render service id of the ${this.serviceName} cron job`);
  }

  /** Render service id (a token). */
  public get serviceId(): string {
    return this.resource.id;
  }
}
