import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { checkEnumLike } from '../../core/private/enum-like';
import { Input, checkList, checkString, isUnresolved } from '../../core/private/input';
import { secretValueKind } from '../../core/private/secret-detection';
import { IWatchedRenderService, IWatchedRenderWebService } from '../contracts';
import { RenderNotifications } from '../render-notifications';

const SERVICE_SHAPE = 'a Render service (a RenderWebService, RenderBackgroundWorker or RenderCronJob: serviceName, renderName, serviceId and overrideNotifications())';
const WEB_SERVICE_SHAPE = 'a Render web service (a RenderWebService: serviceName, renderName, serviceId, publicHostname, healthCheckPath and overrideNotifications())';

/** A RenderNotifications enum-like. */
export function checkNotifications(scope: IConstruct, prop: string, value: unknown): RenderNotifications | undefined {
  return checkEnumLike<RenderNotifications>(scope, prop, value, 'RenderNotifications',
    'RenderNotifications.FAILURE, RenderNotifications.ALL, RenderNotifications.NONE or RenderNotifications.of("...")');
}

function isObject(value: unknown): value is { [key: string]: unknown } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** A watched Render service, checked by shape (it comes from JavaScript or another copy of the library). */
export function checkWatchedService(scope: IConstruct, prop: string, value: unknown): IWatchedRenderService {
  const ok = isObject(value)
    && typeof value.serviceName === 'string'
    && typeof value.renderName === 'string'
    && typeof value.serviceId === 'string'
    && typeof value.overrideNotifications === 'function'
    && isObject(value.node);
  if (!ok) throw new ValidationError(scope, prop, value, SERVICE_SHAPE);
  return value as unknown as IWatchedRenderService;
}

/** A watched Render web service. */
export function checkWatchedWebService(scope: IConstruct, prop: string, value: unknown): IWatchedRenderWebService {
  const ok = isObject(value) && typeof value.publicHostname === 'string' && typeof value.healthCheckPath === 'string';
  if (!ok) throw new ValidationError(scope, prop, value, WEB_SERVICE_SHAPE);
  checkWatchedService(scope, prop, value);
  if (!isUnresolved(value.healthCheckPath) && !/^\/[^\s?#]*$/.test(value.healthCheckPath as string)) {
    throw new ValidationError(scope, `${prop}.healthCheckPath`, value.healthCheckPath, 'an absolute path such as "/health"');
  }
  return value as unknown as IWatchedRenderWebService;
}

/** A list of watched services; each item is reported as `prop[i]`, and a service listed twice is refused. */
export function checkServiceList<T extends IWatchedRenderService>(
  scope: IConstruct, prop: string, value: unknown, check: (scope: IConstruct, prop: string, v: unknown) => T, minItems = 0,
): T[] {
  const list = checkList(scope, prop, value ?? [], { minItems }) ?? [];
  const seen = new Map<string, number>();
  return list.map((item, i) => {
    const service = check(scope, `${prop}[${i}]`, item);
    const before = seen.get(service.renderName);
    if (before !== undefined) {
      throw new ValidationError(scope, `${prop}[${i}]`, service.renderName, `a service not already listed (${prop}[${before}] is ${service.node.path})`);
    }
    seen.set(service.renderName, i);
    return service;
  });
}

/**
 * A URL prop read so that a credential in it (a password, a token) is refused
 * without being repeated in the message; then checked against `pattern`.
 */
export function urlInput(input: Input, name: string, pattern: RegExp, allowed: string): string | undefined {
  const raw = input.raw(name);
  if (typeof raw === 'string' && !isUnresolved(raw)) {
    const kind = secretValueKind(raw);
    if (kind) throw new ValidationError(input.scope, input.path(name), '<literal string redacted>', `a URL without credentials (the value looks like ${kind}): give tokens as a SecretValue`);
  }
  return checkString(input.scope, input.path(name), raw, { pattern, allowed });
}
