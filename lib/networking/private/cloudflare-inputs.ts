import { CloudflareProvider } from '@cdktf/provider-cloudflare/lib/provider';
import { IConstruct } from 'constructs';
import { Reporter } from './reporter';
import { checkString } from '../../core/private/input';
import { ensureProvider } from '../../core/private/providers';
import { stringInput } from '../../core/private/variables';

/** Cloudflare zone and account ids are 32 lowercase hex characters. */
export const CLOUDFLARE_ID_PATTERN = /^[0-9a-f]{32}$/;

/** The name of the Terraform variable that holds the account id by default. */
export const ACCOUNT_ID_VARIABLE = 'cloudflare_account_id';

/**
 * The stack's default Cloudflare provider, with no credentials in the
 * configuration: the provider reads `CLOUDFLARE_API_TOKEN` from the environment.
 */
export function ensureCloudflareProvider(scope: IConstruct): CloudflareProvider {
  return ensureProvider(scope, 'cloudflare', (stack, id) => new CloudflareProvider(stack, id, {}));
}

/** The zone id: `given` (checked when literal) or the `cloudflare_zone_id` variable. */
export function zoneIdInput(scope: IConstruct, at: Reporter, given: unknown): string {
  const id = checkString(at.scope, at.prop, given, { pattern: CLOUDFLARE_ID_PATTERN, allowed: 'a Cloudflare zone id: 32 lowercase hex characters (or a Terraform variable)' });
  return id ?? stringInput(scope, 'cloudflare_zone_id', 'Cloudflare zone id of the zone (Overview page of the zone)').stringValue;
}

/** The account id: `given` (checked when literal) or the `cloudflare_account_id` variable. */
export function accountIdInput(scope: IConstruct, at: Reporter, given: unknown): string {
  const id = checkString(at.scope, at.prop, given, { pattern: CLOUDFLARE_ID_PATTERN, allowed: 'a Cloudflare account id: 32 lowercase hex characters (or a Terraform variable)' });
  return id ?? stringInput(scope, ACCOUNT_ID_VARIABLE, 'Cloudflare account id that owns the keep-alive Worker and the Turnstile widget').stringValue;
}
