import { Construct } from 'constructs';
import { checkLoadBalancerSourceRanges } from './exposure';
import { checkIngressAnnotations } from './ingress-annotations';
import { assertNoSecretByValue } from './literal-secrets';
import { OBJECT_NAME_PATTERN, QUALIFIED_KEY_PATTERN } from './names';
import { ValidationError } from '../../core/errors';
import { Input } from '../../core/private/input';
import { HOSTNAME_PATTERN } from '../../core/private/validation';
import { IK8sPlatform } from '../k8s-platform-attributes';

/** `IngressOptions`, checked, with defaults. */
export interface IngressSettings {
  readonly hosts: string[];
  readonly paths: string[];
  readonly tlsSecretName: string;
  readonly annotations: { [key: string]: string };
  readonly unsafeAllowPlainHttp: boolean;
}

/** `LoadBalancerOptions`, checked, with defaults. */
export interface LoadBalancerSettings {
  readonly sourceRanges: string[];
  readonly port: number;
  readonly annotations?: { [key: string]: string };
  readonly unsafeAllowPublicSourceRanges: boolean;
}

const ANNOTATION_KEYS = { key: { pattern: QUALIFIED_KEY_PATTERN, allowed: 'an annotation key such as "nginx.ingress.kubernetes.io/proxy-body-size"' } };

/** Reads `ingress` (undefined when not set). */
export function readIngress(scope: Construct, props: Input, name: string, platform: IK8sPlatform): IngressSettings | undefined {
  const input = props.object('ingress');
  if (input === undefined) return undefined;
  const hosts = input.stringList('hosts', { unique: true, pattern: HOSTNAME_PATTERN, allowed: 'a lowercase hostname such as "api.example.com"' });
  if (hosts === undefined || hosts.length === 0) {
    throw new ValidationError(scope, input.path('hosts'), hosts, 'at least one hostname: the Ingress always has TLS, and a certificate needs a host');
  }
  const paths = input.stringList('paths', { minItems: 1, unique: true, pattern: /^\/[^\s]*$/, allowed: 'a path prefix starting with "/"' }) ?? ['/'];
  const tlsSecretName = input.string('tlsSecretName', { pattern: OBJECT_NAME_PATTERN, maxLength: 253, allowed: 'a Secret name: lowercase letters, digits, "-" or "."' }) ?? `${name}-tls`;
  const annotations = input.stringMap('annotations', ANNOTATION_KEYS) ?? {};
  const unsafeAllowPlainHttp = input.boolean('unsafeAllowPlainHttp') ?? false;
  input.done();
  checkIngressAnnotations(scope, input.path('annotations'), annotations, {
    ingressClassName: platform.ingressClassName,
    allowPlainHttp: unsafeAllowPlainHttp,
    unsafeProp: input.path('unsafeAllowPlainHttp'),
  });
  return { hosts, paths, tlsSecretName, annotations, unsafeAllowPlainHttp };
}

/** Reads `loadBalancer` (undefined when not set). */
export function readLoadBalancer(scope: Construct, props: Input): LoadBalancerSettings | undefined {
  const input = props.object('loadBalancer');
  if (input === undefined) return undefined;
  const sourceRanges = input.stringList('sourceRanges', { unique: true });
  if (sourceRanges === undefined || sourceRanges.length === 0) {
    throw new ValidationError(scope, input.path('sourceRanges'), sourceRanges, 'at least one source CIDR (a load balancer open to nobody is a mistake, one open to everybody is refused)');
  }
  const port = input.integer('port', 1, 65535) ?? 80;
  const annotations = input.stringMap('annotations', ANNOTATION_KEYS);
  const unsafeAllowPublicSourceRanges = input.boolean('unsafeAllowPublicSourceRanges') ?? false;
  input.done();
  for (const [key, value] of Object.entries(annotations ?? {})) assertNoSecretByValue(scope, `${input.path('annotations')}.${key}`, value);
  checkLoadBalancerSourceRanges(scope, input.path('sourceRanges'), sourceRanges, input.path('unsafeAllowPublicSourceRanges'), unsafeAllowPublicSourceRanges);
  return { sourceRanges, port, annotations, unsafeAllowPublicSourceRanges };
}
