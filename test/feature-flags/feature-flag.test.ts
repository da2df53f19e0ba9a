import { TerraformOutput, TerraformVariable } from 'cdktf';
import { PRODUCTION, errorOf, filtersShapeProblems, flagStack, posthogEvaluates, posthogSchemaProblems, synth } from './support';
import { FeatureFlag, PostHogHost, SecretValue } from '../../lib';

const only = (json: any) => {
  const flags = Object.values<any>(json.resource.posthog_feature_flag);
  expect(flags).toHaveLength(1);
  return flags[0];
};

describe('FeatureFlag', () => {
  test('off by default: inactive, nobody targeted, pinned for local evaluation', () => {
    const stack = flagStack(PRODUCTION, 'production');
    const flag = new FeatureFlag(stack, 'Paypal', { projectId: '12345', key: 'paypal-international' });
    const json = synth(stack);
    expect(only(json)).toEqual({
      key: 'paypal-international',
      project_id: '12345',
      active: false,
      filters: '{"groups":[{"properties":[],"rollout_percentage":0}]}',
      rollout_percentage: 0,
      ensure_experience_continuity: false,
    });
    expect(flag.active).toBe(false);
    expect(flag.killed).toBe(false);
    expect(flag.betaTesterIds).toEqual([]);
    expect(flag.betaTesterProperty).toBe('distinct_id');
    expect(posthogEvaluates(only(json), 'anyone')).toBe(false);
  });

  test('beta testers by user id: a distinct_id condition at 100%, everyone else still 0%', () => {
    const stack = flagStack();
    new FeatureFlag(stack, 'Paypal', { projectId: '12345', key: 'paypal-international', description: 'International PayPal checkout', betaTesterIds: ['user-1842', 'user-2210'] });
    const r = only(synth(stack));
    expect(r.active).toBe(true);
    expect(r.name).toBe('International PayPal checkout');
    expect(r.rollout_percentage).toBe(0);
    expect(JSON.parse(r.filters)).toEqual({
      groups: [
        { properties: [], rollout_percentage: 0 },
        { properties: [{ key: 'distinct_id', operator: 'exact', type: 'person', value: ['user-1842', 'user-2210'] }], rollout_percentage: 100 },
      ],
    });
    expect(filtersShapeProblems(r.filters)).toEqual([]);
    expect(posthogEvaluates(r, 'user-1842')).toBe(true);
    expect(posthogEvaluates(r, 'user-2210')).toBe(true);
    expect(posthogEvaluates(r, 'user-9999')).toBe(false);
  });

  test('a percentage rollout: groups[0] and the top-level rollout_percentage agree (the provider copies one into the other)', () => {
    const stack = flagStack();
    new FeatureFlag(stack, 'Search', { projectId: '12345', key: 'new-search', rolloutPercentage: 25 });
    const r = only(synth(stack));
    expect(r.active).toBe(true);
    expect(r.rollout_percentage).toBe(25);
    expect(JSON.parse(r.filters).groups[0]).toEqual({ properties: [], rollout_percentage: 25 });
    // PostHog's own bucketing puts about a quarter of 4,000 users in.
    const on = Array.from({ length: 4000 }, (_, i) => posthogEvaluates(r, `user-${i}`)).filter(Boolean).length;
    expect(on).toBeGreaterThan(900);
    expect(on).toBeLessThan(1100);
  });

  test('the kill switch turns the flag off everywhere and keeps the targeting for when it is released', () => {
    const live = { projectId: '12345', key: 'paypal-international', rolloutPercentage: 100, betaTesterIds: ['user-1842'] };
    const a = flagStack();
    new FeatureFlag(a, 'Paypal', live);
    const b = flagStack();
    const killed = new FeatureFlag(b, 'Paypal', { ...live, killed: true });
    const before = only(synth(a));
    const after = only(synth(b));
    expect(before.active).toBe(true);
    expect(after.active).toBe(false);
    expect(killed.killed).toBe(true);
    // One attribute changes in the plan: active.
    expect({ ...after, active: true }).toEqual(before);
    expect(posthogEvaluates(after, 'user-1842')).toBe(false);
    expect(posthogEvaluates(after, 'anyone')).toBe(false);
  });

  test('beta testers from a Terraform list: jsonencode of the variable inside the canonical text', () => {
    const stack = flagStack();
    const ids = new TerraformVariable(stack, 'beta_tester_ids', { type: 'list(string)', default: [] });
    const list = ids.listValue;
    const flag = new FeatureFlag(stack, 'Paypal', { projectId: '12345', key: 'paypal-international', betaTesterIds: list });
    const r = only(synth(stack));
    expect(r.filters).toBe('{"groups":[{"properties":[],"rollout_percentage":0},{"properties":[{"key":"distinct_id","operator":"exact","type":"person","value":${jsonencode(var.beta_tester_ids)}}],"rollout_percentage":100}]}');
    // Decided at plan time: an empty list leaves the flag inactive.
    expect(r.active).toBe('${(length(var.beta_tester_ids) >= 1)}');
    expect(flag.betaTesterIds).toBe(list);
  });

  test('a rollout from a Terraform variable: an expression for active, the number in both places', () => {
    const stack = flagStack();
    const rollout = new TerraformVariable(stack, 'search_rollout', { type: 'number', default: 0 }).numberValue;
    const ids = new TerraformVariable(stack, 'ids', { type: 'list(string)', default: [] }).listValue;
    new FeatureFlag(stack, 'Search', { projectId: '12345', key: 'new-search', rolloutPercentage: rollout, betaTesterIds: ids });
    const r = only(synth(stack));
    expect(r.active).toBe('${((var.search_rollout >= 1) || (length(var.ids) >= 1))}');
    expect(r.rollout_percentage).toBe('${var.search_rollout}');
    expect(r.filters).toContain('{"groups":[{"properties":[],"rollout_percentage":${var.search_rollout}},');
    // The kill switch needs no expression.
    const killed = flagStack();
    new FeatureFlag(killed, 'Search', { projectId: '12345', key: 'new-search', rolloutPercentage: new TerraformVariable(killed, 'r', { type: 'number' }).numberValue, killed: true });
    expect(only(synth(killed)).active).toBe(false);
  });

  test('another person property (the app identifies users by email, stores the user id as user_id)', () => {
    const stack = flagStack();
    new FeatureFlag(stack, 'Paypal', { projectId: '12345', key: 'paypal', betaTesterIds: ['42'], betaTesterProperty: 'user_id' });
    const r = only(synth(stack));
    expect(JSON.parse(r.filters).groups[1].properties[0]).toEqual({ key: 'user_id', operator: 'exact', type: 'person', value: ['42'] });
    expect(posthogEvaluates(r, 'ana@example.com', { user_id: '42' })).toBe(true);
    expect(posthogEvaluates(r, '42')).toBe(false);
  });

  test('one provider per stack: the host only, no project and no key (POSTHOG_API_KEY) by default', () => {
    const stack = flagStack();
    new FeatureFlag(stack, 'A', { projectId: '12345', key: 'a' });
    new FeatureFlag(stack, 'B', { projectId: '67890', key: 'b', host: PostHogHost.US });
    const json = synth(stack);
    expect(json.provider.posthog).toEqual([{ host: 'https://us.posthog.com' }]);
    expect(json.terraform.required_providers.posthog).toEqual({ source: 'posthog/posthog', version: '1.0.13' });
    expect(posthogSchemaProblems(json)).toEqual([]);
  });

  test('an API key from a sensitive variable, never a literal', () => {
    const stack = flagStack();
    new FeatureFlag(stack, 'A', { projectId: '12345', key: 'a', host: PostHogHost.EU, apiKey: SecretValue.fromVariable(stack, 'posthog_api_key', 'PostHog personal API key') });
    const json = synth(stack);
    expect(json.provider.posthog).toEqual([{ host: 'https://eu.posthog.com', api_key: '${var.posthog_api_key}' }]);
    expect(json.variable.posthog_api_key.sensitive).toBe(true);
  });

  test('a second flag asking for another host or key names the construct that configured the provider', () => {
    const stack = flagStack(undefined, 'test');
    new FeatureFlag(stack, 'A', { projectId: '12345', key: 'a', host: PostHogHost.EU });
    expect(errorOf(() => new FeatureFlag(stack, 'B', { projectId: '12345', key: 'b', host: PostHogHost.US }))).toBe(
      '[test/B] invalid "host": got "https://us.posthog.com"; expected the host of the stack\'s PostHog provider, "https://eu.posthog.com", set by test/A: a stack has one PostHog provider',
    );
    expect(errorOf(() => new FeatureFlag(stack, 'C', { projectId: '12345', key: 'c', apiKey: SecretValue.fromVariable(stack, 'k') }))).toBe(
      '[test/C] invalid "apiKey": got "<SecretValue redacted>"; expected the API key of the stack\'s PostHog provider, set by test/A: a stack has one PostHog provider (give every FeatureFlags of the stack the same apiKey, or none)',
    );
  });

  test('isFeatureFlag, flagId and fromFeatureFlagAttributes', () => {
    const stack = flagStack(undefined, 'test');
    const flag = new FeatureFlag(stack, 'A', { projectId: '12345', key: 'a' });
    expect(FeatureFlag.isFeatureFlag(flag)).toBe(true);
    expect(FeatureFlag.isFeatureFlag({ flagKey: 'a' })).toBe(false);
    new TerraformOutput(stack, 'flag_id', { value: flag.flagId });
    expect(synth(stack).output.flag_id.value).toMatch(/^\$\{posthog_feature_flag\.A_[0-9A-F]+\.id\}$/);
    expect(flag.node.defaultChild).toBe(flag.resource);
    const imported = FeatureFlag.fromFeatureFlagAttributes(stack, 'Legacy', { flagKey: 'legacy-export', projectId: '12345' });
    expect(imported).toMatchObject({ flagKey: 'legacy-export', projectId: '12345' });
    expect(FeatureFlag.isFeatureFlag(imported)).toBe(false);
    expect(errorOf(() => FeatureFlag.fromFeatureFlagAttributes(stack, 'Bad', { flagKey: 'no spaces', projectId: '12345' }))).toBe(
      '[test/Bad] invalid "flagKey": got "no spaces"; expected a PostHog flag key (letters, digits, "-" and "_", such as "new-checkout")',
    );
  });

  test('bad input fails with the usual message', () => {
    const stack = flagStack(undefined, 'test');
    expect(errorOf(() => new FeatureFlag(stack, 'R', { projectId: '12345', key: 'a', rolloutPercentage: 101 }))).toBe(
      '[test/R] invalid "rolloutPercentage": got 101; expected a whole number from 0 to 100',
    );
    expect(errorOf(() => new FeatureFlag(stack, 'P', { projectId: 'phc_abc', key: 'a' }))).toBe(
      '[test/P] invalid "projectId": got "phc_abc"; expected a PostHog project id: the number in the project\'s URL (https://us.posthog.com/project/12345), as a string such as "12345", or a token',
    );
    expect(errorOf(() => new FeatureFlag(stack, 'K', { projectId: '12345', key: 'a', killed: 'true' as any }))).toBe(
      '[test/K] invalid "killed": got "true"; expected true or false (a boolean, not a string)',
    );
  });
});
