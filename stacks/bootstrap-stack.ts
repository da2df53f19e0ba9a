import { Construct } from 'constructs';
import { Environment, EnvironmentStack, SecurityChecks, StateBackend } from '../lib';
import { AppConfig } from './config';

/** Context key (cdktf.json "context") that moves the bootstrap stack onto its own bucket. */
export const BOOTSTRAP_REMOTE_STATE_CONTEXT = 'bootstrapRemoteState';

/**
 * Creates the remote-state resources. It starts on local state (the bucket does
 * not exist yet); after the first apply, set `"bootstrapRemoteState": true` in the
 * `context` of cdktf.json (or LSS_BOOTSTRAP_REMOTE_STATE=1), synth, and run
 * `terraform init -migrate-state` in cdktf.out/stacks/bootstrap (README, Deploy order).
 */
export class BootstrapStack extends EnvironmentStack {
  public readonly state: StateBackend;

  constructor(scope: Construct, id: string, config: AppConfig) {
    const migrated = scope.node.tryGetContext(BOOTSTRAP_REMOTE_STATE_CONTEXT) === true || process.env.LSS_BOOTSTRAP_REMOTE_STATE === '1';
    super(scope, id, {
      // Shared by all environments, protected like production.
      environment: new Environment({ name: 'shared', production: true, project: config.project, region: config.region }),
      localStatePath: migrated ? undefined : 'terraform.bootstrap.tfstate',
    });
    this.state = new StateBackend(this, 'State');
    if (!migrated) {
      // Documented suppression (README, "Security checks"): the bucket that will hold
      // this stack's state is created by this stack, so its first apply must use local
      // state; the deploy order migrates it into the bucket right after.
      SecurityChecks.suppress(this, 'LSS-STATE-001', 'Bootstrap creates the state bucket and lock table, so its first apply runs on local state; migrate it afterwards (README, Deploy order).');
    }
  }
}
