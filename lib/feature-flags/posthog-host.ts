import { Token } from 'cdktf';
import { ValidationError } from '../core/errors';
import { brandEnumLike } from '../core/private/enum-like';

/** An https origin: scheme and host (and port), no path, query or credentials. */
const HTTPS_ORIGIN = /^https:\/\/([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]([-a-z0-9]{0,61}[a-z0-9])?(:[0-9]{1,5})?\/?$/;

/**
 * The PostHog API the flags are managed through: PostHog Cloud US or EU, or a
 * self-hosted instance. This is the app host of the PostHog UI (the private
 * API), not the ingestion host the SDKs send events to.
 *
 * @see https://posthog.com/docs/api
 * @example
 * const host = PostHogHost.EU;
 * const selfHosted = PostHogHost.of('https://posthog.example.com');
 */
export class PostHogHost {
  /** PostHog Cloud US (https://us.posthog.com), the provider's default. */
  public static readonly US = new PostHogHost('https://us.posthog.com');
  /** PostHog Cloud EU (https://eu.posthog.com). */
  public static readonly EU = new PostHogHost('https://eu.posthog.com');

  /** A self-hosted PostHog: its https origin, such as "https://posthog.example.com" (or a token). */
  public static of(url: string): PostHogHost {
    if (typeof url !== 'string' || (!Token.isUnresolved(url) && !HTTPS_ORIGIN.test(url))) {
      throw new ValidationError('PostHogHost.of', 'url', url, 'the https origin of a PostHog instance, such as "https://posthog.example.com" (lowercase, no path, no credentials)');
    }
    return new PostHogHost(Token.isUnresolved(url) ? url : url.replace(/\/$/, ''));
  }

  /** The API base URL. */
  public readonly url: string;

  private constructor(url: string) {
    this.url = url;
    brandEnumLike(this, 'PostHogHost');
  }

  /** The API base URL. */
  public toString(): string {
    return this.url;
  }
}
