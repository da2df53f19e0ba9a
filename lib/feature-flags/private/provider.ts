import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { ensureProvider } from '../../core/private/providers';
import { SecretValue } from '../../core/secrets';
import { PosthogProvider } from '../../providers/posthog/gen/provider';
import { PostHogHost } from '../posthog-host';

/** Construct id of the stack's PostHog provider. */
export const PROVIDER_ID = 'posthog';

/**
 * The stack's PostHog provider (construct id "posthog"), created on first use.
 *
 * It carries the API host only. The project is set on every flag (a stack may
 * manage flags of several projects), and the API key is never a literal: without
 * `apiKey` the provider reads `POSTHOG_API_KEY` from the environment of whoever
 * runs Terraform; with it, the key is a `SecretValue` (a sensitive variable).
 *
 * A stack has one provider: a second construct that asks for another host or
 * another key is refused, naming the construct that configured it. A provider
 * the user declared first with id "posthog" is used as it is when the construct
 * asks for nothing in particular.
 */
export function posthogProviderFor(scope: IConstruct, host: PostHogHost | undefined, apiKey: SecretValue | undefined): PosthogProvider {
  const provider = ensureProvider(scope, PROVIDER_ID, (stack, id) => {
    const created = new PosthogProvider(stack, id, { host: (host ?? PostHogHost.US).url, apiKey: apiKey?.value });
    Object.defineProperty(created, CONFIGURED_BY, { value: scope.node.path });
    return created;
  });
  const by = (provider as any)[CONFIGURED_BY] ?? `${provider.node.path} (declared in the stack)`;
  if (host !== undefined && provider.host !== host.url) {
    throw new ValidationError(scope, 'host', host.url, `the host of the stack's PostHog provider, ${JSON.stringify(provider.host ?? 'unset (https://us.posthog.com or POSTHOG_HOST)')}, set by ${by}: a stack has one PostHog provider`);
  }
  if (apiKey !== undefined && provider.apiKey !== apiKey.value) {
    throw new ValidationError(scope, 'apiKey', '<SecretValue redacted>', `the API key of the stack's PostHog provider, set by ${by}: a stack has one PostHog provider (give every FeatureFlags of the stack the same apiKey, or none)`);
  }
  return provider;
}

const CONFIGURED_BY = Symbol.for('@livestreamsell/cdktf-constructs.posthogProviderConfiguredBy');
