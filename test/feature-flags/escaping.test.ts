import { flagStack, synth } from './support';
import { FeatureFlags } from '../../lib';

// Terraform evaluates ${...} and %{...} in every string of cdk.tf.json: user text
// must come out escaped ($${, %%{) so that it is never evaluated.
const HOSTILE = 'PayPal ${var.posthog_api_key} %{ if true }x%{ endif }';
const ESCAPED = 'PayPal $${var.posthog_api_key} %%{ if true }x%%{ endif }';

describe('free text in flag props is escaped, never evaluated', () => {
  test('descriptions, beta tester ids and the person property', () => {
    const stack = flagStack();
    new FeatureFlags(stack, 'Flags', { projectId: '12345', flags: [{ key: 'a', description: HOSTILE, betaTesterIds: [HOSTILE], betaTesterProperty: '${var.x}' }] });
    const r = Object.values<any>(synth(stack).resource.posthog_feature_flag)[0];
    expect(r.name).toBe(ESCAPED);
    expect(r.filters).toBe(`{"groups":[{"properties":[],"rollout_percentage":0},{"properties":[{"key":"$\${var.x}","operator":"exact","type":"person","value":["${ESCAPED}"]}],"rollout_percentage":100}]}`);
  });
});
