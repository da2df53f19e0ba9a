import { App } from 'cdktf';
import { BadInput, staging, production } from './support';
import {
  BucketReplication, CorsHttpMethod, CustomerManagedKey, Environment, EnvironmentStack, PolicyDocument, RemoteState, RemoteStateProps, SecretValue, SecureBucket, SecureBucketProps,
  ServiceIdentity, StateBackend, StorageBuckets, StorageBucketsProps, StorageClass,
} from '../../lib';

const remote = (props: unknown): BadInput[1] => (app) => new EnvironmentStack(app, 'staging', { environment: Environment.staging({ project: 'livestreamsell' }), remoteState: props as RemoteStateProps });
const bucket = (props: unknown, prod = false): BadInput[1] => (app) => new SecureBucket(prod ? production(app) : staging(app), 'Data', { purpose: 'data', ...(props as object) } as SecureBucketProps);
const storage = (props: unknown, prod = true): BadInput[1] => (app) => new StorageBuckets(prod ? production(app) : staging(app), 'Storage', props as StorageBucketsProps);
const onBucket = (act: (b: SecureBucket, app: App) => void, prod = false): BadInput[1] => (app) => act(new SecureBucket(prod ? production(app) : staging(app), 'Data', { purpose: 'data' }), app);
const identity = (app: App) => {
  const s = staging(app);
  const id = new ServiceIdentity(s, 'Reader', { serviceName: 'reader' });
  return { s, id };
};
const BUCKET_RULES = '3-63 characters of lowercase letters, digits, "." and "-", starting and ending with a letter or digit, not an IP address, not starting with "xn--", "sthree-" or "amzn-s3-demo-", not ending with "-s3alias", "--ol-s3" or ".mrap", and no ".." (S3 bucket naming rules)';
const PURPOSE = 'a DNS label of at most 58 characters such as "backups": lowercase letters, digits or "-", starting and ending with a letter or digit';
const STORAGE_CLASSES = 'StorageClass.STANDARD_IA, StorageClass.ONEZONE_IA, StorageClass.INTELLIGENT_TIERING, StorageClass.GLACIER_IR, StorageClass.GLACIER, StorageClass.DEEP_ARCHIVE or StorageClass.of("...")';
const METHODS = 'CorsHttpMethod.GET, CorsHttpMethod.PUT, CorsHttpMethod.POST, CorsHttpMethod.DELETE or CorsHttpMethod.HEAD';
const SECURE_BUCKET_PROPS = '"abortIncompleteMultipartUploadDays", "accessLogsBucket", "accessLogsPrefix", "acknowledgeUnsafeInProduction", "bucketName", "corsRules", "encryptionKey", "environment", "isAccessLogsBucket", "lifecycleRules", "noncurrentVersionExpirationDays", "objectLock", "preventDestroy", "purpose", "region", "unsafePublicReadPrefix"';
const KEY_ARN = 'arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab';
const GET = [CorsHttpMethod.GET];

export const STORAGE_BAD_INPUTS: BadInput[] = [
  // --- state: RemoteState (set on the stack), StateBackend, EnvironmentStack ---
  ['state: no lock at all', remote({ dynamodbLocking: false }), '[staging] invalid "remoteState.dynamodbLocking": got false; expected true, or "useLockfile: true": state must always be locked'],
  ['state: key without .tfstate', remote({ key: 'staging/state' }), '[staging] invalid "remoteState.key": got "staging/state"; expected an S3 key of letters, digits and !_.*\'()/- ending in ".tfstate"'],
  ['state: workspace prefix with slashes', remote({ workspaceKeyPrefix: 'env/' }), '[staging] invalid "remoteState.workspaceKeyPrefix": got "env/"; expected a key prefix without leading or trailing "/"'],
  ['state: empty bucket name', (app) => new StateBackend(production(app, 'bootstrap'), 'State', { bucketName: '' }), `[bootstrap/State] invalid "bucketName": got ""; expected ${BUCKET_RULES}`],
  ['state: uppercase bucket name in backend', remote({ backend: { bucketName: 'State', lockTableName: 'locks', kmsKeyAlias: 'alias/state', region: 'us-east-1' } }), `[staging] invalid "remoteState.backend.bucketName": got "State"; expected ${BUCKET_RULES}`],
  ['state: empty lock table name', remote({ backend: { bucketName: 'state-bucket', lockTableName: '', kmsKeyAlias: 'alias/state', region: 'us-east-1' } }), '[staging] invalid "remoteState.backend.lockTableName": got ""; expected a DynamoDB table name: 3-255 letters, digits, "_", "-" or "."'],
  ['state: malformed backend region', remote({ backend: { bucketName: 'state-bucket', lockTableName: 'locks', kmsKeyAlias: 'alias/state', region: 'virginia' } }), '[staging] invalid "remoteState.backend.region": got "virginia"; expected an AWS region name such as "us-east-1"'],
  ['state: lock table name with spaces', (app) => new StateBackend(production(app, 'bootstrap'), 'State', { lockTableName: 'my locks' }), '[bootstrap/State] invalid "lockTableName": got "my locks"; expected a DynamoDB table name: 3-255 letters, digits, "_", "-" or "."'],
  ['stack: local state path', (app) => new EnvironmentStack(app, 'bootstrap', { environment: Environment.production({ project: 'livestreamsell' }), localStatePath: 'state' }), '[bootstrap] invalid "localStatePath": got "state"; expected a file path ending in ".tfstate"'],
  ['state: "true" for useLockfile', remote({ useLockfile: 'true' }), '[staging] invalid "remoteState.useLockfile": got "true"; expected true or false (a boolean, not a string)'],
  ['state: misspelt remote state prop', remote({ dynamoDbLocking: false }), '[staging] invalid "remoteState.dynamoDbLocking": got false; expected no such property: the properties here are "backend", "dynamodbLocking", "environment", "key", "useLockfile", "workspaceKeyPrefix"'],
  ['state: AWS-managed KMS alias for the state', remote({ backend: { bucketName: 'state-bucket', lockTableName: 'locks', kmsKeyAlias: 'alias/aws/s3', region: 'us-east-1' } }), '[staging] invalid "remoteState.backend.kmsKeyAlias": got "alias/aws/s3"; expected a KMS alias "alias/<name>" (the state key, not an AWS-managed one)'],
  ['state: a second RemoteState on an EnvironmentStack', (app) => new RemoteState(staging(app), 'RemoteState', { useLockfile: true }), '[staging/RemoteState] invalid "scope": got <EnvironmentStack instance>; expected a stack without remote state: [staging/RemoteState] already configures this stack\'s S3 backend (an EnvironmentStack creates it); pass the settings as EnvironmentStack\'s "remoteState" prop instead'],
  ['state: remote and local state at once', (app) => new EnvironmentStack(app, 'bootstrap', { environment: Environment.production({ project: 'livestreamsell' }), localStatePath: 'b.tfstate', remoteState: {} }), '[bootstrap] invalid "remoteState": got {}; expected no "remoteState" together with "localStatePath": a stack keeps its state in one place'],
  ['state: state version retention 0 days', (app) => new StateBackend(production(app, 'bootstrap'), 'State', { noncurrentVersionRetentionDays: 0 }), '[bootstrap/State] invalid "noncurrentVersionRetentionDays": got 0; expected a whole number from 1 to 36500'],
  ['state: two lock tables with one name', (app) => {
    new StateBackend(production(app, 'one'), 'State');
    new StateBackend(production(app, 'two'), 'State', { bucketName: 'livestreamsell-other-state' });
  }, '[two/State] invalid "lockTableName": got "livestreamsell-shared-tflock"; expected a DynamoDB table name not already used in us-east-1 by [one/State]: table names are unique per account and region: give one lock table another "lockTableName"'],
  ['stack: "false" for awsProvider', (app) => new EnvironmentStack(app, 'k8s', { environment: Environment.production({ project: 'livestreamsell' }), awsProvider: 'false' as any }), '[k8s] invalid "awsProvider": got "false"; expected true or false (a boolean, not a string)'],
  // --- KMS ---
  ['kms: deletion window 5', (app) => new CustomerManagedKey(staging(app), 'Key', { purpose: 'x', deletionWindowDays: 5 }), '[staging/Key] invalid "deletionWindowDays": got 5; expected a whole number from 7 to 30'],
  ['kms: AWS-reserved alias', (app) => new CustomerManagedKey(staging(app), 'Key', { purpose: 'x', alias: 'alias/aws/s3' }), '[staging/Key] invalid "alias": got "alias/aws/s3"; expected a name "alias/<letters, digits, /, _ or ->" that does not start with "alias/aws/"'],
  ['kms: malformed region', (app) => new CustomerManagedKey(staging(app), 'Key', { purpose: 'x', region: 'west' }), '[staging/Key] invalid "region": got "west"; expected an AWS region name such as "us-east-1"'],
  ['kms: "30" for the deletion window', (app) => new CustomerManagedKey(staging(app), 'Key', { purpose: 'x', deletionWindowDays: '30' as any }), '[staging/Key] invalid "deletionWindowDays": got "30"; expected a whole number from 7 to 30'],
  ['kms: 1 for preventDestroy', (app) => new CustomerManagedKey(staging(app), 'Key', { purpose: 'x', preventDestroy: 1 as any }), '[staging/Key] invalid "preventDestroy": got 1; expected true or false'],
  ['kms: two keys with one alias', (app) => {
    new CustomerManagedKey(staging(app), 'Key', { purpose: 'x', alias: 'alias/shared' });
    new CustomerManagedKey(production(app), 'Key', { purpose: 'y', alias: 'alias/shared' });
  }, '[production/Key] invalid "alias": got "alias/shared"; expected a KMS alias not already used in us-east-1 by [staging/Key]: aliases are unique per account and region: give one key another "alias" (or "purpose")'],
  ['kms: import by alias ARN', (app) => CustomerManagedKey.fromKeyArn(staging(app), 'Key', 'arn:aws:kms:us-east-1:111122223333:alias/shared'), '[staging/Key] invalid "keyArn": got "arn:aws:kms:us-east-1:111122223333:alias/shared"; expected a KMS key ARN "arn:<partition>:kms:<region>:<account>:key/<key id>" (not an alias)'],
  ['kms: key policy of an imported key', (app) => CustomerManagedKey.fromKeyArn(staging(app), 'Key', KEY_ARN).allowService('logging.s3.amazonaws.com'), '[staging/Key] invalid "servicePrincipal": got "logging.s3.amazonaws.com"; expected a key created in this app (a CustomerManagedKey): the policy of an imported key is managed where the key is defined, so add the service there'],
  ['kms: a wildcard service principal', (app) => new CustomerManagedKey(staging(app), 'Key', { purpose: 'x' }).allowService('*'), '[staging/Key] invalid "servicePrincipal": got "*"; expected an AWS service principal such as "logging.s3.amazonaws.com"'],
  // --- buckets ---
  ['bucket: name too short', bucket({ bucketName: 'ab' }), `[staging/Data] invalid "bucketName": got "ab"; expected ${BUCKET_RULES}`],
  ['bucket: name with uppercase', bucket({ bucketName: 'Backups' }), `[staging/Data] invalid "bucketName": got "Backups"; expected ${BUCKET_RULES}`],
  ['bucket: name is an IP address', bucket({ bucketName: '10.0.0.1' }), `[staging/Data] invalid "bucketName": got "10.0.0.1"; expected ${BUCKET_RULES}`],
  ['bucket: xn-- prefix', bucket({ bucketName: 'xn--data' }), `[staging/Data] invalid "bucketName": got "xn--data"; expected ${BUCKET_RULES}`],
  ['bucket: -s3alias suffix', bucket({ bucketName: 'data-s3alias' }), `[staging/Data] invalid "bucketName": got "data-s3alias"; expected ${BUCKET_RULES}`],
  ['bucket: ends with hyphen', bucket({ bucketName: 'data-' }), `[staging/Data] invalid "bucketName": got "data-"; expected ${BUCKET_RULES}`],
  ['bucket: a number for the name', bucket({ bucketName: 42 }), `[staging/Data] invalid "bucketName": got 42; expected ${BUCKET_RULES}`],
  ['bucket: abort days 0', bucket({ abortIncompleteMultipartUploadDays: 0 }), '[staging/Data] invalid "abortIncompleteMultipartUploadDays": got 0; expected a whole number from 1 to 365'],
  ['bucket: abort days Infinity', bucket({ abortIncompleteMultipartUploadDays: Infinity }), '[staging/Data] invalid "abortIncompleteMultipartUploadDays": got Infinity; expected a whole number from 1 to 365'],
  ['bucket: noncurrent days negative', bucket({ noncurrentVersionExpirationDays: -1 }), '[staging/Data] invalid "noncurrentVersionExpirationDays": got -1; expected a whole number from 1 to 36500'],
  ['bucket: noncurrent days NaN', bucket({ noncurrentVersionExpirationDays: NaN }), '[staging/Data] invalid "noncurrentVersionExpirationDays": got NaN; expected a whole number from 1 to 36500'],
  ['bucket: "false" for preventDestroy', bucket({ preventDestroy: 'false' }), '[staging/Data] invalid "preventDestroy": got "false"; expected true or false (a boolean, not a string)'],
  ['bucket: "true" for isAccessLogsBucket', bucket({ isAccessLogsBucket: 'true' }), '[staging/Data] invalid "isAccessLogsBucket": got "true"; expected true or false (a boolean, not a string)'],
  ['bucket: misspelt prop', bucket({ bucketname: 'data-bucket' }), `[staging/Data] invalid "bucketname": got "data-bucket"; expected no such property: the properties here are ${SECURE_BUCKET_PROPS}`],
  ['bucket: an object for the purpose', bucket({ purpose: { name: 'data' } }), `[staging/Data] invalid "purpose": got {"name":"data"}; expected ${PURPOSE}`],
  ['bucket: template injection in the purpose', bucket({ purpose: 'data-${var.ghcr_token}' }), `[staging/Data] invalid "purpose": got "data-\${var.ghcr_token}"; expected ${PURPOSE}`],
  ['bucket: unknown Object Lock mode', bucket({ objectLock: { mode: 'WORM', retentionDays: 7 } }), '[staging/Data] invalid "objectLock.mode": got "WORM"; expected an ObjectLockMode: ObjectLockMode.GOVERNANCE or ObjectLockMode.COMPLIANCE'],
  ['bucket: Object Lock 0 days', bucket({ objectLock: { retentionDays: 0 } }), '[staging/Data] invalid "objectLock.retentionDays": got 0; expected a whole number from 1 to 36500'],
  ['bucket: "30" for Object Lock days', bucket({ objectLock: { retentionDays: '30' } }), '[staging/Data] invalid "objectLock.retentionDays": got "30"; expected a whole number from 1 to 36500'],
  ['bucket: a string for the lifecycle rules', bucket({ lifecycleRules: 'expire-all' }), '[staging/Data] invalid "lifecycleRules": got "expire-all"; expected a list'],
  ['bucket: storage class as a plain string', bucket({ lifecycleRules: [{ id: 'r', transitions: [{ days: 30, storageClass: 'FROZEN' }] }] }), `[staging/Data] invalid "lifecycleRules[0].transitions[0].storageClass": got "FROZEN"; expected a StorageClass: ${STORAGE_CLASSES}`],
  ['bucket: transitions out of order', bucket({ lifecycleRules: [{ id: 'r', transitions: [{ days: 90, storageClass: StorageClass.GLACIER }, { days: 60, storageClass: StorageClass.DEEP_ARCHIVE }] }] }), '[staging/Data] invalid "lifecycleRules[0].transitions[1].days": got 60; expected more than the previous transition\'s 90 days: transitions must be in ascending order'],
  ['bucket: IA before day 30', bucket({ lifecycleRules: [{ id: 'r', transitions: [{ days: 7, storageClass: StorageClass.ONEZONE_IA }] }] }), '[staging/Data] invalid "lifecycleRules[0].transitions[0].days": got 7; expected at least 30 for ONEZONE_IA (an S3 minimum)'],
  ['bucket: expiry before transition', bucket({ lifecycleRules: [{ id: 'r', transitions: [{ days: 90, storageClass: StorageClass.GLACIER }], expirationDays: 60 }] }), '[staging/Data] invalid "lifecycleRules[0].expirationDays": got 60; expected more than the last transition (90 days): objects must expire after they are transitioned'],
  ['bucket: negative transition days', bucket({ lifecycleRules: [{ id: 'r', transitions: [{ days: -1, storageClass: StorageClass.GLACIER }] }] }), '[staging/Data] invalid "lifecycleRules[0].transitions[0].days": got -1; expected a whole number from 0 to 36500'],
  ['bucket: fractional transition days', bucket({ lifecycleRules: [{ id: 'r', transitions: [{ days: 30.5, storageClass: StorageClass.GLACIER }] }] }), '[staging/Data] invalid "lifecycleRules[0].transitions[0].days": got 30.5; expected a whole number from 0 to 36500'],
  ['bucket: misspelt lifecycle prop', bucket({ lifecycleRules: [{ id: 'r', expirationDay: 30 }] }), '[staging/Data] invalid "lifecycleRules[0].expirationDay": got 30; expected no such property: the properties here are "abortIncompleteMultipartUploadDays", "expirationDays", "id", "noncurrentTransitions", "noncurrentVersionExpirationDays", "prefix", "transitions"'],
  ['bucket: a credential in a lifecycle prefix', bucket({ lifecycleRules: [{ id: 'r', prefix: 'ghp_abcdefghijklmnopqrstuvwxyz0123456789/', expirationDays: 30 }] }), '[staging/Data] invalid "lifecycleRules[0].prefix": got "<literal redacted>"; expected a value that is not a credential: it looks like a GitHub token, and literal secrets never go into the configuration'],
  ['bucket: one lifecycle rule id twice', bucket({ lifecycleRules: [{ id: 'cold', expirationDays: 90 }, { id: 'cold', expirationDays: 30 }] }), '[staging/Data] invalid "lifecycleRules[1].id": got "cold"; expected a rule id not already used on this bucket by lifecycleRules[0]: S3 refuses two rules with one id'],
  ['bucket: a rule named like the baseline', onBucket((b) => b.addLifecycleRule({ id: 'baseline', expirationDays: 30 })), '[staging/Data] invalid "rule.id": got "baseline"; expected a rule id not already used on this bucket by the baseline rule (aborted uploads, noncurrent expiry): S3 refuses two rules with one id'],
  ['bucket: public read of the whole bucket', bucket({ unsafePublicReadPrefix: '/' }), '[staging/Data] invalid "unsafePublicReadPrefix": got "/"; expected a non-empty key prefix ending in "/" such as "public/" (never the whole bucket)'],
  ['bucket: public read in production, unacknowledged', bucket({ unsafePublicReadPrefix: 'public/' }, true), '[production/Data] invalid "unsafePublicReadPrefix": got true; expected false in production ("production"), or "unsafePublicReadPrefix" listed in "acknowledgeUnsafeInProduction": every object under the prefix becomes readable by anyone on the internet; serve them through signed URLs instead'],
  ['bucket: a string for the acknowledgements', bucket({ unsafePublicReadPrefix: 'public/', acknowledgeUnsafeInProduction: 'unsafePublicReadPrefix' }, true), '[production/Data] invalid "acknowledgeUnsafeInProduction": got "unsafePublicReadPrefix"; expected a list'],
  ['bucket: access log prefix without slash', bucket({ accessLogsPrefix: 'logs' }), '[staging/Data] invalid "accessLogsPrefix": got "logs"; expected a key prefix ending in "/"'],
  ['bucket: a plain object for the key', bucket({ encryptionKey: { keyArn: KEY_ARN } }), `[staging/Data] invalid "encryptionKey": got {"keyArn":"${KEY_ARN}"}; expected an ICustomerManagedKey (a CustomerManagedKey, or CustomerManagedKey.fromKeyArn(...))`],
  ['bucket: a name for the log bucket', bucket({ accessLogsBucket: 'my-logs' }), '[staging/Data] invalid "accessLogsBucket": got "my-logs"; expected an ISecureBucket (a SecureBucket, or SecureBucket.fromBucketAttributes(...))'],
  ['bucket: a key of another region', (app) => {
    const s = staging(app);
    new SecureBucket(s, 'Data', { purpose: 'data', encryptionKey: CustomerManagedKey.fromKeyArn(s, 'Key', 'arn:aws:kms:eu-west-1:111122223333:key/abc') });
  }, '[staging/Data] invalid "encryptionKey": got "arn:aws:kms:eu-west-1:111122223333:key/abc"; expected a key in the bucket\'s region "us-east-1" (S3 encrypts only with keys of its own region), not one in "eu-west-1"'],
  ['bucket: a log bucket of another region', (app) => {
    const s = staging(app);
    new SecureBucket(s, 'Data', { purpose: 'data', accessLogsBucket: SecureBucket.fromBucketAttributes(s, 'Logs', { bucketName: 'central-logs', region: 'eu-west-1' }) });
  }, '[staging/Data] invalid "accessLogsBucket": got "central-logs"; expected a log bucket in the bucket\'s region "us-east-1" (S3 delivers access logs within a region), not one in "eu-west-1"'],
  ['bucket: a log bucket that logs', (app) => {
    const s = staging(app);
    new SecureBucket(s, 'Data', { purpose: 'data', isAccessLogsBucket: true, accessLogsBucket: SecureBucket.fromBucketAttributes(s, 'Logs', { bucketName: 'central-logs' }) });
  }, '[staging/Data] invalid "accessLogsBucket": got "central-logs"; expected no accessLogsBucket on a bucket with "isAccessLogsBucket: true": a log bucket does not log (that would loop)'],
  ['bucket: a log bucket with an imported key', (app) => {
    const s = staging(app);
    new SecureBucket(s, 'Data', { purpose: 'data', isAccessLogsBucket: true, encryptionKey: CustomerManagedKey.fromKeyArn(s, 'Key', KEY_ARN) });
  }, `[staging/Data] invalid "encryptionKey": got "${KEY_ARN}"; expected a CustomerManagedKey created in this app, or none: a log bucket adds S3 log delivery to its key's policy, which an imported key does not let this app change`],
  ['bucket: two buckets with one name', (app) => {
    new SecureBucket(staging(app), 'Data', { purpose: 'data', bucketName: 'acme-data' });
    new SecureBucket(production(app), 'Data', { purpose: 'data', bucketName: 'acme-data' });
  }, '[production/Data] invalid "bucketName": got "acme-data"; expected an S3 bucket name not already used by [staging/Data]: bucket names are global: give one bucket another "bucketName" (or "purpose")'],
  ['bucket: CORS origin not a URL', onBucket((b) => b.addCorsRule({ allowedOrigins: ['app.example.com'], allowedMethods: GET })), '[staging/Data] invalid "rule.allowedOrigins[0]": got "app.example.com"; expected an origin URL such as "https://app.example.com" (scheme, host, optional port, no path)'],
  ['bucket: CORS * in production', onBucket((b) => b.addCorsRule({ allowedOrigins: ['*'], allowedMethods: GET }), true), '[production/Data] invalid "rule.allowedOrigins[0]": got "*"; expected explicit https origins in production: "*" lets any site read the bucket from a browser'],
  ['bucket: CORS method as a plain string', onBucket((b) => b.addCorsRule({ allowedOrigins: ['https://a.example.com'], allowedMethods: ['PATCH' as any] })), `[staging/Data] invalid "rule.allowedMethods[0]": got "PATCH"; expected a CorsHttpMethod: ${METHODS}`],
  ['bucket: CORS origins as a string', bucket({ corsRules: [{ allowedOrigins: 'https://a.example.com', allowedMethods: GET }] }), '[staging/Data] invalid "corsRules[0].allowedOrigins": got "https://a.example.com"; expected a list'],
  ['bucket: CORS origin twice in a rule', onBucket((b) => b.addCorsRule({ allowedOrigins: ['https://a.example.com', 'https://a.example.com'], allowedMethods: GET })), '[staging/Data] invalid "rule.allowedOrigins[1]": got "https://a.example.com"; expected a value not already in the list'],
  ['bucket: CORS max age above a day', onBucket((b) => b.addCorsRule({ allowedOrigins: ['https://a.example.com'], allowedMethods: GET, maxAgeSeconds: 86401 })), '[staging/Data] invalid "rule.maxAgeSeconds": got 86401; expected a whole number from 0 to 86400'],
  ['bucket: template injection in a CORS header', onBucket((b) => b.addCorsRule({ allowedOrigins: ['https://a.example.com'], allowedMethods: GET, allowedHeaders: ['x-${var.ghcr_token}'] })), '[staging/Data] invalid "rule.allowedHeaders[0]": got "x-${var.ghcr_token}"; expected an HTTP header name such as "Content-Type", or "*"'],
  ['bucket: one CORS rule twice', onBucket((b) => {
    b.addCorsRule({ allowedOrigins: ['https://a.example.com'], allowedMethods: [CorsHttpMethod.GET, CorsHttpMethod.HEAD] });
    b.addCorsRule({ allowedOrigins: ['https://a.example.com'], allowedMethods: [CorsHttpMethod.HEAD, CorsHttpMethod.GET], maxAgeSeconds: 60 });
  }), '[staging/Data] invalid "rule": got {"allowedOrigins":["https://a.example.com"],"allowedMethods":["HEAD","GET"]}; expected a rule that does not repeat the rule of addCorsRule call 1 (same origins and methods): S3 applies the first matching rule, so the repeat would never apply'],
  ['bucket: grant prefix with wildcard', (app) => {
    const { s, id } = identity(app);
    new SecureBucket(s, 'Data', { purpose: 'd' }).grantRead(id, '*');
  }, '[staging/Data] invalid "prefix": got "*"; expected an object key prefix such as "dumps/" (ending in "/", no wildcards), or "" for the whole bucket'],
  ['bucket: grant to a plain object', onBucket((b) => b.grantRead({ granteeName: 'x', statements: [] } as any)), '[staging/Data] invalid "grantee": got {"granteeName":"x","statements":[]}; expected an IGrantee (a ServiceIdentity, ServiceIdentity.fromIdentityAttributes(...) or your own implementation)'],
  ['bucket: policy statement sid with a hyphen', onBucket((b) => b.addToResourcePolicy({ sid: 'read-all', actions: ['s3:GetObject'], resources: ['*'] })), '[staging/Data/PolicyDocument] invalid "statements[2].sid": got "read-all"; expected a statement id of 1-128 letters and digits (IAM allows nothing else)'],
  ['bucket: policy statement reusing a sid', onBucket((b) => b.addToResourcePolicy({ sid: 'DenyInsecureTransport', effect: 'Deny', actions: ['s3:PutObject'], resources: ['arn:aws:s3:::x/*'] })), '[staging/Data/PolicyDocument] invalid "statements[2].sid": got "DenyInsecureTransport"; expected a statement id not already used in this policy document by statements[0] (Deny s3:* on ${aws_s3_bucket.Data_666C94C7.arn}, ${aws_s3_bucket.Data_666C94C7.arn}/*); this one is Deny s3:PutObject on arn:aws:s3:::x/*: aws_iam_policy_document refuses duplicate sids'],
  ['bucket: a token in a policy condition', onBucket((b) => b.addToResourcePolicy({ actions: ['s3:GetObject'], resources: ['arn:aws:s3:::x/*'], conditions: [{ test: 'StringEquals', variable: 'aws:Referer', values: ['github_pat_11ABCDEFG0123456789abcdefghijklmnopqrstu'] }] })), '[staging/Data/PolicyDocument] invalid "statements[2].conditions[0].values[0]": got "<literal redacted>"; expected a value that is not a credential: it looks like a GitHub fine-grained token'],
  ['bucket: a string for a statement\'s actions', (app) => new PolicyDocument(staging(app), 'Doc', [{ actions: 's3:GetObject' as any }]), '[staging/Doc] invalid "statements[0].actions": got "s3:GetObject"; expected a list'],
  ['import: bucket ARN of another bucket', (app) => SecureBucket.fromBucketAttributes(staging(app), 'Partner', { bucketName: 'partner', bucketArn: 'arn:aws:s3:::other' }), '[staging/Partner] invalid "attrs.bucketArn": got "arn:aws:s3:::other"; expected the ARN of bucket "partner"'],
  ['import: a key alias for the bucket key', (app) => SecureBucket.fromBucketAttributes(staging(app), 'Partner', { bucketName: 'partner', encryptionKeyArn: 'alias/partner' }), '[staging/Partner] invalid "attrs.encryptionKeyArn": got "alias/partner"; expected a KMS key ARN "arn:<partition>:kms:<region>:<account>:key/<key id>" (not an alias)'],
  ['replication: destination without a key', (app) => {
    const s = staging(app);
    new BucketReplication(s, 'Replication', { source: new SecureBucket(s, 'Data', { purpose: 'data' }), destination: SecureBucket.fromBucketAttributes(s, 'Dr', { bucketName: 'dr-bucket', region: 'us-west-2' }) });
  }, '[staging/Replication] invalid "destination": got "dr-bucket"; expected a bucket with a KMS key (replicas are re-encrypted with the destination\'s key): import it with "encryptionKeyArn"'],
  // --- identities ---
  ['identity: bad service name', (app) => new ServiceIdentity(staging(app), 'Id', { serviceName: 'API Server' }), '[staging/Id] invalid "serviceName": got "API Server"; expected lowercase letters, digits and "-", at most 41 characters'],
  ['identity: template injection in the service name', (app) => new ServiceIdentity(staging(app), 'Id', { serviceName: 'api${var.x}' }), '[staging/Id] invalid "serviceName": got "api${var.x}"; expected lowercase letters, digits and "-", at most 41 characters'],
  ['identity: granted nothing', (app) => new ServiceIdentity(staging(app), 'Id', { serviceName: 'idle' }), '[staging/Id] invalid "serviceName": got "idle"; expected an identity that is granted something: this one was granted nothing, so remove it or grant it access'],
  ['identity: "yes" for sensitiveOutputs', (app) => new ServiceIdentity(staging(app), 'Id', { serviceName: 'api', sensitiveOutputs: 'yes' as any }), '[staging/Id] invalid "sensitiveOutputs": got "yes"; expected true or false (a boolean, not a string)'],
  ['identity: two identities with one IAM name', (app) => {
    new ServiceIdentity(staging(app), 'Api', { serviceName: 'api' });
    new ServiceIdentity(staging(app, 'staging-two'), 'Api', { serviceName: 'api' });
  }, '[staging-two/Api] invalid "serviceName": got "livestreamsell-staging-api"; expected an IAM user name not already used by [staging/Api]: IAM names are unique in an AWS account: give one of the identities another "serviceName"'],
  ['identity: a plain string for an access key', (app) => ServiceIdentity.fromIdentityAttributes(staging(app), 'Ops', { groupName: 'ops', accessKeyId: 'AKIAIOSFODNN7EXAMPLE' as any, secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' as any }), '[staging/Ops] invalid "attrs.accessKeyId": got "<string redacted>"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct\'s secret attribute), never a plain string or object'],
  ['identity: a { value } object for an access key', (app) => ServiceIdentity.fromIdentityAttributes(staging(app), 'Ops', { groupName: 'ops', accessKeyId: { value: 'AKIAIOSFODNN7EXAMPLE' } as any }), '[staging/Ops] invalid "attrs.accessKeyId": got "<non-SecretValue redacted>"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct\'s secret attribute), never a plain string or object'],
  ['identity: half an access key', (app) => {
    const s = staging(app);
    ServiceIdentity.fromIdentityAttributes(s, 'Ops', { groupName: 'ops', accessKeyId: SecretValue.fromVariable(s, 'ops_key_id') });
  }, '[staging/Ops] invalid "attrs.secretAccessKey": got undefined; expected a SecretValue: an access key is given as both "accessKeyId" and "secretAccessKey", or not at all'],
  ['identity: two imports writing one inline policy', (app) => {
    ServiceIdentity.fromIdentityAttributes(staging(app), 'Ops', { groupName: 'ops' });
    ServiceIdentity.fromIdentityAttributes(production(app), 'Ops', { groupName: 'ops' });
  }, '[production/Ops] invalid "attrs.policyName": got "Ops-grants"; expected an inline policy name not already used in IAM group "ops" by [staging/Ops]: a second policy of that name would replace the first: give one import another "policyName"'],
  ['identity: a group name with spaces', (app) => ServiceIdentity.fromIdentityAttributes(staging(app), 'Ops', { groupName: 'ops team' }), '[staging/Ops] invalid "attrs.groupName": got "ops team"; expected an IAM group name: 1-128 letters, digits and "+=,.@_-"'],
  // --- storage module ---
  ['storage: public images in production', storage({ productImages: { unsafePublicRead: true } }), '[production/Storage] invalid "productImages.unsafePublicRead": got true; expected false in production ("production"), or "unsafePublicRead" listed in "acknowledgeUnsafeInProduction": every image under "public/" becomes readable by anyone on the internet; serve images through signed URLs instead'],
  ['storage: the old acknowledgement prop', storage({ productImages: { unsafePublicRead: true, acknowledgePublicReadInProduction: true } }), '[production/Storage] invalid "productImages.acknowledgePublicReadInProduction": got true; expected no such property: the properties here are "bucketName", "corsOrigins", "unsafePublicRead"'],
  ['storage: "true" for public images', storage({ productImages: { unsafePublicRead: 'true' } }, false), '[staging/Storage] invalid "productImages.unsafePublicRead": got "true"; expected true or false (a boolean, not a string)'],
  ['storage: replication to the same region', storage({ backups: { replicationRegion: 'us-east-1' } }), '[production/Storage] invalid "backups.replicationRegion": got "us-east-1"; expected a region other than the backups bucket\'s ("us-east-1"): a same-region copy does not survive a regional outage'],
  ['storage: malformed replication region', storage({ backups: { replicationRegion: 'oregon' } }), '[production/Storage] invalid "backups.replicationRegion": got "oregon"; expected an AWS region name such as "us-east-1"'],
  ['storage: lock longer than expiry', storage({ backups: { lockRetentionDays: 40, expirationDays: 35 } }), '[production/Storage] invalid "backups.lockRetentionDays": got 40; expected at most "backups.expirationDays" (35): a locked dump cannot expire'],
  ['storage: unknown lock mode', storage({ backups: { objectLockMode: 'STRICT' } }), '[production/Storage] invalid "backups.objectLockMode": got "STRICT"; expected an ObjectLockMode: ObjectLockMode.GOVERNANCE or ObjectLockMode.COMPLIANCE'],
  ['storage: CORS origin * in production', storage({ productImages: { corsOrigins: ['*'] } }), '[production/Storage] invalid "productImages.corsOrigins[0]": got "*"; expected explicit https origins in production: "*" lets any site read the bucket from a browser'],
  ['storage: transition after expiry', storage({ backups: { transitions: [{ days: 40, storageClass: StorageClass.GLACIER }], expirationDays: 35 } }), '[production/Storage] invalid "backups.expirationDays": got 35; expected more than the last transition (40 days): objects must expire after they are transitioned'],
  ['storage: http CORS origin in production', storage({ productImages: { corsOrigins: ['http://app.example.com'] } }), '[production/Storage] invalid "productImages.corsOrigins[0]": got "http://app.example.com"; expected an https origin in production'],
  ['storage: a string for the CORS origins', storage({ productImages: { corsOrigins: 'https://app.example.com' } }), '[production/Storage] invalid "productImages.corsOrigins": got "https://app.example.com"; expected a list'],
  ['storage: a string for the transitions', storage({ backups: { transitions: 'GLACIER_IR' } }), '[production/Storage] invalid "backups.transitions": got "GLACIER_IR"; expected a list'],
  ['storage: a dump prefix of the whole bucket', storage({ backups: { dumpPrefix: '*' } }), '[production/Storage] invalid "backups.dumpPrefix": got "*"; expected a key prefix ending in "/" such as "postgres/" (no wildcards)'],
  ['storage: a replica name without a replica', storage({ backups: { replicaBucketName: 'acme-dr' } }), '[production/Storage] invalid "backups.replicaBucketName": got "acme-dr"; expected no replica name without "backups.replicationRegion" (there is no replica)'],
  ['storage: two of its buckets with one name', storage({ backups: { bucketName: 'acme-media' }, productImages: { bucketName: 'acme-media' } }), '[production/Storage] invalid "productImages.bucketName": got "acme-media"; expected an S3 bucket name not already used by "backups.bucketName" of this construct: bucket names are global: set another name here'],
  ['storage: true for a service name', storage({ identities: { backupWriter: true } }), '[production/Storage] invalid "identities.backupWriter": got true; expected a service name: lowercase letters, digits and "-", at most 41 characters'],
  ['storage: a list for the identities', storage({ identities: ['backup-job'] }), '[production/Storage] invalid "identities": got ["backup-job"]; expected an object of properties'],
  ['storage: misspelt prop', storage({ sensitiveOutput: true }), '[production/Storage] invalid "sensitiveOutput": got true; expected no such property: the properties here are "accessLogs", "acknowledgeUnsafeInProduction", "backups", "environment", "identities", "productImages", "sensitiveOutputs"'],
  ['storage: the backup destination without a writer', (app) => new StorageBuckets(staging(app), 'Storage').backupDestination, '[staging/Storage] invalid "identities.backupWriter": got undefined; expected a service name such as "backup-job", so that the module creates the backup job\'s write-only identity; or call backupDestinationFor(identity) with an identity of your own'],
  ['storage: a backup writer without keys', (app) => {
    const s = staging(app);
    new StorageBuckets(s, 'Storage').backupDestinationFor(ServiceIdentity.fromIdentityAttributes(s, 'Ops', { groupName: 'ops' }));
  }, '[staging/Storage] invalid "identity": got "ops"; expected an identity with an access key ("accessKeyId" and "secretAccessKey"): the backup job runs outside AWS and cannot assume a role'],
];
