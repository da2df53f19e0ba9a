import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { TABLE_NAME, TABLE_NAME_ALLOWED, defaultStateBackendAttributes } from './names';
import { ValidationError } from '../../core/errors';
import { Input } from '../../core/private/input';
import { AWS_REGION_PATTERN } from '../../core/private/validation';
import { Environment } from '../../environment/environment';
import { environmentOf } from '../../environment/private/resolve';
import { checkBucketName } from '../../storage/private/bucket-name';

/** The S3 backend block of a stack, checked. */
export interface BackendConfig {
  readonly bucket: string;
  readonly key: string;
  readonly region: string;
  readonly kmsKeyId: string;
  readonly dynamodbTable?: string;
  readonly workspaceKeyPrefix?: string;
  readonly useLockfile: boolean;
}

/**
 * Reads `RemoteStateProps` through the input layer, under `input`'s prefix: the
 * EnvironmentStack reads them as "remoteState.key" (the prop the user set on the
 * stack), a RemoteState as "key". `input.done()` is called.
 */
export function readBackendConfig(scope: IConstruct, input: Input, bindEnvironment: boolean): BackendConfig {
  const env = bindEnvironment ? environmentOf(scope, input.raw('environment')) : checkedEnvironment(scope, input);
  const stack = TerraformStack.of(scope);
  const defaults = defaultStateBackendAttributes(env.project, env.region);
  const backend = input.object('backend');
  let attrs = defaults;
  if (backend) {
    const bucketName = checkBucketName(scope, backend.path('bucketName'), backend.raw('bucketName'));
    const lockTableName = backend.string('lockTableName', { pattern: TABLE_NAME, allowed: TABLE_NAME_ALLOWED });
    const kmsKeyAlias = backend.string('kmsKeyAlias', { pattern: /^alias\/(?!aws\/)[a-zA-Z0-9/_-]{1,250}$/, allowed: 'a KMS alias "alias/<name>" (the state key, not an AWS-managed one)' });
    const region = backend.string('region', { pattern: AWS_REGION_PATTERN, allowed: 'an AWS region name such as "us-east-1"' });
    backend.done();
    const missing = [['bucketName', bucketName], ['lockTableName', lockTableName], ['kmsKeyAlias', kmsKeyAlias], ['region', region]].find(([, v]) => v === undefined);
    if (missing) throw new ValidationError(scope, backend.path(missing[0]!), undefined, 'a value: give every attribute of the backend (StateBackend.attributes has them)');
    attrs = { bucketName: bucketName!, lockTableName: lockTableName!, kmsKeyAlias: kmsKeyAlias!, region: region! };
  }
  const key = input.string('key', { pattern: /^[A-Za-z0-9!_.*'()/-]+\.tfstate$/, allowed: 'an S3 key of letters, digits and !_.*\'()/- ending in ".tfstate"' })
    ?? `${env.project}/${env.name}/${stack.node.id}.tfstate`;
  const workspaceKeyPrefix = input.string('workspaceKeyPrefix', { pattern: /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, allowed: 'a key prefix without leading or trailing "/"' });
  const dynamodb = input.boolean('dynamodbLocking') ?? true;
  const useLockfile = input.boolean('useLockfile') ?? false;
  input.done();
  if (!dynamodb && !useLockfile) {
    throw new ValidationError(scope, input.path('dynamodbLocking'), false, 'true, or "useLockfile: true": state must always be locked');
  }
  return {
    bucket: attrs.bucketName,
    key,
    region: attrs.region,
    kmsKeyId: attrs.kmsKeyAlias,
    dynamodbTable: dynamodb ? attrs.lockTableName : undefined,
    workspaceKeyPrefix,
    useLockfile,
  };
}

/** The environment of the props, checked but not bound (the stack keeps its own). */
function checkedEnvironment(scope: IConstruct, input: Input): Environment {
  const explicit = input.raw('environment');
  if (explicit === undefined) return Environment.of(scope);
  if (!Environment.isEnvironment(explicit)) {
    throw new ValidationError(scope, input.path('environment'), explicit, 'an Environment (Environment.staging({ project }), Environment.production({ project }) or new Environment({ name, project }))');
  }
  explicit.validate(scope);
  return explicit;
}
