import { App, TerraformVariable } from 'cdktf';
import { BadInput, production, staging } from './support';
import {
  AcmeClusterIssuer, AcmeServer, AppNamespace, AppNamespaceProps, GrafanaDashboard, ImagePullPolicy, K8sPlatform, K8sPlatformProps, K8sReadyApp, K8sReadyAppProps,
  LatencyMetric, PanelKind, RolloutAlerts, SecretValue, ServiceDashboard, TopologySpreadMode,
} from '../../lib';

const IMAGE = { repository: 'ghcr.io/acme/api', tag: '1.4.2' };
const BASE = { name: 'api', image: IMAGE, port: 8000, ingress: { hosts: ['api-staging.example.com'] } };
/** Props as JavaScript or JSON configuration may pass them: no TypeScript types. */
type Loose = { [key: string]: any };

const k8s = (props: Loose, stack = staging): BadInput[1] => (app) => new K8sReadyApp(stack(app), 'Api', { ...BASE, ...props } as K8sReadyAppProps);
const annotation = (key: string, value: string): BadInput[1] => k8s({ ingress: { hosts: ['api.example.com'], annotations: { [key]: value } } });
const lb = (lbProps: Loose, stack = staging): BadInput[1] => k8s({ loadBalancer: lbProps }, stack);
const ns = (props: Loose): BadInput[1] => (app) => new AppNamespace(staging(app), 'Ns', props as AppNamespaceProps);
const platform = (props: Loose): BadInput[1] => (app) => new K8sPlatform(staging(app), 'Platform', props as K8sPlatformProps);
const dashboard = (props: Loose): BadInput[1] => (app) => new GrafanaDashboard(staging(app), 'Board', { title: 'Board', panels: [{ title: 'Up', queries: [{ expr: 'up' }] }], ...props } as any);
const withApp = (build: (s: ReturnType<typeof staging>, api: K8sReadyApp) => void): BadInput[1] => (app: App) => {
  const s = staging(app);
  build(s, new K8sReadyApp(s, 'Api', BASE));
};
const GITHUB_TOKEN = `ghp_${'a1B2c3D4e5'.repeat(4)}`;
const PEM = '-----BEGIN RSA PRIVATE KEY-----\nMIIB\n-----END RSA PRIVATE KEY-----';

export const K8S_BAD_INPUTS: BadInput[] = [
  // --- K8sReadyApp: wrong types from JavaScript or JSON ---
  ['k8s: name as a number', k8s({ name: 42 }), '[staging/Api] invalid "name": got 42; expected a DNS label (RFC 1035): 1-56 lowercase letters, digits or "-", starting with a letter and ending with a letter or digit'],
  ['k8s: name not a DNS label', k8s({ name: 'Api_Service' }), '[staging/Api] invalid "name": got "Api_Service"; expected a DNS label (RFC 1035): 1-56 lowercase letters, digits or "-", starting with a letter and ending with a letter or digit'],
  ['k8s: name with an interpolation', k8s({ name: 'api${var.x}' }), '[staging/Api] invalid "name": got "api${var.x}"; expected a DNS label (RFC 1035): 1-56 lowercase letters, digits or "-", starting with a letter and ending with a letter or digit'],
  ['k8s: image as one string (the old API)', k8s({ image: 'ghcr.io/acme/api:1.4.2' }), '[staging/Api] invalid "image": got "ghcr.io/acme/api:1.4.2"; expected a ContainerImage { repository, tag } or { repository, digest }'],
  ['k8s: latest image', k8s({ image: { repository: 'ghcr.io/acme/api', tag: 'latest' } }), '[staging/Api] invalid "image.tag": got "latest"; expected a version tag or a digest: "latest" moves, so the same configuration would deploy different code on every apply'],
  ['k8s: unpinned image', k8s({ image: { repository: 'ghcr.io/acme/api' } }), '[staging/Api] invalid "image.tag": got undefined; expected exactly one of "tag" or "digest": an unpinned image would deploy whatever "latest" points at'],
  ['k8s: imageTag next to the image (the old API)', k8s({ imageTag: '1.4.2' }), '[staging/Api] invalid "imageTag": got "1.4.2"; expected no such property: the properties here are "acknowledgeUnsafeInProduction", "args", "canary", "command", "component", "configFiles", "configMountPath", "environment", "healthCheck", "image", "imagePullPolicy", "ingress", "latencyMetric", "loadBalancer", "maxUnavailable", "metrics", "name", "namespace", "platform", "port", "resources", "runAsUser", "scaleDownStabilizationSeconds", "scaling", "secretFiles", "secretMountPath", "secrets", "variables", "writableDirectories", "zoneSpread"'],
  ['k8s: port as a string', k8s({ port: '8000' }), '[staging/Api] invalid "port": got "8000"; expected a whole number from 1 to 65535'],
  ['k8s: port NaN', k8s({ port: NaN }), '[staging/Api] invalid "port": got NaN; expected a whole number from 1 to 65535'],
  ['k8s: port Infinity', k8s({ port: Infinity }), '[staging/Api] invalid "port": got Infinity; expected a whole number from 1 to 65535'],
  ['k8s: port out of range', k8s({ port: 70000 }), '[staging/Api] invalid "port": got 70000; expected a whole number from 1 to 65535'],
  ['k8s: minReplicas (the old API)', k8s({ minReplicas: 2 }), '[staging/Api] invalid "minReplicas": got 2; expected no such property: the properties here are "acknowledgeUnsafeInProduction", "args", "canary", "command", "component", "configFiles", "configMountPath", "environment", "healthCheck", "image", "imagePullPolicy", "ingress", "latencyMetric", "loadBalancer", "maxUnavailable", "metrics", "name", "namespace", "platform", "port", "resources", "runAsUser", "scaleDownStabilizationSeconds", "scaling", "secretFiles", "secretMountPath", "secrets", "variables", "writableDirectories", "zoneSpread"'],
  ['k8s: envVariables (the old API)', k8s({ envVariables: { A: 'b' } }), '[staging/Api] invalid "envVariables": got {"A":"b"}; expected no such property: the properties here are "acknowledgeUnsafeInProduction", "args", "canary", "command", "component", "configFiles", "configMountPath", "environment", "healthCheck", "image", "imagePullPolicy", "ingress", "latencyMetric", "loadBalancer", "maxUnavailable", "metrics", "name", "namespace", "platform", "port", "resources", "runAsUser", "scaleDownStabilizationSeconds", "scaling", "secretFiles", "secretMountPath", "secrets", "variables", "writableDirectories", "zoneSpread"'],
  ['k8s: command as a string', k8s({ command: 'node server.js' }), '[staging/Api] invalid "command": got "node server.js"; expected a list'],
  ['k8s: variables as a string', k8s({ variables: 'LOG_LEVEL=info' }), '[staging/Api] invalid "variables": got "LOG_LEVEL=info"; expected a map of names to values'],
  ['k8s: variable value as a number', k8s({ variables: { WORKERS: 4 } }), '[staging/Api] invalid "variables.WORKERS": got 4; expected a string'],
  ['k8s: env var name with a shell injection', k8s({ variables: { 'A;rm -rf /': 'x' } }), '[staging/Api] invalid "variables.A;rm -rf /": got "A;rm -rf /"; expected an environment variable name: letters, digits and "_", not starting with a digit'],
  ['k8s: secret as a plain { value } object', k8s({ secrets: { DATABASE_URL: { value: 'postgres://u:p@h/db' } } }), "[staging/Api] invalid \"secrets.DATABASE_URL\": got \"<non-SecretValue redacted>\"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct's secret attribute), never a plain string or object"],
  ['k8s: secret as a plain string', k8s({ secrets: { SECRET_KEY: 'hunter2' } }), "[staging/Api] invalid \"secrets.SECRET_KEY\": got \"<string redacted>\"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct's secret attribute), never a plain string or object"],
  ['k8s: secret file as a plain string', k8s({ secretFiles: { 'key.pem': PEM } }), "[staging/Api] invalid \"secretFiles.key.pem\": got \"<string redacted>\"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct's secret attribute), never a plain string or object"],
  ['k8s: runAsUser root', k8s({ runAsUser: 0 }), '[staging/Api] invalid "runAsUser": got 0; expected a whole number from 10000 to 2147483647'],
  ['k8s: failure threshold NaN', k8s({ healthCheck: { failureThreshold: NaN } }), '[staging/Api] invalid "healthCheck.failureThreshold": got NaN; expected a whole number from 1 to 10'],
  ['k8s: healthCheck typo', k8s({ healthCheck: { pth: '/healthz' } }), '[staging/Api] invalid "healthCheck.pth": got "/healthz"; expected no such property: the properties here are "failureThreshold", "livenessPath", "path", "port", "startupSeconds"'],
  ['k8s: probe on a port the container does not expose', k8s({ healthCheck: { port: 9000 } }), '[staging/Api] invalid "healthCheck.port": got 9000; expected a port the container exposes (8000 "http")'],
  ['k8s: CPU request above its limit', k8s({ resources: { cpuRequest: '2', cpuLimit: '500m' } }), '[staging/Api] invalid "resources.cpuRequest": got "2"; expected a value no greater than "resources.cpuLimit" (500m)'],
  ['k8s: writable directories as a string', k8s({ writableDirectories: '/tmp' }), '[staging/Api] invalid "writableDirectories": got "/tmp"; expected a list'],
  ['k8s: namespace given by name', k8s({ namespace: 'shop' }), '[staging/Api] invalid "namespace": got "shop"; expected an AppNamespace'],
  ['k8s: platform as a plain object', k8s({ platform: { ingressClassName: 'nginx' } }), '[staging/Api] invalid "platform": got {"ingressClassName":"nginx"}; expected an IK8sPlatform: a K8sPlatform, or K8sPlatform.fromPlatformAttributes(scope, id, { ... }) for one installed elsewhere'],
  ['k8s: zone spread as a string (JSON)', k8s({ zoneSpread: 'DoNotSchedule' }), '[staging/Api] invalid "zoneSpread": got "DoNotSchedule"; expected a TopologySpreadMode: TopologySpreadMode.SCHEDULE_ANYWAY or TopologySpreadMode.DO_NOT_SCHEDULE'],
  ['k8s: pull policy as a string (JSON)', k8s({ imagePullPolicy: 'IfNotPresent' }), '[staging/Api] invalid "imagePullPolicy": got "IfNotPresent"; expected an ImagePullPolicy: ImagePullPolicy.ALWAYS, ImagePullPolicy.IF_NOT_PRESENT or ImagePullPolicy.NEVER'],
  ['k8s: an enum-like of() with a number', k8s({ zoneSpread: TopologySpreadMode.of(1 as any) }), '[staging/Api] invalid "zoneSpread.value": got 1; expected a mode such as "ScheduleAnyway" (TopologySpreadMode.of takes a mode newer than the library)'],
  ['k8s: a panel kind of() with an injection', dashboard({ panels: [{ title: 'Up', kind: PanelKind.of('graph"><script>'), queries: [{ expr: 'up' }] }] }), '[staging/Board] invalid "panels[0].kind.value": got "graph\\"><script>"; expected a Grafana panel type such as "timeseries" or "bargauge"'],
  ['k8s: a token as the registry user name', ns({ registry: { username: 'ghp_' + 'a1B2c3D4e5'.repeat(4), token: SecretValue.fromToken('${TfToken[TOKEN.1]}') } }), '[staging/Ns] invalid "registry.username": got "<literal string redacted>"; expected no credential: the value looks like a GitHub token, and literal secrets never go into the configuration (secrets are SecretValues)'],
  ['k8s: IfNotPresent for a tag', k8s({ imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT }), "[staging/Api] invalid \"imagePullPolicy\": got \"IfNotPresent\"; expected \"Always\" for an image pinned by tag (got tag \"1.4.2\"): a node's cached copy of a tag may be stale or pulled with another namespace's credentials; pin \"image.digest\" to use \"IfNotPresent\""],
  ['k8s: latency metric as a plain object', k8s({ latencyMetric: { source: 'Pods', targetMilliseconds: 500 } }), '[staging/Api] invalid "latencyMetric": got {"source":"Pods","targetMilliseconds":500}; expected a LatencyMetric: LatencyMetric.ingress(<ms>) or LatencyMetric.pods("<histogram>", <ms>)'],
  ['k8s: latency histogram the platform does not serve', (app) => {
    const s = staging(app);
    const p = K8sPlatform.fromPlatformAttributes(s, 'Platform', { latencyHistograms: ['http_request_duration_seconds'] });
    new K8sReadyApp(s, 'Api', { ...BASE, ingress: undefined, platform: p, metrics: {}, latencyMetric: LatencyMetric.pods('ai_inference_duration_seconds', 5000) });
  }, "[staging/Api] invalid \"latencyMetric.histogram\": got \"ai_inference_duration_seconds\"; expected a histogram the platform's prometheus-adapter serves (\"http_request_duration_seconds\"): add it to the platform's \"latencyHistograms\", or the HPA finds no latency metric"],
  // --- scaling ---
  ['k8s: scaling min above max', k8s({ scaling: { minInstances: 5, maxInstances: 2 } }), '[staging/Api] invalid "scaling.minInstances": got 5; expected a value no greater than "scaling.maxInstances" (2)'],
  ['k8s: scaling CPU target 0', k8s({ scaling: { cpuTargetPercent: 0 } }), '[staging/Api] invalid "scaling.cpuTargetPercent": got 0; expected a whole number from 1 to 100'],
  ['k8s: scaling max as a string', k8s({ scaling: { maxInstances: 'ten' } }), '[staging/Api] invalid "scaling.maxInstances": got "ten"; expected a whole number from 1 to 1000'],
  ['k8s: scaling typo', k8s({ scaling: { maxReplicas: 4 } }), '[staging/Api] invalid "scaling.maxReplicas": got 4; expected no such property: the properties here are "cpuTargetPercent", "maxInstances", "memoryTargetPercent", "minInstances"'],
  // --- secrets by value ---
  ['k8s: DATABASE_URL as a plain variable', k8s({ variables: { DATABASE_URL: 'postgres://u:p@h/db' } }), '[staging/Api] invalid "variables.DATABASE_URL": got "<value redacted>"; expected a non-secret value: secret-looking names go in "secrets" (a Secret), never in the ConfigMap'],
  ['k8s: glued secret name as a plain variable', k8s({ variables: { OPENAI_APIKEY: 'x' } }), '[staging/Api] invalid "variables.OPENAI_APIKEY": got "<value redacted>"; expected a non-secret value: secret-looking names go in "secrets" (a Secret), never in the ConfigMap'],
  ['k8s: an API key under a harmless name', k8s({ variables: { CONFIG: 'sk-proj-abcdefghijklmnopqrstuvwxyz012345' } }), '[staging/Api] invalid "variables.CONFIG": got "<literal string redacted>"; expected a SecretValue: the value looks like an OpenAI-style API key (sk-...), and literal secrets never go into the configuration'],
  ['k8s: a URL with a password under a harmless name', k8s({ variables: { UPSTREAM: 'https://bot:s3cr3t@api.example.com' } }), '[staging/Api] invalid "variables.UPSTREAM": got "<literal string redacted>"; expected a SecretValue: the value looks like a URL with a password, and literal secrets never go into the configuration'],
  ['k8s: a private key in a config file', k8s({ configFiles: { 'tls.pem': PEM } }), '[staging/Api] invalid "configFiles.tls.pem": got "<literal string redacted>"; expected no credential: the value looks like a private key, and literal secrets never go into the configuration (secrets are SecretValues)'],
  ['k8s: a token in the arguments', k8s({ args: [`--token=${GITHUB_TOKEN}`] }), '[staging/Api] invalid "args[0]": got "<literal string redacted>"; expected no credential: the value looks like a GitHub token, and literal secrets never go into the configuration (secrets are SecretValues)'],
  // --- Ingress annotations that switch off TLS, HSTS or controls ---
  ['k8s: ssl-redirect off', annotation('nginx.ingress.kubernetes.io/ssl-redirect', 'false'), '[staging/Api] invalid "ingress.annotations.nginx.ingress.kubernetes.io/ssl-redirect": got "false"; expected "true": the Ingress redirects HTTP to HTTPS and sends HSTS; set "ingress.unsafeAllowPlainHttp" (acknowledged in production) to serve plain HTTP'],
  ['k8s: force-ssl-redirect off', annotation('nginx.ingress.kubernetes.io/force-ssl-redirect', 'false'), '[staging/Api] invalid "ingress.annotations.nginx.ingress.kubernetes.io/force-ssl-redirect": got "false"; expected "true": the Ingress redirects HTTP to HTTPS and sends HSTS; set "ingress.unsafeAllowPlainHttp" (acknowledged in production) to serve plain HTTP'],
  ['k8s: HSTS off (NGINX Inc. annotation)', annotation('nginx.org/hsts', 'False'), '[staging/Api] invalid "ingress.annotations.nginx.org/hsts": got "False"; expected "true": the Ingress redirects HTTP to HTTPS and sends HSTS; set "ingress.unsafeAllowPlainHttp" (acknowledged in production) to serve plain HTTP'],
  ['k8s: configuration snippet', annotation('nginx.ingress.kubernetes.io/configuration-snippet', 'more_clear_headers Strict-Transport-Security;'), '[staging/Api] invalid "ingress.annotations.nginx.ingress.kubernetes.io/configuration-snippet": got "more_clear_headers Strict-Transport-Security;"; expected no "*-snippet" annotation: snippets inject raw nginx configuration (CVE-2021-25742) and the platform disables them'],
  ['k8s: auth snippet', annotation('nginx.ingress.kubernetes.io/auth-snippet', 'return 200;'), '[staging/Api] invalid "ingress.annotations.nginx.ingress.kubernetes.io/auth-snippet": got "return 200;"; expected no "*-snippet" annotation: snippets inject raw nginx configuration (CVE-2021-25742) and the platform disables them'],
  ['k8s: TLS passthrough', annotation('nginx.ingress.kubernetes.io/ssl-passthrough', 'true'), "[staging/Api] invalid \"ingress.annotations.nginx.ingress.kubernetes.io/ssl-passthrough\": got \"true\"; expected no TLS passthrough: it bypasses the controller's TLS termination, HTTP redirect, HSTS and every other annotation"],
  ['k8s: canary annotation on the stable Ingress', annotation('nginx.ingress.kubernetes.io/canary-weight', '100'), '[staging/Api] invalid "ingress.annotations.nginx.ingress.kubernetes.io/canary-weight": got "100"; expected no canary annotation: the library manages the canary Ingress (use "canary")'],
  ['k8s: another ingress class', annotation('kubernetes.io/ingress.class', 'nginx-open'), "[staging/Api] invalid \"ingress.annotations.kubernetes.io/ingress.class\": got \"nginx-open\"; expected no ingress class annotation: the Ingress uses the platform's IngressClass (\"nginx\") through spec.ingressClassName"],
  ['k8s: global auth off', annotation('nginx.ingress.kubernetes.io/enable-global-auth', 'false'), "[staging/Api] invalid \"ingress.annotations.nginx.ingress.kubernetes.io/enable-global-auth\": got \"false\"; expected not \"false\": the controller's global external authentication protects every Ingress"],
  ['k8s: unverified client certificates', annotation('nginx.ingress.kubernetes.io/auth-tls-verify-client', 'optional_no_ca'), '[staging/Api] invalid "ingress.annotations.nginx.ingress.kubernetes.io/auth-tls-verify-client": got "optional_no_ca"; expected "on" or "optional": "off" and "optional_no_ca" pass client certificates nobody verified to the app'],
  ['k8s: server alias off the certificate', annotation('nginx.ingress.kubernetes.io/server-alias', 'evil.example.net'), '[staging/Api] invalid "ingress.annotations.nginx.ingress.kubernetes.io/server-alias": got "evil.example.net"; expected no server alias: every host goes in "ingress.hosts", so that it is on the TLS certificate'],
  ['k8s: credentials in an annotation', annotation('nginx.ingress.kubernetes.io/auth-url', 'https://u:pw@auth.example.com/check'), '[staging/Api] invalid "ingress.annotations.nginx.ingress.kubernetes.io/auth-url": got "<literal string redacted>"; expected no credential: the value looks like a URL with a password, and literal secrets never go into the configuration (secrets are SecretValues)'],
  ['k8s: plain HTTP opt-in as a string', k8s({ ingress: { hosts: ['api.example.com'], unsafeAllowPlainHttp: 'true' } }), '[staging/Api] invalid "ingress.unsafeAllowPlainHttp": got "true"; expected true or false (a boolean, not a string)'],
  ['k8s: plain HTTP in production without acknowledgement', k8s({ ingress: { hosts: ['api.example.com'], annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'false' }, unsafeAllowPlainHttp: true } }, production), '[production/Api] invalid "ingress.unsafeAllowPlainHttp": got true; expected false in production ("production"), or "unsafeAllowPlainHttp" listed in "acknowledgeUnsafeInProduction": without the HTTPS redirect and HSTS, clients may send credentials and sessions in clear text'],
  ['k8s: hosts as a string', k8s({ ingress: { hosts: 'api.example.com' } }), '[staging/Api] invalid "ingress.hosts": got "api.example.com"; expected a list'],
  ['k8s: Ingress without hosts', k8s({ ingress: { hosts: [] } }), '[staging/Api] invalid "ingress.hosts": got []; expected at least one hostname: the Ingress always has TLS, and a certificate needs a host'],
  ['k8s: host with a scheme', k8s({ ingress: { hosts: ['https://api.example.com'] } }), '[staging/Api] invalid "ingress.hosts[0]": got "https://api.example.com"; expected a lowercase hostname such as "api.example.com"'],
  ['k8s: host twice', k8s({ ingress: { hosts: ['api.example.com', 'api.example.com'] } }), '[staging/Api] invalid "ingress.hosts[1]": got "api.example.com"; expected a value not already in the list'],
  // --- LoadBalancer exposure by address space ---
  ['k8s: LoadBalancer open to 0.0.0.0/0', lb({ sourceRanges: ['0.0.0.0/0'], unsafeAllowPublicSourceRanges: true }), '[staging/Api] invalid "loadBalancer.sourceRanges[0]": got "0.0.0.0/0"; expected a range that is not internet-wide (this one covers 100% of the public IPv4 space): a LoadBalancer forwards plain TCP without TLS, so public traffic goes through "ingress"'],
  ['k8s: LoadBalancer open to half of IPv4', lb({ sourceRanges: ['10.0.0.0/8', '0.0.0.0/1'], unsafeAllowPublicSourceRanges: true }), '[staging/Api] invalid "loadBalancer.sourceRanges[1]": got "0.0.0.0/1"; expected a range that is not internet-wide (this one covers 57% of the public IPv4 space): a LoadBalancer forwards plain TCP without TLS, so public traffic goes through "ingress"'],
  ['k8s: LoadBalancer open to a public /8', lb({ sourceRanges: ['44.0.0.0/8'], unsafeAllowPublicSourceRanges: true }), '[staging/Api] invalid "loadBalancer.sourceRanges[0]": got "44.0.0.0/8"; expected a range that is not internet-wide (this one covers 0.45% of the public IPv4 space): a LoadBalancer forwards plain TCP without TLS, so public traffic goes through "ingress"'],
  ['k8s: LoadBalancer open to 2000::/3', lb({ sourceRanges: ['2000::/3'], unsafeAllowPublicSourceRanges: true }), '[staging/Api] invalid "loadBalancer.sourceRanges[0]": got "2000::/3"; expected a range that is not internet-wide (this one covers 100% of the public IPv6 space): a LoadBalancer forwards plain TCP without TLS, so public traffic goes through "ingress"'],
  ['k8s: LoadBalancer open to 2001::/16', lb({ sourceRanges: ['2001::/16'], unsafeAllowPublicSourceRanges: true }), '[staging/Api] invalid "loadBalancer.sourceRanges[0]": got "2001::/16"; expected a range that is not internet-wide (this one covers 0.012% of the public IPv6 space): a LoadBalancer forwards plain TCP without TLS, so public traffic goes through "ingress"'],
  ['k8s: LoadBalancer public range without the opt-in', lb({ sourceRanges: ['81.2.69.0/24'] }), '[staging/Api] invalid "loadBalancer.sourceRanges[0]": got "81.2.69.0/24"; expected a non-public range (private, CGNAT or link-local); public sources go through "ingress", or set "loadBalancer.unsafeAllowPublicSourceRanges" (acknowledged in production)'],
  ['k8s: LoadBalancer opt-in as a string', lb({ sourceRanges: ['81.2.69.0/24'], unsafeAllowPublicSourceRanges: 'false' }), '[staging/Api] invalid "loadBalancer.unsafeAllowPublicSourceRanges": got "false"; expected true or false (a boolean, not a string)'],
  ['k8s: LoadBalancer public range in production without acknowledgement', lb({ sourceRanges: ['81.2.69.0/24'], unsafeAllowPublicSourceRanges: true }, production), "[production/Api] invalid \"loadBalancer.unsafeAllowPublicSourceRanges\": got true; expected false in production (\"production\"), or \"unsafeAllowPublicSourceRanges\" listed in \"acknowledgeUnsafeInProduction\": a LoadBalancer open to public ranges forwards plain TCP to the pods, without the ingress controller's TLS"],
  ['k8s: acknowledgement with a typo', k8s({ acknowledgeUnsafeInProduction: ['unsafeAllowPublicSourceRange'] }), '[staging/Api] invalid "acknowledgeUnsafeInProduction[0]": got "unsafeAllowPublicSourceRange"; expected the name of an unsafe option of K8sReadyApp: "unsafeAllowPublicSourceRanges" or "unsafeAllowPlainHttp"'],
  ['k8s: LoadBalancer sources as a string', lb({ sourceRanges: '10.0.0.0/8' }), '[staging/Api] invalid "loadBalancer.sourceRanges": got "10.0.0.0/8"; expected a list'],
  ['k8s: LoadBalancer range with host bits', lb({ sourceRanges: ['10.0.0.1/8'] }), '[staging/Api] invalid "loadBalancer.sourceRanges[0]": got "10.0.0.1/8"; expected an IPv4 ("10.0.0.0/16") or IPv6 ("fd00::/8") CIDR block with no host bits set'],
  // --- canary ---
  ['k8s: canary with the old imageTag', k8s({ canary: { imageTag: '1.5.0' } }), '[staging/Api] invalid "canary.image": got undefined; expected a ContainerImage { repository, tag } or { repository, digest }'],
  ['k8s: canary weight 150', k8s({ canary: { image: IMAGE, weight: 150 } }), '[staging/Api] invalid "canary.weight": got 150; expected a whole number from 0 to 100'],
  ['k8s: canary promote as a string', k8s({ canary: { image: IMAGE, promote: 'yes' } }), '[staging/Api] invalid "canary.promote": got "yes"; expected true or false (a boolean, not a string)'],
  ['k8s: canary without ingress', k8s({ ingress: undefined, metrics: {}, latencyMetric: LatencyMetric.pods('http_request_duration_seconds', 300), canary: { image: IMAGE } }), '[staging/Api] invalid "canary": got "<canary>"; expected an app with "ingress": ingress-nginx splits the canary traffic by weight'],
  // --- collisions ---
  ['k8s: two apps with one name in one namespace', (app) => {
    const s = staging(app);
    new K8sReadyApp(s, 'Api', BASE);
    new K8sReadyApp(s, 'Api2', { ...BASE, ingress: { hosts: ['api2.example.com'] } });
  }, '[staging/Api2] invalid "name": got "api"; expected a Deployment name not already used in namespace "livestreamsell-staging": staging/Api (its "name") already creates the Deployment "api" there; give one of the apps another "name" or "namespace"'],
  ['k8s: an app named like the canary of another', (app) => {
    const s = staging(app);
    new K8sReadyApp(s, 'Api', { ...BASE, canary: { image: { ...IMAGE, tag: '1.5.0' } } });
    new K8sReadyApp(s, 'Next', { ...BASE, name: 'api-canary', ingress: { hosts: ['next.example.com'] } });
  }, '[staging/Next] invalid "name": got "api-canary"; expected a Deployment name not already used in namespace "livestreamsell-staging": staging/Api (its "name") already creates the Deployment "api-canary" there; give one of the apps another "name" or "namespace"'],
  ['k8s: two namespaces with one name', (app) => {
    const s = staging(app);
    new AppNamespace(s, 'Shop', { name: 'shop' });
    new AppNamespace(s, 'Store', { name: 'shop', imagePullSecret: false });
  }, '[staging/Store] invalid "name": got "shop"; expected a Namespace name not already used in the cluster: staging/Shop (its "name") already creates the Namespace "shop" there'],
  ['k8s: an app namespace named like the platform\'s', (app) => {
    const s = staging(app);
    new K8sPlatform(s, 'Platform');
    new AppNamespace(s, 'Ns', { name: 'monitoring' });
  }, '[staging/Ns] invalid "name": got "monitoring"; expected a Namespace name not already used in the cluster: staging/Platform (its "monitoringNamespace") already creates the Namespace "monitoring" there'],
  ['k8s: platform with one namespace twice', platform({ ingressNamespace: 'platform', monitoringNamespace: 'platform' }), '[staging/Platform] invalid "monitoringNamespace": got "platform"; expected a Namespace name not already used in the cluster: its own "ingressNamespace" already creates the Namespace "platform" there'],
  ['k8s: two dashboards with one uid', (app) => {
    const s = staging(app);
    new GrafanaDashboard(s, 'A', { title: 'A', uid: 'overview', panels: [{ title: 'Up', queries: [{ expr: 'up' }] }] });
    new GrafanaDashboard(s, 'B', { title: 'B', uid: 'overview', panels: [{ title: 'Up', queries: [{ expr: 'up' }] }] });
  }, '[staging/B] invalid "uid": got "overview"; expected a dashboard uid not already used in Grafana: staging/A (its "uid") already creates the dashboard "overview" there'],
  ['k8s: two service dashboards for apps of one name', (app) => {
    const s = staging(app);
    const shop = K8sReadyApp.fromWorkloadAttributes(s, 'ShopApi', { name: 'api', namespaceName: 'shop', port: 8000 });
    const blog = K8sReadyApp.fromWorkloadAttributes(s, 'BlogApi', { name: 'api', namespaceName: 'blog', port: 8000 });
    new ServiceDashboard(s, 'ShopDashboard', { app: shop });
    new ServiceDashboard(s, 'BlogDashboard', { app: blog });
  }, '[staging/BlogDashboard] invalid "app": got "staging-api"; expected a dashboard uid not already used in Grafana: staging/ShopDashboard (its "app") already creates the dashboard "staging-api" there; set "uid" on one of them'],
  ['k8s: two rule sets for one app', withApp((s, api) => {
    new RolloutAlerts(s, 'Alerts', { app: api });
    new RolloutAlerts(s, 'MoreAlerts', { app: api });
  }), '[staging/MoreAlerts] invalid "app": got "api-rollout"; expected a PrometheusRule name not already used in namespace "livestreamsell-staging": staging/Alerts (its "app") already creates the PrometheusRule "api-rollout" there'],
  ['k8s: two issuers with one name', (app) => {
    const s = staging(app);
    new AcmeClusterIssuer(s, 'Issuer', { email: 'ops@example.com' });
    new AcmeClusterIssuer(s, 'Issuer2', { email: 'ops@example.com', server: AcmeServer.LETS_ENCRYPT_STAGING });
  }, '[staging/Issuer2] invalid "platform.clusterIssuerName": got "letsencrypt"; expected a ClusterIssuer name not already used in the cluster: staging/Issuer (its "platform.clusterIssuerName") already creates the ClusterIssuer "letsencrypt" there'],
  // --- AppNamespace ---
  ['k8s: namespace named default', ns({ name: 'default' }), '[staging/Ns] invalid "name": got "default"; expected a dedicated namespace: never "default" or a "kube-*" system namespace'],
  ['k8s: Pod Security level as a string', ns({ podSecurityLevel: 'privileged' }), '[staging/Ns] invalid "podSecurityLevel": got "privileged"; expected a PodSecurityLevel: PodSecurityLevel.RESTRICTED or PodSecurityLevel.BASELINE'],
  ['k8s: pull secret switch as a string', ns({ imagePullSecret: 'false' }), '[staging/Ns] invalid "imagePullSecret": got "false"; expected true or false (a boolean, not a string)'],
  ['k8s: registry token as a plain string', ns({ registry: { username: 'bot', token: 'ghp_x' } }), "[staging/Ns] invalid \"registry.token\": got \"<string redacted>\"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct's secret attribute), never a plain string or object"],
  ['k8s: registry token as a { value } object', ns({ registry: { username: 'bot', token: { value: '${var.t}' } } }), "[staging/Ns] invalid \"registry.token\": got \"<non-SecretValue redacted>\"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct's secret attribute), never a plain string or object"],
  ['k8s: a label over the Pod Security level', ns({ labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } }), '[staging/Ns] invalid "labels.pod-security.kubernetes.io/enforce": got "privileged"; expected a label the namespace does not set itself (set "podSecurityLevel" for Pod Security, the environment for the others)'],
  ['k8s: a namespace prop typo', ns({ podSecurity: 'restricted' }), '[staging/Ns] invalid "podSecurity": got "restricted"; expected no such property: the properties here are "environment", "imagePullSecret", "labels", "name", "podSecurityLevel", "registry"'],
  // --- K8sPlatform ---
  ['k8s: controller open to 0.0.0.0/0 next to Cloudflare', platform({ ingressSourceRanges: ['173.245.48.0/20', '0.0.0.0/0'] }), '[staging/Platform] invalid "ingressSourceRanges[1]": got "0.0.0.0/0"; expected a range narrower than the internet (this one covers 100% of the public IPv4 space): "ingressSourceRanges" restricts the controller to known sources; leave it unset to keep the controller open'],
  ['k8s: controller open to ::/0', platform({ ingressSourceRanges: ['2400:cb00::/32', '::/0'] }), '[staging/Platform] invalid "ingressSourceRanges[1]": got "::/0"; expected a range narrower than the internet (this one covers 100% of the public IPv6 space): "ingressSourceRanges" restricts the controller to known sources; leave it unset to keep the controller open'],
  ['k8s: controller ranges as a string', platform({ ingressSourceRanges: '173.245.48.0/20' }), '[staging/Platform] invalid "ingressSourceRanges": got "173.245.48.0/20"; expected a list'],
  ['k8s: platform replicas NaN', platform({ replicas: NaN }), '[staging/Platform] invalid "replicas": got NaN; expected a whole number from 1 to 10'],
  ['k8s: chart version range', platform({ chartVersions: { ingressNginx: '^4.14.0' } }), '[staging/Platform] invalid "chartVersions.ingressNginx": got "^4.14.0"; expected an exact chart version such as "1.2.3" (ranges and "latest" would let a plan change the platform by itself)'],
  ['k8s: Grafana password as a string', platform({ grafanaAdminPassword: 'admin' }), "[staging/Platform] invalid \"grafanaAdminPassword\": got \"<string redacted>\"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct's secret attribute), never a plain string or object"],
  ['k8s: platform prop typo', platform({ ingressClass: 'nginx' }), '[staging/Platform] invalid "ingressClass": got "nginx"; expected no such property: the properties here are "certManagerNamespace", "chartVersions", "clusterIssuerName", "environment", "grafanaAdminPassword", "ingressClassName", "ingressNamespace", "ingressSourceRanges", "latencyHistograms", "monitoringNamespace", "prometheusRetentionDays", "prometheusStorageSize", "replicas"'],
  ['k8s: imported platform in the default namespace', (app) => K8sPlatform.fromPlatformAttributes(staging(app), 'Platform', { monitoringNamespace: 'default' }), '[staging/Platform] invalid "monitoringNamespace": got "default"; expected a dedicated namespace: never "default" or a "kube-*" system namespace'],
  // --- AcmeClusterIssuer ---
  ['k8s: ACME server as a string (JSON)', (app) => new AcmeClusterIssuer(staging(app), 'Issuer', { server: 'https://acme.example.com/directory' } as any), '[staging/Issuer] invalid "server": got "https://acme.example.com/directory"; expected an AcmeServer: AcmeServer.LETS_ENCRYPT_PRODUCTION, AcmeServer.LETS_ENCRYPT_STAGING or AcmeServer.of("https://...")'],
  ['k8s: ACME server over http', (app) => new AcmeClusterIssuer(staging(app), 'Issuer', { server: AcmeServer.of('http://acme.example.com/directory') }), '[staging/Issuer] invalid "server": got "http://acme.example.com/directory"; expected an https:// ACME directory URL'],
  ['k8s: ACME e-mail without a domain', (app) => new AcmeClusterIssuer(staging(app), 'Issuer', { email: 'ops' }), '[staging/Issuer] invalid "email": got "ops"; expected an e-mail address'],
  // --- RolloutAlerts and dashboards ---
  ['k8s: alerts for a look-alike app object', (app) => new RolloutAlerts(staging(app), 'Alerts', { app: { name: 'api', namespaceName: 'shop' } } as any), '[staging/Alerts] invalid "app": got {"name":"api","namespaceName":"shop"}; expected an IK8sWorkload: a K8sReadyApp, or K8sReadyApp.fromWorkloadAttributes(scope, id, { ... }) for one created elsewhere'],
  ['k8s: alert threshold as a string', withApp((s, api) => new RolloutAlerts(s, 'Alerts', { app: api, healthCheckFailures: '3' } as any)), '[staging/Alerts] invalid "healthCheckFailures": got "3"; expected a whole number from 1 to 100'],
  ['k8s: AI latency Infinity', withApp((s, api) => new RolloutAlerts(s, 'Alerts', { app: api, aiLatencySeconds: Infinity })), '[staging/Alerts] invalid "aiLatencySeconds": got Infinity; expected a whole number from 1 to 600'],
  ['k8s: service dashboard without an app', (app) => new ServiceDashboard(staging(app), 'Board', {} as any), '[staging/Board] invalid "app": got undefined; expected an IK8sWorkload: a K8sReadyApp, or K8sReadyApp.fromWorkloadAttributes(scope, id, { ... }) for one created elsewhere'],
  ['k8s: dashboard panels as an object', dashboard({ panels: { title: 'Up' } }), '[staging/Board] invalid "panels": got {"title":"Up"}; expected a list'],
  ['k8s: panel kind as a string (JSON)', dashboard({ panels: [{ title: 'Up', kind: 'pie', queries: [{ expr: 'up' }] }] }), '[staging/Board] invalid "panels[0].kind": got "pie"; expected a PanelKind: PanelKind.TIMESERIES, PanelKind.STAT, PanelKind.GAUGE or PanelKind.of("<grafana panel type>")'],
  ['k8s: panel width NaN', dashboard({ panels: [{ title: 'Up', width: NaN, queries: [{ expr: 'up' }] }] }), '[staging/Board] invalid "panels[0].width": got NaN; expected a whole number from 1 to 24'],
  ['k8s: a Slack token in a dashboard title', dashboard({ title: 'xoxb-1234567890-abcdefghij' }), '[staging/Board] invalid "title": got "<literal string redacted>"; expected no credential: the value looks like a Slack token, and literal secrets never go into the configuration (secrets are SecretValues)'],
  ['k8s: a PromQL query from a variable', (app) => {
    const s = staging(app);
    const q = new TerraformVariable(s, 'q', { type: 'string' });
    new GrafanaDashboard(s, 'Board', { title: 'Board', panels: [{ title: 'Up', queries: [{ expr: q.stringValue }] }] });
  }, '[staging/Board] invalid "panels[0].queries[0].expr": got "<token>"; expected a literal PromQL expression'],
  // --- imported workloads and allowFrom ---
  ['k8s: imported workload port as a string', (app) => K8sReadyApp.fromWorkloadAttributes(staging(app), 'Api', { name: 'api', namespaceName: 'shop', port: '8000' } as any), '[staging/Api] invalid "port": got "8000"; expected a whole number from 1 to 65535'],
  ['k8s: imported canary without an Ingress', (app) => K8sReadyApp.fromWorkloadAttributes(staging(app), 'Api', { name: 'api', namespaceName: 'shop', port: 8000, canary: true }), '[staging/Api] invalid "canary": got true; expected false for an app without "hosts": a canary runs only next to an Ingress'],
  ['k8s: allowFrom a look-alike object', withApp((_s, api) => api.allowFrom({ name: 'web', namespaceName: 'shop', selectorLabels: { app: 'web' } } as any)), '[staging/Api] invalid "other": got {"name":"web","namespaceName":"shop","selectorLabels":{"app":"web"}}; expected an IK8sWorkload: a K8sReadyApp or K8sReadyApp.fromWorkloadAttributes(...)'],
  ['k8s: allowFrom between two imported workloads', (app) => {
    const s = staging(app);
    const a = K8sReadyApp.fromWorkloadAttributes(s, 'A', { name: 'a', namespaceName: 'shop', port: 8000 });
    const b = K8sReadyApp.fromWorkloadAttributes(s, 'B', { name: 'b', namespaceName: 'shop', port: 8000 });
    a.allowFrom(b);
  }, '[staging/A] invalid "other": got "<shop/b>"; expected a K8sReadyApp of this program on at least one side: between two imported workloads there is no NetworkPolicy to change'],
  ['k8s: the SecretValue class instead of a value', k8s({ secrets: { TOKEN: SecretValue } }), "[staging/Api] invalid \"secrets.TOKEN\": got \"<non-SecretValue redacted>\"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct's secret attribute), never a plain string or object"],
];
