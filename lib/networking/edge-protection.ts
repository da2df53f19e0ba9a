import { FirewallAction } from './edge-rules';
import { brandEnumLike } from '../core/private/enum-like';
import { SecretValue } from '../core/secrets';

/**
 * The origin lock: Cloudflare sends a generated secret in a request header with
 * every request it forwards to the published services, and each service (through
 * `IPublicService.addOriginSecret`, a Render web service as a secret environment
 * variable) knows the expected value. The app refuses requests without it, so the
 * platform hostname (`<name>.onrender.com`) no longer skips the WAF, rate limits
 * and path blocks. The header rule needs any plan (Transform Rules: Free has 10).
 */
export interface OriginLockOptions {
  /**
   * Send the header and hand the secret to the services. Turning it off leaves the
   * platform hostnames reachable around the edge (SecurityChecks LSS-CF-007 warns).
   * @default true
   */
  readonly enabled?: boolean;
  /**
   * The request header, lowercase letters, digits, "-" and "_" (1-64 characters);
   * Cloudflare refuses to set `cf-*` and `x-cf-*` headers and client-address headers.
   * @default "x-origin-verify"
   */
  readonly headerName?: string;
  /**
   * The environment variable the services receive the expected value in.
   * @default "ORIGIN_VERIFY_SECRET"
   */
  readonly variableName?: string;
}

/** What the edge's origin lock sends, and where the services find the expected value. */
export interface EdgeOriginLock {
  /** The request header Cloudflare sets. */
  readonly headerName: string;
  /** The environment variable the services receive. */
  readonly variableName: string;
  /** The header value: a generated `random_password` (64 letters and digits), sensitive. */
  readonly secret: SecretValue;
}

/**
 * Enterprise Bot Management (a paid add-on of the Enterprise plan: the bot score
 * `cf.bot_management.score` exists only there). The edge turns on the bot
 * detections (`cloudflare_bot_management`) and adds the custom rule
 * `challenge-likely-bots`: requests scoring below `scoreThreshold` get `action`;
 * verified bots, static resources, the services' health paths and the webhook
 * paths pass. Lower plans: leave this off (the user-agent challenge and Browser
 * Integrity Check stay on); Super Bot Fight Mode is not rule-scoped, so it would
 * also challenge webhook senders and is not offered.
 * @see https://developers.cloudflare.com/bots/concepts/bot-score/
 */
export interface BotManagementOptions {
  /**
   * Requests with a bot score below this (2 to 99) get `action`; Cloudflare
   * calls 1 "automated", 2-29 "likely automated", 30-99 "likely human".
   * @default 30
   */
  readonly scoreThreshold?: number;
  /**
   * What happens to them.
   * @default FirewallAction.MANAGED_CHALLENGE
   */
  readonly action?: FirewallAction;
  /**
   * Lightweight invisible JavaScript detections on HTML pages (improves scores).
   * @default true
   */
  readonly javaScriptDetections?: boolean;
}

/**
 * Which leaked-credential match of Cloudflare's leaked credentials detection the
 * login rule acts on.
 *
 * @example
 * new CloudflareEdge(this, 'Edge', { zoneName: 'example.com', loginProtection: { leakedCredentials: { match: LeakedCredentialMatch.USERNAME_AND_PASSWORD } } });
 */
export class LeakedCredentialMatch {
  /** The password was seen in a breach (`cf.waf.credential_check.password_leaked`); every plan. */
  public static readonly PASSWORD = new LeakedCredentialMatch('cf.waf.credential_check.password_leaked');
  /** This username and password pair was seen together (`..._username_and_password_leaked`); Pro and higher. */
  public static readonly USERNAME_AND_PASSWORD = new LeakedCredentialMatch('cf.waf.credential_check.username_and_password_leaked');

  private constructor(
    /** The Rules-language field. */
    public readonly field: string,
  ) {
    brandEnumLike(this, 'LeakedCredentialMatch');
  }
}

/**
 * Leaked credentials detection on the authentication paths: the zone's detection
 * is turned on (`cloudflare_leaked_credential_check`) and the custom rule
 * `challenge-leaked-credentials` challenges login requests to `rateLimit.authPaths`
 * whose credentials were seen in a breach. The detection runs on every plan; WAF
 * rules on its fields need a paid plan (Cloudflare's guide: Free plans use its rate
 * limiting template instead); custom detection locations need Enterprise.
 * @see https://developers.cloudflare.com/waf/detections/leaked-credentials/
 */
export interface LeakedCredentialOptions {
  /**
   * Which match triggers the rule.
   * @default LeakedCredentialMatch.PASSWORD
   */
  readonly match?: LeakedCredentialMatch;
  /**
   * What happens to matching requests.
   * @default FirewallAction.MANAGED_CHALLENGE
   */
  readonly action?: FirewallAction;
}

/**
 * How a Turnstile widget challenges visitors.
 *
 * @example
 * new CloudflareEdge(this, 'Edge', { zoneName: 'example.com', loginProtection: { turnstile: { mode: TurnstileMode.INVISIBLE } } });
 */
export class TurnstileMode {
  /** Cloudflare decides; an interactive check only for suspicious visitors (recommended). */
  public static readonly MANAGED = new TurnstileMode('managed');
  /** A visible widget that never asks the visitor to interact. */
  public static readonly NON_INTERACTIVE = new TurnstileMode('non-interactive');
  /** No visible widget. */
  public static readonly INVISIBLE = new TurnstileMode('invisible');

  private constructor(
    /** The Cloudflare widget mode. */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'TurnstileMode');
  }
}

/**
 * A Turnstile widget for the login and sign-up forms (`cloudflare_turnstile_widget`,
 * account-level; free on every plan, 20 widgets and 15 hostnames per widget on
 * Free). The app renders it with the site key and checks each token server-side
 * with the secret key (Cloudflare's siteverify API) before it checks the password.
 * @see https://developers.cloudflare.com/turnstile/
 */
export interface TurnstileOptions {
  /**
   * Hostnames the widget may run on; a hostname also covers its subdomains.
   * @default - the zone, so every host in it
   */
  readonly hostnames?: string[];
  /**
   * Widget mode.
   * @default TurnstileMode.MANAGED
   */
  readonly mode?: TurnstileMode;
  /**
   * Cloudflare account id that owns the widget (32 hex characters, or a token).
   * @default - the `cloudflare_account_id` Terraform variable
   */
  readonly accountId?: string;
}

/** The Turnstile widget of the edge: what the app needs to render and verify it. */
export interface EdgeTurnstile {
  /** The site key (public: the browser renders the widget with it). */
  readonly siteKey: string;
  /** The secret key the backend sends to siteverify (sensitive). */
  readonly secretKey: SecretValue;
}

/** Login protection on the authentication paths (`rateLimit.authPaths`). */
export interface LoginProtectionOptions {
  /**
   * Challenge logins with breached credentials.
   * @default - off
   */
  readonly leakedCredentials?: LeakedCredentialOptions;
  /**
   * Create a Turnstile widget for the login forms (`edge.turnstile`).
   * @default - none
   */
  readonly turnstile?: TurnstileOptions;
}

/**
 * A Cloudflare waiting room on the storefront hosts for live-event peaks: above
 * `totalActiveUsers` sessions or `newUsersPerMinute` arrivals, new visitors queue
 * (first in, first out) instead of overloading the origin. One
 * `cloudflare_waiting_room` per hostname. Plans: Business includes one basic
 * room per zone (so one hostname); more rooms, several routes per room, other
 * queueing methods and bypass rules need Enterprise with Advanced Waiting Room.
 * Everything under `path` on the host is queued while the room is active,
 * webhooks and health checks included: keep those on another host (the API).
 * @see https://developers.cloudflare.com/waiting-room/plans/
 */
export interface WaitingRoomOptions {
  /** Hostnames in the zone (published services) to put the room in front of; one room each. */
  readonly hostnames: string[];
  /**
   * The path the room covers, with everything below it (case-sensitive, no wildcards).
   * @default "/"
   */
  readonly path?: string;
  /** Active sessions the origin serves well at once (200 to 2147483647). Cloudflare suggests 75% of capacity. */
  readonly totalActiveUsers: number;
  /** New visitors let in per minute (200 to `totalActiveUsers`). */
  readonly newUsersPerMinute: number;
  /**
   * Minutes an admitted visitor may be away and come back without queueing (1 to 30).
   * @default 5
   */
  readonly sessionDurationMinutes?: number;
  /**
   * HTTP status of the queue page: 200, 202 or 429.
   * @default 200
   */
  readonly queueingStatusCode?: number;
  /**
   * Let every request through (the room stays configured), for example outside live events.
   * @default false
   */
  readonly suspended?: boolean;
}
