// Example: state in HCP Terraform (Terraform Cloud) instead of S3, the PRD's other backend.
// One workspace per stack and environment; no bootstrap stack. Log in once
// (`terraform login`, or TF_TOKEN_app_terraform_io in CI); the token never goes in the code.
import { App, Aspects } from 'cdktf';
import { Environment, EnvironmentStack, SecurityChecks, StorageBuckets } from '../../lib';

const app = new App();
for (const environment of [Environment.staging({ project: 'example-shop' }), Environment.production({ project: 'example-shop' })]) {
  const stack = new EnvironmentStack(app, environment.name, {
    environment,
    // Workspaces "example-shop-staging-staging" and "example-shop-production-production".
    hcpTerraform: { organization: 'example-shop', project: 'Infrastructure' },
  });
  new StorageBuckets(stack, 'Storage');
  Aspects.of(stack).add(new SecurityChecks());
}
app.synth();
