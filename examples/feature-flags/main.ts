// Example: PostHog feature flags as code for a shop's staging and production.
// Every flag is off by default; new integrations open to beta testers first
// (their user ids from a Terraform variable), then to a percentage of users;
// `killed: true` is the kill switch that turns a flag off everywhere.
import { App, Aspects, TerraformOutput, TerraformVariable } from 'cdktf';
import { Environment, EnvironmentStack, FeatureFlags, PostHogHost, SecretValue, SecurityChecks } from '../../lib';

const app = new App();

for (const environment of [Environment.staging({ project: 'example-shop' }), Environment.production({ project: 'example-shop' })]) {
  const stack = new EnvironmentStack(app, `flags-${environment.name}`, { environment, awsProvider: false });

  // Each environment is its own PostHog project; the ids are deploy-time inputs.
  const projectId = new TerraformVariable(stack, 'posthog_project_id', { type: 'string', nullable: false, description: 'PostHog project id of this environment' });
  const betaTesters = new TerraformVariable(stack, 'checkout_beta_tester_ids', {
    type: 'list(string)',
    nullable: false,
    default: [],
    description: 'User ids of the customers who try the new checkout first',
  });

  const flags = new FeatureFlags(stack, 'Flags', {
    projectId: projectId.stringValue,
    // The shop's PostHog lives in the EU cloud; the personal API key is a sensitive input.
    host: PostHogHost.EU,
    apiKey: SecretValue.fromVariable(stack, 'posthog_api_key', 'PostHog personal API key (feature_flag:write)'),
    flags: [
      // Off for everyone but the beta testers.
      { key: 'checkout-v2', description: 'The new checkout', betaTesterIds: betaTesters.listValue },
      // Staff first everywhere, then 10% of staging users.
      {
        key: 'gift-cards',
        description: 'Gift cards at checkout',
        betaTesterIds: ['staff-ana', 'staff-luis'],
        rolloutPercentage: environment.isProduction ? 0 : 10,
      },
      // Rolled out to everyone, then killed: the targeting stays for when it is fixed.
      { key: 'bank-transfer', description: 'Pay by bank transfer', rolloutPercentage: 100, killed: true },
    ],
  });

  // The application reads the key from its configuration, the same text as here.
  new TerraformOutput(stack, 'checkout_flag', { value: flags.flag('checkout-v2').flagKey });
}

// Guardrails: any finding of the library's security checks fails the synth.
for (const child of app.node.children) Aspects.of(child).add(new SecurityChecks());

app.synth();
