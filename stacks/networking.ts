import { TerraformVariable } from 'cdktf';
import { EnvironmentStack, IPublicService, NetworkingModule } from '../lib';

/**
 * Networking wiring of the LiveStreamSell app (PRD 11.3 `modules/networking`,
 * 3.5): the VPC, the Cloudflare edge of the environment's zone and the
 * keep-alive Worker. The zone id and account id are Terraform variables created
 * by the module (`cloudflare_zone_id`, `cloudflare_account_id`); the Cloudflare
 * API token comes from CLOUDFLARE_API_TOKEN, never from the configuration.
 */

/** The two public services of the PRD: FastAPI (`/health`) and the Next.js dashboard (`/api/health`). */
const SERVICES = [
  { serviceName: 'api', healthCheckPath: '/health', publicHostname: (s: EnvironmentStack) => s.environment.apiHostname },
  { serviceName: 'dashboard', healthCheckPath: '/api/health', publicHostname: (s: EnvironmentStack) => s.environment.dashboardHostname },
];

/**
 * The public services as `IPublicService` objects built from the environment's
 * hostnames and one Terraform variable per Render hostname
 * (`api_origin_hostname`, `dashboard_origin_hostname`). This stands in for the
 * compute module's `publicServices` until it is wired into the same stack; the
 * integrator swaps the argument of `addNetworking` and deletes this function.
 */
export function publicServicesFromVariables(stack: EnvironmentStack): IPublicService[] {
  return SERVICES.map((s) => ({
    serviceName: s.serviceName,
    healthCheckPath: s.healthCheckPath,
    publicHostname: s.publicHostname(stack),
    originHostname: new TerraformVariable(stack, `${s.serviceName}_origin_hostname`, {
      type: 'string',
      nullable: false,
      description: `Render hostname of the ${s.serviceName} service (<name>.onrender.com), the target of its proxied DNS record`,
    }).stringValue,
  }));
}

/** Adds the networking module of the stack's environment, publishing `services`. */
export function addNetworking(stack: EnvironmentStack, services: IPublicService[]): NetworkingModule {
  return new NetworkingModule(stack, 'Networking', { services });
}
