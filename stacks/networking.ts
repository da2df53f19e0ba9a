import { EnvironmentStack, IPublicService, NetworkingModule } from '../lib';
import { HostsConfig } from './config';

/**
 * Networking wiring of the LiveStreamSell app (PRD 11.3 `modules/networking`,
 * 3.5): the Cloudflare edge of the environment's zone and the keep-alive Worker.
 * The zone id and account id are Terraform variables created by the module
 * (`cloudflare_zone_id`, `cloudflare_account_id`); the Cloudflare API token comes
 * from CLOUDFLARE_API_TOKEN, never from the configuration.
 *
 * No VPC: nothing on the Render path runs in one, and its NAT gateways would cost
 * about $110 a month in production for nothing. The Kubernetes path targets an
 * existing cluster (kubeconfig variables); a cluster of our own in AWS would be
 * the workload that asks for it here with `enableVpc: true`.
 *
 * The origin lock is on (the library default): the API and the dashboard receive
 * ORIGIN_VERIFY_SECRET and refuse requests without the x-origin-verify header
 * (docs/networking.md shows the FastAPI and Next.js checks).
 */

/**
 * Authentication routes of the app: the dashboard's /login and NextAuth
 * (`/api/auth/`), and the FastAPI backend's v1 auth router.
 */
const AUTH_PATHS = ['/login', '/api/auth/', '/api/v1/auth/'];

/**
 * The API's webhook receivers (Meta and TikTok), under its v1 router. Their bursts
 * come from few addresses during live events (PRD 11.2: Meta webhook failures are
 * a rollback condition), so they get their own per-IP limit and skip the
 * user-agent challenge and Browser Integrity Check; the API verifies each
 * sender's signature. A third rate limiting rule needs the Business plan.
 */
const WEBHOOK_PATHS = ['/api/v1/webhooks/meta', '/api/v1/webhooks/tiktok'];

/** Adds the networking module of the stack's environment, publishing `services`. */
export function addNetworking(stack: EnvironmentStack, hosts: HostsConfig, services: IPublicService[]): NetworkingModule {
  return new NetworkingModule(stack, 'Networking', {
    zoneName: hosts.zoneName,
    services,
    edge: {
      rateLimit: { authPaths: AUTH_PATHS },
      webhookPaths: WEBHOOK_PATHS,
      // PRD: FastAPI's interactive docs are off in production.
      apiDocsHostnames: stack.environment.isProduction ? [hosts.apiHostname] : [],
    },
  });
}
