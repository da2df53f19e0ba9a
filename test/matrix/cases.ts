import { App } from 'cdktf';
import {
  AppNamespace, ApplicationSecurityGroup, CloudflareEdge, CloudflareEdgeProps, K8sReadyApp, K8sReadyAppProps, KeepAliveWorker, RowLevelSecurity,
  SupabaseDatabase, SupabaseDatabaseProps, Vpc, VpcProps,
  RenderBackgroundWorker, RenderCronJob, RenderEnvGroup, RenderKeyValue, RenderWebService,
  CustomerManagedKey, Environment, EnvironmentStack, RemoteStateProps, SecretValue, SecureBucket, SecureBucketProps,
  ServiceIdentity, StateBackend, StorageBuckets, StorageBucketsProps,
} from '../../lib';

/** [case name, app builder, exact expected error]. */
export type BadInput = [string, (app: App) => void, string];

const staging = (app: App, id = 'staging') => new EnvironmentStack(app, id, { environment: Environment.staging({ project: 'livestreamsell' }) });
const production = (app: App, id = 'production') => new EnvironmentStack(app, id, { environment: Environment.production({ project: 'livestreamsell' }) });
const env = (e: Environment): BadInput[1] => (app) => new EnvironmentStack(app, 'app', { environment: e });
const remote = (props: RemoteStateProps): BadInput[1] => (app) => new EnvironmentStack(app, 'staging', { environment: Environment.staging({ project: 'livestreamsell' }), remoteState: props });
const bucket = (props: Partial<SecureBucketProps>): BadInput[1] => (app) => new SecureBucket(staging(app), 'Data', { purpose: 'data', ...props });
const storage = (props: StorageBucketsProps, prod = true): BadInput[1] => (app) => new StorageBuckets(prod ? production(app) : staging(app), 'Storage', props);

const IMAGE = { imageUrl: 'ghcr.io/livestreamsell/api', tag: '1.4.2' };

const vpc = (props: VpcProps): BadInput[1] => (app) => new Vpc(staging(app), 'Vpc', props);
const sg = (rule: any): BadInput[1] => (app) => new ApplicationSecurityGroup(staging(app), 'Api', { vpcId: 'vpc-123', description: 'API', ingressRules: [rule] });
const edge = (props: Partial<CloudflareEdgeProps>): BadInput[1] => (app) => new CloudflareEdge(production(app), 'Edge', { zoneName: 'livestreamsell.ai', ...props });
const TENANT = RowLevelSecurity.sellerOwnsRows({ table: 'campaigns', roles: ['authenticated'] });
const db = (props: Partial<SupabaseDatabaseProps>): BadInput[1] => (app) => new SupabaseDatabase(staging(app), 'Database', { allowedCidrs: ['203.0.113.0/24'], ...props, auth: { siteUrl: 'https://app.livestreamsell.ai', ...props.auth } } as SupabaseDatabaseProps);
const k8s = (props: Partial<K8sReadyAppProps>): BadInput[1] => (app) => new K8sReadyApp(staging(app), 'Api', {
  name: 'api', image: 'ghcr.io/livestreamsell/api:1.4.2', port: 8000, ingress: { hosts: ['api-staging.livestreamsell.ai'] }, ...props,
} as K8sReadyAppProps);

const BUCKET_RULES = '3-63 characters of lowercase letters, digits, "." and "-", starting and ending with a letter or digit, not an IP address, not starting with "xn--", "sthree-" or "amzn-s3-demo-", not ending with "-s3alias", "--ol-s3" or ".mrap", and no ".." (S3 bucket naming rules)';

export const BAD_INPUTS: BadInput[] = [
  // --- environments ---
  ['environment: no project', env(new Environment({ name: 'qa' } as any)), '[app] invalid "environment.project": got undefined; expected a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit, naming your project (there is no default: resource names such as S3 buckets are global)'],
  ['environment: name not a DNS label', env(new Environment({ name: 'Dev Env', project: 'acme' })), '[app] invalid "environment.name": got "Dev Env"; expected a DNS label'],
  ['environment: malformed region', env(Environment.staging({ project: 'acme', region: 'useast1' })), '[app] invalid "environment.region": got "useast1"; expected an AWS region name such as "us-east-1"'],
  ['environment: project not a DNS label', env(Environment.staging({ project: 'Live Stream' })), '[app] invalid "environment.project": got "Live Stream"; expected a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit'],
  ['environment: production as a string', env(new Environment({ name: 'live', project: 'acme', production: 'false' as any })), '[app] invalid "environment.production": got "false"; expected true or false (a boolean, not a string)'],
  ['environment: backup retention 0', env(Environment.production({ project: 'acme', protection: { backupRetentionDays: 0 } })), '[app] invalid "environment.protection.backupRetentionDays": got 0; expected a whole number from 1 to 3650'],
  ['environment: KMS window 45', env(Environment.production({ project: 'acme', protection: { kmsDeletionWindowDays: 45 } })), '[app] invalid "environment.protection.kmsDeletionWindowDays": got 45; expected a whole number from 7 to 30'],
  ['environment: log retention Infinity', env(Environment.production({ project: 'acme', protection: { logRetentionDays: Infinity } })), '[app] invalid "environment.protection.logRetentionDays": got Infinity; expected a whole number from 1 to 3653'],
  ['environment: module settings are not environment settings', env(Environment.production({ project: 'acme', network: { vpcCidr: '10.20.0.0/16' } } as any)), '[app] invalid "environment.network": got {"vpcCidr":"10.20.0.0/16"}; expected no such property'],

  // --- state ---
  ['state: no lock at all', remote({ dynamodbLocking: false }), '[staging/RemoteState] invalid "dynamodbLocking": got false; expected true, or "useLockfile: true": state must always be locked'],
  ['state: key without .tfstate', remote({ key: 'staging/state' }), '[staging/RemoteState] invalid "key": got "staging/state"; expected an S3 key of letters, digits and !_.*\'()/- ending in ".tfstate"'],
  ['state: workspace prefix with slashes', remote({ workspaceKeyPrefix: 'env/' }), '[staging/RemoteState] invalid "workspaceKeyPrefix": got "env/"; expected a key prefix without leading or trailing "/"'],
  ['state: empty bucket name', (app) => new StateBackend(production(app, 'bootstrap'), 'State', { bucketName: '' }), `[bootstrap/State/Bucket] invalid "bucketName": got ""; expected ${BUCKET_RULES}`],
  ['state: uppercase bucket name in backend', remote({ backend: { bucketName: 'State', lockTableName: 'locks', kmsKeyAlias: 'alias/state', region: 'us-east-1' } }), `[staging/RemoteState] invalid "backend.bucketName": got "State"; expected ${BUCKET_RULES}`],
  ['state: empty lock table name', remote({ backend: { bucketName: 'state-bucket', lockTableName: '', kmsKeyAlias: 'alias/state', region: 'us-east-1' } }), '[staging/RemoteState] invalid "backend.lockTableName": got ""; expected a non-empty string'],
  ['state: malformed backend region', remote({ backend: { bucketName: 'state-bucket', lockTableName: 'locks', kmsKeyAlias: 'alias/state', region: 'virginia' } }), '[staging/RemoteState] invalid "backend.region": got "virginia"; expected an AWS region name such as "us-east-1"'],
  ['state: lock table name with spaces', (app) => new StateBackend(production(app, 'bootstrap'), 'State', { lockTableName: 'my locks' }), '[bootstrap/State] invalid "lockTableName": got "my locks"; expected a DynamoDB table name: 3-255 letters, digits, "_", "-" or "."'],
  ['stack: local state path', (app) => new EnvironmentStack(app, 'bootstrap', { environment: Environment.production({ project: 'livestreamsell' }), localStatePath: 'state' }), '[bootstrap] invalid "localStatePath": got "state"; expected a file path ending in ".tfstate"'],

  // --- KMS ---
  ['kms: deletion window 5', (app) => new CustomerManagedKey(staging(app), 'Key', { purpose: 'x', deletionWindowDays: 5 }), '[staging/Key] invalid "deletionWindowDays": got 5; expected a whole number from 7 to 30'],
  ['kms: AWS-reserved alias', (app) => new CustomerManagedKey(staging(app), 'Key', { purpose: 'x', alias: 'alias/aws/s3' }), '[staging/Key] invalid "alias": got "alias/aws/s3"; expected a name "alias/<letters, digits, /, _ or ->" that does not start with "alias/aws/"'],
  ['kms: malformed region', (app) => new CustomerManagedKey(staging(app), 'Key', { purpose: 'x', region: 'west' }), '[staging/Key] invalid "region": got "west"; expected an AWS region name such as "us-east-1"'],

  // --- buckets ---
  ['bucket: name too short', bucket({ bucketName: 'ab' }), `[staging/Data] invalid "bucketName": got "ab"; expected ${BUCKET_RULES}`],
  ['bucket: name with uppercase', bucket({ bucketName: 'Backups' }), `[staging/Data] invalid "bucketName": got "Backups"; expected ${BUCKET_RULES}`],
  ['bucket: name is an IP address', bucket({ bucketName: '10.0.0.1' }), `[staging/Data] invalid "bucketName": got "10.0.0.1"; expected ${BUCKET_RULES}`],
  ['bucket: xn-- prefix', bucket({ bucketName: 'xn--data' }), `[staging/Data] invalid "bucketName": got "xn--data"; expected ${BUCKET_RULES}`],
  ['bucket: -s3alias suffix', bucket({ bucketName: 'data-s3alias' }), `[staging/Data] invalid "bucketName": got "data-s3alias"; expected ${BUCKET_RULES}`],
  ['bucket: ends with hyphen', bucket({ bucketName: 'data-' }), `[staging/Data] invalid "bucketName": got "data-"; expected ${BUCKET_RULES}`],
  ['bucket: abort days 0', bucket({ abortIncompleteMultipartUploadDays: 0 }), '[staging/Data] invalid "abortIncompleteMultipartUploadDays": got 0; expected a whole number from 1 to 365'],
  ['bucket: noncurrent days negative', bucket({ noncurrentVersionExpirationDays: -1 }), '[staging/Data] invalid "noncurrentVersionExpirationDays": got -1; expected a whole number from 1 to 36500'],
  ['bucket: unknown Object Lock mode', bucket({ objectLock: { mode: 'WORM', retentionDays: 7 } }), '[staging/Data] invalid "objectLock.mode": got "WORM"; expected one of "GOVERNANCE", "COMPLIANCE"'],
  ['bucket: Object Lock 0 days', bucket({ objectLock: { retentionDays: 0 } }), '[staging/Data] invalid "objectLock.retentionDays": got 0; expected a whole number from 1 to 36500'],
  ['bucket: unknown storage class', bucket({ lifecycleRules: [{ id: 'r', transitions: [{ days: 30, storageClass: 'FROZEN' }] }] }), '[staging/Data] invalid "lifecycleRules[r].transitions[0].storageClass": got "FROZEN"; expected one of "STANDARD_IA", "ONEZONE_IA", "INTELLIGENT_TIERING", "GLACIER_IR", "GLACIER", "DEEP_ARCHIVE"'],
  ['bucket: transitions out of order', bucket({ lifecycleRules: [{ id: 'r', transitions: [{ days: 90, storageClass: 'GLACIER' }, { days: 60, storageClass: 'DEEP_ARCHIVE' }] }] }), '[staging/Data] invalid "lifecycleRules[r].transitions[1].days": got 60; expected more than the previous transition\'s 90 days: transitions must be in ascending order'],
  ['bucket: IA before day 30', bucket({ lifecycleRules: [{ id: 'r', transitions: [{ days: 7, storageClass: 'ONEZONE_IA' }] }] }), '[staging/Data] invalid "lifecycleRules[r].transitions[0].days": got 7; expected at least 30 for ONEZONE_IA (an S3 minimum)'],
  ['bucket: expiry before transition', bucket({ lifecycleRules: [{ id: 'r', transitions: [{ days: 90, storageClass: 'GLACIER' }], expirationDays: 60 }] }), '[staging/Data] invalid "lifecycleRules[r].expirationDays": got 60; expected more than the last transition (90 days): objects must expire after they are transitioned'],
  ['bucket: negative transition days', bucket({ lifecycleRules: [{ id: 'r', transitions: [{ days: -1, storageClass: 'GLACIER' }] }] }), '[staging/Data] invalid "lifecycleRules[r].transitions[0].days": got -1; expected a whole number from 0 to 36500'],
  ['bucket: public read of the whole bucket', bucket({ unsafePublicReadPrefix: '/' }), '[staging/Data] invalid "unsafePublicReadPrefix": got "/"; expected a non-empty key prefix ending in "/" such as "public/" (never the whole bucket)'],
  ['bucket: access log prefix without slash', bucket({ accessLogsPrefix: 'logs' }), '[staging/Data] invalid "accessLogsPrefix": got "logs"; expected a key prefix ending in "/"'],
  ['bucket: CORS origin not a URL', (app) => new SecureBucket(staging(app), 'Data', { purpose: 'd' }).addCorsRule({ allowedOrigins: ['app.example.com'], allowedMethods: ['GET'] }), '[staging/Data] invalid "corsRules[0].allowedOrigins[0]": got "app.example.com"; expected an origin URL such as "https://app.example.com" (scheme, host, optional port, no path)'],
  ['bucket: CORS * in production', (app) => new SecureBucket(production(app), 'Data', { purpose: 'd' }).addCorsRule({ allowedOrigins: ['*'], allowedMethods: ['GET'] }), '[production/Data] invalid "corsRules[0].allowedOrigins[0]": got "*"; expected explicit https origins in production: "*" lets any site read the bucket from a browser'],
  ['bucket: CORS unknown method', (app) => new SecureBucket(staging(app), 'Data', { purpose: 'd' }).addCorsRule({ allowedOrigins: ['https://a.example.com'], allowedMethods: ['PATCH'] }), '[staging/Data] invalid "corsRules[0].allowedMethods[0]": got "PATCH"; expected one of "GET", "PUT", "POST", "DELETE", "HEAD"'],
  ['bucket: grant prefix with wildcard', (app) => {
    const s = staging(app);
    new SecureBucket(s, 'Data', { purpose: 'd' }).grantRead(new ServiceIdentity(s, 'Reader', { serviceName: 'reader' }), '*');
  }, '[staging/Data] invalid "prefix": got "*"; expected an object key prefix such as "dumps/" (ending in "/", no wildcards), or "" for the whole bucket'],
  ['identity: bad service name', (app) => new ServiceIdentity(staging(app), 'Id', { serviceName: 'API Server' }), '[staging/Id] invalid "serviceName": got "API Server"; expected lowercase letters, digits and "-", at most 41 characters'],
  ['identity: granted nothing', (app) => new ServiceIdentity(staging(app), 'Id', { serviceName: 'idle' }), '[staging/Id] ServiceIdentity "idle" was granted nothing: remove it or grant it access'],

  // --- storage module ---
  ['storage: public images in production', storage({ productImages: { unsafePublicRead: true } }), '[production/Storage] invalid "productImages.unsafePublicRead": got true; expected false in production (serve images through signed URLs), or set "acknowledgePublicReadInProduction: true" to accept world-readable images'],
  ['storage: replication to the same region', storage({ backups: { replicationRegion: 'us-east-1' } }), '[production/Storage/BackupsReplication] invalid "replicationRegion": got "us-east-1"; expected a region other than the source bucket\'s ("us-east-1"): a same-region copy does not survive a regional outage'],
  ['storage: malformed replication region', storage({ backups: { replicationRegion: 'oregon' } }), '[production/Storage] invalid "backups.replicationRegion": got "oregon"; expected an AWS region name such as "us-east-1"'],
  ['storage: lock longer than expiry', storage({ backups: { lockRetentionDays: 40, expirationDays: 35 } }), '[production/Storage] invalid "backups.lockRetentionDays": got 40; expected at most "backups.expirationDays" (35): a locked dump cannot expire'],
  ['storage: unknown lock mode', storage({ backups: { objectLockMode: 'STRICT' } }), '[production/Storage] invalid "backups.objectLockMode": got "STRICT"; expected one of "GOVERNANCE", "COMPLIANCE"'],
  ['storage: CORS origin * in production', storage({ productImages: { corsOrigins: ['*'] } }), '[production/Storage/ProductImages] invalid "corsRules[0].allowedOrigins[0]": got "*"; expected explicit https origins in production: "*" lets any site read the bucket from a browser'],
  ['storage: transition after expiry', storage({ backups: { transitions: [{ days: 40, storageClass: 'GLACIER' }], expirationDays: 35 } }), '[production/Storage/Backups] invalid "lifecycleRules[backups-retention].expirationDays": got 35; expected more than the last transition (40 days): objects must expire after they are transitioned'],
  ['storage: http CORS origin in production', storage({ productImages: { corsOrigins: ['http://app.livestreamsell.ai'] } }), '[production/Storage/ProductImages] invalid "corsRules[0].allowedOrigins[0]": got "http://app.livestreamsell.ai"; expected an https origin in production'],

  // --- Render compute ---
  ['render: min > max instances', (app) => new RenderBackgroundWorker(staging(app), 'Worker', { image: IMAGE, scaling: { minInstances: 5, maxInstances: 3 } }), '[staging/Worker] invalid "scaling.minInstances": got 5; expected a value no greater than "scaling.maxInstances" (3)'],
  ['render: max above the limit', (app) => new RenderBackgroundWorker(staging(app), 'Worker', { image: IMAGE, scaling: { maxInstances: 101 } }), '[staging/Worker] invalid "scaling.maxInstances": got 101; expected a whole number from 1 to 100'],
  ['render: CPU percentage 0', (app) => new RenderBackgroundWorker(staging(app), 'Worker', { image: IMAGE, scaling: { cpuPercent: 0 } }), '[staging/Worker] invalid "scaling.cpuPercent": got 0; expected a whole number from 1 to 100'],
  ['render: image URL with a tag', (app) => new RenderCronJob(staging(app), 'Job', { image: { imageUrl: 'ghcr.io/livestreamsell/api:1.4.2', tag: '1.4.2' }, schedule: '0 3 * * *' }), '[staging/Job] invalid "image.imageUrl": got "ghcr.io/livestreamsell/api:1.4.2"; expected a repository without tag or digest, such as "ghcr.io/livestreamsell/api": put the tag in "tag" or the digest in "digest"'],
  ['render: both tag and digest', (app) => new RenderCronJob(staging(app), 'Job', { image: { ...IMAGE, digest: `sha256:${'a'.repeat(64)}` }, schedule: '0 3 * * *' }), `[staging/Job] invalid "image.digest": got "sha256:${'a'.repeat(64)}"; expected no digest when "tag" is set (got tag "1.4.2"): give exactly one of "tag" or "digest"`],
  ['render: malformed cron schedule', (app) => new RenderCronJob(staging(app), 'Job', { image: IMAGE, schedule: 'every day' }), '[staging/Job] invalid "schedule": got "every day"; expected a 5-field cron expression "minute hour day-of-month month day-of-week" (UTC) using numbers, "*", ranges "a-b", steps "*/n" or "a-b/n", lists "a,b", JAN-DEC and SUN-SAT (it has 2 fields, not 5)'],
  ['render: region far from the database', (app) => new RenderKeyValue(staging(app), 'Queue', { region: 'oregon' }), '[staging/Queue] invalid "region": got "oregon"; expected "virginia", the Render region next to the database in "us-east-1", or "allowRegionFarFromDatabase: true" to accept cross-region latency'],
  ['render: unknown region', (app) => new RenderKeyValue(staging(app), 'Queue', { region: 'mars' }), '[staging/Queue] invalid "region": got "mars"; expected one of "frankfurt", "ohio", "oregon", "singapore", "virginia"'],
  ['render: secret-looking plain variable', (app) => new RenderEnvGroup(staging(app), 'Shared', { variables: { STRIPE_SECRET: 'sk_live_x' } }), '[staging/Shared] invalid "variables.STRIPE_SECRET": got "<literal string redacted>"; expected a SecretValue (sensitive variable, generated value or secret-manager reference): secret-looking names never take plain strings'],
  ['render: DATABASE_URL as a plain string', (app) => new RenderEnvGroup(staging(app), 'Shared', { variables: { DATABASE_URL: 'postgres://u:p@h/db' } }), '[staging/Shared] invalid "variables.DATABASE_URL": got "<literal string redacted>"'],
  ['render: health check path not absolute', (app) => new RenderWebService(staging(app), 'Api', { image: IMAGE, healthCheckPath: 'health' }), '[staging/Api] invalid "healthCheckPath": got "health"; expected an absolute path such as "/health"'],
  ['render: previews in production', (app) => new RenderWebService(production(app), 'Api', { image: IMAGE, previews: 'automatic' }), '[production/Api] invalid "previews": got "automatic"; expected "off" in production: previews would run unreviewed code with production secrets'],
  ['render: free Key Value in production', (app) => new RenderKeyValue(production(app), 'Queue', { plan: 'free' }), '[production/Queue] invalid "plan": got "free"; expected a paid plan in production (one of "pro", "pro_plus", "standard", "starter"): free instances lose their data on restart'],

  // --- networking ---
  ['vpc: malformed CIDR', vpc({ cidr: '10.0.0.0/16x' }), '[staging/Vpc] invalid "cidr": got "10.0.0.0/16x"'],
  ['vpc: overlapping subnets', vpc({ cidr: '10.0.0.0/16', availabilityZoneNames: ['us-east-1a', 'us-east-1b'], publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'], privateSubnetCidrs: ['10.0.0.128/25', '10.0.2.0/24'] }), 'invalid "publicSubnetCidrs/privateSubnetCidrs": got ["10.0.0.0/24","10.0.0.128/25"]; expected CIDR blocks that do not overlap'],
  ['vpc: more zones than names', vpc({ availabilityZones: 3, availabilityZoneNames: ['us-east-1a', 'us-east-1b'] }), '[staging/Vpc] invalid "availabilityZoneNames": got ["us-east-1a","us-east-1b"]; expected exactly 3 zone names (availabilityZones)'],
  ['security group: SSH from the internet', sg({ name: 'ssh', description: 'ssh', fromPort: 22, cidrIpv4: '0.0.0.0/0' }), '[staging/Api] invalid "ingressRules[ssh]": got "tcp 22-22 from 0.0.0.0/0"; expected no SSH (22) or RDP (3389) from the internet: use SSM Session Manager, or a VPN or office CIDR narrower than /8'],
  ['security group: rule without description', sg({ name: 'x', description: '', fromPort: 443, cidrIpv4: '10.0.0.0/8' }), '[staging/Api] invalid "ingressRules[x].description": got ""; expected a description of 1-255 characters'],
  ['cloudflare: invalid zone name', edge({ zoneName: 'Not A Zone' }), '[production/Edge] invalid "zoneName": got "Not A Zone"; expected a lowercase hostname such as "api.example.com"'],
  ['cloudflare: rate limit of zero', edge({ rateLimit: { requestsPerMinute: 0 } }), '[production/Edge] invalid "rateLimit.requestsPerMinute": got 0; expected a whole number from 1 to 1000000'],
  ['cloudflare: period Cloudflare does not accept', edge({ rateLimit: { mitigationTimeoutSeconds: 50 } }), '[production/Edge] invalid "rateLimits[rate-limit-auth].mitigationTimeoutSeconds": got 50; expected one of 10, 15, 20, 30'],
  ['cloudflare: www to www redirect loop', edge({ wwwRedirect: false, redirects: [{ name: 'www', sourceHostname: 'www.livestreamsell.ai', targetHostname: 'www.livestreamsell.ai' }] }), '[production/Edge] invalid "redirects[www]": got "www.livestreamsell.ai/* -> www -> www.livestreamsell.ai/*"; expected redirects that end somewhere else'],
  ['keep-alive: invalid cron', (app) => new KeepAliveWorker(production(app), 'KeepAlive', { schedule: '*/5 * * * * *' }), '[production/KeepAlive] invalid "schedule": got "*/5 * * * * *"; expected a 5-field cron expression'],

  // --- Supabase ---
  ['supabase: unknown instance size', db({ instanceSize: 'huge' }), '[staging/Database] invalid "instanceSize": got "huge"; expected one of "nano", "micro", "small"'],
  ['supabase: unknown region', db({ region: 'us-central-1' }), '[staging/Database] invalid "region": got "us-central-1"; expected one of "ap-east-1"'],
  ['supabase: password too short', db({ passwordLength: 3 }), '[staging/Database] invalid "passwordLength": got 3; expected a whole number from 16 to 128'],
  ['supabase: SQL injection through a role name', db({ applicationRole: { name: 'app"; DROP ROLE postgres; --' } }), '[staging/Database] invalid "applicationRole.name": got "app\\"; DROP ROLE postgres; --"; expected a lowercase SQL identifier'],
  ['supabase: policy command MERGE', db({ rowLevelSecurity: [{ ...TENANT, command: 'MERGE' }] }), '[staging/Database] invalid "rowLevelSecurity[0].command": got "MERGE"; expected one of "SELECT", "INSERT", "UPDATE", "DELETE", "ALL"'],
  ['supabase: CIDR that is not one', db({ allowedCidrs: ['203.0.113.0/33'] }), '[staging/Database] invalid "allowedCidrs[0]": got "203.0.113.0/33"; expected a public IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set'],
  ['supabase: database open to the internet', db({ allowedCidrs: ['0.0.0.0/0'] }), '[staging/Database] invalid "allowedCidrs[0]": got "0.0.0.0/0"'],

  // --- Kubernetes ---
  ['k8s: min replicas > max', k8s({ minReplicas: 5, maxReplicas: 2 }), '[staging/Api] invalid "minReplicas": got 5; expected a value no greater than "maxReplicas" (2)'],
  ['k8s: CPU target outside 1-100', k8s({ cpuTargetPercent: 101 }), '[staging/Api] invalid "cpuTargetPercent": got 101; expected a whole number from 1 to 100'],
  ['k8s: probe on a port the container does not expose', k8s({ healthCheck: { path: '/health', port: 9000 } }), '[staging/Api] invalid "healthCheck.port": got 9000; expected a port the container exposes (8000 "http")'],
  ['k8s: latest image', k8s({ image: 'ghcr.io/livestreamsell/api:latest' }), '[staging/Api] invalid "image": got "ghcr.io/livestreamsell/api:latest"; expected an image pinned by tag or digest'],
  ['k8s: untagged image', k8s({ image: 'ghcr.io/livestreamsell/api' }), '[staging/Api] invalid "image": got "ghcr.io/livestreamsell/api"; expected an image pinned by tag or digest'],
  ['k8s: canary weight 150', k8s({ canary: { imageTag: '1.5.0', weight: 150 } }), '[staging/Api] invalid "canary.weight": got 150; expected a whole number from 0 to 100'],
  ['k8s: namespace named default', (app) => new AppNamespace(staging(app), 'Ns', { name: 'default' }), '[staging/Ns] invalid "name": got "default"'],
  ['k8s: name not a DNS label', k8s({ name: 'Api_Service' }), '[staging/Api] invalid "name": got "Api_Service"; expected a DNS label (RFC 1035)'],
  ['k8s: Ingress with TLS but no host', k8s({ ingress: { hosts: [] } }), '[staging/Api] invalid "ingress.hosts": got []; expected at least one hostname: the Ingress always has TLS, and a certificate needs a host'],

  // --- secrets ---
  ['secrets: literal token', () => SecretValue.fromToken('sk_live_123'), '[SecretValue.fromToken] invalid "token": got "<literal string redacted>"; expected a token (sensitive variable, generated password or secret-manager reference), never a literal'],
];
