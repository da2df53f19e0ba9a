/**
 * Instance counts and autoscaling of a service, one shape for every platform
 * (Render web services and workers, Kubernetes apps). `minInstances` equal to
 * `maxInstances` means a fixed count without autoscaling.
 */
export interface ScalingOptions {
  /**
   * Fewest instances (replicas).
   * @default 1
   */
  readonly minInstances?: number;
  /**
   * Most instances (replicas); the PRD's autoscaling is 1-10 in production.
   * @default - 10 in production, 2 elsewhere
   */
  readonly maxInstances?: number;
  /**
   * Average CPU utilization, percent (1-100), above which instances are added.
   * @default 70
   */
  readonly cpuTargetPercent?: number;
  /**
   * Also scale on average memory utilization at this percent (1-100).
   * @default - CPU only
   */
  readonly memoryTargetPercent?: number;
}
