/**
 * Option structs of the environment model. Every field is optional: an omitted
 * field takes the value of the preset the environment is based on.
 */

/** Instance counts and autoscaling targets. */
export interface ScalingSettings {
  /**
   * Minimum instances (Render) or replicas (Kubernetes) of a web service.
   * @default - production 1, staging 1
   */
  readonly minInstances?: number;
  /**
   * Maximum instances or replicas (the PRD: production 1-10).
   * @default - production 10, staging 2
   */
  readonly maxInstances?: number;
  /**
   * Target average CPU utilization, percent, that triggers scaling.
   * @default 70
   */
  readonly cpuTargetPercent?: number;
  /**
   * Target average memory utilization, percent.
   * @default 80
   */
  readonly memoryTargetPercent?: number;
}

/** Data-protection settings for stateful resources. */
export interface ProtectionSettings {
  /**
   * Turn on provider-side deletion protection (DynamoDB, load balancers, ...).
   * @default - production true, staging false
   */
  readonly deletionProtection?: boolean;
  /**
   * Add Terraform `lifecycle.prevent_destroy` to stateful resources
   * (buckets, keys, tables, databases).
   * @default - production true, staging false
   */
  readonly preventDestroy?: boolean;
  /**
   * Days that backups and noncurrent object versions are kept.
   * @default - production 35, staging 7
   */
  readonly backupRetentionDays?: number;
  /**
   * Days that logs (flow logs, access logs) are kept.
   * @default - production 365, staging 30
   */
  readonly logRetentionDays?: number;
  /**
   * KMS key deletion window in days (7-30).
   * @default - production 30, staging 7
   */
  readonly kmsDeletionWindowDays?: number;
  /**
   * The environment holds only synthetic data (the PRD's staging).
   * @default - production false, staging true
   */
  readonly syntheticData?: boolean;
}

/** AWS network sizing. */
export interface NetworkSettings {
  /**
   * VPC CIDR block.
   * @default - production "10.20.0.0/16", staging "10.10.0.0/16"
   */
  readonly vpcCidr?: string;
  /**
   * Number of availability zones (2-3).
   * @default - production 3, staging 2
   */
  readonly availabilityZones?: number;
  /**
   * One NAT gateway per availability zone (highly available) instead of a single shared one.
   * @default - production true, staging false
   */
  readonly natGatewayPerAz?: boolean;
}

/** Service plans and instance sizes on the managed platforms. */
export interface PlanSettings {
  /**
   * Render plan of web services.
   * @default - production "standard", staging "starter"
   */
  readonly renderWebPlan?: string;
  /**
   * Render plan of background workers.
   * @default - production "standard", staging "starter"
   */
  readonly renderWorkerPlan?: string;
  /**
   * Render Key Value (Redis) plan.
   * @default - production "standard", staging "starter"
   */
  readonly renderKeyValuePlan?: string;
  /**
   * Supabase compute instance size.
   * @default - production "small", staging "micro"
   */
  readonly supabaseInstanceSize?: string;
}

/** Public hostnames of the application in one environment. */
export interface HostnameSettings {
  /**
   * The Cloudflare zone (apex domain).
   * @default "livestreamsell.ai"
   */
  readonly zoneName?: string;
  /**
   * Hostname of the FastAPI backend.
   * @default - production "api.<zone>", staging "api-staging.<zone>"
   */
  readonly api?: string;
  /**
   * Hostname of the Next.js dashboard.
   * @default - production "app.<zone>", staging "app-staging.<zone>"
   */
  readonly dashboard?: string;
}

/** Cloudflare edge thresholds (per client IP). */
export interface EdgeSettings {
  /**
   * Requests per minute one client IP may send to any published hostname before
   * Cloudflare blocks it for the mitigation period.
   * @default - production 600, staging 300
   */
  readonly rateLimitRequestsPerMinute?: number;
  /**
   * Requests per minute one client IP may send to authentication endpoints
   * (login, signup, token refresh): far stricter, against credential stuffing.
   * @default - production 20, staging 10
   */
  readonly authRateLimitRequestsPerMinute?: number;
}

/** Everything that can be overridden on a preset environment. */
export interface EnvironmentOverrides {
  /**
   * Project name used in resource names and the `project` tag.
   * @default "livestreamsell"
   */
  readonly project?: string;
  /**
   * AWS region of the AWS resources; Render and Supabase regions derive from it.
   * @default "us-east-1"
   */
  readonly region?: string;
  /**
   * Extra tags merged over `project`, `environment` and `managed-by`.
   * @default - no extra tags
   */
  readonly tags?: { [key: string]: string };
  /** @default - the preset's scaling */
  readonly scaling?: ScalingSettings;
  /** @default - the preset's protection */
  readonly protection?: ProtectionSettings;
  /** @default - the preset's network */
  readonly network?: NetworkSettings;
  /** @default - the preset's plans */
  readonly plans?: PlanSettings;
  /** @default - the preset's hostnames */
  readonly hostnames?: HostnameSettings;
  /** @default - the preset's edge thresholds */
  readonly edge?: EdgeSettings;
}

/** A custom environment: a name plus the preset it starts from. */
export interface EnvironmentProps extends EnvironmentOverrides {
  /** Environment name: a DNS label such as "staging", "production" or "qa". */
  readonly name: string;
  /**
   * The preset whose defaults apply to every field not given: "staging" or "production".
   * @default - the preset with the same name as `name`
   */
  readonly basedOn?: string;
}
