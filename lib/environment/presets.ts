/**
 * The two environments of the PRD (Terraform workspaces `staging` and `production`).
 * Staging is a cheaper replica of production with synthetic data; production is
 * highly available, autoscaled 1-10 and protected against deletion.
 */
export const PRESET_NAMES = ['staging', 'production'] as const;

/** Fully resolved values of one preset. */
export interface PresetValues {
  readonly production: boolean;
  readonly scaling: { minInstances: number; maxInstances: number; cpuTargetPercent: number; memoryTargetPercent: number };
  readonly protection: {
    deletionProtection: boolean;
    preventDestroy: boolean;
    backupRetentionDays: number;
    logRetentionDays: number;
    kmsDeletionWindowDays: number;
    syntheticData: boolean;
  };
  readonly network: { vpcCidr: string; availabilityZones: number; natGatewayPerAz: boolean };
  readonly plans: { renderWebPlan: string; renderWorkerPlan: string; renderKeyValuePlan: string; supabaseInstanceSize: string };
  readonly edge: { rateLimitRequestsPerMinute: number; authRateLimitRequestsPerMinute: number };
  /** Prefix added to the api/app host labels (`api-staging`). */
  readonly hostSuffix: string;
}

export const PRESETS: { [name: string]: PresetValues } = {
  staging: {
    production: false,
    scaling: { minInstances: 1, maxInstances: 2, cpuTargetPercent: 70, memoryTargetPercent: 80 },
    protection: {
      deletionProtection: false,
      preventDestroy: false,
      backupRetentionDays: 7,
      logRetentionDays: 30,
      kmsDeletionWindowDays: 7,
      syntheticData: true,
    },
    network: { vpcCidr: '10.10.0.0/16', availabilityZones: 2, natGatewayPerAz: false },
    plans: { renderWebPlan: 'starter', renderWorkerPlan: 'starter', renderKeyValuePlan: 'starter', supabaseInstanceSize: 'micro' },
    // Staging runs at most 2 small instances: a lower ceiling protects it and still fits load tests.
    edge: { rateLimitRequestsPerMinute: 300, authRateLimitRequestsPerMinute: 10 },
    hostSuffix: '-staging',
  },
  production: {
    production: true,
    scaling: { minInstances: 1, maxInstances: 10, cpuTargetPercent: 70, memoryTargetPercent: 80 },
    protection: {
      deletionProtection: true,
      preventDestroy: true,
      backupRetentionDays: 35,
      logRetentionDays: 365,
      kmsDeletionWindowDays: 30,
      syntheticData: false,
    },
    network: { vpcCidr: '10.20.0.0/16', availabilityZones: 3, natGatewayPerAz: true },
    plans: { renderWebPlan: 'standard', renderWorkerPlan: 'standard', renderKeyValuePlan: 'standard', supabaseInstanceSize: 'small' },
    // 10 requests/s per IP covers a busy dashboard session; 20 logins/min per IP stops credential stuffing.
    edge: { rateLimitRequestsPerMinute: 600, authRateLimitRequestsPerMinute: 20 },
    hostSuffix: '',
  },
};

/** AWS region -> Render region (Render runs in these AWS/GCP regions). */
export const RENDER_REGION_BY_AWS_REGION: { [awsRegion: string]: string } = {
  'us-east-1': 'virginia',
  'us-east-2': 'ohio',
  'us-west-2': 'oregon',
  'eu-central-1': 'frankfurt',
  'ap-southeast-1': 'singapore',
};
