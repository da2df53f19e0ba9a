import { TerraformVariable } from 'cdktf';
import { errorOf, flagStack, synth } from './support';
import { FeatureFlag, PostHogHost } from '../../lib';

describe('PostHogHost', () => {
  test('PostHog Cloud US and EU, and a self-hosted origin', () => {
    expect(PostHogHost.US.url).toBe('https://us.posthog.com');
    expect(PostHogHost.EU.toString()).toBe('https://eu.posthog.com');
    expect(PostHogHost.of('https://posthog.example.com/').url).toBe('https://posthog.example.com');
    expect(PostHogHost.of('https://posthog.internal.example.com:8443').url).toBe('https://posthog.internal.example.com:8443');
  });

  test('a token passes (checked at plan time)', () => {
    const stack = flagStack();
    const url = new TerraformVariable(stack, 'posthog_url', { type: 'string' }).stringValue;
    new FeatureFlag(stack, 'A', { projectId: '12345', key: 'a', host: PostHogHost.of(url) });
    expect(synth(stack).provider.posthog).toEqual([{ host: '${var.posthog_url}' }]);
  });

  test.each([
    ['http://posthog.example.com', '"http://posthog.example.com"'],
    ['https://posthog.example.com/api', '"https://posthog.example.com/api"'],
    ['https://user:pass@posthog.example.com', '"https://user:pass@posthog.example.com"'],
    ['https://PostHog.example.com', '"https://PostHog.example.com"'],
    [42, '42'],
  ])('refuses %s', (url, shown) => {
    expect(errorOf(() => PostHogHost.of(url as any))).toBe(
      `[PostHogHost.of] invalid "url": got ${shown}; expected the https origin of a PostHog instance, such as "https://posthog.example.com" (lowercase, no path, no credentials)`,
    );
  });

  test('a plain string where a PostHogHost goes is reported', () => {
    expect(errorOf(() => new FeatureFlag(flagStack(), 'A', { projectId: '12345', key: 'a', host: 'https://eu.posthog.com' as any }))).toBe(
      '[test/A] invalid "host": got "https://eu.posthog.com"; expected a PostHogHost: PostHogHost.US, PostHogHost.EU or PostHogHost.of("https://posthog.example.com")',
    );
  });
});
