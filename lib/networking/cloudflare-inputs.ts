import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { IConstruct } from 'constructs';
import { ensureProvider } from '../core/private/providers';
import { assertMatches } from '../core/private/validation';
import { stringInput } from '../core/private/variables';

/** Cloudflare zone and account ids are 32 lowercase hex characters. */
export const CLOUDFLARE_ID_PATTERN = /^[0-9a-f]{32}$/;

/**
 * The stack's default Cloudflare provider, with no credentials in the
 * configuration: the provider reads `CLOUDFLARE_API_TOKEN` from the environment.
 */
export function ensureCloudflareProvider(scope: IConstruct): CloudflareProvider {
  return ensureProvider(scope, 'cloudflare', (stack, id) => new CloudflareProvider(stack, id, {}));
}

/** The zone id: `given` (checked when literal) or the `cloudflare_zone_id` variable. */
export function zoneIdInput(scope: IConstruct, prop: string, given?: string): string {
  assertMatches(scope, prop, given, CLOUDFLARE_ID_PATTERN, 'a Cloudflare zone id: 32 lowercase hex characters (or a Terraform variable)');
  return given ?? stringInput(scope, 'cloudflare_zone_id', 'Cloudflare zone id of the environment\'s zone (Overview page of the zone)').stringValue;
}

/** The account id: `given` (checked when literal) or the `cloudflare_account_id` variable. */
export function accountIdInput(scope: IConstruct, prop: string, given?: string): string {
  assertMatches(scope, prop, given, CLOUDFLARE_ID_PATTERN, 'a Cloudflare account id: 32 lowercase hex characters (or a Terraform variable)');
  return given ?? stringInput(scope, 'cloudflare_account_id', 'Cloudflare account id that owns the keep-alive Worker').stringValue;
}
