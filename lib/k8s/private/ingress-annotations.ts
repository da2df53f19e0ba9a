import { IConstruct } from 'constructs';
import { assertNoSecretByValue } from './literal-secrets';
import { ValidationError } from '../../core/errors';

/**
 * User annotations of an Ingress, judged by what they switch off. The library's
 * Ingress always terminates TLS at the controller, redirects HTTP to HTTPS, sends
 * HSTS (controller configuration), puts every host on the certificate and leaves
 * the canary Ingress to Argo Rollouts (`progressiveDelivery`); annotations that undo one of these are refused
 * (the redirect and HSTS through an unsafe opt-in, the rest always).
 */

const NGINX = 'nginx.ingress.kubernetes.io/';

/** The name part of an annotation key, without its prefix ("ssl-redirect"). */
function nameOf(key: string): string {
  return key.slice(key.lastIndexOf('/') + 1).toLowerCase();
}

/** Redirect and HSTS switches of the common controllers (ingress-nginx, NGINX Inc., legacy prefixes). */
const PLAIN_HTTP_SWITCHES = ['ssl-redirect', 'force-ssl-redirect', 'redirect-to-https', 'hsts', 'hsts-behind-proxy'];

/** Why an annotation is refused whatever the options, or undefined. */
function alwaysRefused(key: string, value: string, ingressClassName: string): string | undefined {
  const name = nameOf(key);
  if (/snippet/i.test(key)) return 'no "*-snippet" annotation: snippets inject raw nginx configuration (CVE-2021-25742) and the platform disables them';
  if (name === 'ssl-passthrough' && value.toLowerCase() !== 'false') return 'no TLS passthrough: it bypasses the controller\'s TLS termination, HTTP redirect, HSTS and every other annotation';
  if (key === 'kubernetes.io/ingress.class') return `no ingress class annotation: the Ingress uses the platform's IngressClass ("${ingressClassName}") through spec.ingressClassName`;
  if (key.startsWith(`${NGINX}canary`)) return 'no canary annotation: Argo Rollouts manages the canary Ingress (use "progressiveDelivery")';
  if (name === 'server-alias' || name === 'server-aliases') return 'no server alias: every host goes in "ingress.hosts", so that it is on the TLS certificate';
  if (key === `${NGINX}enable-global-auth` && value.toLowerCase() === 'false') return 'not "false": the controller\'s global external authentication protects every Ingress';
  if (key === `${NGINX}auth-tls-verify-client` && ['off', 'optional_no_ca'].includes(value.toLowerCase())) {
    return '"on" or "optional": "off" and "optional_no_ca" pass client certificates nobody verified to the app';
  }
  return undefined;
}

/**
 * Checks the user's Ingress annotations (keys and values already type-checked).
 * @param unsafeProp full name of the plain-HTTP opt-in, for messages
 */
export function checkIngressAnnotations(scope: IConstruct, prop: string, annotations: { [key: string]: string }, options: {
  readonly ingressClassName: string;
  readonly allowPlainHttp: boolean;
  readonly unsafeProp: string;
}): void {
  for (const [key, value] of Object.entries(annotations)) {
    const path = `${prop}.${key}`;
    const refused = alwaysRefused(key, value, options.ingressClassName);
    if (refused) throw new ValidationError(scope, path, value, refused);
    if (PLAIN_HTTP_SWITCHES.includes(nameOf(key)) && value.toLowerCase() !== 'true' && !options.allowPlainHttp) {
      throw new ValidationError(scope, path, value, `"true": the Ingress redirects HTTP to HTTPS and sends HSTS; set "${options.unsafeProp}" (acknowledged in production) to serve plain HTTP`);
    }
    assertNoSecretByValue(scope, path, value);
  }
}
