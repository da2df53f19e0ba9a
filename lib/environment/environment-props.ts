/**
 * Option structs of the environment model. An environment holds only what every
 * module needs: its name, the project, the AWS region, whether it is production,
 * tags, and protection and retention levels. Sizes, plans, hostnames and rate
 * limits belong to the modules' own props (each with per-environment defaults).
 */

/** Data-protection and retention levels for stateful resources. */
export interface ProtectionSettings {
  /**
   * Turn on provider-side deletion protection on every stateful resource that has
   * it (DynamoDB tables, Render project environments).
   * @default - true in production, false otherwise
   */
  readonly deletionProtection?: boolean;
  /**
   * Add Terraform `lifecycle.prevent_destroy` to stateful resources (buckets,
   * keys, tables, databases), so a plan that would delete one fails.
   * @default - true in production, false otherwise
   */
  readonly preventDestroy?: boolean;
  /**
   * Days that backups and noncurrent object versions are kept (1-3650).
   * @default - 35 in production, 7 otherwise
   */
  readonly backupRetentionDays?: number;
  /**
   * Days that logs (flow logs, access logs) are kept (1-3653).
   * @default - 365 in production, 30 otherwise
   */
  readonly logRetentionDays?: number;
  /**
   * KMS key deletion window in days (7-30).
   * @default - 30 in production, 7 otherwise
   */
  readonly kmsDeletionWindowDays?: number;
}

/** The settings of a preset environment (`Environment.staging(...)`), everything but its name. */
export interface EnvironmentOptions {
  /**
   * Project name: the first part of every resource name
   * (`<project>-<environment>-<purpose>`) and the `project` tag. A DNS label.
   * There is no default: names such as S3 buckets are global, and a default
   * would make every user's first deploy collide with someone else's.
   */
  readonly project: string;
  /**
   * AWS region of the AWS resources; modules on other platforms pick the region
   * next to it (Render "virginia" for us-east-1).
   * @default "us-east-1"
   */
  readonly region?: string;
  /**
   * Extra tags merged over `project`, `environment` and `managed-by`.
   * @default - no extra tags
   */
  readonly tags?: { [key: string]: string };
  /**
   * Protection and retention levels.
   * @default - the production levels in production, the others otherwise (see ProtectionSettings)
   */
  readonly protection?: ProtectionSettings;
}

/** Props of a custom `Environment`. */
export interface EnvironmentProps extends EnvironmentOptions {
  /** Environment name, a DNS label: "staging", "production", "development", "qa", ... */
  readonly name: string;
  /**
   * Production: the protection levels, high availability and strict checks
   * (unsafe options need an explicit acknowledgement) of every module apply.
   * @default - true when `name` is "production" or "prod", false otherwise
   */
  readonly production?: boolean;
}
