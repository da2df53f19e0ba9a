import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { assertDnsLabel, isToken } from '../../core/private/validation';

/**
 * Kubernetes naming rules shared by the k8s constructs. Names end up in object
 * names, label values and DNS records, so a bad one fails at synth with the
 * construct path instead of at `terraform apply` with an API-server error.
 */

/** Namespaces that workloads of this library never go into. */
export const RESERVED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/** Suffix of the canary Deployment, Service and Ingress names. */
export const CANARY_SUFFIX = '-canary';

/** Label key of the track (stable or canary) that selectors split on. */
export const TRACK_LABEL = 'track';

/** Longest app name: "<name>-canary" must still be a DNS label. */
export const MAX_APP_NAME = 63 - CANARY_SUFFIX.length;

/** An app name: an RFC 1035 label (what Service names must be) of at most `MAX_APP_NAME` characters. */
export const APP_NAME_PATTERN = new RegExp(`^[a-z]([-a-z0-9]{0,${MAX_APP_NAME - 2}}[a-z0-9])?$`);

/** What an app name may be, for messages. */
export const APP_NAME_ALLOWED = `a DNS label (RFC 1035): 1-${MAX_APP_NAME} lowercase letters, digits or "-", starting with a letter and ending with a letter or digit`;

/** A Prometheus metric name (histogram families are given without `_bucket`). */
export const HISTOGRAM_PATTERN = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/** An absolute path without whitespace. */
export const PATH_PATTERN = /^\/[^\s]*$/;

/** Name of a Secret or ConfigMap: a lowercase DNS subdomain. */
export const OBJECT_NAME_PATTERN = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/** A label or annotation key: an optional DNS-subdomain prefix and "/", then a name of up to 63 characters. */
export const QUALIFIED_KEY_PATTERN = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

/** A label value: up to 63 letters, digits, "-", "_" or ".", starting and ending with a letter or digit (or empty). */
export const LABEL_VALUE_PATTERN = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

/** Key of a ConfigMap or Secret entry (also the file name when mounted). */
export const CONFIG_KEY_PATTERN = /^[-._a-zA-Z0-9]{1,253}$/;

/** Name of an environment variable that can be injected from a ConfigMap or Secret key. */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A namespace name: a DNS label that is not `default` or a `kube-*` system namespace. */
export function assertNamespaceName(scope: IConstruct, prop: string, value: string): void {
  assertDnsLabel(scope, prop, value);
  if (!isToken(value) && ((RESERVED_NAMESPACES as readonly string[]).includes(value) || value.startsWith('kube-'))) {
    throw new ValidationError(scope, prop, value, 'a dedicated namespace: never "default" or a "kube-*" system namespace');
  }
}

/** Standard labels of every object of one app (`app.kubernetes.io/*`). */
export function appLabels(name: string, partOf: string, component?: string): { [key: string]: string } {
  return {
    'app.kubernetes.io/name': name,
    'app.kubernetes.io/part-of': partOf,
    'app.kubernetes.io/managed-by': 'cdktf',
    ...(component ? { 'app.kubernetes.io/component': component } : {}),
  };
}

/** Pod selector of one app, optionally narrowed to one track. */
export function selectorLabels(name: string, track?: string): { [key: string]: string } {
  return track ? { 'app.kubernetes.io/name': name, [TRACK_LABEL]: track } : { 'app.kubernetes.io/name': name };
}
