import { FindingLevel, Rule, RuleFinding, StackResource, StackView, perResource } from '../rule';

/** Zones that the stack configures anything on, keyed by their zone_id expression. */
function zones(stack: StackView): Map<string, StackResource> {
  const byZone = new Map<string, StackResource>();
  for (const type of ['cloudflare_dns_record', 'cloudflare_zone_setting', 'cloudflare_ruleset']) {
    for (const r of stack.ofType(type)) {
      if (typeof r.config.zone_id === 'string' && !byZone.has(r.config.zone_id)) byZone.set(r.config.zone_id, r);
    }
  }
  return byZone;
}

/** One finding per zone for which `problem` returns a message. */
function perZone(problem: (zoneId: string, stack: StackView) => string | undefined): (stack: StackView) => RuleFinding[] {
  return (stack) => [...zones(stack)].flatMap(([zoneId, first]) => {
    const message = problem(zoneId, stack);
    return message ? [{ path: first.path, address: `zone ${zoneId}`, message }] : [];
  });
}

const setting = (stack: StackView, zoneId: string, id: string) =>
  stack.ofType('cloudflare_zone_setting').find((s) => s.config.zone_id === zoneId && s.config.setting_id === id)?.config.value;
const ruleset = (stack: StackView, zoneId: string, phase: string) =>
  stack.ofType('cloudflare_ruleset').filter((r) => r.config.zone_id === zoneId && r.config.phase === phase);
const enabledRules = (rulesets: StackResource[], action?: string) =>
  rulesets.flatMap((r) => r.config.rules ?? []).filter((rule: any) => rule.enabled !== false && (action === undefined || rule.action === action));

/** Cloudflare zone hardening (Cloudflare's own security recommendations). */
export const CLOUDFLARE_RULES: Rule[] = [
  {
    id: 'LSS-CF-001',
    description: 'Cloudflare zones use SSL/TLS mode "strict" (Full (strict): the origin certificate is validated)',
    fix: 'Add cloudflare_zone_setting ssl = "strict" (CloudflareEdge does).',
    level: FindingLevel.ERROR,
    evaluate: perZone((z, s) => (setting(s, z, 'ssl') !== 'strict' ? `ssl is ${JSON.stringify(setting(s, z, 'ssl') ?? 'unset')}, not "strict"` : undefined)),
  },
  {
    id: 'LSS-CF-002',
    description: 'Cloudflare zones refuse TLS older than 1.2',
    fix: 'Add cloudflare_zone_setting min_tls_version = "1.2" (or "1.3").',
    level: FindingLevel.ERROR,
    evaluate: perZone((z, s) => (!['1.2', '1.3'].includes(setting(s, z, 'min_tls_version')) ? 'min_tls_version is below 1.2 or unset' : undefined)),
  },
  {
    id: 'LSS-CF-003',
    description: 'Cloudflare zones send HSTS',
    fix: 'Add cloudflare_zone_setting security_header with strict_transport_security.enabled = true.',
    level: FindingLevel.ERROR,
    evaluate: perZone((z, s) => (setting(s, z, 'security_header')?.strict_transport_security?.enabled !== true ? 'HSTS is off' : undefined)),
  },
  {
    id: 'LSS-CF-004',
    description: 'Cloudflare zones execute a managed WAF ruleset',
    fix: 'Add a cloudflare_ruleset in phase http_request_firewall_managed that executes the Cloudflare Managed (and OWASP) ruleset.',
    level: FindingLevel.ERROR,
    evaluate: perZone((z, s) => (enabledRules(ruleset(s, z, 'http_request_firewall_managed'), 'execute').length === 0 ? 'no managed WAF ruleset is executed' : undefined)),
  },
  {
    id: 'LSS-CF-005',
    description: 'Cloudflare zones rate-limit requests',
    fix: 'Add a cloudflare_ruleset in phase http_ratelimit with at least one rule (CloudflareEdge adds per-IP limits).',
    level: FindingLevel.ERROR,
    evaluate: perZone((z, s) => (enabledRules(ruleset(s, z, 'http_ratelimit')).length === 0 ? 'no rate limiting' : undefined)),
  },
  {
    id: 'LSS-CF-006',
    description: 'Web-facing DNS records (A, AAAA, CNAME) are proxied, so WAF and DDoS protection apply',
    fix: 'Set proxied = true on the record.',
    level: FindingLevel.ERROR,
    evaluate: perResource(['cloudflare_dns_record', 'cloudflare_record'], (r) =>
      (['A', 'AAAA', 'CNAME'].includes(r.config.type) && r.config.proxied !== true ? `${r.config.type} record ${r.config.name} is not proxied` : undefined)),
  },
  {
    id: 'LSS-CF-007',
    description: 'Zones with proxied records send their origins a secret header (origin lock), so a request to the origin\'s own hostname cannot skip the edge',
    fix: 'Add a cloudflare_ruleset in phase http_request_late_transform whose rewrite rule sets a request header to a generated secret, and refuse requests without it at the origin (CloudflareEdge originLock does both).',
    level: FindingLevel.WARNING,
    evaluate: perZone((z, s) => {
      const proxied = s.ofType('cloudflare_dns_record').concat(s.ofType('cloudflare_record'))
        .filter((r) => r.config.zone_id === z && r.config.proxied === true && ['A', 'AAAA', 'CNAME'].includes(r.config.type));
      if (proxied.length === 0) return undefined;
      const locked = enabledRules(ruleset(s, z, 'http_request_late_transform'), 'rewrite').some((rule: any) =>
        Object.values(rule.action_parameters?.headers ?? {}).some((h: any) => ['set', 'add'].includes(h?.operation) && (h.value !== undefined || h.expression !== undefined)));
      return locked ? undefined : `proxied records (${proxied.map((r) => r.config.name).join(', ')}) reach their origins without a secret header: requests to an origin's own hostname skip the WAF and rate limits`;
    }),
  },
];
