import { App, TerraformVariable } from 'cdktf';
import { BadInput, production, staging } from './support';
import { FeatureFlag, FeatureFlagOptions, FeatureFlags, PostHogHost, SecretValue } from '../../lib';

const BASE = { projectId: '12345', key: 'paypal-international' };
/** A FeatureFlag in staging with `props` over the base props. */
const flag = (props: object): BadInput[1] => (app) => new FeatureFlag(staging(app), 'Paypal', { ...BASE, ...props } as any);
/** A FeatureFlags in production with these items. */
const flags = (items: unknown, extra: object = {}): BadInput[1] => (app) => new FeatureFlags(production(app), 'Flags', { projectId: '12345', flags: items as FeatureFlagOptions[], ...extra } as any);

const KEY = 'a PostHog flag key (letters, digits, "-" and "_", such as "new-checkout")';
const ROLLOUT = 'expected a whole number from 0 to 100';
const PROJECT = 'expected a PostHog project id: the number in the project\'s URL (https://us.posthog.com/project/12345), as a string such as "12345", or a token';
const ID = 'expected a user id as the app identifies users to PostHog (non-empty printable text on one line)';
const SECRET_TEXT = 'expected text without credentials: the value looks like';
const HOST = 'expected a PostHogHost: PostHogHost.US, PostHogHost.EU or PostHogHost.of("https://posthog.example.com")';

export const FEATURE_FLAGS_BAD_INPUTS: BadInput[] = [
  // --- rollout: a whole percentage ---
  ['flags: rollout 101%', flag({ rolloutPercentage: 101 }), `[staging/Paypal] invalid "rolloutPercentage": got 101; ${ROLLOUT}`],
  ['flags: rollout below 0', flag({ rolloutPercentage: -1 }), `[staging/Paypal] invalid "rolloutPercentage": got -1; ${ROLLOUT}`],
  ['flags: fractional rollout (the provider takes an Int64)', flag({ rolloutPercentage: 12.5 }), `[staging/Paypal] invalid "rolloutPercentage": got 12.5; ${ROLLOUT}`],
  ['flags: rollout NaN', flag({ rolloutPercentage: NaN }), `[staging/Paypal] invalid "rolloutPercentage": got NaN; ${ROLLOUT}`],
  ['flags: rollout Infinity', flag({ rolloutPercentage: Infinity }), `[staging/Paypal] invalid "rolloutPercentage": got Infinity; ${ROLLOUT}`],
  ['flags: rollout as a string', flag({ rolloutPercentage: '50' }), `[staging/Paypal] invalid "rolloutPercentage": got "50"; ${ROLLOUT}`],
  ['flags: rollout 1000 in a list item', flags([{ key: 'a' }, { key: 'b', rolloutPercentage: 1000 }]), `[production/Flags] invalid "flags[1].rolloutPercentage": got 1000; ${ROLLOUT}`],
  // --- the kill switch is a real boolean ---
  ['flags: killed as the string "false"', flag({ killed: 'false' }), '[staging/Paypal] invalid "killed": got "false"; expected true or false (a boolean, not a string)'],
  ['flags: killed as 1', flag({ killed: 1 }), '[staging/Paypal] invalid "killed": got 1; expected true or false'],
  ['flags: killed as the string "true" in a list item', flags([{ key: 'a', killed: 'true' }]), '[production/Flags] invalid "flags[0].killed": got "true"; expected true or false (a boolean, not a string)'],
  // --- keys ---
  ['flags: no key', flag({ key: undefined }), `[staging/Paypal] invalid "key": got undefined; expected ${KEY}`],
  ['flags: key with a space', flag({ key: 'paypal international' }), `[staging/Paypal] invalid "key": got "paypal international"; expected ${KEY}`],
  ['flags: key with a slash', flag({ key: 'payments/paypal' }), `[staging/Paypal] invalid "key": got "payments/paypal"; expected ${KEY}`],
  ['flags: empty key', flag({ key: '' }), `[staging/Paypal] invalid "key": got ""; expected ${KEY}`],
  ['flags: key of 401 characters', flag({ key: 'k'.repeat(401) }), `...; expected ${KEY} of at most 400 characters`],
  ['flags: key as a number', flag({ key: 42 }), `[staging/Paypal] invalid "key": got 42; expected ${KEY}`],
  ['flags: key with a template sequence', flag({ key: '${var.flag}' }), `[staging/Paypal] invalid "key": got "\${var.flag}"; expected ${KEY}`],
  ['flags: key from a token', (app) => {
    const stack = staging(app);
    new FeatureFlag(stack, 'Paypal', { ...BASE, key: new TerraformVariable(stack, 'flag_key', { type: 'string' }).stringValue });
  }, '[staging/Paypal] invalid "key": got "${TfToken[TOKEN.'],
  // --- projects ---
  ['flags: no project', flag({ projectId: undefined }), `[staging/Paypal] invalid "projectId": got undefined; ${PROJECT}`],
  ['flags: the project API key as project id', flag({ projectId: 'phc_0123456789abcdef' }), `[staging/Paypal] invalid "projectId": got "phc_0123456789abcdef"; ${PROJECT}`],
  ['flags: project id as a number', flag({ projectId: 12345 }), `[staging/Paypal] invalid "projectId": got 12345; ${PROJECT}`],
  ['flags: project id with a leading zero', flag({ projectId: '012345' }), `[staging/Paypal] invalid "projectId": got "012345"; ${PROJECT}`],
  ['flags: project URL as project id', flags([{ key: 'a' }], { projectId: 'https://us.posthog.com/project/12345' }), `[production/Flags] invalid "projectId": got "https://us.posthog.com/project/12345"; ${PROJECT}`],
  // --- beta testers ---
  ['flags: one id as a string, not a list', flag({ betaTesterIds: 'user-1842' }), '[staging/Paypal] invalid "betaTesterIds": got "user-1842"; expected a list'],
  ['flags: a number as an id', flag({ betaTesterIds: ['user-1', 2] }), `[staging/Paypal] invalid "betaTesterIds[1]": got 2; ${ID}`],
  ['flags: an object as an id', flag({ betaTesterIds: [{ id: 'user-1' }] }), `[staging/Paypal] invalid "betaTesterIds[0]": got {"id":"user-1"}; ${ID}`],
  ['flags: an id twice', flag({ betaTesterIds: ['user-1', 'user-2', 'user-1'] }), '[staging/Paypal] invalid "betaTesterIds[2]": got "user-1"; expected a value not already in the list'],
  ['flags: an empty id', flag({ betaTesterIds: [''] }), `[staging/Paypal] invalid "betaTesterIds[0]": got ""; ${ID}`],
  ['flags: a blank id', flag({ betaTesterIds: ['   '] }), '[staging/Paypal] invalid "betaTesterIds[0]": got "   "; expected a user id as the app identifies users to PostHog (not blank)'],
  ['flags: an id with a newline', flag({ betaTesterIds: ['user-1\nuser-2'] }), `[staging/Paypal] invalid "betaTesterIds[0]": got "user-1\\nuser-2"; ${ID}`],
  ['flags: 1001 beta testers', flag({ betaTesterIds: Array.from({ length: 1001 }, (_, i) => `user-${i}`) }), '[staging/Paypal] invalid "betaTesterIds": got ["user-0","user-1",'],
  ['flags: a GitHub token pasted as an id', flag({ betaTesterIds: [`ghp_${'a'.repeat(36)}`] }), `[staging/Paypal] invalid "betaTesterIds[0]": got "<literal string redacted>"; ${SECRET_TEXT} a GitHub token`],
  ['flags: a beta testers list in a list item as a string', flags([{ key: 'a', betaTesterIds: 'user-1,user-2' }]), '[production/Flags] invalid "flags[0].betaTesterIds": got "user-1,user-2"; expected a list'],
  ['flags: empty person property', flag({ betaTesterIds: ['u'], betaTesterProperty: '' }), '[staging/Paypal] invalid "betaTesterProperty": got ""; expected the name of a person property such as "distinct_id" or "email" (printable text on one line)'],
  ['flags: person property with a control character', flag({ betaTesterIds: ['u'], betaTesterProperty: 'user\u0000id' }), '[staging/Paypal] invalid "betaTesterProperty": got "user\\u0000id"; expected the name of a person property'],
  // --- descriptions are plain text, never credentials ---
  ['flags: an OpenAI key in a description', flag({ description: `key sk-proj-${'x'.repeat(24)}` }), `[staging/Paypal] invalid "description": got "<literal string redacted>"; ${SECRET_TEXT} an OpenAI-style API key (sk-...)`],
  ['flags: a PostHog personal API key in a description', flag({ description: `phx_${'A1'.repeat(15)}` }), `[staging/Paypal] invalid "description": got "<literal string redacted>"; ${SECRET_TEXT} a PostHog personal API key (phx_...)`],
  ['flags: a URL with a password in a list item', flags([{ key: 'a', description: 'see postgres://app:hunter2@db.example.com/app' }]), `[production/Flags] invalid "flags[0].description": got "<literal string redacted>"; ${SECRET_TEXT} a URL with a password`],
  ['flags: a description as an object', flag({ description: { en: 'PayPal' } }), '[staging/Paypal] invalid "description": got {"en":"PayPal"}; expected a string (the flag\'s description in PostHog)'],
  // --- typos and wrong shapes (JSON configuration) ---
  ['flags: misspelt rolloutPercent', flag({ rolloutPercent: 10 }), '[staging/Paypal] invalid "rolloutPercent": got 10; expected no such property: the properties here are "apiKey", "betaTesterIds", "betaTesterProperty", "description", "host", "key", "killed", "projectId", "rolloutPercentage"'],
  ['flags: "enabled: true" is not a prop', flag({ enabled: true }), '[staging/Paypal] invalid "enabled": got true; expected no such property'],
  ['flags: killSwitch instead of killed in a list item', flags([{ key: 'a', killSwitch: true }]), '[production/Flags] invalid "flags[0].killSwitch": got true; expected no such property: the properties here are "betaTesterIds", "betaTesterProperty", "description", "key", "killed", "rolloutPercentage"'],
  ['flags: props as a string', (app) => new FeatureFlag(staging(app), 'Paypal', 'paypal' as any), '[staging/Paypal] invalid "props": got "paypal"; expected an object of properties'],
  ['flags: a list item as a string', flags(['paypal-international']), '[production/Flags] invalid "flags[0]": got "paypal-international"; expected an object of properties'],
  ['flags: no flags', flags(undefined), '[production/Flags] invalid "flags": got undefined; expected a list of at least 1 flag ({ key, ... })'],
  ['flags: an empty list', flags([]), '[production/Flags] invalid "flags": got []; expected a list of at least 1 item'],
  ['flags: flags as a map', flags({ paypal: { key: 'paypal' } }), '[production/Flags] invalid "flags": got {"paypal":{"key":"paypal"}}; expected a list'],
  // --- the provider: no literal key, one host per stack ---
  ['flags: API key as a plain string', flag({ apiKey: `phx_${'A1'.repeat(15)}` }), '[staging/Paypal] invalid "apiKey": got "<string redacted>"; expected a SecretValue'],
  ['flags: API key as a { value } object', flag({ apiKey: { value: 'phx_x' } }), '[staging/Paypal] invalid "apiKey": got "<non-SecretValue redacted>"; expected a SecretValue'],
  ['flags: host as a string', flag({ host: 'https://eu.posthog.com' }), `[staging/Paypal] invalid "host": got "https://eu.posthog.com"; ${HOST}`],
  ['flags: a plain-http self-hosted PostHog', () => PostHogHost.of('http://posthog.example.com'), '[PostHogHost.of] invalid "url": got "http://posthog.example.com"; expected the https origin of a PostHog instance'],
  ['flags: two hosts in one stack', (app) => {
    const stack = staging(app);
    new FeatureFlag(stack, 'A', { ...BASE, key: 'a', host: PostHogHost.EU });
    new FeatureFlags(stack, 'Flags', { projectId: '12345', host: PostHogHost.US, flags: [{ key: 'b' }] });
  }, '[staging/Flags] invalid "host": got "https://us.posthog.com"; expected the host of the stack\'s PostHog provider, "https://eu.posthog.com", set by staging/A: a stack has one PostHog provider'],
  ['flags: two API keys in one stack', (app) => {
    const stack = staging(app);
    new FeatureFlag(stack, 'A', { ...BASE, key: 'a', apiKey: SecretValue.fromVariable(stack, 'posthog_api_key') });
    new FeatureFlag(stack, 'B', { ...BASE, key: 'b', apiKey: SecretValue.fromVariable(stack, 'other_posthog_api_key') });
  }, '[staging/B] invalid "apiKey": got "<SecretValue redacted>"; expected the API key of the stack\'s PostHog provider, set by staging/A'],
  // --- collisions: keys are unique per PostHog project ---
  ['flags: a key twice in one list', flags([{ key: 'paypal' }, { key: 'stripe' }, { key: 'paypal', killed: true }]), '[production/Flags] invalid "flags[2].key": got "paypal"; expected a key not used by another flag of the list: flags[0] has it too (PostHog keeps keys unique per project)'],
  ['flags: a FeatureFlag and a FeatureFlags item with one key', (app) => {
    const stack = staging(app);
    new FeatureFlag(stack, 'Paypal', BASE);
    new FeatureFlags(stack, 'Flags', { projectId: '12345', flags: [{ key: 'paypal-international' }] });
  }, '[staging/Paypal] invalid "key": got "paypal-international"; expected a flag key that no other flag of the same PostHog project uses: staging/Flags/paypal-international has it too (PostHog keeps keys unique per project, so the apply would fail)'],
  ['flags: one key in one project from two stacks', (app: App) => {
    new FeatureFlag(staging(app), 'Paypal', BASE);
    new FeatureFlag(production(app), 'Paypal', BASE);
  }, '[staging/Paypal] invalid "key": got "paypal-international"; expected a flag key that no other flag of the same PostHog project uses: production/Paypal has it too'],
  ['flags: flag() with a key that is not there', (app) => new FeatureFlags(staging(app), 'Flags', { projectId: '12345', flags: [{ key: 'a' }] }).flag('b'), '[staging/Flags] invalid "key": got "b"; expected the key of one of the flags: "a"'],
  ['flags: an imported flag with a bad key', (app) => FeatureFlag.fromFeatureFlagAttributes(staging(app), 'Legacy', { flagKey: 'legacy export', projectId: '12345' }), `[staging/Legacy] invalid "flagKey": got "legacy export"; expected ${KEY}`],
];
