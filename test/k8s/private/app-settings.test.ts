import { Environment, K8sReadyApp, K8sReadyAppProps, LatencyMetric, SecretValue } from '../../../lib';
import { environmentStack } from '../../support/template';
import { errorMessage } from '../support';

const IMAGE = { repository: 'ghcr.io/acme/api', tag: '1.4.2' };

function create(props: Partial<K8sReadyAppProps> = {}, env?: Environment): K8sReadyApp {
  return new K8sReadyApp(environmentStack(env), 'Api', { name: 'api', image: IMAGE, port: 8000, ingress: { hosts: ['api.example.com'] }, ...props });
}

describe('K8sReadyApp props', () => {
  const cases: Array<[string, Partial<K8sReadyAppProps>, string]> = [
    ['a name too long for the canary suffix', { name: 'a'.repeat(57) }, `[test/Api] invalid "name": got "${'a'.repeat(57)}"; expected a DNS label (RFC 1035): 1-56 lowercase letters, digits or "-", starting with a letter and ending with a letter or digit`],
    ['no latency metric without ingress', { ingress: undefined }, '[test/Api] invalid "latencyMetric": got undefined; expected a LatencyMetric for an app without "ingress": LatencyMetric.pods("<histogram>", <ms>) with "metrics" set (every HPA scales on CPU and latency)'],
    ['an ingress latency metric without ingress', { ingress: undefined, latencyMetric: LatencyMetric.ingress() }, '[test/Api] invalid "latencyMetric": got "Ingress"; expected LatencyMetric.pods(...) for an app without "ingress" (an Ingress metric needs the app\'s Ingress)'],
    ['a Pods latency metric without scraping', { latencyMetric: LatencyMetric.pods('http_request_duration_seconds', 300) }, '[test/Api] invalid "metrics": got undefined; expected a MetricsOptions: a Pods latency metric needs Prometheus to scrape the pods'],
    ['a latency target of 0 ms', { latencyMetric: LatencyMetric.ingress(0) }, '[test/Api] invalid "latencyMetric.targetMilliseconds": got 0; expected a whole number from 1 to 600000'],
    ['a latency target of NaN ms', { latencyMetric: LatencyMetric.ingress(NaN) }, '[test/Api] invalid "latencyMetric.targetMilliseconds": got NaN; expected a whole number from 1 to 600000'],
    ['a histogram that is not a metric name', { metrics: {}, latencyMetric: LatencyMetric.pods('ai latency', 300) }, '[test/Api] invalid "latencyMetric.histogram": got "ai latency"; expected a Prometheus metric name such as "ai_inference_duration_seconds"'],
    ['a malformed memory limit', { resources: { memoryLimit: '512MB' } }, '[test/Api] invalid "resources.memoryLimit": got "512MB"; expected a memory quantity greater than zero such as "256Mi" or "1Gi"'],
    ['a relative writable directory', { writableDirectories: ['tmp'] }, '[test/Api] invalid "writableDirectories[0]": got "tmp"; expected an absolute path such as "/health"'],
    ['an Ingress without paths', { ingress: { hosts: ['api.example.com'], paths: [] } }, '[test/Api] invalid "ingress.paths": got []; expected a list of at least 1 item'],
    ['an Ingress path without a leading slash', { ingress: { hosts: ['api.example.com'], paths: ['api'] } }, '[test/Api] invalid "ingress.paths[0]": got "api"; expected a path prefix starting with "/"'],
    ['a relative health path', { healthCheck: { path: 'health' } }, '[test/Api] invalid "healthCheck.path": got "health"; expected an absolute path such as "/health"'],
    ['a config file name with a slash', { configFiles: { 'conf/app.yaml': 'x' } }, '[test/Api] invalid "configFiles.conf/app.yaml": got "conf/app.yaml"; expected a file name of letters, digits, "-", "_" or "." (a ConfigMap/Secret key)'],
    ['a key used both as variable and file', { variables: { MODE: 'a' }, configFiles: { MODE: 'b' } }, '[test/Api] invalid "configFiles.MODE": got "MODE"; expected a key not also used by an environment variable (both share one ConfigMap/Secret)'],
    ['a name both plain and secret', { variables: { MODE: 'a' }, secrets: { MODE: SecretValue.fromToken('${TfToken[TOKEN.1]}') } }, '[test/Api] invalid "secrets.MODE": got "MODE"; expected a name not also in "variables" (the container would get one of the two values)'],
    ['config and secret files at one path', { configFiles: { a: 'x' }, secretFiles: { b: SecretValue.fromToken('${TfToken[TOKEN.1]}') }, configMountPath: '/etc/app', secretMountPath: '/etc/app' }, '[test/Api] invalid "secretMountPath": got "/etc/app"; expected a path other than "configMountPath": two volumes cannot mount at one path'],
    ['an invalid env var name', { variables: { 'LOG-LEVEL': 'info' } }, '[test/Api] invalid "variables.LOG-LEVEL": got "LOG-LEVEL"; expected an environment variable name: letters, digits and "_", not starting with a digit'],
    ['a component that is not a label value', { component: 'API server' }, '[test/Api] invalid "component": got "API server"; expected a label value such as "api" or "worker"'],
  ];
  test.each(cases)('refuses %s', (_what, props, message) => {
    expect(errorMessage(() => create(props))).toBe(message);
  });

  test('refuses a secret-looking name in variables even when the value is a token', () => {
    const stack = environmentStack();
    const token = SecretValue.fromVariable(stack, 'db', 'db').value;
    expect(errorMessage(() => new K8sReadyApp(stack, 'Api', { name: 'api', image: IMAGE, port: 8000, ingress: { hosts: ['a.example.com'] }, variables: { DATABASE_URL: token } }))).toBe(
      '[test/Api] invalid "variables.DATABASE_URL": got "<value redacted>"; expected a non-secret value: secret-looking names go in "secrets" (a Secret), never in the ConfigMap',
    );
  });

  test('acknowledges one unsafe option without acknowledging the other', () => {
    expect(errorMessage(() => create({
      loadBalancer: { sourceRanges: ['81.2.69.0/24'], unsafeAllowPublicSourceRanges: true },
      ingress: { hosts: ['api.example.com'], unsafeAllowPlainHttp: true },
      acknowledgeUnsafeInProduction: ['loadBalancer.unsafeAllowPublicSourceRanges'],
    }, Environment.production({ project: 'acme' })))).toBe(
      '[test/Api] invalid "ingress.unsafeAllowPlainHttp": got true; expected false in production ("production"), or "unsafeAllowPlainHttp" listed in "acknowledgeUnsafeInProduction": without the HTTPS redirect and HSTS, clients may send credentials and sessions in clear text',
    );
  });

  test('messages start with the construct path', () => {
    expect(() => create({ port: 0 })).toThrow(/^\[test\/Api\] invalid "port"/);
  });
});
