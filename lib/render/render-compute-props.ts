import { RenderWorkerOptions } from './background-worker';
import { RenderCronJobOptions } from './cron-job';
import { EnvVarOptions } from './env-vars';
import { RenderRegionOptions } from './region';
import { RenderRegistryCredentialProps } from './registry-credential';
import { RenderProject } from './render-project';
import { RenderWebServiceOptions } from './web-service';
import { Environment } from '../environment/environment';

/** An env group declared through `RenderCompute`. */
export interface RenderComputeEnvGroupOptions extends EnvVarOptions {
  /**
   * Logical name (a DNS label).
   * @default - the construct id in kebab-case
   */
  readonly name?: string;
  /**
   * Construct ids of the services the group is linked to ("Api", "Dashboard", a
   * worker or cron job id), among the services declared in the props.
   * @default - every service except the dashboard, including ones added later:
   *   backend configuration and secrets never reach the browser-facing app unless listed
   */
  readonly services?: string[];
}

/** The Key Value (Redis) instance of a `RenderCompute`. */
export interface RenderComputeKeyValueOptions {
  /**
   * Logical name (a DNS label).
   * @default "keyvalue"
   */
  readonly name?: string;
  /**
   * Plan: one of RENDER_KEY_VALUE_PLANS.
   * @default - "standard" in production, "starter" elsewhere
   */
  readonly plan?: string;
  /**
   * Eviction policy: one of RENDER_KEY_VALUE_MAX_MEMORY_POLICIES.
   * @default "noeviction"
   */
  readonly maxMemoryPolicy?: string;
  /**
   * Persistence: one of RENDER_KEY_VALUE_PERSISTENCE_MODES.
   * @default - Render's default for the plan
   */
  readonly persistenceMode?: string;
  /**
   * Variable that carries the connection string.
   * @default "REDIS_URL"
   */
  readonly variableName?: string;
  /**
   * Construct ids of the services that receive the connection string, among the
   * services declared in the props.
   * @default - every service except the dashboard, including ones added later
   */
  readonly services?: string[];
}

/** Props of `RenderCompute`. */
export interface RenderComputeProps extends RenderRegionOptions {
  /**
   * The FastAPI backend (construct id "Api"), a public web service.
   * @default - no API
   */
  readonly api?: RenderWebServiceOptions;
  /**
   * The Next.js dashboard (construct id "Dashboard"), a public web service.
   * @default - no dashboard
   */
  readonly dashboard?: RenderWebServiceOptions;
  /**
   * Background workers by construct id, for example `{ AiWorker: {...}, QueueWorker: {...} }`.
   * @default - none
   */
  readonly workers?: { [id: string]: RenderWorkerOptions };
  /**
   * Cron jobs by construct id.
   * @default - none
   */
  readonly cronJobs?: { [id: string]: RenderCronJobOptions };
  /**
   * Env groups by construct id, for configuration and secrets that several services share.
   * @default - none
   */
  readonly envGroups?: { [id: string]: RenderComputeEnvGroupOptions };
  /**
   * A Key Value (Redis) instance for queues and cache.
   * @default - none
   */
  readonly keyValue?: RenderComputeKeyValueOptions;
  /**
   * The registry credential every image is pulled with.
   * @default - GHCR ("GITHUB") with the variables `ghcr_username` and `ghcr_token` (sensitive)
   */
  readonly registryCredential?: RenderRegistryCredentialProps;
  /**
   * Pull public images without any credential (no `render_registry_credential`).
   * @default false
   */
  readonly publicImages?: boolean;
  /**
   * The Render project whose environment (named like this stack's environment) the
   * services join; usually one shared project for staging and production.
   * @default - a project "<project>-<environment>" with only this environment
   */
  readonly project?: RenderProject;
  /**
   * The environment whose names and defaults apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}
