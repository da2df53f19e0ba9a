import { Construct } from 'constructs';
import { renderImageSource } from './private/image-source';
import { RenderServiceBase, RenderServiceContext, RenderServiceOptions } from './service-base';
import { assertCron } from '../core/private/cron';
import { CronJob } from '../providers/render/gen/cron-job';

/** What a cron job runs and when (also the shape `RenderCompute` takes). */
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
    assertCron(this, 'schedule', props.schedule);
    this.schedule = props.schedule;

    this.resource = new CronJob(this, 'Resource', {
      name: this.renderName,
      plan: this.plan,
      region: this.region,
      schedule: props.schedule,
      environmentId: props.projectEnvironmentId,
      runtimeSource: renderImageSource(this.image, props.registryCredential?.credentialId),
      startCommand: props.command,
      envVars: this.envVarsToken,
    });
    this.output('ServiceId', 'service_id', this.serviceId, `Render service id of the ${this.serviceName} cron job`);
  }

  /** Render service id (a token). */
  public get serviceId(): string {
    return this.resource.id;
  }
}
