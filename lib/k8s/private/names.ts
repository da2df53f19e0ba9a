import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { assertDnsLabel, isToken } from '../../core/private/validation';

/**
 * Kubernetes naming rules shared by the k8s constructs. Names end up in object
 * names, label values and DNS records, so a bad one fails at synth with the
 * construct path instead of at `terraform apply` with an API-server error.
 */

/** RFC 1035 label: what Service names must be (starts with a letter). */
export const DNS_1035_LABEL_PATTERN = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** Namespaces that workloads of this library never go into. */
export const RESERVED_NAMESPACES = ['default', 'kube-system', 'kube-public', 'kube-node-lease'] as const;

/** Suffix of the canary Deployment, Service and Ingress names. */
export const CANARY_SUFFIX = '-canary';

/** Label key of the track (stable or canary) that selectors split on. */
export const TRACK_LABEL = 'track';

/**
 * An app name: an RFC 1035 label short enough that "<name>-canary" is still a
 * valid label, because the same name is used for the Deployment, the Service
 * and (suffixed) the canary objects.
 */
export function assertAppName(scope: IConstruct, prop: string, value: string): void {
  if (isToken(value)) return;
  const max = 63 - CANARY_SUFFIX.length;
  if (!DNS_1035_LABEL_PATTERN.test(value) || value.length > max) {
    throw new ValidationError(scope, prop, value, `a DNS label (RFC 1035): 1-${max} lowercase letters, digits or "-", starting with a letter and ending with a letter or digit`);
  }
}

/** A namespace name: a DNS label that is not `default` or a `kube-*` system namespace. */
export function assertNamespaceName(scope: IConstruct, prop: string, value: string): void {
  assertDnsLabel(scope, prop, value);
  if (!isToken(value) && ((RESERVED_NAMESPACES as readonly string[]).includes(value) || value.startsWith('kube-'))) {
    throw new ValidationError(scope, prop, value, 'a dedicated namespace: never "default" or a "kube-*" system namespace');
  }
}

/** Key of a ConfigMap or Secret entry (also the file name when mounted). */
export const CONFIG_KEY_PATTERN = /^[-._a-zA-Z0-9]{1,253}$/;

/** Name of an environment variable that can be injected from a ConfigMap or Secret key. */
export const ENV_NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

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
