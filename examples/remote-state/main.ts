// Example: remote state for a two-environment app.
// 1. `bootstrap` creates the hardened state bucket, lock table and KMS key (local state).
// 2. `staging` and `production` keep their state there, encrypted and locked, one key each.
import { App, Aspects } from 'cdktf';
import { Environment, EnvironmentStack, SecurityChecks, StateBackend } from '../../lib';

const app = new App();

const bootstrap = new EnvironmentStack(app, 'bootstrap', {
  environment: new Environment({ name: 'shared', production: true, project: 'example-shop' }),
  localStatePath: 'terraform.bootstrap.tfstate',
});
new StateBackend(bootstrap, 'State');
// The one documented exception: the bootstrap stack creates the bucket its state will move to.
SecurityChecks.suppress(bootstrap, 'LSS-STATE-001', 'Bootstrap creates the state bucket, so it starts on local state and is migrated afterwards.');

new EnvironmentStack(app, 'staging', { environment: Environment.staging({ project: 'example-shop' }) });
new EnvironmentStack(app, 'production', {
  environment: Environment.production({ project: 'example-shop' }),
  // Terraform >= 1.10 can also lock with a lock file next to the state object.
  remoteState: { useLockfile: true },
});

// Guardrails: any finding of the library's security checks fails the synth.
for (const child of app.node.children) Aspects.of(child).add(new SecurityChecks());

app.synth();
