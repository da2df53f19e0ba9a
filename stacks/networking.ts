import { EnvironmentStack, IPublicService, NetworkingModule } from '../lib';
import { HostsConfig } from './config';

/**
 * Networking wiring of the LiveStreamSell app (PRD 11.3 `modules/networking`,
 * 3.5): the VPC, the Cloudflare edge of the environment's zone and the
 * keep-alive Worker. The zone id and account id are Terraform variables created
 * by the module (`cloudflare_zone_id`, `cloudflare_account_id`); the Cloudflare
 * API token comes from CLOUDFLARE_API_TOKEN, never from the configuration.
 */

/**
 * Authentication routes of the app: the dashboard's /login and NextAuth
 * (`/api/auth/`), and the FastAPI backend's v1 auth router.
 */
const AUTH_PATHS = ['/login', '/api/auth/', '/api/v1/auth/'];

/** Adds the networking module of the stack's environment, publishing `services`. */
export function addNetworking(stack: EnvironmentStack, hosts: HostsConfig, services: IPublicService[]): NetworkingModule {
  return new NetworkingModule(stack, 'Networking', {
    zoneName: hosts.zoneName,
    services,
    edge: {
      rateLimit: { authPaths: AUTH_PATHS },
      // PRD: FastAPI's interactive docs are off in production.
      apiDocsHostnames: stack.environment.isProduction ? [hosts.apiHostname] : [],
    },
  });
}
