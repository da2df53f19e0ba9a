import { BotManagement } from '@cdktf/provider-cloudflare/lib/bot-management';
import { LeakedCredentialCheck } from '@cdktf/provider-cloudflare/lib/leaked-credential-check';
import { RulesetRules } from '@cdktf/provider-cloudflare/lib/ruleset';
import { TurnstileWidget } from '@cdktf/provider-cloudflare/lib/turnstile-widget';
import { WaitingRoom } from '@cdktf/provider-cloudflare/lib/waiting-room';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Lazy } from 'cdktf';
import { Construct } from 'constructs';
import { accountIdInput } from './cloudflare-inputs';
import { hostsExpression, pathPrefixExpression, quote } from './edge-rules';
import { readEnum } from './enums';
import { inZone } from './public-service';
import { Reporter, reporterOf } from './reporter';
import { ValidationError, pathOf } from '../../core/errors';
import { Input } from '../../core/private/input';
import { ensureProvider } from '../../core/private/providers';
import { HOSTNAME_PATTERN, isToken } from '../../core/private/validation';
import { SecretValue } from '../../core/secrets';
import { Environment } from '../../environment/environment';
import { EdgePhase } from '../edge-phase';
import { EdgeOriginLock, EdgeTurnstile, LeakedCredentialMatch, TurnstileMode } from '../edge-protection';
import { FirewallAction } from '../edge-rules';

/**
 * The opt-in protections of `CloudflareEdge` (origin lock, webhook exemptions,
 * Bot Management, login protection, waiting rooms), each read from its prop and
 * rendered here. Rules that depend on the published services are rendered again
 * at synth through `Lazy`, like the baseline rules.
 */

/** What the protections need from the edge. */
export interface EdgeContext {
  /** The edge construct (children are created below it). */
  readonly scope: Construct;
  readonly env: Environment;
  readonly zoneId: string;
  readonly zoneName: string;
  /** Hostnames of the published services, at the time of the call. */
  hosts(): string[];
  /** Health paths of the published services, at the time of the call. */
  healthPaths(): string[];
  /** Adds a rule to the zone's ruleset of `phase`. */
  addRule(phase: EdgePhase, rule: RulesetRules, at: Reporter, what: string): void;
}

export const DEFAULT_ORIGIN_LOCK_HEADER = 'x-origin-verify';
export const DEFAULT_ORIGIN_LOCK_VARIABLE = 'ORIGIN_VERIFY_SECRET';
/** Headers a request header transform rule may not set (Cloudflare's Transform Rules remarks). */
const PROTECTED_HEADERS = ['host', 'cookie', 'x-forwarded-for', 'x-forwarded-proto', 'x-real-ip', 'true-client-ip', 'content-length', 'transfer-encoding'];
const HEADER_NAME = `a lowercase request header name of letters, digits, "-" and "_" (1-64 characters) that a transform rule may set: not "cf-*" or "x-cf-*", nor ${PROTECTED_HEADERS.join(', ')}`;
const VARIABLE_NAME = { pattern: /^[A-Za-z_][A-Za-z0-9_]{0,127}$/, allowed: 'an environment variable name of letters, digits and "_", not starting with a digit' };
export const WEBHOOK_PATH = 'a path prefix such as "/webhooks/meta": a "/" and at least one more character, no spaces';
/** A Rules expression that matches no request (for rules rendered before any service is published). */
const NO_REQUEST = '(http.host eq "" and false)';

/** `(hosts and not <prefixes>)`, or just the hosts without prefixes. */
export function hostsExcept(hosts: string[], prefixes: string[]): string {
  return prefixes.length === 0 ? hostsExpression(hosts) : `(${hostsExpression(hosts)} and not ${pathPrefixExpression(prefixes)})`;
}

/** `(hosts and <prefixes>)`. */
export function hostsAndPaths(hosts: string[], prefixes: string[]): string {
  return `(${hostsExpression(hosts)} and ${pathPrefixExpression(prefixes)})`;
}

/** Where an options object itself is reported ("botManagement"). */
function own(input: Input): Reporter {
  return { scope: input.scope, prop: input.path('').replace(/\.$/, '') };
}

/** A lazily rendered expression: `render` now (validated) and again at synth. */
function lazy(render: () => string): string {
  render();
  return Lazy.stringValue({ produce: render });
}

/**
 * The origin lock (`originLock`): a `random_password` (64 letters and digits, never
 * a literal), set as a request header on every request to the published hosts
 * (phase `http_request_late_transform`, rule `origin-lock`). Returns undefined when
 * turned off.
 */
export function readOriginLock(edge: EdgeContext, lock: Input): EdgeOriginLock | undefined {
  const enabled = lock.boolean('enabled') ?? true;
  const headerName = lock.string('headerName', { pattern: /^[a-z0-9][a-z0-9_-]{0,63}$/, allowed: HEADER_NAME }) ?? DEFAULT_ORIGIN_LOCK_HEADER;
  if (!isToken(headerName) && (/^(x-)?cf-/.test(headerName) || PROTECTED_HEADERS.includes(headerName))) {
    throw new ValidationError(lock.scope, lock.path('headerName'), headerName, HEADER_NAME);
  }
  const variableName = lock.string('variableName', VARIABLE_NAME) ?? DEFAULT_ORIGIN_LOCK_VARIABLE;
  lock.done();
  if (!enabled) return undefined;

  ensureProvider(edge.scope, 'random', (stack, id) => new RandomProvider(stack, id, {}));
  const password = new Password(edge.scope, 'OriginSecret', { length: 64, special: false, minLower: 4, minUpper: 4, minNumeric: 4 });
  edge.addRule(EdgePhase.LATE_TRANSFORM, {
    ref: 'origin-lock',
    description: `Origin lock: the ${headerName} header proves to the services that the request crossed the edge`,
    expression: lazy(() => (edge.hosts().length > 0 ? hostsExpression(edge.hosts()) : NO_REQUEST)),
    action: 'rewrite',
    actionParameters: { headers: { [headerName]: { operation: 'set', value: password.result } } },
    enabled: true,
  }, own(lock), 'the origin lock');
  return { headerName, variableName, secret: SecretValue.fromToken(password.result) };
}

/** Browser Integrity Check off on the webhook paths (phase `http_config_settings`): senders' servers send unusual headers. */
export function addWebhookConfigRule(edge: EdgeContext, webhookPaths: string[], at: Reporter): void {
  edge.addRule(EdgePhase.CONFIG_SETTINGS, {
    ref: 'webhooks-no-browser-check',
    description: 'Webhook senders are servers: Browser Integrity Check off on the webhook paths (they verify signatures instead)',
    expression: lazy(() => hostsAndPaths(edge.hosts(), webhookPaths)),
    action: 'set_config',
    actionParameters: { bic: false },
    enabled: true,
  }, at, 'the webhook exemptions');
}

/** Enterprise Bot Management (`botManagement`): detections on, low scores challenged. Returns the zone setting. */
export function readBotManagement(edge: EdgeContext, bots: Input, webhookPaths: string[]): BotManagement {
  const threshold = bots.integer('scoreThreshold', 2, 99) ?? 30;
  const action = readEnum<FirewallAction>(bots, 'action', 'FirewallAction') ?? FirewallAction.MANAGED_CHALLENGE;
  const javaScript = bots.boolean('javaScriptDetections') ?? true;
  bots.done();
  const resource = new BotManagement(edge.scope, 'BotManagement', { zoneId: edge.zoneId, enableJs: javaScript, autoUpdateModel: true });
  edge.addRule(EdgePhase.FIREWALL_CUSTOM, {
    ref: 'challenge-likely-bots',
    description: `Bot Management: challenge requests with a bot score below ${threshold} (verified bots, static resources, health and webhook paths pass)`,
    expression: lazy(() => {
      const exempt = [...edge.healthPaths(), ...webhookPaths];
      return `(${hostsExpression(edge.hosts())} and cf.bot_management.score lt ${threshold} and not cf.bot_management.verified_bot and not cf.bot_management.static_resource${exempt.length > 0 ? ` and not ${pathPrefixExpression(exempt)}` : ''})`;
    }),
    action: action.value,
    enabled: true,
  }, own(bots), 'Bot Management');
  return resource;
}

/** Leaked credentials (`loginProtection.leakedCredentials`): detection on, breached logins challenged. */
export function readLeakedCredentials(edge: EdgeContext, leaked: Input, authPaths: string[], authPathsProp: string): LeakedCredentialCheck {
  const match = readEnum<LeakedCredentialMatch>(leaked, 'match', 'LeakedCredentialMatch') ?? LeakedCredentialMatch.PASSWORD;
  const action = readEnum<FirewallAction>(leaked, 'action', 'FirewallAction') ?? FirewallAction.MANAGED_CHALLENGE;
  leaked.done();
  if (authPaths.length === 0) {
    throw new ValidationError(leaked.scope, authPathsProp, authPaths, 'at least one authentication path: loginProtection.leakedCredentials checks the logins there');
  }
  const resource = new LeakedCredentialCheck(edge.scope, 'LeakedCredentialCheck', { zoneId: edge.zoneId, enabled: true });
  edge.addRule(EdgePhase.FIREWALL_CUSTOM, {
    ref: 'challenge-leaked-credentials',
    description: 'Challenge logins and sign-ups whose credentials appeared in a data breach (leaked credentials detection)',
    expression: lazy(() => `(${hostsAndPaths(edge.hosts(), authPaths)} and ${match.field})`),
    action: action.value,
    enabled: true,
  }, own(leaked), 'the leaked-credential check');
  return resource;
}

/** The Turnstile widget (`loginProtection.turnstile`). */
export function readTurnstile(edge: EdgeContext, options: Input): { widget: TurnstileWidget; keys: EdgeTurnstile } {
  const hostnames = options.stringList('hostnames', { pattern: HOSTNAME_PATTERN, allowed: 'a lowercase hostname such as "example.com" (it also covers its subdomains)', minItems: 1, maxItems: 200, unique: true }) ?? [edge.zoneName];
  const mode = readEnum<TurnstileMode>(options, 'mode', 'TurnstileMode') ?? TurnstileMode.MANAGED;
  const accountId = accountIdInput(edge.scope, reporterOf(options, 'accountId'), options.raw('accountId'));
  options.done();
  const widget = new TurnstileWidget(edge.scope, 'Turnstile', {
    accountId,
    name: edge.env.resourceName('login'),
    domains: hostnames,
    mode: mode.value,
    region: 'world',
  });
  return { widget, keys: { siteKey: widget.sitekey, secretKey: SecretValue.fromToken(widget.secret) } };
}

/** Waiting rooms (`waitingRoom`): one per hostname, checked against the published hosts at synth. */
export function readWaitingRooms(edge: EdgeContext, room: Input): { [hostname: string]: WaitingRoom } {
  const hostProp = room.path('hostnames');
  const hostnames = room.stringList('hostnames', { pattern: HOSTNAME_PATTERN, allowed: 'a lowercase hostname of a published service', minItems: 1, unique: true });
  if (hostnames === undefined) throw new ValidationError(room.scope, hostProp, undefined, 'a list of the storefront hostnames (published services in the zone) to queue visitors on');
  hostnames.forEach((h, i) => {
    if (isToken(h)) throw new ValidationError(room.scope, `${hostProp}[${i}]`, h, 'a literal hostname: each room is named after its hostname');
    if (!isToken(edge.zoneName) && !inZone(h, edge.zoneName)) throw new ValidationError(room.scope, `${hostProp}[${i}]`, h, `a hostname in the zone "${edge.zoneName}" (the zone itself or a subdomain of it)`);
  });
  const path = room.string('path', { pattern: /^\/[A-Za-z0-9\-._~/]*$/, allowed: 'an absolute path such as "/shop" (no wildcards, no query string)' }) ?? '/';
  const total = room.integer('totalActiveUsers', 200, 2147483647);
  if (total === undefined) throw new ValidationError(room.scope, room.path('totalActiveUsers'), undefined, 'a whole number from 200 to 2147483647: the sessions the origin serves well at once');
  const perMinute = room.integer('newUsersPerMinute', 200, isToken(total) ? 2147483647 : total);
  if (perMinute === undefined) throw new ValidationError(room.scope, room.path('newUsersPerMinute'), undefined, `a whole number from 200 to ${isToken(total) ? 2147483647 : total}: the visitors let in per minute`);
  const session = room.integer('sessionDurationMinutes', 1, 30) ?? 5;
  const status = room.raw('queueingStatusCode') ?? 200;
  if (typeof status !== 'number' || (!isToken(status) && ![200, 202, 429].includes(status))) {
    throw new ValidationError(room.scope, room.path('queueingStatusCode'), status, 'one of 200, 202, 429');
  }
  const suspended = room.boolean('suspended') ?? false;
  room.done();

  const rooms: { [hostname: string]: WaitingRoom } = {};
  for (const host of hostnames) {
    rooms[host] = new WaitingRoom(edge.scope, `WaitingRoom-${host}`, {
      zoneId: edge.zoneId,
      name: `${edge.env.resourceName('waiting-room')}-${host.replace(/\./g, '_')}`,
      description: `Live-event queue for ${host}${path} (managed by cdktf, ${edge.env.name})`,
      host,
      path,
      totalActiveUsers: total,
      newUsersPerMinute: perMinute,
      sessionDuration: session,
      queueingStatusCode: status,
      suspended,
    });
  }
  const reportOn = room.scope;
  edge.scope.node.addValidation({
    validate: () => {
      const published = edge.hosts();
      if (published.some(isToken)) return [];
      return hostnames.flatMap((h, i) => (published.includes(h) ? [] : [ValidationError.format(
        pathOf(reportOn), `${hostProp}[${i}]`, h, `the public hostname of a published service (${published.length > 0 ? published.map((p) => quote(p)).join(', ') : 'none is published'}): a room in front of no origin queues nothing`)]));
    },
  });
  return rooms;
}
