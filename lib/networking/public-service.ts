import { IConstruct } from 'constructs';
import { IPublicService } from '../core/contracts';
import { ValidationError } from '../core/errors';
import { assertDnsLabel, assertHostname, assertMatches, isToken } from '../core/private/validation';

/**
 * Checks an `IPublicService` handed over by a compute module: a DNS-label name,
 * hostnames (tokens skipped), an absolute health path, and, when `zoneName` is
 * given, a public hostname inside that zone (Cloudflare can only publish records
 * of its own zone).
 */
export function assertPublicService(scope: IConstruct, prop: string, service: IPublicService, zoneName?: string): void {
  assertDnsLabel(scope, `${prop}.serviceName`, service.serviceName);
  const at = `${prop}[${service.serviceName}]`;
  assertHostname(scope, `${at}.originHostname`, service.originHostname);
  assertHostname(scope, `${at}.publicHostname`, service.publicHostname);
  assertMatches(scope, `${at}.healthCheckPath`, service.healthCheckPath, /^\/[A-Za-z0-9\-._~/]*$/, 'an absolute path such as "/health" (no query string)');
  if (zoneName !== undefined && !isToken(zoneName) && !isToken(service.publicHostname)
    && service.publicHostname !== zoneName && !service.publicHostname.endsWith(`.${zoneName}`)) {
    throw new ValidationError(scope, `${at}.publicHostname`, service.publicHostname, `a hostname in the zone "${zoneName}" (the zone itself or a subdomain of it)`);
  }
  if (!isToken(service.originHostname) && service.originHostname === service.publicHostname) {
    throw new ValidationError(scope, `${at}.originHostname`, service.originHostname, 'the platform hostname (for example "<name>.onrender.com"), not the public hostname: the record would point at itself');
  }
}
