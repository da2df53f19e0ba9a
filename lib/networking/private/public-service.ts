import { Reporter } from './reporter';
import { requiredString } from './text';
import { IPublicService } from '../../core/contracts';
import { ValidationError } from '../../core/errors';
import { DNS_LABEL_PATTERN, HOSTNAME_PATTERN, isToken } from '../../core/private/validation';

const HOSTNAME = 'a lowercase hostname such as "api.example.com"';

/**
 * Checks an `IPublicService` handed over by a compute module (usually a construct,
 * so it is read by property, not as a plain props object): a DNS-label name,
 * hostnames (tokens skipped), an absolute health path, and, when `zoneName` is
 * given, a public hostname inside that zone (Cloudflare can only publish records
 * of its own zone). Returns a plain copy.
 */
export function checkPublicService(at: Reporter, value: unknown, zoneName?: string): IPublicService {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(at.scope, at.prop, value, 'an IPublicService (serviceName, originHostname, publicHostname, healthCheckPath), for example a Render web service');
  }
  const s = value as { [key: string]: unknown };
  const { scope, prop } = at;
  const service: IPublicService = {
    serviceName: requiredString(scope, `${prop}.serviceName`, s.serviceName, { pattern: DNS_LABEL_PATTERN, allowed: 'a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit' }),
    originHostname: requiredString(scope, `${prop}.originHostname`, s.originHostname, { pattern: HOSTNAME_PATTERN, allowed: HOSTNAME }),
    publicHostname: requiredString(scope, `${prop}.publicHostname`, s.publicHostname, { pattern: HOSTNAME_PATTERN, allowed: HOSTNAME }),
    healthCheckPath: requiredString(scope, `${prop}.healthCheckPath`, s.healthCheckPath, { pattern: /^\/[A-Za-z0-9\-._~/]*$/, allowed: 'an absolute path such as "/health" (no query string)' }),
  };
  if (zoneName !== undefined && !isToken(zoneName) && !isToken(service.publicHostname) && !inZone(service.publicHostname, zoneName)) {
    throw new ValidationError(scope, `${prop}.publicHostname`, service.publicHostname, `a hostname in the zone "${zoneName}" (the zone itself or a subdomain of it)`);
  }
  if (!isToken(service.originHostname) && service.originHostname === service.publicHostname) {
    throw new ValidationError(scope, `${prop}.originHostname`, service.originHostname, 'the platform hostname (for example "<name>.onrender.com"), not the public hostname: the record would point at itself');
  }
  return service;
}

/** True when `hostname` is the zone apex or below it. */
export function inZone(hostname: string, zoneName: string): boolean {
  return hostname === zoneName || hostname.endsWith(`.${zoneName}`);
}
