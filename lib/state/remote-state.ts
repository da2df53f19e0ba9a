import { S3Backend, TerraformBackend, TerraformStack } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { readBackendConfig } from './private/backend-config';
import { StateBackendAttributes } from './state-names';
import { ValidationError, pathOf } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { Environment } from '../environment/environment';

/** Props of `RemoteState`. */
export interface RemoteStateProps {
  /**
   * Where the state lives: the names `StateBackend` created (`StateBackend.attributes`).
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

/** The RemoteState of a stack, once it has one. */
const STACK_REMOTE_STATE = Symbol.for('@livestreamsell/cdktf-constructs.remoteState');

/**
 * Configures a stack's S3 backend: encrypted (`encrypt = true` plus the state KMS
 * key), locked (DynamoDB table, optionally the S3 lock file), one key per stack and
 * environment.
 *
 * An `EnvironmentStack` creates its RemoteState itself: configure it with the
 * stack's `remoteState` prop. Use this construct directly only on a plain
 * `TerraformStack`. A stack has one backend, so a second RemoteState (or one on a
 * stack that keeps local state) fails with a message that names the fix.
 *
 * @example
 * declare const app: App;
 * const staging = new EnvironmentStack(app, 'staging', {
 *   environment: Environment.staging({ project: 'acme-shop' }),
 *   remoteState: { useLockfile: true },
 * });
 */
export class RemoteState extends Construct {
  /**
   * Refuses a stack that already has a backend, before the construct id can
   * collide (an EnvironmentStack's own RemoteState has id "RemoteState").
   */
  private static vacantId(scope: Construct, id: string): string {
    const stack = TerraformStack.of(scope);
    const path = `${scope.node.path ? `${scope.node.path}/` : ''}${id}`;
    const existing = (stack as any)[STACK_REMOTE_STATE] as IConstruct | undefined;
    if (existing) {
      throw new ValidationError(path, 'scope', stack, `a stack without remote state: [${pathOf(existing)}] already configures this stack's S3 backend (an EnvironmentStack creates it); pass the settings as EnvironmentStack's "remoteState" prop instead`);
    }
    const backend = stack.node.findAll().find(TerraformBackend.isBackend);
    if (backend) {
      throw new ValidationError(path, 'scope', stack, `a stack without a backend: [${pathOf(backend)}] already configures one (on an EnvironmentStack, "localStatePath" keeps state locally: remove it for remote state)`);
    }
    return id;
  }

  /** The backend. */
  public readonly backend: S3Backend;
  /** The state key. */
  public readonly key: string;

  constructor(scope: Construct, id: string, props: RemoteStateProps = {}) {
    super(scope, RemoteState.vacantId(scope, id));
    markLibraryConstruct(this);
    const stack = TerraformStack.of(this);
    const config = readBackendConfig(this, Input.of(this, props), true);
    Object.defineProperty(stack, STACK_REMOTE_STATE, { value: this, configurable: true });
    this.key = config.key;
    this.backend = new S3Backend(stack, {
      bucket: config.bucket,
      key: config.key,
      region: config.region,
      encrypt: true,
      kmsKeyId: config.kmsKeyId,
      dynamodbTable: config.dynamodbTable,
      workspaceKeyPrefix: config.workspaceKeyPrefix,
    });
    if (config.useLockfile) {
      // cdktf 0.21's S3BackendConfig predates `use_lockfile`; set it on the backend block.
      stack.addOverride('terraform.backend.s3.use_lockfile', true);
    }
  }
}
