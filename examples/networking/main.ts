import { App, Aspects, TerraformOutput, TerraformVariable } from 'cdktf';
import { Environment, EnvironmentStack, IPublicService, NetworkingModule, SecurityChecks } from '../../lib';

/**
 * The networking module of one environment: the Cloudflare edge of the zone (with
 * the origin lock, webhook paths and the opt-in live-event protections), the
 * keep-alive Worker and, asked for here, a VPC. Account-specific inputs are Terraform variables:
 * `cloudflare_zone_id` and `cloudflare_account_id` (created by the module) and the
 * Render hostnames below. The Cloudflare API token comes from CLOUDFLARE_API_TOKEN.
 */
const app = new App();
const stack = new EnvironmentStack(app, 'networking-staging', { environment: Environment.staging({ project: 'example-shop' }) });
const zoneName = 'example.com';

// Until the compute module hands them over, the services are built from their
// public hostnames and the Render hostnames as Terraform variables.
const origin = (name: string) => new TerraformVariable(stack, `${name}_origin_hostname`, {
  type: 'string',
  nullable: false,
  description: `Render hostname of the ${name} service (for example example-shop-${name}.onrender.com)`,
}).stringValue;

const api: IPublicService = { serviceName: 'api', originHostname: origin('api'), publicHostname: `api-staging.${zoneName}`, healthCheckPath: '/health' };
const dashboard: IPublicService = { serviceName: 'dashboard', originHostname: origin('dashboard'), publicHostname: `app-staging.${zoneName}`, healthCheckPath: '/api/health' };

const networking = new NetworkingModule(stack, 'Networking', {
  zoneName,
  services: [api, dashboard],
  // The VPC only exists on request (its NAT gateways cost money while idle):
  // here for the application security group of a Kubernetes-ready path below.
  enableVpc: true,
  edge: {
    redirects: [{ name: 'legacy-pricing', sourceHostname: zoneName, sourcePath: '/precios', targetPath: '/pricing' }],
    // Payment and social-platform callbacks: their own per-IP limit, no user-agent challenge.
    webhookPaths: ['/webhooks/stripe', '/webhooks/meta'],
    // Opt-ins with plan requirements (docs/networking.md): a waiting room on the
    // storefront (Business), leaked-credential checks on the login routes (paid plans).
    waitingRoom: { hostnames: [`app-staging.${zoneName}`], totalActiveUsers: 2000, newUsersPerMinute: 600 },
    loginProtection: { leakedCredentials: {} },
  },
});

// These services are plain objects, not Render services: hand them the origin-lock
// secret yourself (the module warns that it cannot). With `compute.publicServices`
// each Render web service receives it as ORIGIN_VERIFY_SECRET.
new TerraformOutput(stack, 'origin_lock_header', { value: networking.edge.originLock!.headerName });
new TerraformOutput(stack, 'origin_lock_secret', { value: networking.edge.originLock!.secret.value, sensitive: true });

// Other modules merge their rules into the zone's one ruleset per phase
// (rate limiting rules beyond two need the Business plan).
networking.addRateLimitRule({
  name: 'rate-limit-search',
  description: 'Search is expensive: at most 60 queries per minute per IP',
  expression: `(http.host eq "${api.publicHostname}" and starts_with(http.request.uri.path, "/search"))`,
  requestsPerPeriod: 60,
});

// An application security group in the VPC for the Kubernetes-ready path.
const workers = networking.vpc!.addSecurityGroup('AiWorkers', { description: 'AI background workers' });
workers.addEgressRule({ name: 'postgres-pooler', description: 'Supabase Postgres pooler', fromPort: 6543, cidrIpv4: '0.0.0.0/0' });

// Guardrails: any finding of the library's security checks fails the synth.
for (const child of app.node.children) Aspects.of(child).add(new SecurityChecks());

app.synth();
