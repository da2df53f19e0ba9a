import { BadInput, staging, production } from './support';
import {
  RenderBackgroundWorker, RenderCompute, RenderComputeProps, RenderCronJob, RenderEnvGroup, RenderKeyValue, RenderKeyValuePlan, RenderKeyValueProps,
  RenderPlan, RenderPreviewGeneration, RenderProject, RenderRegion, RenderRegistryCredential, RenderWebService, RenderWebServiceProps, SecretValue,
} from '../../lib';

const IMAGE = { repository: 'ghcr.io/acme/api', tag: '1.4.2' };
const WEB = { image: IMAGE, healthCheckPath: '/healthz' };
const GITHUB_TOKEN = `ghp_${'A'.repeat(36)}`;
const LITERAL = (kind: string) => `got "<literal string redacted>"; expected a SecretValue: the value looks like ${kind}, and literal secrets never go into the configuration`;
const NOT_A_SECRET = 'expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct\'s secret attribute), never a plain string or object';
const SERVICES_NEEDED = 'expected the construct ids of the services that receive it (at least one): shared configuration and secrets reach only the services named';
const COMPUTE_PROPS = '"allowRegionFarFromDatabase", "cronJobs", "databaseRegion", "defaultJobImage", "envGroups", "environment", "keyValue", "project", "publicImages", "region", "registryCredential", "webServices", "workers"';
const WEB_PROPS = '"command", "customDomain", "generatedSecrets", "healthCheckPath", "image", "maxShutdownDelaySeconds", "name", "plan", "port", "preDeployCommand", "previews", "scaling", "secrets", "variables"';

const computeIn = (props: RenderComputeProps, prod = false): BadInput[1] => (app) => new RenderCompute(prod ? production(app) : staging(app), 'Compute', props);
const web = (props: Partial<RenderWebServiceProps>, prod = false): BadInput[1] => (app) => new RenderWebService(prod ? production(app) : staging(app), 'Api', { ...WEB, ...props } as RenderWebServiceProps);
const kv = (props: RenderKeyValueProps, prod = false): BadInput[1] => (app) => new RenderKeyValue(prod ? production(app) : staging(app), 'Queue', props);

export const RENDER_BAD_INPUTS: BadInput[] = [
  // --- scaling and ranges ---
  ['render: min > max instances', (app) => new RenderBackgroundWorker(staging(app), 'Worker', { image: IMAGE, scaling: { minInstances: 5, maxInstances: 3 } }), '[staging/Worker] invalid "scaling.minInstances": got 5; expected a value no greater than "scaling.maxInstances" (3)'],
  ['render: max above the limit', (app) => new RenderBackgroundWorker(staging(app), 'Worker', { image: IMAGE, scaling: { maxInstances: 101 } }), '[staging/Worker] invalid "scaling.maxInstances": got 101; expected a whole number from 1 to 100'],
  ['render: CPU percentage 0', (app) => new RenderBackgroundWorker(staging(app), 'Worker', { image: IMAGE, scaling: { cpuTargetPercent: 0 } }), '[staging/Worker] invalid "scaling.cpuTargetPercent": got 0; expected a whole number from 1 to 100'],
  ['render: max instances NaN through RenderCompute', computeIn({ workers: { Worker: { image: IMAGE, scaling: { maxInstances: NaN } } } }), '[staging/Compute] invalid "workers.Worker.scaling.maxInstances": got NaN; expected a whole number from 1 to 100'],
  ['render: shutdown delay Infinity', web({ maxShutdownDelaySeconds: Infinity }), '[staging/Api] invalid "maxShutdownDelaySeconds": got Infinity; expected a whole number from 1 to 300'],
  ['render: port 0', web({ port: 0 }), '[staging/Api] invalid "port": got 0; expected a whole number from 1 to 65535'],
  ['render: port as a string', web({ port: '8080' as any }), '[staging/Api] invalid "port": got "8080"; expected a whole number from 1 to 65535'],
  ['render: port Render reserves', web({ port: 19099 }), '[staging/Api] invalid "port": got 19099; expected a port Render does not reserve (18012, 18013, 19099 are Render\'s own)'],
  // --- images and schedules ---
  ['render: image URL with a tag', (app) => new RenderCronJob(staging(app), 'Job', { image: { repository: 'ghcr.io/acme/api:1.4.2', tag: '1.4.2' }, schedule: '0 3 * * *' }), '[staging/Job] invalid "image.repository": got "ghcr.io/acme/api:1.4.2"; expected an image repository without tag or digest, such as "ghcr.io/acme/api" (lowercase; put the tag in "tag" or the digest in "digest")'],
  ['render: both tag and digest', (app) => new RenderCronJob(staging(app), 'Job', { image: { ...IMAGE, digest: `sha256:${'a'.repeat(64)}` }, schedule: '0 3 * * *' }), `[staging/Job] invalid "image.digest": got "sha256:${'a'.repeat(64)}"; expected no digest when "tag" is set (got tag "1.4.2"): give exactly one of "tag" or "digest"`],
  ['render: image as a string', computeIn({ webServices: { Api: { ...WEB, image: 'ghcr.io/acme/api:1.4.2' as any } } }), '[staging/Compute] invalid "webServices.Api.image": got "ghcr.io/acme/api:1.4.2"; expected a ContainerImage { repository, tag } or { repository, digest }'],
  ['render: malformed cron schedule', (app) => new RenderCronJob(staging(app), 'Job', { image: IMAGE, schedule: 'every day' }), '[staging/Job] invalid "schedule": got "every day"; expected a 5-field cron expression "minute hour day-of-month month day-of-week" (UTC) using numbers, "*", ranges "a-b", steps "*/n" or "a-b/n", lists "a,b", JAN-DEC and SUN-SAT (it has 2 fields, not 5)'],
  // --- wrong types from JavaScript and JSON ---
  ['render: publicImages "false" (a string)', computeIn({ publicImages: 'false' as any }), '[staging/Compute] invalid "publicImages": got "false"; expected true or false (a boolean, not a string)'],
  ['render: allowRegionFarFromDatabase "true"', kv({ region: RenderRegion.OREGON, allowRegionFarFromDatabase: 'true' as any }), '[staging/Queue] invalid "allowRegionFarFromDatabase": got "true"; expected true or false (a boolean, not a string)'],
  ['render: unsafe opt-in "false" is not false', kv({ unsafeAllowInternetWideSources: 'false' as any }), '[staging/Queue] invalid "unsafeAllowInternetWideSources": got "false"; expected true or false (a boolean, not a string)'],
  ['render: generatedSecrets as a string', (app) => new RenderEnvGroup(staging(app), 'Shared', { generatedSecrets: 'SECRET_KEY' as any }), '[staging/Shared] invalid "generatedSecrets": got "SECRET_KEY"; expected a list'],
  ['render: env group services as a string', computeIn({ webServices: { Api: WEB }, envGroups: { Backend: { services: 'Api' as any } } }), '[staging/Compute] invalid "envGroups.Backend.services": got "Api"; expected a list'],
  ['render: { value } object as a SecretValue', (app) => new RenderEnvGroup(staging(app), 'Shared', { secrets: { API_TOKEN: { value: 'abc' } as any } }), `[staging/Shared] invalid "secrets.API_TOKEN": got "<non-SecretValue redacted>"; ${NOT_A_SECRET}`],
  ['render: registry token as a plain string', computeIn({ registryCredential: { authToken: GITHUB_TOKEN as any } }), `[staging/Compute] invalid "registryCredential.authToken": got "<string redacted>"; ${NOT_A_SECRET}`],
  ['render: health check path as an object', web({ healthCheckPath: { path: '/healthz' } as any }), '[staging/Api] invalid "healthCheckPath": got {"path":"/healthz"}; expected an absolute path such as "/healthz" (letters, digits, "-", ".", "_", "~" and "/"; no query string)'],
  ['render: command as an object', computeIn({ workers: { Worker: { image: IMAGE, command: { run: 'x' } as any } } }), '[staging/Compute] invalid "workers.Worker.command": got {"run":"x"}; expected a string'],
  ['render: plan as a string from JSON', web({ plan: 'standard' as any }), '[staging/Api] invalid "plan": got "standard"; expected a RenderPlan: RenderPlan.STARTER, RenderPlan.STANDARD, RenderPlan.PRO, RenderPlan.PRO_PLUS, RenderPlan.PRO_MAX, RenderPlan.PRO_ULTRA or RenderPlan.of("...")'],
  ['render: props that are not an object', computeIn('webServices' as any), '[staging/Compute] invalid "props": got "webServices"; expected an object of properties'],
  ['render: web services as a list', computeIn({ webServices: [WEB] as any }), '[staging/Compute] invalid "webServices": got [{"image":{"repository":"ghcr.io/acme/api","tag":"1.4.2"},"healthCheckPath":"/healthz"}]; expected a map of names to values'],
  // --- unknown props (typos in JSON configuration) ---
  ['render: misspelt healthCheckPath', computeIn({ webServices: { Api: { image: IMAGE, healthCheckPath: '/healthz', healtCheckPath: '/x' } as any } }), `[staging/Compute] invalid "webServices.Api.healtCheckPath": got "/x"; expected no such property: the properties here are ${WEB_PROPS}`],
  ['render: keyvalue in lowercase', computeIn({ keyvalue: { services: [] } } as any), `[staging/Compute] invalid "keyvalue": got {"services":[]}; expected no such property: the properties here are ${COMPUTE_PROPS}`],
  ['render: env group "service" instead of "services"', computeIn({ webServices: { Api: WEB }, envGroups: { Backend: { services: ['Api'], service: 'Api' } as any } }), '[staging/Compute] invalid "envGroups.Backend.service": got "Api"; expected no such property: the properties here are "generatedSecrets", "name", "secrets", "services", "variables"'],
  ['render: region inside a service of RenderCompute', computeIn({ webServices: { Api: { ...WEB, region: RenderRegion.OREGON } as any } }), `[staging/Compute] invalid "webServices.Api.region": got <RenderRegion instance>; expected no such property: the properties here are ${WEB_PROPS}`],
  ['render: the removed app-specific "dashboard" prop', computeIn({ dashboard: WEB } as any), `[staging/Compute] invalid "dashboard": got {"image":{"repository":"ghcr.io/acme/api","tag":"1.4.2"},"healthCheckPath":"/healthz"}; expected no such property: the properties here are ${COMPUTE_PROPS}`],
  ['render: the removed networkIsolated prop', (app) => new RenderProject(staging(app), 'Project', { networkIsolated: false } as any), '[staging/Project] invalid "networkIsolated": got false; expected no such property: the properties here are "acknowledgeUnsafeInProduction", "environment", "environments", "name", "unsafeDisableNetworkIsolation"'],
  // --- secrets by name and by value ---
  ['render: secret-looking plain variable', (app) => new RenderEnvGroup(staging(app), 'Shared', { variables: { STRIPE_SECRET: 'sk_live_x' } }), '[staging/Shared] invalid "variables.STRIPE_SECRET": got "<literal string redacted>"; expected a SecretValue (sensitive variable, generated value or secret-manager reference): secret-looking names never take plain strings'],
  ['render: DATABASE_URL as a plain string', (app) => new RenderEnvGroup(staging(app), 'Shared', { variables: { DATABASE_URL: 'postgres://u:p@h/db' } }), '[staging/Shared] invalid "variables.DATABASE_URL": got "<literal string redacted>"; expected a SecretValue (sensitive variable, generated value or secret-manager reference): secret-looking names never take plain strings'],
  ['render: GitHub token under an innocent name', web({ variables: { CONFIG: GITHUB_TOKEN } }), `[staging/Api] invalid "variables.CONFIG": ${LITERAL('a GitHub token')}`],
  ['render: URL with a password under an innocent name', computeIn({ cronJobs: { Sync: { image: IMAGE, schedule: '0 3 * * *', variables: { UPSTREAM: 'https://sync:hunter2@upstream.example.com/feed' } } } }), `[staging/Compute] invalid "cronJobs.Sync.variables.UPSTREAM": ${LITERAL('a URL with a password')}`],
  ['render: OpenAI key in an env group variable', computeIn({ webServices: { Api: WEB }, envGroups: { Ai: { variables: { MODEL_SETTINGS: `sk-proj-${'x'.repeat(30)}` }, services: ['Api'] } } }), `[staging/Compute] invalid "envGroups.Ai.variables.MODEL_SETTINGS": ${LITERAL('an OpenAI-style API key (sk-...)')}`],
  ['render: AWS key through addVariable', (app) => new RenderBackgroundWorker(staging(app), 'Worker', { image: IMAGE }).addVariable('UPLOADER', 'AKIAABCDEFGHIJKLMNOP'), `[staging/Worker] invalid "variables.UPLOADER": ${LITERAL('an AWS access key id')}`],
  ['render: token as the registry user name', computeIn({ registryCredential: { username: GITHUB_TOKEN } }), '[staging/Compute] invalid "registryCredential.username": got "<literal string redacted>"; expected a user name: the value looks like a GitHub token; the token goes in "authToken" (a SecretValue)'],
  // --- exposure, judged by address space; unsafe opt-ins ---
  ['render: Key Value open to 0.0.0.0/0', kv({ allowedSources: [{ cidr: '0.0.0.0/0', description: 'all' }] }), '[staging/Queue] invalid "allowedSources[0].cidr": got "0.0.0.0/0"; expected a range of your own (an office, a runner): this one reaches a meaningful part of the internet; set "unsafeAllowInternetWideSources: true" to accept that'],
  ['render: Key Value open to a quarter of IPv4', kv({ allowedSources: [{ cidr: '64.0.0.0/2', description: 'quarter' }] }), '[staging/Queue] invalid "allowedSources[0].cidr": got "64.0.0.0/2"; expected a range of your own (an office, a runner): this one reaches a meaningful part of the internet; set "unsafeAllowInternetWideSources: true" to accept that'],
  ['render: Key Value open to 2000::/3', computeIn({ webServices: { Api: WEB }, keyValue: { allowedSources: [{ cidr: '2000::/3', description: 'IPv6' }], services: ['Api'] } }), '[staging/Compute] invalid "keyValue.allowedSources[0].cidr": got "2000::/3"; expected a range of your own (an office, a runner): this one reaches a meaningful part of the internet; set "unsafeAllowInternetWideSources: true" to accept that'],
  ['render: internet-wide Key Value in production without acknowledgement', kv({ allowedSources: [{ cidr: '52.0.0.0/8', description: 'cloud' }], unsafeAllowInternetWideSources: true }, true), '[production/Queue] invalid "unsafeAllowInternetWideSources": got true; expected false in production ("production"), or "unsafeAllowInternetWideSources" listed in "acknowledgeUnsafeInProduction": anyone on the internet could try the instance\'s password'],
  ['render: network isolation off with production in the project', (app) => new RenderProject(production(app), 'Project', { unsafeDisableNetworkIsolation: true }), '[production/Project] invalid "unsafeDisableNetworkIsolation": got true; expected false in production ("production"), or "unsafeDisableNetworkIsolation" listed in "acknowledgeUnsafeInProduction": services of every environment of the project could reach each other, staging included'],
  ['render: previews in production', web({ previews: RenderPreviewGeneration.AUTOMATIC }, true), '[production/Api] invalid "previews": got "automatic"; expected RenderPreviewGeneration.OFF in production: previews would run unreviewed code with production secrets'],
  ['render: free Key Value in production', kv({ plan: RenderKeyValuePlan.FREE }, true), '[production/Queue] invalid "plan": got "free"; expected a paid plan in production (RenderKeyValuePlan.STARTER, STANDARD, PRO or PRO_PLUS): free instances lose their data on restart'],
  ['render: region far from the database', kv({ region: RenderRegion.OREGON }), '[staging/Queue] invalid "region": got "oregon"; expected RenderRegion.VIRGINIA, the Render region next to the database in "us-east-1", or "allowRegionFarFromDatabase: true" to accept cross-region latency'],
  ['render: region as a string', kv({ region: 'mars' as any }), '[staging/Queue] invalid "region": got "mars"; expected a RenderRegion: RenderRegion.FRANKFURT, RenderRegion.OHIO, RenderRegion.OREGON, RenderRegion.SINGAPORE, RenderRegion.VIRGINIA or RenderRegion.of("...")'],
  // --- what reaches which service ---
  ['render: env group without services', computeIn({ webServices: { Api: WEB }, envGroups: { Backend: { generatedSecrets: ['SECRET_KEY'] } as any } }), `[staging/Compute] invalid "envGroups.Backend.services": got undefined; ${SERVICES_NEEDED}`],
  ['render: Key Value with an empty service list', computeIn({ webServices: { Api: WEB }, keyValue: { services: [] } }), `[staging/Compute] invalid "keyValue.services": got []; ${SERVICES_NEEDED}`],
  ['render: env group naming an unknown service', computeIn({ webServices: { Api: WEB }, envGroups: { Backend: { services: ['Api', 'Dashboard'] } } }), '[staging/Compute] invalid "envGroups.Backend.services[1]": got "Dashboard"; expected the construct id of one of this RenderCompute\'s services: "Api"'],
  ['render: web service without a health check', computeIn({ webServices: { Api: { image: IMAGE } as any } }), '[staging/Compute] invalid "webServices.Api.healthCheckPath": got undefined; expected the path the service answers 200 on when healthy, such as "/healthz": Render routes traffic only to instances that pass it'],
  ['render: scheduled job with more than its spec', (app) => new RenderCompute(staging(app), 'Compute', { defaultJobImage: IMAGE }).addScheduledJob('Backup', { name: 'backup', schedule: '0 3 * * *', command: 'b', envGroups: ['Backend'] } as any), '[staging/Compute] invalid "scheduledJobs.Backup.envGroups": got ["Backend"]; expected no such property: the properties here are "command", "image", "name", "schedule", "secrets", "variables"'],
  ['render: scheduled job without an image', (app) => new RenderCompute(staging(app), 'Compute').addScheduledJob('Backup', { name: 'backup', schedule: '0 3 * * *', command: 'b' }), '[staging/Compute] invalid "scheduledJobs.Backup.image": got undefined; expected a ContainerImage: the job brings none and this RenderCompute has no "defaultJobImage"'],
  ['render: linking something that is not a service', (app) => new RenderEnvGroup(staging(app), 'Shared').linkTo({ serviceId: 'srv-1' } as any), '[staging/Shared] invalid "services[0]": got {"serviceId":"srv-1"}; expected an IRenderService (a RenderWebService, RenderBackgroundWorker or RenderCronJob)'],
  ['render: a project that is only duck-typed', computeIn({ project: { projectId: 'prj-1', environmentNames: ['staging'] } as any }), '[staging/Compute] invalid "project": got {"projectId":"prj-1","environmentNames":["staging"]}; expected an IRenderProject (new RenderProject(...) or RenderProject.fromProjectAttributes(...))'],
  ['render: imported project without environment ids', (app) => RenderProject.fromProjectAttributes(staging(app), 'Shared', { projectId: 'prj-1', environmentIds: {} }), '[staging/Shared] invalid "environmentIds": got {}; expected a map of at least one environment name to its project environment id, for example { staging: "evm-abc123" }'],
  // --- collisions, reported at synth naming both constructs ---
  ['render: two services with one Render name', computeIn({ webServices: { Api: WEB }, workers: { Worker: { image: IMAGE, name: 'api' } } }), '[staging/Compute] invalid "webServices.Api.name": got "api"; expected a service name (Render name "livestreamsell-staging-api") no other service of the Render workspace uses: staging/Compute/Worker has it too (Render names are unique per workspace, so the apply would fail)'],
  ['render: one Render name in two RenderComputes', (app) => {
    const s = staging(app);
    new RenderCompute(s, 'Web', { webServices: { Api: WEB }, publicImages: true });
    new RenderCompute(s, 'Jobs', { cronJobs: { Api: { image: IMAGE, schedule: '0 3 * * *' } }, publicImages: true });
  }, '[staging/Web] invalid "webServices.Api.name": got "api"; expected a service name (Render name "livestreamsell-staging-api") no other service of the Render workspace uses: staging/Jobs/Api has it too (Render names are unique per workspace, so the apply would fail)'],
  ['render: two env groups with one name', (app) => {
    const s = staging(app);
    new RenderEnvGroup(s, 'A', { name: 'shared' });
    new RenderEnvGroup(s, 'B', { name: 'shared' });
  }, '[staging/A] invalid "name": got "shared"; expected an env group name (Render name "livestreamsell-staging-shared") no other env group of the Render workspace uses: staging/B has it too (Render names are unique per workspace, so the apply would fail)'],
  ['render: one custom domain on two services in two stacks', (app) => {
    new RenderWebService(staging(app), 'Api', { ...WEB, customDomain: 'api.example.com' });
    new RenderWebService(production(app), 'Api', { ...WEB, customDomain: 'api.example.com' });
  }, '[staging/Api] invalid "customDomain": got "api.example.com"; expected a domain no other web service claims: production/Api claims it too (a custom domain points at one service)'],
  ['render: two registry credentials with one name', (app) => {
    const s = staging(app);
    new RenderRegistryCredential(s, 'A');
    new RenderRegistryCredential(s, 'B', { authToken: SecretValue.fromVariable(s, 'other_token') });
  }, '[staging/A] invalid "name": got "livestreamsell-staging-ghcr"; expected a registry credential name no other registry credential of the Render workspace uses: staging/B has it too (Render names are unique per workspace, so the apply would fail)'],
  ['render: one construct id for a web service and a worker', computeIn({ webServices: { Api: WEB }, workers: { Api: { image: IMAGE, name: 'api-worker' } } }), '[staging/Compute] invalid "workers.Api": got "Api"; expected a construct id not already used in staging/Compute (staging/Compute/Api is a RenderWebService)'],
  ['render: a service added twice', (app) => {
    const c = new RenderCompute(staging(app), 'Compute', { webServices: { Api: WEB } });
    c.addWebService('Api', WEB);
  }, '[staging/Compute] invalid "webServices.Api": got "Api"; expected a construct id not already used in staging/Compute (staging/Compute/Api is a RenderWebService)'],
  // --- injection attempts ---
  ['render: shell in a service name', web({ name: 'api; rm -rf /' }), '[staging/Api] invalid "name": got "api; rm -rf /"; expected a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit'],
  ['render: template in a health check path', web({ healthCheckPath: '/health?t=${var.ghcr_token}' }), '[staging/Api] invalid "healthCheckPath": got "/health?t=${var.ghcr_token}"; expected an absolute path such as "/healthz" (letters, digits, "-", ".", "_", "~" and "/"; no query string)'],
  ['render: template in a custom domain', web({ customDomain: 'api.example.com/${var.x}' }), '[staging/Api] invalid "customDomain": got "api.example.com/${var.x}"; expected a lowercase hostname such as "api.example.com"'],
  ['render: template in a variable name', web({ variables: { 'A${var.x}': 'b' } }), '[staging/Api] invalid "variables.A${var.x}": got "A${var.x}"; expected a variable name of letters, digits and "_", not starting with a digit'],
  ['render: template through RenderPlan.of', (app) => new RenderWebService(staging(app), 'Api', { ...WEB, plan: RenderPlan.of('${var.plan}') }), '[RenderPlan.of] invalid "value": got "${var.plan}"; expected a Render value such as "pro_max" (lowercase letters, digits and "_")'],
  ['render: a construct id with a slash', computeIn({ workers: { '../Api': { image: IMAGE } } }), '[staging/Compute] invalid "workers.../Api": got "../Api"; expected a construct id: a letter, then up to 62 letters, digits, "_" or "-" (it is part of the Terraform address)'],
  ['render: health check path with a space', (app) => new RenderCompute(staging(app), 'Compute').addWebService('Site', { ...WEB, healthCheckPath: '/ health' }), '[staging/Compute] invalid "webServices.Site.healthCheckPath": got "/ health"; expected an absolute path such as "/healthz" (letters, digits, "-", ".", "_", "~" and "/"; no query string)'],
];
