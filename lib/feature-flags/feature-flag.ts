import { IResolvable, TerraformResource, Token } from 'cdktf';
import { Construct } from 'constructs';
import { PostHogHost } from './posthog-host';
import { renderFilters, targetsAnyone } from './private/filters';
import { checkFlagKey, readFlagOptions, readProjectId } from './private/options';
import { posthogProviderFor } from './private/provider';
import { claimFlagKey, parentClaimOf } from './private/registry';
import { checkEnumLike } from '../core/private/enum-like';
import { markLibraryConstruct } from '../core/private/escape';
import { Input } from '../core/private/input';
import { SecretValue } from '../core/secrets';
import { FeatureFlag as PosthogFeatureFlag } from '../providers/posthog/gen/feature-flag';

const FEATURE_FLAG_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.FeatureFlag');

/** What other code needs of a PostHog feature flag: its key and project. */
export interface IFeatureFlag {
  /** The flag key the application asks PostHog for. */
  readonly flagKey: string;
  /** The PostHog project (environment) id the flag lives in (may be a token). */
  readonly projectId: string;
}

/** A flag managed elsewhere, for `FeatureFlag.fromFeatureFlagAttributes`. */
export interface FeatureFlagAttributes {
  /** The flag key. */
  readonly flagKey: string;
  /** The PostHog project (environment) id. */
  readonly projectId: string;
}

/** The settings of one flag (also the items of `FeatureFlags.flags`). */
export interface FeatureFlagOptions {
  /**
   * The flag key the application code asks PostHog for: letters, digits, "-"
   * and "_" (PostHog's rule), unique in the project. Changing it creates another
   * flag (the old one is soft-deleted): the application must change with it.
   */
  readonly key: string;
  /**
   * What the flag gates (PostHog shows it as the flag's description). Plain
   * text: never a credential.
   * @default - no description
   */
  readonly description?: string;
  /**
   * Share of all users the flag is on for, a whole number from 0 to 100
   * (PostHog buckets users by a stable hash of the flag key and their id).
   * @default 0 (off for everyone not listed in `betaTesterIds`)
   */
  readonly rolloutPercentage?: number;
  /**
   * User ids the flag is on for whatever the rollout: the beta testers. Matched
   * exactly against `betaTesterProperty`; at most 1000 (larger groups belong in
   * a person property). May be a Terraform list (`variable.listValue`).
   * @default - nobody by id
   */
  readonly betaTesterIds?: string[];
  /**
   * The person property holding the user id that `betaTesterIds` lists.
   * PostHog fills `distinct_id` with the id the app identifies the user with
   * (`posthog.identify(userId)`), on the server and in SDKs that evaluate flags
   * locally, so the default needs nothing else from the app.
   * @default "distinct_id"
   */
  readonly betaTesterProperty?: string;
  /**
   * The kill switch: `true` turns the flag off for every user, whatever
   * `rolloutPercentage` and `betaTesterIds` say (`active = false` in PostHog),
   * and keeps the targeting, so that `false` restores it exactly. This is the one
   * setting to flip when an integration misbehaves.
   * @default false
   */
  readonly killed?: boolean;
}

/** Props of `FeatureFlag`. */
export interface FeatureFlagProps extends FeatureFlagOptions {
  /**
   * The PostHog project (environment) id: the number in the project's URL
   * (`https://us.posthog.com/project/12345`), or a token (a Terraform variable).
   * Staging and production are separate PostHog projects.
   */
  readonly projectId: string;
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
 * A PostHog feature flag declared as code (`posthog_feature_flag`), off by
 * default: on for the listed beta testers, for a percentage of all users, or for
 * nobody; and a kill switch (`killed: true`) that turns it off everywhere.
 *
 * Decision table of `active` (PostHog's on/off switch of the whole flag):
 *
 * | killed | rollout > 0 or beta testers | active |
 * |--------|-----------------------------|--------|
 * | true   | any                         | false  |
 * | false  | no                          | false (off by default) |
 * | false  | yes                         | true   |
 * | false  | from Terraform values       | `var.rollout >= 1 \|\| length(var.ids) >= 1`, decided at plan |
 *
 * The flag is a boolean flag evaluated server-side and by SDKs that evaluate
 * locally: `ensure_experience_continuity` is pinned to false (PostHog cannot
 * evaluate flags with it locally). Child id: `Resource` (the `posthog_feature_flag`).
 * Anything not covered: `flag.resource.addOverride(...)`.
 *
 * @example
 * const paypal = new FeatureFlag(this, 'PaypalInternational', {
 *   projectId: '12345',
 *   key: 'paypal-international',
 *   description: 'International PayPal checkout',
 *   betaTesterIds: ['user-1842', 'user-2210'],
 * });
 */
export class FeatureFlag extends Construct implements IFeatureFlag {
  /** True when `x` is a FeatureFlag (works across copies of the library). */
  public static isFeatureFlag(x: unknown): x is FeatureFlag {
    return x !== null && typeof x === 'object' && FEATURE_FLAG_SYMBOL in (x as object);
  }

  /** A flag managed elsewhere (another stack, the PostHog UI), to hand its key to other code. */
  public static fromFeatureFlagAttributes(scope: Construct, id: string, attrs: FeatureFlagAttributes): IFeatureFlag {
    return new ImportedFeatureFlag(scope, id, attrs);
  }

  /** The `posthog_feature_flag` (also `node.defaultChild`). */
  public readonly resource: TerraformResource;
  /** The flag key. */
  public readonly flagKey: string;
  /** The PostHog project id (may be a token). */
  public readonly projectId: string;
  /**
   * Whether PostHog evaluates the flag at all (see the decision table): a
   * Terraform expression when the targeting comes from Terraform values.
   */
  public readonly active: boolean | IResolvable;
  /** Whether the kill switch is pulled. */
  public readonly killed: boolean;
  /** Share of all users the flag is on for (0-100). */
  public readonly rolloutPercentage: number;
  /** The beta testers' ids (empty when none; may be a list token). */
  public readonly betaTesterIds: string[];
  /** The person property `betaTesterIds` is matched against. */
  public readonly betaTesterProperty: string;

  constructor(scope: Construct, id: string, props: FeatureFlagProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, FEATURE_FLAG_SYMBOL, { value: true });
    const input = Input.of(this, props);
    const flag = readFlagOptions(input);
    this.projectId = readProjectId(input);
    const host = checkEnumLike<PostHogHost>(this, 'host', input.raw('host'), 'PostHogHost', 'PostHogHost.US, PostHogHost.EU or PostHogHost.of("https://posthog.example.com")');
    const apiKey = input.secret('apiKey');
    input.done();

    this.flagKey = flag.key;
    this.killed = flag.killed;
    this.rolloutPercentage = flag.rolloutPercentage;
    this.betaTesterIds = flag.betaTesterIds ?? [];
    this.betaTesterProperty = flag.betaTesterProperty;
    const targeting = { rolloutPercentage: flag.rolloutPercentage, betaTesterIds: flag.betaTesterIds, betaTesterProperty: flag.betaTesterProperty };
    this.active = flag.killed ? false : targetsAnyone(targeting);

    posthogProviderFor(this, host, apiKey);
    this.resource = new PosthogFeatureFlag(this, 'Resource', {
      key: flag.key,
      name: flag.description,
      projectId: this.projectId,
      active: this.active,
      filters: renderFilters(targeting),
      // The provider copies this into filters.groups[0] on every write: keep them equal.
      rolloutPercentage: flag.rolloutPercentage,
      ensureExperienceContinuity: false,
    });
    claimFlagKey(this.projectId, flag.key, parentClaimOf(props, this) ?? { owner: this, reportScope: this, prop: 'key' });
  }

  /** The flag's numeric id in PostHog (a token). */
  public get flagId(): string {
    return Token.asString((this.resource as PosthogFeatureFlag).id);
  }
}

/** A flag known by its key (`FeatureFlag.fromFeatureFlagAttributes`). */
class ImportedFeatureFlag extends Construct implements IFeatureFlag {
  public readonly flagKey: string;
  public readonly projectId: string;

  constructor(scope: Construct, id: string, attrs: FeatureFlagAttributes) {
    super(scope, id);
    markLibraryConstruct(this);
    const input = Input.of(this, attrs);
    this.flagKey = checkFlagKey(this, 'flagKey', input.raw('flagKey'));
    this.projectId = readProjectId(input);
    input.done();
  }
}
