import { Construct } from 'constructs';
import { FeatureFlag, FeatureFlagOptions, FeatureFlagProps } from './feature-flag';
import { PostHogHost } from './posthog-host';
import { checkFlagKey, readFlagOptions, readProjectId } from './private/options';
import { posthogProviderFor } from './private/provider';
import { setParentClaim } from './private/registry';
import { ValidationError } from '../core/errors';
import { checkEnumLike } from '../core/private/enum-like';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { SecretValue } from '../core/secrets';

const FEATURE_FLAGS_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.FeatureFlags');

/** Props of `FeatureFlags`. */
export interface FeatureFlagsProps {
  /**
   * The PostHog project (environment) id of every flag: the number in the
   * project's URL (`https://us.posthog.com/project/12345`), or a token.
   */
  readonly projectId: string;
  /**
   * The flags, at least one, each key once. Each becomes a `FeatureFlag` whose
   * construct id is its key (stable however the list is reordered).
   */
  readonly flags: FeatureFlagOptions[];
  /**
   * The PostHog API the stack's provider talks to (one per stack).
   * @default PostHogHost.US
   */
  readonly host?: PostHogHost;
  /**
   * The personal API key of the stack's provider (scope `feature_flag:write`).
   * @default - the provider reads POSTHOG_API_KEY from the environment of whoever runs Terraform
   */
  readonly apiKey?: SecretValue;
}

/**
 * The feature flags of one PostHog project, declared as code: every flag off by
 * default, on for its beta testers and/or a percentage of users, and killed
 * (off everywhere) with `killed: true`. See `FeatureFlag` for each flag.
 *
 * Child ids: each flag's key (`Flags/<key>/Resource` is its `posthog_feature_flag`).
 *
 * @example
 * const flags = new FeatureFlags(this, 'FeatureFlags', {
 *   projectId: new TerraformVariable(this, 'posthog_project_id', { type: 'string' }).stringValue,
 *   flags: [
 *     { key: 'paypal-international', description: 'International PayPal checkout', betaTesterIds: ['user-1842'] },
 *     { key: 'new-search', rolloutPercentage: 10 },
 *     { key: 'legacy-export', rolloutPercentage: 100, killed: true },
 *   ],
 * });
 * const paypal = flags.flag('paypal-international');
 */
export class FeatureFlags extends Construct {
  /** True when `x` is a FeatureFlags (works across copies of the library). */
  public static isFeatureFlags(x: unknown): x is FeatureFlags {
    return x !== null && typeof x === 'object' && FEATURE_FLAGS_SYMBOL in (x as object);
  }

  /** The PostHog project id (may be a token). */
  public readonly projectId: string;
  /** The flags, in the order given. */
  public readonly flags: FeatureFlag[];

  constructor(scope: Construct, id: string, props: FeatureFlagsProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, FEATURE_FLAGS_SYMBOL, { value: true });
    const input = Input.of(this, props);
    this.projectId = readProjectId(input);
    const host = checkEnumLike<PostHogHost>(this, 'host', input.raw('host'), 'PostHogHost', 'PostHogHost.US, PostHogHost.EU or PostHogHost.of("https://posthog.example.com")');
    const apiKey = input.secret('apiKey');
    const items = input.objectList('flags', { minItems: 1 });
    if (items === undefined) throw new ValidationError(this, 'flags', undefined, 'a list of at least 1 flag ({ key, ... })');
    const keys = items.map((item, i) => {
      const { key } = readFlagOptions(item);
      item.done();
      const first = items.findIndex((other, j) => j < i && other.props.key === key);
      if (first >= 0) {
        throw new ValidationError(this, `flags[${i}].key`, key, `a key not used by another flag of the list: flags[${first}] has it too (PostHog keeps keys unique per project)`);
      }
      return key;
    });
    input.done();
    // Checked here, so that a host or key the stack's provider does not have is reported on this construct.
    posthogProviderFor(this, host, apiKey);

    this.flags = items.map((item, i) => {
      const flagProps: FeatureFlagProps = { ...(item.props as unknown as FeatureFlagOptions), projectId: this.projectId, host, apiKey };
      setParentClaim(flagProps, { reportScope: this, prop: `flags[${i}].key` });
      return new FeatureFlag(this, keys[i], flagProps);
    });
  }

  /** The flag with key `key`. */
  public flag(key: string): FeatureFlag {
    const wanted = checkFlagKey(this, 'key', key);
    const found = this.flags.find((f) => f.flagKey === wanted);
    if (!found) throw new ValidationError(this, 'key', key, `the key of one of the flags: ${this.flags.map((f) => JSON.stringify(f.flagKey)).join(', ')}`);
    return found;
  }
}
