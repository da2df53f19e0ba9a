import { App } from 'cdktf';
import { BadInput, production, staging } from './support';
import {
  AlertRouting, AlertRoutingProps, IWatchedRenderService, RenderCompute, RenderWebService, RenderNotifications, RenderObservability, RenderObservabilityProps,
  RenderWorkspaceObservability, RenderWorkspaceObservabilityProps, SecretValue,
} from '../../lib';

const IMAGE = { repository: 'ghcr.io/acme/api', tag: '1.4.2' };

/** The app's services in a stack of the given kind. */
function renderServices(app: App, env: 'staging' | 'production' = 'staging') {
  const stack = env === 'staging' ? staging(app) : production(app);
  const compute = new RenderCompute(stack, 'Compute', {
    publicImages: true,
    webServices: { Api: { image: IMAGE, healthCheckPath: '/health', port: 8000, customDomain: 'api.example.com' } },
    workers: { AiWorker: { image: IMAGE } },
    cronJobs: { Backup: { image: IMAGE, schedule: '17 3 * * *', command: 'backup' } },
  });
  const worker = compute.service('AiWorker') as unknown as IWatchedRenderService;
  return { stack, api: compute.service('Api') as RenderWebService, worker, backup: compute.service('Backup') as unknown as IWatchedRenderService };
}

/** A RenderObservability of the API with `props` merged in (any: JavaScript callers). */
const obs = (props: (s: ReturnType<typeof renderServices>) => any, env?: 'staging' | 'production'): BadInput[1] => (app) => {
  const s = renderServices(app, env);
  new RenderObservability(s.stack, 'Observability', { webServices: [s.api], ...props(s) } as RenderObservabilityProps);
};
const routing = (props: any): BadInput[1] => (app) => new AlertRouting(staging(app), 'Alerting', props as AlertRoutingProps);
const point = (p: any): BadInput[1] => routing({ contactPoints: { team: p } });
const workspace = (props: any): BadInput[1] => (app) => new RenderWorkspaceObservability(staging(app), 'Workspace', props as RenderWorkspaceObservabilityProps);
const guard = (g: any): BadInput[1] => obs(() => ({ releaseGuard: { hostname: 'release-guard.example.com', ...g } }));

const O = '[staging/Observability]';
const A = '[staging/Alerting]';
const W = '[staging/Workspace]';
const SERVICE = 'a Render service (a RenderWebService, RenderBackgroundWorker or RenderCronJob: serviceName, renderName, serviceId and overrideNotifications())';
const WEB = 'a Render web service (a RenderWebService: serviceName, renderName, serviceId, publicHostname, healthCheckPath and overrideNotifications())';
const HTTPS = 'an https URL such as "https://events.example.com/grafana" (plain http is refused: alerts carry internal details)';

export const OBSERVABILITY_BAD_INPUTS: BadInput[] = [
  // --- alert routing: contact points ---
  ['alerting: a webhook URL that is not https', point({ webhookUrl: 'http://events.example.com/grafana' }), `${A} invalid "contactPoints.team.webhookUrl": got "http://events.example.com/grafana"; expected ${HTTPS}`],
  ['alerting: a webhook URL that is not a URL', point({ webhookUrl: 'events.example.com' }), `${A} invalid "contactPoints.team.webhookUrl": got "events.example.com"; expected ${HTTPS}`],
  ['alerting: an empty contact point', point({}), `${A} invalid "contactPoints.team": got {}; expected a contact point with at least one of "emails", "slackWebhookUrl" or "webhookUrl"`],
  ['alerting: an empty e-mail list', point({ emails: [] }), `${A} invalid "contactPoints.team.emails": got []; expected a list of at least 1 item`],
  ['alerting: no contact point at all', routing({ contactPoints: {} }), `${A} invalid "contactPoints": got {}; expected at least one contact point`],
  ['alerting: contact points missing', routing({}), `${A} invalid "contactPoints": got undefined; expected at least one contact point`],
  ['alerting: not an e-mail address', point({ emails: ['oncall'] }), `${A} invalid "contactPoints.team.emails[0]": got "oncall"; expected an e-mail address`],
  ['alerting: e-mails as one string', point({ emails: 'ops@example.com' }), `${A} invalid "contactPoints.team.emails": got "ops@example.com"; expected a list`],
  ['alerting: the same address twice', point({ emails: ['ops@example.com', 'ops@example.com'] }), `${A} invalid "contactPoints.team.emails[1]": got "ops@example.com"; expected a value not already in the list`],
  ['alerting: a Slack URL as a plain string', point({ slackWebhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXX' }), `${A} invalid "contactPoints.team.slackWebhookUrl": got "<string redacted>"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct's secret attribute), never a plain string or object`],
  ['alerting: a Slack URL as { value }', point({ slackWebhookUrl: { value: 'https://hooks.slack.com/services/T000/B000/XXXX' } }), `${A} invalid "contactPoints.team.slackWebhookUrl": got "<non-SecretValue redacted>"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct's secret attribute), never a plain string or object`],
  ['alerting: a Slack webhook URL in webhookUrl', point({ webhookUrl: 'https://hooks.slack.com/services/T000/B000/XXXXXXXX' }), `${A} invalid "contactPoints.team.webhookUrl": got "<literal string redacted>"; expected a URL without a secret in it: a Slack webhook URL is a secret, pass it as slackWebhookUrl (a SecretValue)`],
  ['alerting: a password in the webhook URL', point({ webhookUrl: 'https://user:hunter2@events.example.com/grafana' }), `${A} invalid "contactPoints.team.webhookUrl": got "<literal string redacted>"; expected a SecretValue: the value looks like a URL with a password, and literal secrets never go into the configuration`],
  ['alerting: a bearer token without a webhook', (app) => { const s = staging(app); new AlertRouting(s, 'Alerting', { contactPoints: { team: { emails: ['ops@example.com'], webhookBearerToken: SecretValue.fromVariable(s, 'tok') } } }); }, `${A} invalid "contactPoints.team.webhookBearerToken": got "<SecretValue>"; expected webhookUrl to be set too (the token is sent to it)`],
  ['alerting: a Slack mention that Slack has not', (app) => { const s = staging(app); new AlertRouting(s, 'Alerting', { contactPoints: { team: { slackWebhookUrl: SecretValue.fromVariable(s, 'u'), slackMention: 'everyone' } } }); }, `${A} invalid "contactPoints.team.slackMention": got "everyone"; expected one of "here", "channel"`],
  ['alerting: a typo in a contact point', point({ emails: ['ops@example.com'], emial: ['x@example.com'] }), `${A} invalid "contactPoints.team.emial": got ["x@example.com"]; expected no such property: the properties here are "emails", "slackMention", "slackWebhookUrl", "webhookBearerToken", "webhookUrl"`],
  ['alerting: a contact point name with a slash', routing({ contactPoints: { 'on/call': { emails: ['ops@example.com'] } } }), `${A} invalid "contactPoints.on/call": got "on/call"; expected a contact point name: 1-100 letters, digits, spaces, "-" or "_"`],
  // --- alert routing: policy ---
  ['alerting: a route to an unknown contact point', routing({ contactPoints: { team: { emails: ['ops@example.com'] } }, routes: [{ matchers: { severity: 'critical' }, contactPoint: 'oncall' }] }), `${A} invalid "routes[0].contactPoint": got "oncall"; expected the name of a contact point: "team"`],
  ['alerting: a default contact point that does not exist', routing({ contactPoints: { team: { emails: ['ops@example.com'] } }, defaultContactPoint: 'Team' }), `${A} invalid "defaultContactPoint": got "Team"; expected the name of a contact point: "team"`],
  ['alerting: a route without matchers', routing({ contactPoints: { team: { emails: ['ops@example.com'] } }, routes: [{ matchers: {}, contactPoint: 'team' }] }), `${A} invalid "routes[0].matchers": got {}; expected at least one label matcher such as { environment: "production" }`],
  ['alerting: a matcher on an invalid label name', routing({ contactPoints: { team: { emails: ['ops@example.com'] } }, routes: [{ matchers: { 'env-name': 'production' }, contactPoint: 'team' }] }), `${A} invalid "routes[0].matchers.env-name": got "env-name"; expected a label name`],
  ['alerting: an empty matcher value', routing({ contactPoints: { team: { emails: ['ops@example.com'] } }, routes: [{ matchers: { environment: ' ' }, contactPoint: 'team' }] }), `${A} invalid "routes[0].matchers.environment": got " "; expected a non-empty label value`],
  ['alerting: a repeat interval without unit', routing({ contactPoints: { team: { emails: ['ops@example.com'] } }, repeatInterval: '4' }), `${A} invalid "repeatInterval": got "4"; expected a duration such as "4h" or "30m"`],
  ['alerting: continueMatching as a string', routing({ contactPoints: { team: { emails: ['ops@example.com'] } }, routes: [{ matchers: { a: 'b' }, contactPoint: 'team', continueMatching: 'true' }] }), `${A} invalid "routes[0].continueMatching": got "true"; expected true or false (a boolean, not a string)`],
  ['alerting: groupBy as a string', routing({ contactPoints: { team: { emails: ['ops@example.com'] } }, groupBy: 'alertname' }), `${A} invalid "groupBy": got "alertname"; expected a list`],
  ['alerting: a second notification policy in the stack', (app) => { const s = staging(app); new AlertRouting(s, 'One', { contactPoints: { a: { emails: ['a@example.com'] } } }); new AlertRouting(s, 'Two', { contactPoints: { b: { emails: ['b@example.com'] } } }); }, '[staging/Two] invalid "id": got "Two"; expected the only AlertRouting of the stack: a Grafana organization has one notification policy, and staging/One already defines it'],
  // --- Render workspace settings ---
  ['workspace: notifications as a string', workspace({ notifications: 'failure' }), `${W} invalid "notifications": got "failure"; expected a RenderNotifications: RenderNotifications.FAILURE, RenderNotifications.ALL, RenderNotifications.NONE or RenderNotifications.of("...")`],
  ['workspace: emailNotifications as a string', workspace({ emailNotifications: 'false' }), `${W} invalid "emailNotifications": got "false"; expected true or false (a boolean, not a string)`],
  ['workspace: a metrics endpoint over http', workspace({ metricsStream: { endpoint: 'http://otlp.example.com/otlp' } }), `${W} invalid "metricsStream.endpoint": got "http://otlp.example.com/otlp"; expected the https OTLP endpoint of the Grafana stack, such as "https://otlp-gateway-prod-us-east-0.grafana.net/otlp"`],
  ['workspace: a metrics token as a string', workspace({ metricsStream: { token: 'glc_eyJvIjoiMTIzIn0=' } }), `${W} invalid "metricsStream.token": got "<string redacted>"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct's secret attribute), never a plain string or object`],
  ['workspace: a log endpoint without a port', workspace({ logStream: { endpoint: 'logs.example.com' } }), `${W} invalid "logStream.endpoint": got "logs.example.com"; expected "HOST:PORT" of a TLS syslog receiver or an https URL`],
  ['workspace: a typo in the log stream', workspace({ logStream: { endpoint: 'logs.example.com:6514', includePreview: true } }), `${W} invalid "logStream.includePreview": got true; expected no such property: the properties here are "endpoint", "includePreviews", "token"`],
  ['workspace: twice in one stack', (app) => { const s = staging(app); new RenderWorkspaceObservability(s, 'A'); new RenderWorkspaceObservability(s, 'B'); }, '[staging/B] invalid "id": got "B"; expected the only RenderWorkspaceObservability of the stack: these settings are one per Render workspace, and staging/A already sets them'],
  // --- per-environment observability ---
  ['observability: a 5xx threshold above 100%', obs(() => ({ thresholds: { errorRisePercent: 150 } })), `${O} invalid "thresholds.errorRisePercent": got 150; expected a number from 1 to 100`],
  ['observability: a negative 5xx threshold', obs(() => ({ thresholds: { errorRisePercent: -15 } })), `${O} invalid "thresholds.errorRisePercent": got -15; expected a number from 1 to 100`],
  ['observability: a 5xx threshold of NaN', obs(() => ({ thresholds: { errorRisePercent: NaN } })), `${O} invalid "thresholds.errorRisePercent": got NaN; expected a number from 1 to 100`],
  ['observability: a 5xx threshold as "15%"', obs(() => ({ thresholds: { errorRisePercent: '15%' } })), `${O} invalid "thresholds.errorRisePercent": got "15%"; expected a number from 1 to 100`],
  ['observability: zero health check failures', obs(() => ({ thresholds: { healthCheckFailures: 0 } })), `${O} invalid "thresholds.healthCheckFailures": got 0; expected a whole number from 1 to 10`],
  ['observability: 2.5 health check failures', obs(() => ({ thresholds: { healthCheckFailures: 2.5 } })), `${O} invalid "thresholds.healthCheckFailures": got 2.5; expected a whole number from 1 to 10`],
  ['observability: no web service', obs(() => ({ webServices: [] })), `${O} invalid "webServices": got []; expected a list of at least 1 item`],
  ['observability: a web service that is a plain object', obs(() => ({ webServices: [{ serviceName: 'api', publicHostname: 'api.example.com', healthCheckPath: '/health' }] })), `${O} invalid "webServices[0]": got {"serviceName":"api","publicHostname":"api.example.com","healthCheckPath":"/health"}; expected ${SERVICE}`],
  ['observability: a worker as a web service', obs((s) => ({ webServices: [s.worker] })), `${O} invalid "webServices[0]": got <RenderBackgroundWorker instance>; expected ${WEB}`],
  ['observability: a hostname string as a web service', obs(() => ({ webServices: ['api.example.com'] })), `${O} invalid "webServices[0]": got "api.example.com"; expected ${WEB}`],
  ['observability: backup jobs as one service, not a list', obs((s) => ({ backupJobs: s.backup })), `${O} invalid "backupJobs": got <RenderCronJob instance>; expected a list`],
  ['observability: a worker listed twice', obs((s) => ({ workers: [s.worker, s.worker] })), `${O} invalid "workers[1]": got "livestreamsell-staging-ai-worker"; expected a service not already listed (workers[0] is staging/Compute/AiWorker)`],
  ['observability: an AI histogram with _bucket', obs((s) => ({ aiLatency: { service: s.worker, histogram: 'ai_inference_duration_seconds_bucket' } })), `${O} invalid "aiLatency.histogram": got "ai_inference_duration_seconds_bucket"; expected the histogram's name without "_bucket"`],
  ['observability: an AI histogram that is not a metric name', obs((s) => ({ aiLatency: { service: s.worker, histogram: 'ai-latency' } })), `${O} invalid "aiLatency.histogram": got "ai-latency"; expected a Prometheus metric name without "_bucket", such as "ai_inference_duration_seconds"`],
  ['observability: an AI latency threshold of Infinity', obs((s) => ({ aiLatency: { service: s.worker, histogram: 'ai_seconds', thresholdSeconds: Infinity } })), `${O} invalid "aiLatency.thresholdSeconds": got Infinity; expected a number from 0.1 to 3600`],
  ['observability: an AI quantile of 95', obs((s) => ({ aiLatency: { service: s.worker, histogram: 'ai_seconds', quantile: 95 } })), `${O} invalid "aiLatency.quantile": got 95; expected a number from 0.5 to 0.999`],
  ['observability: an AI latency without its service', obs(() => ({ aiLatency: { histogram: 'ai_seconds' } })), `${O} invalid "aiLatency.service": got undefined; expected ${SERVICE}`],
  ['observability: a synthetic check every 10 s', obs(() => ({ syntheticChecks: { frequencySeconds: 10 } })), `${O} invalid "syntheticChecks.frequencySeconds": got 10; expected a whole number from 60 to 3600`],
  ['observability: a probe name with a space', obs(() => ({ syntheticChecks: { probes: ['New York'] } })), `${O} invalid "syntheticChecks.probes[0]": got "New York"; expected a probe name such as "Ohio" or "Frankfurt"`],
  ['observability: no probe', obs(() => ({ syntheticChecks: { probes: [] } })), `${O} invalid "syntheticChecks.probes": got []; expected a list of at least 1 item`],
  ['observability: notifications as a string', obs(() => ({ notifications: 'failure' })), `${O} invalid "notifications": got "failure"; expected a RenderNotifications: RenderNotifications.FAILURE, RenderNotifications.ALL, RenderNotifications.NONE or RenderNotifications.of("...")`],
  ['observability: notifications Render does not know', obs(() => ({ notifications: RenderNotifications.of('sometimes') })), '[staging/Compute/Api] invalid "notificationsToSend": got "sometimes"; expected one of "default", "all", "failure", "none"'],
  ['observability: failApplyOnFailedDeploy as "false"', obs(() => ({ failApplyOnFailedDeploy: 'false' })), `${O} invalid "failApplyOnFailedDeploy": got "false"; expected true or false (a boolean, not a string)`],
  ['observability: pausing an alert that does not exist', obs(() => ({ pausedAlerts: ['ApiDown'] })), `${O} invalid "pausedAlerts[0]": got "ApiDown"; expected the name of one of this environment's alert rules: "ApiHealthCheckFailing"`],
  ['observability: a rule interval of 5 s', obs(() => ({ ruleIntervalSeconds: 5 })), `${O} invalid "ruleIntervalSeconds": got 5; expected a whole number from 10 to 300`],
  ['observability: a data source uid with a space', obs(() => ({ prometheusDatasourceUid: 'grafana cloud' })), `${O} invalid "prometheusDatasourceUid": got "grafana cloud"; expected a data source uid: 1-40 letters, digits, "-" or "_"`],
  ['observability: a typo (webService)', obs((s) => ({ webService: [s.api] })), `${O} invalid "webService": got [<RenderWebService instance>]; expected no such property: the properties here are "aiLatency", "backupJobs", "environment", "failApplyOnFailedDeploy", "notifications", "pausedAlerts", "prometheusDatasourceUid", "releaseGuard", "ruleIntervalSeconds", "syntheticChecks", "thresholds", "webServices", "workers"`],
  // --- release guard ---
  ['guard: a URL as the hostname', guard({ hostname: 'https://release-guard.example.com' }), `${O} invalid "releaseGuard.hostname": got "https://release-guard.example.com"; expected a lowercase hostname such as "release-guard.example.com"`],
  ['guard: no hostname', obs(() => ({ releaseGuard: {} })), `${O} invalid "releaseGuard.hostname": got undefined; expected a lowercase hostname such as "release-guard.example.com"`],
  ['guard: a Prometheus URL over http', guard({ prometheusUrl: 'http://prometheus.example.com/api/prom' }), `${O} invalid "releaseGuard.prometheusUrl": got "http://prometheus.example.com/api/prom"; expected the https Prometheus API of the Grafana stack, such as "https://prometheus-prod-13-prod-us-east-0.grafana.net/api/prom"`],
  ['guard: a password in the Prometheus URL', guard({ prometheusUrl: 'https://123456:glc_secret@prometheus.example.com/api/prom' }), `${O} invalid "releaseGuard.prometheusUrl": got "<literal string redacted>"; expected a URL without credentials (the value looks like a URL with a password): give tokens as a SecretValue`],
  ['workspace: a token in the log endpoint URL', workspace({ logStream: { endpoint: 'https://user:s3cret@logs.example.com/in' } }), `${W} invalid "logStream.endpoint": got "<literal string redacted>"; expected a URL without credentials (the value looks like a URL with a password): give tokens as a SecretValue`],
  ['guard: the Render API key as a string', guard({ renderApiKey: 'rnd_abcdefghijklmnopqrstuvwxyz' }), `${O} invalid "releaseGuard.renderApiKey": got "<string redacted>"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct's secret attribute), never a plain string or object`],
  ['guard: the metrics token as { value }', guard({ metricsToken: { value: 'glc_x' } }), `${O} invalid "releaseGuard.metricsToken": got "<non-SecretValue redacted>"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct's secret attribute), never a plain string or object`],
  ['guard: a Prometheus user that is not an id', guard({ prometheusUser: 'admin' }), `${O} invalid "releaseGuard.prometheusUser": got "admin"; expected the numeric instance id of the stack's Prometheus`],
  ['guard: a zone id that is a name', guard({ zoneId: 'example.com' }), `${O} invalid "releaseGuard.zoneId": got "example.com"; expected a Cloudflare zone id: 32 lowercase hex characters (or a Terraform variable)`],
  ['guard: health checks every 60 s', guard({ healthCheckIntervalSeconds: 60 }), `${O} invalid "releaseGuard.healthCheckIntervalSeconds": got 60; expected a whole number from 1 to 20`],
  ['guard: observe for 1 minute', guard({ observeMinutes: 1 }), `${O} invalid "releaseGuard.observeMinutes": got 1; expected a whole number from 2 to 60`],
  ['guard: a Worker name in capitals', guard({ scriptName: 'Release-Guard' }), `${O} invalid "releaseGuard.scriptName": got "Release-Guard"; expected a Worker name: 1-63 lowercase letters, digits, "-" or "_", starting and ending with a letter or digit`],
  ['guard: a typo (hostName)', obs(() => ({ releaseGuard: { hostname: 'release-guard.example.com', hostName: 'x.example.com' } })), `${O} invalid "releaseGuard.hostName": got "x.example.com"; expected no such property: the properties here are "accountId", "healthCheckIntervalSeconds", "hostname", "metricsToken", "observeMinutes", "otlpEndpoint", "otlpInstanceId", "prometheusUrl", "prometheusUser", "renderApiKey", "scriptName", "zoneId"`],
  ['guard: releaseGuard as true', obs(() => ({ releaseGuard: true })), `${O} invalid "releaseGuard": got true; expected an object of properties`],
];
