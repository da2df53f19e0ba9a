import { BadInput, staging, production } from './support';
import {
  ApplicationSecurityGroup, CloudflareEdge, CloudflareEdgeProps, KeepAliveWorker, Vpc, VpcProps,
} from '../../lib';

const vpc = (props: VpcProps): BadInput[1] => (app) => new Vpc(staging(app), 'Vpc', props);
const sg = (rule: any): BadInput[1] => (app) => new ApplicationSecurityGroup(staging(app), 'Api', { vpcId: 'vpc-0123456789abcdef0', description: 'API', ingressRules: [rule] });
const edge = (props: Partial<CloudflareEdgeProps>): BadInput[1] => (app) => new CloudflareEdge(production(app), 'Edge', { zoneName: 'livestreamsell.ai', ...props });

export const NETWORKING_BAD_INPUTS: BadInput[] = [
  // --- networking ---
  ['vpc: malformed CIDR', vpc({ cidr: '10.0.0.0/16x' }), '[staging/Vpc] invalid "cidr": got "10.0.0.0/16x"'],
  ['vpc: overlapping subnets', vpc({ cidr: '10.0.0.0/16', availabilityZoneNames: ['us-east-1a', 'us-east-1b'], publicSubnetCidrs: ['10.0.0.0/24', '10.0.1.0/24'], privateSubnetCidrs: ['10.0.0.128/25', '10.0.2.0/24'] }), 'invalid "publicSubnetCidrs/privateSubnetCidrs": got ["10.0.0.0/24","10.0.0.128/25"]; expected CIDR blocks that do not overlap'],
  ['vpc: more zones than names', vpc({ availabilityZones: 3, availabilityZoneNames: ['us-east-1a', 'us-east-1b'] }), '[staging/Vpc] invalid "availabilityZoneNames": got ["us-east-1a","us-east-1b"]; expected exactly 3 zone names (availabilityZones)'],
  ['security group: SSH from the internet', sg({ name: 'ssh', description: 'ssh', fromPort: 22, cidrIpv4: '0.0.0.0/0' }), '[staging/Api] invalid "ingressRules[0]": got "tcp 22 from 0.0.0.0/0"; expected no sensitive port open to an internet-wide range (this rule lets 100% of the public IPv4 space reach SSH (22))'],
  ['security group: rule without description', sg({ name: 'x', description: '', fromPort: 443, cidrIpv4: '10.0.0.0/8' }), '[staging/Api] invalid "ingressRules[0].description": got ""; expected a description of 1-255 characters'],
  ['cloudflare: invalid zone name', edge({ zoneName: 'Not A Zone' }), '[production/Edge] invalid "zoneName": got "Not A Zone"; expected a Cloudflare zone (apex domain) such as "example.com": a lowercase hostname'],
  ['cloudflare: rate limit of zero', edge({ rateLimit: { requestsPerMinute: 0 } }), '[production/Edge] invalid "rateLimit.requestsPerMinute": got 0; expected a whole number from 1 to 1000000'],
  ['cloudflare: period Cloudflare does not accept', edge({ rateLimit: { mitigationTimeoutSeconds: 50 } }), '[production/Edge] invalid "rateLimit.mitigationTimeoutSeconds": got 50; expected one of 10, 15, 20, 30'],
  ['cloudflare: www to www redirect loop', edge({ wwwRedirect: false, redirects: [{ name: 'www', sourceHostname: 'www.livestreamsell.ai', targetHostname: 'www.livestreamsell.ai' }] }), '[production/Edge] invalid "redirects[0]": got "www.livestreamsell.ai/* -> www -> www.livestreamsell.ai/*"; expected redirects that end somewhere else'],
  ['keep-alive: invalid cron', (app) => new KeepAliveWorker(production(app), 'KeepAlive', { schedule: '*/5 * * * * *' }), '[production/KeepAlive] invalid "schedule": got "*/5 * * * * *"; expected a 5-field cron expression'],
];
