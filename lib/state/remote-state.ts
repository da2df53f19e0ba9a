import { S3Backend, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { StateBackendAttributes, defaultStateBackendAttributes } from './state-names';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { assertAwsRegion, assertMatches, assertNotEmpty } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { assertBucketName } from '../storage/bucket-name';

/** Props of `RemoteState`. */
export interface RemoteStateProps {
  /**
   * Where the state lives: the names `StateBackend` created.
   * @default - the deterministic defaults for the environment's project and region
   */
  readonly backend?: StateBackendAttributes;
  /**
   * State object key.
   * @default "<project>/<environment>/<stack id>.tfstate"
   */
  readonly key?: string;
  /**
   * Lock with a DynamoDB table (`dynamodb_table`).
   * @default true
   */
  readonly dynamodbLocking?: boolean;
  /**
   * Also lock with an S3-native lock file (`use_lockfile`, Terraform >= 1.10).
   * With `dynamodbLocking: false` it is the only lock.
   * @default false
   */
  readonly useLockfile?: boolean;
  /**
   * Prefix of the state keys of non-default workspaces, for teams that drive
   * environments with `terraform workspace` instead of one stack per environment.
   * @default - Terraform's default ("env:")
   */
  readonly workspaceKeyPrefix?: string;
  /**
   * The environment whose name goes into the key.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * Configures the stack's S3 backend: encrypted (`encrypt = true` plus the state KMS
 * key), locked (DynamoDB table, optionally the S3 lock file), one key per stack and
 * environment.
 *
 * @example
 * new RemoteState(stagingStack, 'RemoteState');
 */
export class RemoteState extends Construct {
  /** The backend. */
  public readonly backend: S3Backend;
  /** The state key. */
  public readonly key: string;

  constructor(scope: Construct, id: string, props: RemoteStateProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    const stack = TerraformStack.of(this);
    const attrs = props.backend ?? defaultStateBackendAttributes(env.project, env.region);
    assertBucketName(this, 'backend.bucketName', attrs.bucketName);
    assertNotEmpty(this, 'backend.lockTableName', attrs.lockTableName);
    assertAwsRegion(this, 'backend.region', attrs.region);
    this.key = props.key ?? `${env.project}/${env.name}/${stack.node.id}.tfstate`;
    assertMatches(this, 'key', this.key, /^[A-Za-z0-9!_.*'()/-]+\.tfstate$/, 'an S3 key of letters, digits and !_.*\'()/- ending in ".tfstate"');
    if (props.workspaceKeyPrefix !== undefined) {
      assertMatches(this, 'workspaceKeyPrefix', props.workspaceKeyPrefix, /^[A-Za-z0-9_.-]+(\/[A-Za-z0-9_.-]+)*$/, 'a key prefix without leading or trailing "/"');
    }
    const dynamodb = props.dynamodbLocking ?? true;
    if (!dynamodb && !props.useLockfile) {
      throw new ValidationError(this, 'dynamodbLocking', false, 'true, or "useLockfile: true": state must always be locked');
    }

    this.backend = new S3Backend(stack, {
      bucket: attrs.bucketName,
      key: this.key,
      region: attrs.region,
      encrypt: true,
      kmsKeyId: attrs.kmsKeyAlias,
      dynamodbTable: dynamodb ? attrs.lockTableName : undefined,
      workspaceKeyPrefix: props.workspaceKeyPrefix,
    });
    if (props.useLockfile) {
      // cdktf 0.21's S3BackendConfig predates `use_lockfile`; set it on the backend block.
      stack.addOverride('terraform.backend.s3.use_lockfile', true);
    }
  }
}
