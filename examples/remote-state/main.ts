// Example: remote state for a two-environment app.
// 1. `bootstrap` creates the hardened state bucket, lock table and KMS key (local state).
// 2. `staging` and `production` keep their state there, encrypted and locked, one key each.
import { App } from 'cdktf';
import { Environment, EnvironmentStack, StateBackend } from '../../lib';

const app = new App();

const bootstrap = new EnvironmentStack(app, 'bootstrap', {
  environment: new Environment({ name: 'shared', basedOn: 'production' }),
  localStatePath: 'terraform.bootstrap.tfstate',
});
new StateBackend(bootstrap, 'State');

new EnvironmentStack(app, 'staging', { environment: Environment.staging() });
new EnvironmentStack(app, 'production', {
  environment: Environment.production(),
  // Terraform >= 1.10 can also lock with a lock file next to the state object.
  remoteState: { useLockfile: true },
});

app.synth();
