import { Construct } from 'constructs';
import { Environment, EnvironmentStack, SecurityChecks, StateBackend } from '../lib';
import { AppConfig } from './config';

/**
 * Creates the remote-state resources. It starts on local state (the bucket does
 * not exist yet); after the first apply, migrate its state into the bucket as the
 * README describes.
 */
export class BootstrapStack extends EnvironmentStack {
  public readonly state: StateBackend;

  constructor(scope: Construct, id: string, config: AppConfig) {
    super(scope, id, {
      // Shared by all environments, protected like production.
      environment: new Environment({ name: 'shared', basedOn: 'production', project: config.project, region: config.region }),
      localStatePath: 'terraform.bootstrap.tfstate',
    });
    this.state = new StateBackend(this, 'State');
    // Documented suppression (README, "Security checks"): the bucket that would hold
    // this stack's state is created by this stack, so its first apply must use local
    // state; the README's deploy order migrates it into the bucket right after.
    SecurityChecks.suppress(this, 'LSS-STATE-001', 'Bootstrap creates the state bucket and lock table, so its first apply runs on local state; migrate it afterwards (README, Deploy order).');
  }
}
