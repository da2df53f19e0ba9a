import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformVariable } from 'cdktf';
import { PRODUCTION, STAGING, errorOf, filtersShapeProblems, flagStack, flagsByKey, posthogSchemaProblems, synth } from './support';
import { EnvironmentStack, FeatureFlag, FeatureFlags } from '../../lib';

const FLAGS = [
  { key: 'paypal-international', description: 'International PayPal checkout', betaTesterIds: ['user-1842'] },
  { key: 'new-search', rolloutPercentage: 10 },
  { key: 'legacy-export', rolloutPercentage: 100, killed: true },
];

describe('FeatureFlags', () => {
  test('one FeatureFlag per item, its key as construct id; every one matches the provider schema and PostHog\'s filter shape', () => {
    const stack = flagStack(PRODUCTION, 'production');
    const flags = new FeatureFlags(stack, 'Flags', { projectId: '12345', flags: FLAGS });
    expect(flags.flags.map((f) => f.node.path)).toEqual(['production/Flags/paypal-international', 'production/Flags/new-search', 'production/Flags/legacy-export']);
    expect(flags.flag('new-search').rolloutPercentage).toBe(10);
    expect(FeatureFlags.isFeatureFlags(flags)).toBe(true);
    expect(FeatureFlag.isFeatureFlag(flags)).toBe(false);
    const json = synth(stack);
    const byKey = flagsByKey(json);
    expect(Object.fromEntries(Object.entries(byKey).map(([k, r]) => [k, r.active]))).toEqual({ 'paypal-international': true, 'new-search': true, 'legacy-export': false });
    expect(Object.values(byKey).map((r) => r.project_id)).toEqual(['12345', '12345', '12345']);
    expect(posthogSchemaProblems(json)).toEqual([]);
    for (const r of Object.values(byKey)) expect(filtersShapeProblems(r.filters)).toEqual([]);
  });

  test('a small snapshot of one flag', () => {
    const stack = flagStack();
    new FeatureFlags(stack, 'Flags', { projectId: '12345', flags: [FLAGS[0]] });
    expect(synth(stack).resource).toMatchInlineSnapshot(`
{
  "posthog_feature_flag": {
    "Flags_paypal-international_43030903": {
      "active": true,
      "ensure_experience_continuity": false,
      "filters": "{"groups":[{"properties":[],"rollout_percentage":0},{"properties":[{"key":"distinct_id","operator":"exact","type":"person","value":["user-1842"]}],"rollout_percentage":100}]}",
      "key": "paypal-international",
      "name": "International PayPal checkout",
      "project_id": "12345",
      "rollout_percentage": 0,
    },
  },
}
`);
  });

  test('Terraform addresses depend on the keys, not on the order of the list', () => {
    const ids = (flags: typeof FLAGS) => {
      const stack = flagStack();
      new FeatureFlags(stack, 'Flags', { projectId: '12345', flags });
      return Object.keys(synth(stack).resource.posthog_feature_flag).sort();
    };
    expect(ids([...FLAGS].reverse())).toEqual(ids(FLAGS));
  });

  test('a key twice in the list names both items', () => {
    expect(errorOf(() => new FeatureFlags(flagStack(), 'Flags', { projectId: '12345', flags: [FLAGS[0], FLAGS[1], { key: 'paypal-international' }] }))).toBe(
      '[test/Flags] invalid "flags[2].key": got "paypal-international"; expected a key not used by another flag of the list: flags[0] has it too (PostHog keeps keys unique per project)',
    );
  });

  test('two constructs with one key in one project fail at synth, each naming the other', () => {
    const stack = flagStack();
    new FeatureFlags(stack, 'Flags', { projectId: '12345', flags: FLAGS });
    new FeatureFlag(stack, 'Paypal', { projectId: '12345', key: 'paypal-international' });
    const message = errorOf(() => synth(stack));
    expect(message).toContain('[test/Flags] invalid "flags[0].key": got "paypal-international"; expected a flag key that no other flag of the same PostHog project uses: test/Paypal has it too (PostHog keeps keys unique per project, so the apply would fail)');
    expect(message).toContain('[test/Paypal] invalid "key": got "paypal-international"; expected a flag key that no other flag of the same PostHog project uses: test/Flags/paypal-international has it too');
  });

  test('across stacks of one app, and nothing is written', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'flags-'));
    try {
      const app = new App({ outdir });
      const a = new EnvironmentStack(app, 'staging', { environment: STAGING, awsProvider: false });
      const b = new EnvironmentStack(app, 'production', { environment: PRODUCTION, awsProvider: false });
      new FeatureFlags(a, 'Flags', { projectId: '12345', flags: [FLAGS[1]] });
      new FeatureFlags(b, 'Flags', { projectId: '12345', flags: [FLAGS[1]] });
      expect(() => app.synth()).toThrow('[staging/Flags] invalid "flags[0].key": got "new-search"; expected a flag key that no other flag of the same PostHog project uses: production/Flags/new-search has it too');
      expect(fs.readdirSync(path.join(outdir, 'stacks'))).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('the same key in different projects is fine (staging and production each read their own project variable)', () => {
    const app = new App();
    for (const [id, env] of [['staging', STAGING], ['production', PRODUCTION]] as const) {
      const stack = new EnvironmentStack(app, id, { environment: env, awsProvider: false });
      const project = new TerraformVariable(stack, 'posthog_project_id', { type: 'string' });
      new FeatureFlags(stack, 'Flags', { projectId: project.stringValue, flags: FLAGS });
      expect(Object.keys(flagsByKey(synth(stack)))).toHaveLength(3);
    }
    const other = flagStack();
    new FeatureFlag(other, 'A', { projectId: '1', key: 'same' });
    new FeatureFlag(other, 'B', { projectId: '2', key: 'same' });
    expect(Object.keys(synth(other).resource.posthog_feature_flag)).toHaveLength(2);
  });

  test('flag() with a key that is not there lists the keys', () => {
    const flags = new FeatureFlags(flagStack(), 'Flags', { projectId: '12345', flags: FLAGS });
    expect(errorOf(() => flags.flag('paypal'))).toBe('[test/Flags] invalid "key": got "paypal"; expected the key of one of the flags: "paypal-international", "new-search", "legacy-export"');
    expect(errorOf(() => flags.flag(42 as any))).toBe('[test/Flags] invalid "key": got 42; expected a PostHog flag key (letters, digits, "-" and "_", such as "new-checkout")');
  });

  test('errors name the item as the user wrote it', () => {
    expect(errorOf(() => new FeatureFlags(flagStack(), 'Flags', { projectId: '12345', flags: [FLAGS[0], { key: 'x', rolloutPercentage: 101 }] }))).toBe(
      '[test/Flags] invalid "flags[1].rolloutPercentage": got 101; expected a whole number from 0 to 100',
    );
    expect(errorOf(() => new FeatureFlags(flagStack(), 'Flags', { projectId: '12345', flags: [{ key: 'x', betaTesterIDs: ['a'] } as any] }))).toBe(
      '[test/Flags] invalid "flags[0].betaTesterIDs": got ["a"]; expected no such property: the properties here are "betaTesterIds", "betaTesterProperty", "description", "key", "killed", "rolloutPercentage"',
    );
  });
});
