import { RenderWorkerOptions } from './background-worker';
import { RenderCronJobOptions } from './cron-job';
import { RenderEnvGroupOptions } from './env-group';
import { RenderKeyValueOptions } from './key-value';
import { RenderRegionOptions } from './region';
import { RenderRegistryCredentialProps } from './registry-credential';
import { IRenderProject } from './render-project';
import { RenderWebServiceOptions } from './web-service';
import { ContainerImage } from '../core/container-image';
import { Environment } from '../environment/environment';

/** An env group declared through `RenderCompute`. */
export interface RenderComputeEnvGroupOptions extends RenderEnvGroupOptions {
  /**
   * Construct ids of the services the group is linked to, among this compute's
   * web services, workers and cron jobs (at least one). Nothing else receives the
   * group: not services added later, not jobs of other modules.
   */
  readonly services: string[];
}

/** The Key Value (Redis) instance of a `RenderCompute`. */
export interface RenderComputeKeyValueOptions extends RenderKeyValueOptions {
  /**
   * Variable that carries the connection string.
   * @default "REDIS_URL"
   */
  readonly variableName?: string;
  /**
   * Construct ids of the services that receive the connection string, among this
   * compute's web services, workers and cron jobs (at least one).
   */
  readonly services: string[];
}

/** Props of `RenderCompute`. */
export interface RenderComputeProps extends RenderRegionOptions {
  /**
   * The Render project whose environment (named like this compute's environment)
   * every resource joins; usually one project shared by staging and production,
   * created in its own stack or imported with `RenderProject.fromProjectAttributes`.
   * @default - a project "<project>-<environment>" with only this environment
   */
  readonly project?: IRenderProject;
  /**
   * Public web services by construct id, each with its own health check, port and
   * custom domain, for example `{ Api: {...}, Frontend: {...} }`.
   * @default - none
   */
  readonly webServices?: { [id: string]: RenderWebServiceOptions };
  /**
   * Background workers by construct id, for example `{ QueueWorker: {...} }`.
   * @default - none
   */
  readonly workers?: { [id: string]: RenderWorkerOptions };
  /**
   * Cron jobs by construct id.
   * @default - none
   */
  readonly cronJobs?: { [id: string]: RenderCronJobOptions };
  /**
   * Env groups by construct id, for configuration and secrets that several
   * services share; each names the services it reaches.
   * @default - none
   */
  readonly envGroups?: { [id: string]: RenderComputeEnvGroupOptions };
  /**
   * A Key Value (Redis) instance for queues and cache, and the services that receive its connection string.
   * @default - none
   */
  readonly keyValue?: RenderComputeKeyValueOptions;
  /**
   * The registry credential every image is pulled with.
   * @default - GHCR (RenderRegistry.GITHUB) with the variables `ghcr_username` and `ghcr_token` (sensitive)
   */
  readonly registryCredential?: RenderRegistryCredentialProps;
  /**
   * Pull public images without any credential (no `render_registry_credential`).
   * @default false
   */
  readonly publicImages?: boolean;
  /**
   * Image of scheduled jobs added through `addScheduledJob` without their own image.
   * @default - none: such jobs are refused
   */
  readonly defaultJobImage?: ContainerImage;
  /**
   * The environment whose names and defaults apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}
