import { ContainerImage } from './container-image';
import { SecretValue } from './secrets';

/**
 * Small interfaces through which modules hand typed references to each other,
 * so that no hostname, URL or credential is copied between modules by hand.
 */

/**
 * A public HTTP service (a Render web service, a Kubernetes ingress host) that
 * networking puts behind Cloudflare and that the keep-alive pings.
 */
export interface IPublicService {
  /** Logical name, for example "api" or "dashboard". */
  readonly serviceName: string;
  /** Hostname the platform serves the service on (for example `<name>.onrender.com`); may be a token. */
  readonly originHostname: string;
  /** Public hostname under the Cloudflare zone (for example `api.example.com`). */
  readonly publicHostname: string;
  /** Path of the deep health check, for example "/health". */
  readonly healthCheckPath: string;

  /**
   * Receives the origin-lock secret: networking's edge sends it in a request
   * header with every request it forwards to the service, and the service refuses
   * requests without it (the ones that skipped the edge). A platform service stores
   * it as the secret environment variable `variableName`. Optional: a service
   * without it is still published, and networking warns that it cannot check.
   */
  addOriginSecret?(variableName: string, secret: SecretValue): void;
}

/** Where scheduled database backups are written, with write-only credentials. */
export interface IBackupDestination {
  /** Bucket name. */
  readonly bucketName: string;
  /** Bucket region. */
  readonly region: string;
  /** Key prefix for dumps, ending in "/". */
  readonly prefix: string;
  /** KMS key ARN the bucket encrypts with (uploads use SSE-KMS). */
  readonly kmsKeyArn: string;
  /** Access key id of a write-only identity (sensitive). */
  readonly accessKeyId: SecretValue;
  /** Secret access key of that identity (sensitive). */
  readonly secretAccessKey: SecretValue;
}

/** A scheduled job that a compute platform runs. */
export interface ScheduledJobSpec {
  /** Job name, a DNS label. */
  readonly name: string;
  /** Cron schedule (5 fields, UTC). */
  readonly schedule: string;
  /** Command the job runs. */
  readonly command: string;
  /**
   * Container image the job runs, pinned by tag or digest.
   * @default - the platform's default image for jobs
   */
  readonly image?: ContainerImage;
  /**
   * Plain, non-secret environment variables.
   * @default - none
   */
  readonly variables?: { [name: string]: string };
  /**
   * Secret environment variables.
   * @default - none
   */
  readonly secrets?: { [name: string]: SecretValue };
}

/** Something that can run scheduled jobs (implemented by RenderCompute). */
export interface IScheduledJobHost {
  /** Adds a scheduled job. */
  addScheduledJob(id: string, spec: ScheduledJobSpec): void;
}
