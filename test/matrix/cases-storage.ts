import { BadInput, staging, production } from './support';
import {
  CustomerManagedKey, Environment, EnvironmentStack, RemoteStateProps, SecureBucket, SecureBucketProps, ServiceIdentity, StateBackend, StorageBuckets, StorageBucketsProps,
} from '../../lib';

const remote = (props: RemoteStateProps): BadInput[1] => (app) => new EnvironmentStack(app, 'staging', { environment: Environment.staging({ project: 'livestreamsell' }), remoteState: props });
const bucket = (props: Partial<SecureBucketProps>): BadInput[1] => (app) => new SecureBucket(staging(app), 'Data', { purpose: 'data', ...props });
const storage = (props: StorageBucketsProps, prod = true): BadInput[1] => (app) => new StorageBuckets(prod ? production(app) : staging(app), 'Storage', props);
const BUCKET_RULES = '3-63 characters of lowercase letters, digits, "." and "-", starting and ending with a letter or digit, not an IP address, not starting with "xn--", "sthree-" or "amzn-s3-demo-", not ending with "-s3alias", "--ol-s3" or ".mrap", and no ".." (S3 bucket naming rules)';

export const STORAGE_BAD_INPUTS: BadInput[] = [
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
];
