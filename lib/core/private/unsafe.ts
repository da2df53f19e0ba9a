import { IConstruct } from 'constructs';
import { checkStringList } from './input';
import { Environment } from '../../environment/environment';
import { ValidationError } from '../errors';

/**
 * The one pattern for insecure options: an `unsafe...` prop that is off by
 * default, and, in production, the same prop name listed in the construct's
 * `acknowledgeUnsafeInProduction`. Acknowledging one unsafe setting never
 * acknowledges another added later.
 *
 * @param prop full prop path of the unsafe option ("unsafeAllowAllIps", "loadBalancer.unsafeAllowPublicSourceRanges")
 * @param enabled whether the option is on (already type-checked)
 * @param acknowledged the raw `acknowledgeUnsafeInProduction` value of the construct
 * @param why what the option exposes, for the message
 */
export function assertUnsafeAllowed(scope: IConstruct, env: Environment, prop: string, enabled: boolean, acknowledged: unknown, why: string): void {
  const list = checkStringList(scope, 'acknowledgeUnsafeInProduction', acknowledged) ?? [];
  if (!enabled || !env.isProduction) return;
  const name = prop.split('.').pop()!;
  if (!list.includes(name) && !list.includes(prop)) {
    throw new ValidationError(scope, prop, true, `false in production ("${env.name}"), or "${name}" listed in "acknowledgeUnsafeInProduction": ${why}`);
  }
}
