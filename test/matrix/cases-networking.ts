import { BadInput, staging, production } from './support';
import {
  ApplicationSecurityGroup, CacheBehavior, CloudflareEdge, KeepAliveWorker, NetworkingModule, SecurityGroupProtocol, Vpc, VpcFlowLogs, ZoneSecuritySettings,
} from '../../lib';

const ZONE = 'example.com';
const VPC = 'vpc-0123456789abcdef0';
const api = { serviceName: 'api', originHostname: 'acme-api.onrender.com', publicHostname: 'api.example.com', healthCheckPath: '/health' };

const vpc = (props: any): BadInput[1] => (app) => new Vpc(staging(app), 'Vpc', props);
const sg = (props: any): BadInput[1] => (app) => new ApplicationSecurityGroup(staging(app), 'Api', { vpcId: VPC, description: 'API', ...props });
const prodSg = (props: any): BadInput[1] => (app) => new ApplicationSecurityGroup(production(app), 'Api', { vpcId: VPC, description: 'API', ...props });
const rule = (over: any) => ({ name: 'r', description: 'rule', ...over });
const edge = (props: any): BadInput[1] => (app) => new CloudflareEdge(production(app), 'Edge', { zoneName: ZONE, ...props });
const networking = (props: any): BadInput[1] => (app) => new NetworkingModule(staging(app), 'Networking', { zoneName: ZONE, services: [api], ...props });
const keepAlive = (props: any): BadInput[1] => (app) => new KeepAliveWorker(production(app), 'KeepAlive', props);
const onEdge = (call: (e: CloudflareEdge) => void): BadInput[1] => (app) => call(new CloudflareEdge(production(app), 'Edge', { zoneName: ZONE }));

const EXPOSED = 'expected no sensitive port open to an internet-wide range';
const SECRET = 'expected text without credentials: it looks like';
const NO_SUCH = 'expected no such property: the properties here are';

export const NETWORKING_BAD_INPUTS: BadInput[] = [
  // --- VPC ---
  ['vpc: malformed CIDR', vpc({ cidr: '10.0.0.0/16x' }), '[staging/Vpc] invalid "cidr": got "10.0.0.0/16x"; expected an IPv4 CIDR block "a.b.c.d/n" with n from 16 to 27 and no host bits set (for example "10.0.0.0/16")'],
  ['vpc: overlapping subnets', vpc({ cidr: '10.0.0.0/16', availabilityZoneNames: ['us-east-1a', 'us-east-1b'], publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'], privateSubnetCidrs: ['10.0.0.128/25', '10.0.2.0/24'] }),
    '[staging/Vpc] invalid "publicSubnetCidrs/privateSubnetCidrs": got ["10.0.0.0/24","10.0.0.128/25"]; expected CIDR blocks that do not overlap'],
  ['vpc: more zones than names', vpc({ availabilityZones: 3, availabilityZoneNames: ['us-east-1a', 'us-east-1b'] }), '[staging/Vpc] invalid "availabilityZoneNames": got ["us-east-1a","us-east-1b"]; expected exactly 3 zone names (availabilityZones)'],
  ['vpc: zone count as a string', vpc({ availabilityZones: '3' }), '[staging/Vpc] invalid "availabilityZones": got "3"; expected a whole number from 2 to 3'],
  ['vpc: zone count NaN', vpc({ availabilityZones: NaN }), '[staging/Vpc] invalid "availabilityZones": got NaN; expected a whole number from 2 to 3'],
  ['vpc: NAT per zone as "false"', vpc({ natGatewayPerAz: 'false' }), '[staging/Vpc] invalid "natGatewayPerAz": got "false"; expected true or false (a boolean, not a string)'],
  ['vpc: zone names as one string', vpc({ availabilityZoneNames: 'us-east-1a,us-east-1b' }), '[staging/Vpc] invalid "availabilityZoneNames": got "us-east-1a,us-east-1b"; expected a list'],
  ['vpc: subnet prefix Infinity', vpc({ subnetPrefixLength: Infinity }), '[staging/Vpc] invalid "subnetPrefixLength": got Infinity; expected a whole number from 17 to 28'],
  ['vpc: typo in a prop', vpc({ cidrBlock: '10.0.0.0/16' }), `[staging/Vpc] invalid "cidrBlock": got "10.0.0.0/16"; ${NO_SUCH}`],
  ['vpc: flow logs switched off', vpc({ flowLogs: { enabled: false } }), `[staging/Vpc] invalid "flowLogs.enabled": got false; ${NO_SUCH} "bucket", "destination", "encryptionKey", "maxAggregationIntervalSeconds", "retentionDays", "trafficType"`],
  ['vpc: flow-log destination as a string', vpc({ flowLogs: { destination: 's3' } }), '[staging/Vpc] invalid "flowLogs.destination": got "s3"; expected a FlowLogDestination: FlowLogDestination.CLOUD_WATCH_LOGS or FlowLogDestination.S3'],
  ['vpc: flow-log bucket as a plain object', (app) => new VpcFlowLogs(staging(app), 'FlowLogs', { vpcId: VPC, bucket: { bucketArn: 'arn:aws:s3:::logs' } as any }),
    '[staging/FlowLogs] invalid "bucket": got {"bucketArn":"arn:aws:s3:::logs"}; expected a SecureBucket'],
  ['vpc: two VPCs with one name', (app) => { const s = staging(app); new Vpc(s, 'Vpc'); new Vpc(s, 'Data', { cidr: '10.11.0.0/16' }); },
    '[staging/Data] invalid "name": got "livestreamsell-staging"; expected a name no other VPC flow log of this app uses (staging/Vpc/FlowLogs already does: the log group "/aws/vpc/flow-logs/livestreamsell-staging", its role and key alias would collide)'],

  // --- security groups: exposure by address space ---
  ['security group: SSH from the internet', sg({ ingressRules: [rule({ fromPort: 22, cidrIpv4: '0.0.0.0/0' })] }),
    `[staging/Api] invalid "ingressRules[0]": got "tcp 22 from 0.0.0.0/0"; ${EXPOSED} (this rule lets 100% of the public IPv4 space reach SSH (22)): use SSM Session Manager or a VPN, or name your own narrower ranges, or set "unsafeAllowInternetExposure: true" on the rule`],
  ['security group: PostgreSQL and Redis inside 3390-65535', sg({ ingressRules: [rule({ fromPort: 3390, toPort: 65535, cidrIpv4: '0.0.0.0/0' })] }),
    `[staging/Api] invalid "ingressRules[0]": got "tcp 3390-65535 from 0.0.0.0/0"; ${EXPOSED} (this rule lets 100% of the public IPv4 space reach PostgreSQL (5432), Kibana (5601), VNC (5900), Redis (6379) and 7 more sensitive services)`],
  ['security group: every port from half the internet', sg({ ingressRules: [rule({ fromPort: 1, toPort: 65535, cidrIpv4: '128.0.0.0/1' })] }),
    `[staging/Api] invalid "ingressRules[0]": got "tcp 1-65535 from 128.0.0.0/1"; ${EXPOSED} (this rule lets 43% of the public IPv4 space reach every port)`],
  ['security group: SSH from a public /8', sg({ ingressRules: [rule({ fromPort: 22, cidrIpv4: '11.0.0.0/8' })] }),
    `[staging/Api] invalid "ingressRules[0]": got "tcp 22 from 11.0.0.0/8"; ${EXPOSED} (this rule lets 0.45% of the public IPv4 space reach SSH (22))`],
  ['security group: PostgreSQL from 2001::/16', sg({ ingressRules: [rule({ fromPort: 5432, cidrIpv6: '2001::/16' })] }),
    `[staging/Api] invalid "ingressRules[0]": got "tcp 5432 from 2001::/16"; ${EXPOSED} (this rule lets 0.012% of the public IPv6 space reach PostgreSQL (5432))`],
  ['security group: Redis from 2000::/3', sg({ ingressRules: [rule({ fromPort: 6379, cidrIpv6: '2000::/3' })] }),
    `[staging/Api] invalid "ingressRules[0]": got "tcp 6379 from 2000::/3"; ${EXPOSED} (this rule lets 100% of the public IPv6 space reach Redis (6379))`],
  ['security group: all-protocol egress to ::/0', sg({ egressRules: [rule({ protocol: SecurityGroupProtocol.ALL, cidrIpv6: '::/0' })] }),
    '[staging/Api] invalid "egressRules[0]": got "all protocols to ::/0"; expected specific ports to the internet (this rule reaches every port on 100% of the public IPv6 space): name the ports the service needs, or set "unsafeAllowInternetExposure: true" on the rule'],
  ['security group: egress 1-65535 to the internet', sg({ egressRules: [rule({ fromPort: 1, toPort: 65535, cidrIpv4: '0.0.0.0/0' })] }),
    '[staging/Api] invalid "egressRules[0]": got "tcp 1-65535 to 0.0.0.0/0"; expected specific ports to the internet (this rule reaches every port on 100% of the public IPv4 space)'],
  ['security group: unsafe opt-in as "true"', sg({ ingressRules: [rule({ fromPort: 22, cidrIpv4: '0.0.0.0/0', unsafeAllowInternetExposure: 'true' })] }),
    '[staging/Api] invalid "ingressRules[0].unsafeAllowInternetExposure": got "true"; expected true or false (a boolean, not a string)'],
  ['security group: unsafe opt-in in production without acknowledgement', prodSg({ ingressRules: [rule({ fromPort: 22, cidrIpv4: '0.0.0.0/0', unsafeAllowInternetExposure: true })] }),
    '[production/Api] invalid "ingressRules[0].unsafeAllowInternetExposure": got true; expected false in production ("production"), or "unsafeAllowInternetExposure" listed in "acknowledgeUnsafeInProduction": the rule opens sensitive ports to or from an internet-wide range'],
  ['security group: acknowledgement as a string', prodSg({ acknowledgeUnsafeInProduction: 'unsafeAllowInternetExposure' }),
    '[production/Api] invalid "acknowledgeUnsafeInProduction": got "unsafeAllowInternetExposure"; expected a list'],
  ['security group: IPv6 range in the IPv4 field', sg({ ingressRules: [rule({ fromPort: 443, cidrIpv4: '::/0' })] }),
    '[staging/Api] invalid "ingressRules[0].cidrIpv4": got "::/0"; expected an IPv4 CIDR block such as "10.20.0.0/16" (host bits zero)'],
  ['security group: port as a string', sg({ ingressRules: [rule({ fromPort: '443', cidrIpv4: '10.0.0.0/8' })] }),
    '[staging/Api] invalid "ingressRules[0].fromPort": got "443"; expected a whole number from 0 to 65535'],
  ['security group: protocol as a string', sg({ ingressRules: [rule({ protocol: '-1', cidrIpv4: '10.0.0.0/8' })] }),
    '[staging/Api] invalid "ingressRules[0].protocol": got "-1"; expected a SecurityGroupProtocol: SecurityGroupProtocol.TCP, SecurityGroupProtocol.UDP, SecurityGroupProtocol.ICMP, SecurityGroupProtocol.ICMPV6 or SecurityGroupProtocol.ALL'],
  ['security group: rules as one object', sg({ ingressRules: rule({ fromPort: 443, cidrIpv4: '10.0.0.0/8' }) }),
    '[staging/Api] invalid "ingressRules": got {"name":"r","description":"rule","fromPort":443,"cidrIpv4":"10.0.0.0/8"}; expected a list'],
  ['security group: rule without description', sg({ ingressRules: [rule({ description: '', fromPort: 443, cidrIpv4: '10.0.0.0/8' })] }),
    '[staging/Api] invalid "ingressRules[0].description": got ""; expected a description of 1-255 characters using letters, digits, spaces and ._-:/()#,@[]+=&;{}!$* (AWS security group rule charset)'],
  ['security group: a literal key in a description', sg({ description: 'API, key AKIAIOSFODNN7EXAMPLE' }),
    `[staging/Api] invalid "description": got "<literal string redacted>"; ${SECRET} an AWS access key id, and literal secrets never go into the configuration`],
  ['security group: typo in a rule', sg({ ingressRules: [rule({ fromPort: 443, cidr: '10.0.0.0/8' })] }),
    `[staging/Api] invalid "ingressRules[0].cidr": got "10.0.0.0/8"; ${NO_SUCH} "cidrIpv4", "cidrIpv6", "description", "fromPort", "name", "peerSecurityGroupId", "prefixListId", "protocol", "toPort", "unsafeAllowInternetExposure"`],
  ['security group: two groups with one name in one VPC', (app) => { const s = staging(app); new ApplicationSecurityGroup(s, 'Api', { vpcId: VPC, description: 'one' }); new ApplicationSecurityGroup(s, 'Api2', { vpcId: VPC, description: 'two', groupName: 'livestreamsell-staging-api' }); },
    '[staging/Api2] invalid "groupName": got "livestreamsell-staging-api"; expected a group name no other security group in this VPC uses (staging/Api already does)'],
  ['security group: two rules with one name', sg({ ingressRules: [rule({ fromPort: 443, cidrIpv4: '10.0.0.0/8' }), rule({ fromPort: 80, cidrIpv4: '10.0.0.0/8' })] }),
    '[staging/Api] invalid "ingressRules[1].name": got "r"; expected a rule name not yet used by an ingress rule of staging/Api'],

  // --- Cloudflare edge ---
  ['cloudflare: invalid zone name', edge({ zoneName: 'Not A Zone' }), '[production/Edge] invalid "zoneName": got "Not A Zone"; expected a Cloudflare zone (apex domain) such as "example.com": a lowercase hostname'],
  ['cloudflare: zone name with a template', edge({ zoneName: '${var.zone}' }), '[production/Edge] invalid "zoneName": got "${var.zone}"; expected a Cloudflare zone (apex domain) such as "example.com": a lowercase hostname'],
  ['cloudflare: zone id as an object', edge({ zoneId: { value: '0123456789abcdef0123456789abcdef' } }), '[production/Edge] invalid "zoneId": got {"value":"0123456789abcdef0123456789abcdef"}; expected a Cloudflare zone id: 32 lowercase hex characters (or a Terraform variable)'],
  ['cloudflare: rate limit of zero', edge({ rateLimit: { requestsPerMinute: 0 } }), '[production/Edge] invalid "rateLimit.requestsPerMinute": got 0; expected a whole number from 1 to 1000000'],
  ['cloudflare: auth limit NaN', edge({ rateLimit: { authRequestsPerMinute: NaN } }), '[production/Edge] invalid "rateLimit.authRequestsPerMinute": got NaN; expected a whole number from 1 to 1000000'],
  ['cloudflare: period Cloudflare does not accept', edge({ rateLimit: { mitigationTimeoutSeconds: 50 } }), '[production/Edge] invalid "rateLimit.mitigationTimeoutSeconds": got 50; expected one of 10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400, 3600, 65535, 86400'],
  ['cloudflare: blocked paths as one string', edge({ blockedPaths: '/.env' }), '[production/Edge] invalid "blockedPaths": got "/.env"; expected a list'],
  ['cloudflare: www redirect as "false"', edge({ wwwRedirect: 'false' }), '[production/Edge] invalid "wwwRedirect": got "false"; expected true or false (a boolean, not a string)'],
  ['cloudflare: TLS 1.0 as a string', edge({ minTlsVersion: '1.0' }), '[production/Edge] invalid "minTlsVersion": got "1.0"; expected a TlsVersion: TlsVersion.TLS_1_2 or TlsVersion.TLS_1_3'],
  ['cloudflare: HSTS of an hour', (app) => new ZoneSecuritySettings(production(app), 'Settings', { zoneId: '0123456789abcdef0123456789abcdef', hsts: { maxAgeSeconds: 3600 } }),
    '[production/Settings] invalid "hsts.maxAgeSeconds": got 3600; expected a whole number from 15552000 to 31536000'],
  ['cloudflare: a "skip" firewall action', edge({ firewallRules: [{ name: 'skip-waf', description: 'x', expression: 'true', action: 'skip' }] }),
    '[production/Edge] invalid "firewallRules[0].action": got "skip"; expected a FirewallAction: FirewallAction.BLOCK, FirewallAction.MANAGED_CHALLENGE, FirewallAction.JS_CHALLENGE or FirewallAction.CHALLENGE'],
  ['cloudflare: an unbalanced expression', edge({ firewallRules: [{ name: 'x', description: 'x', expression: '(http.host eq "a"' }] }),
    '[production/Edge] invalid "firewallRules[0].expression": got "(http.host eq \\"a\\""; expected a Cloudflare Rules expression of at most 4096 characters with closed quotes and balanced parentheses and braces'],
  ['cloudflare: a token in a rule expression', edge({ firewallRules: [{ name: 'x', description: 'x', expression: '(http.request.headers["authorization"][0] eq "Bearer ghp_0123456789abcdefghijklmnopqrstuvwxyz")' }] }),
    `[production/Edge] invalid "firewallRules[0].expression": got "<literal string redacted>"; ${SECRET} a GitHub token, and literal secrets never go into the configuration`],
  ['cloudflare: a cache rule with a boolean', edge({ cacheRules: [{ name: 'x', description: 'x', expression: 'true', cache: true }] }),
    `[production/Edge] invalid "cacheRules[0].cache": got true; ${NO_SUCH} "behavior", "description", "expression", "name"`],
  ['cloudflare: an edge TTL of NaN', edge({ cacheRules: [{ name: 'x', description: 'x', expression: 'true', behavior: CacheBehavior.overrideOrigin(NaN) }] }),
    '[production/Edge] invalid "cacheRules[0].behavior.edgeTtlSeconds": got NaN; expected a whole number from 1 to 31536000'],
  ['cloudflare: a rate-limit period of 25 s', edge({ rateLimitRules: [{ name: 'x', description: 'x', expression: 'true', requestsPerPeriod: 10, periodSeconds: 25 }] }),
    '[production/Edge] invalid "rateLimitRules[0].periodSeconds": got 25; expected one of 10, 15, 20, 30, 40, 45, 60, 90, 120, 180, 240, 300, 480, 600, 900, 1200, 1800, 2400, 3600, 65535'],
  ['cloudflare: www to www redirect loop', edge({ wwwRedirect: false, redirects: [{ name: 'www', sourceHostname: 'www.example.com', targetHostname: 'www.example.com' }] }),
    '[production/Edge] invalid "redirects[0]": got "www.example.com/* -> www -> www.example.com/*"; expected redirects that end somewhere else: this chain of rules sends clients back to a URL it already redirected (a redirect loop)'],
  ['cloudflare: a template in a redirect path', edge({ redirects: [{ name: 'x', sourceHostname: ZONE, sourcePath: '/${var.token}', targetPath: '/' }] }),
    '[production/Edge] invalid "redirects[0].sourcePath": got "/${var.token}"; expected an absolute URL path such as "/old-page" (RFC 3986 characters, no query string)'],
  ['cloudflare: a redirect from another zone', onEdge((e) => e.addRedirect({ name: 'x', sourceHostname: 'example.org', targetHostname: ZONE })),
    '[production/Edge] invalid "redirect.sourceHostname": got "example.org"; expected a hostname in the zone "example.com": the zone\'s redirects only see its own hosts'],
  ['cloudflare: a rule name the baseline uses', edge({ rateLimitRules: [{ name: 'rate-limit-per-ip', description: 'x', expression: 'true', requestsPerPeriod: 10 }] }),
    '[production/Edge] invalid "rateLimitRules[0].name": got "rate-limit-per-ip"; expected a rule name not yet used in phase "http_ratelimit" of production/Edge/RateLimits (already used by the baseline rules of production/Edge)'],
  ['cloudflare: two redirects with one name', onEdge((e) => { e.addRedirect({ name: 'old', sourceHostname: ZONE, sourcePath: '/a', targetPath: '/b' }); e.addRedirect({ name: 'old', sourceHostname: ZONE, sourcePath: '/c', targetPath: '/d' }); }),
    '[production/Edge] invalid "redirect.name": got "old"; expected a rule name not yet used in phase "http_request_dynamic_redirect" of production/Edge/Redirects (already used by "redirect" of production/Edge)'],
  ['cloudflare: a service hostname the www record has', onEdge((e) => e.addService({ ...api, serviceName: 'web', publicHostname: 'www.example.com' })),
    '[production/Edge] invalid "service.publicHostname": got "www.example.com"; expected a hostname not yet published in this zone (production/Edge/Www already publishes it)'],
  ['cloudflare: a service that is a string', onEdge((e) => e.addService('api' as any)),
    '[production/Edge] invalid "service": got "api"; expected an IPublicService (serviceName, originHostname, publicHostname, healthCheckPath), for example a Render web service'],
  ['cloudflare: a second edge for a zone', (app) => { new CloudflareEdge(production(app), 'Edge', { zoneName: ZONE }); new CloudflareEdge(staging(app), 'Edge', { zoneName: ZONE }); },
    '[staging/Edge] invalid "zoneName": got "example.com"; expected a zone no other CloudflareEdge owns (production/Edge already does): Cloudflare keeps one ruleset per zone and phase, so add services and rules to that one, or give this environment its own zone'],

  // --- networking module: errors name the module and the prop as written ---
  ['networking: nested rate limit', networking({ edge: { rateLimit: { requestsPerMinute: -1 } } }), '[staging/Networking] invalid "edge.rateLimit.requestsPerMinute": got -1; expected a whole number from 1 to 1000000'],
  ['networking: nested flow-log retention', networking({ vpc: { flowLogs: { retentionDays: 2 } } }),
    '[staging/Networking] invalid "vpc.flowLogs.retentionDays": got 2; expected one of 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653 (CloudWatch Logs retention values)'],
  ['networking: services as one object', networking({ services: api }), '[staging/Networking] invalid "services": got {"serviceName":"api","originHostname":"acme-api.onrender.com","publicHostname":"api.example.com","healthCheckPath":"/...; expected a list'],
  ['networking: enableKeepAlive as "false"', networking({ enableKeepAlive: 'false' }), '[staging/Networking] invalid "enableKeepAlive": got "false"; expected true or false (a boolean, not a string)'],
  ['networking: typo in nested options', networking({ keepAlive: { schedules: ['*/5 * * * *'] } }), `[staging/Networking] invalid "keepAlive.schedules": got ["*/5 * * * *"]; ${NO_SUCH} "accountId", "schedule", "scriptName", "timeoutSeconds"`],

  // --- keep-alive ---
  ['keep-alive: invalid cron', keepAlive({ schedule: '*/5 * * * * *' }), '[production/KeepAlive] invalid "schedule": got "*/5 * * * * *"; expected a 5-field cron expression'],
  ['keep-alive: timeout Infinity', keepAlive({ timeoutSeconds: Infinity }), '[production/KeepAlive] invalid "timeoutSeconds": got Infinity; expected a whole number from 1 to 60'],
  ['keep-alive: account id as an object', keepAlive({ accountId: { id: 'abc' } }), '[production/KeepAlive] invalid "accountId": got {"id":"abc"}; expected a Cloudflare account id: 32 lowercase hex characters (or a Terraform variable)'],
  ['keep-alive: a URL with a password', (app) => new KeepAliveWorker(production(app), 'KeepAlive').addUrl('https://admin:hunter2@api.example.com/health'),
    '[production/KeepAlive] invalid "url": got "https://admin:hunter2@api.example.com/health"; expected an https URL with a path, such as "https://api.example.com/health" (plain http is refused)'],
  ['keep-alive: a token in a URL query', (app) => new KeepAliveWorker(production(app), 'KeepAlive').addUrl('https://api.example.com/health?token=xoxb-0123456789-abcdefghij'),
    `[production/KeepAlive] invalid "url": got "<literal string redacted>"; ${SECRET} a Slack token, and literal secrets never go into the configuration`],
  ['keep-alive: two Workers with one name', (app) => { new KeepAliveWorker(production(app), 'KeepAlive', { scriptName: 'wake' }); new KeepAliveWorker(staging(app), 'KeepAlive', { scriptName: 'wake' }); },
    '[staging/KeepAlive] invalid "scriptName": got "wake"; expected a Worker name no other KeepAliveWorker of this Cloudflare account uses (production/KeepAlive already does)'],
  ['keep-alive: nothing to ping', (app) => new KeepAliveWorker(production(app), 'KeepAlive'),
    '[production/KeepAlive] invalid "urls": got []; expected at least one health URL: register the published services with addService() or addUrl()'],
];
