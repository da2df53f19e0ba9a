import { Aspects, TerraformVariable } from 'cdktf';
import { PRODUCTION, flagStack } from './support';
import { FeatureFlags, PostHogHost, SecretValue, SecurityChecks } from '../../lib';

describe('SecurityChecks on feature flags', () => {
  test('zero findings: no literal key in the provider, a sensitive key variable', () => {
    const stack = flagStack(PRODUCTION, 'production');
    new FeatureFlags(stack, 'Flags', {
      projectId: new TerraformVariable(stack, 'posthog_project_id', { type: 'string' }).stringValue,
      host: PostHogHost.EU,
      apiKey: SecretValue.fromVariable(stack, 'posthog_api_key', 'PostHog personal API key'),
      flags: [
        { key: 'paypal-international', betaTesterIds: new TerraformVariable(stack, 'beta_tester_ids', { type: 'list(string)', default: [] }).listValue },
        { key: 'api-key-rotation-banner', description: 'Tells sellers to rotate their API key', rolloutPercentage: 50 },
      ],
    });
    const checks = new SecurityChecks();
    Aspects.of(stack).add(checks);
    expect(checks.check(stack)).toEqual([]);
    expect(checks.findings).toEqual([]);
  });
});
