import { BadInput, staging, production } from './support';
import {
  RenderBackgroundWorker, RenderCronJob, RenderEnvGroup, RenderKeyValue, RenderWebService,
} from '../../lib';

const IMAGE = { repository: 'ghcr.io/livestreamsell/api', tag: '1.4.2' };

export const RENDER_BAD_INPUTS: BadInput[] = [
  // --- Render compute ---
  ['render: min > max instances', (app) => new RenderBackgroundWorker(staging(app), 'Worker', { image: IMAGE, scaling: { minInstances: 5, maxInstances: 3 } }), '[staging/Worker] invalid "scaling.minInstances": got 5; expected a value no greater than "scaling.maxInstances" (3)'],
  ['render: max above the limit', (app) => new RenderBackgroundWorker(staging(app), 'Worker', { image: IMAGE, scaling: { maxInstances: 101 } }), '[staging/Worker] invalid "scaling.maxInstances": got 101; expected a whole number from 1 to 100'],
  ['render: CPU percentage 0', (app) => new RenderBackgroundWorker(staging(app), 'Worker', { image: IMAGE, scaling: { cpuTargetPercent: 0 } }), '[staging/Worker] invalid "scaling.cpuTargetPercent": got 0; expected a whole number from 1 to 100'],
  ['render: image URL with a tag', (app) => new RenderCronJob(staging(app), 'Job', { image: { repository: 'ghcr.io/livestreamsell/api:1.4.2', tag: '1.4.2' }, schedule: '0 3 * * *' }), '[staging/Job] invalid "image.repository": got "ghcr.io/livestreamsell/api:1.4.2"; expected an image repository without tag or digest, such as "ghcr.io/acme/api" (lowercase; put the tag in "tag" or the digest in "digest")'],
  ['render: both tag and digest', (app) => new RenderCronJob(staging(app), 'Job', { image: { ...IMAGE, digest: `sha256:${'a'.repeat(64)}` }, schedule: '0 3 * * *' }), `[staging/Job] invalid "image.digest": got "sha256:${'a'.repeat(64)}"; expected no digest when "tag" is set (got tag "1.4.2"): give exactly one of "tag" or "digest"`],
  ['render: malformed cron schedule', (app) => new RenderCronJob(staging(app), 'Job', { image: IMAGE, schedule: 'every day' }), '[staging/Job] invalid "schedule": got "every day"; expected a 5-field cron expression "minute hour day-of-month month day-of-week" (UTC) using numbers, "*", ranges "a-b", steps "*/n" or "a-b/n", lists "a,b", JAN-DEC and SUN-SAT (it has 2 fields, not 5)'],
  ['render: region far from the database', (app) => new RenderKeyValue(staging(app), 'Queue', { region: 'oregon' }), '[staging/Queue] invalid "region": got "oregon"; expected "virginia", the Render region next to the database in "us-east-1", or "allowRegionFarFromDatabase: true" to accept cross-region latency'],
  ['render: unknown region', (app) => new RenderKeyValue(staging(app), 'Queue', { region: 'mars' }), '[staging/Queue] invalid "region": got "mars"; expected one of "frankfurt", "ohio", "oregon", "singapore", "virginia"'],
  ['render: secret-looking plain variable', (app) => new RenderEnvGroup(staging(app), 'Shared', { variables: { STRIPE_SECRET: 'sk_live_x' } }), '[staging/Shared] invalid "variables.STRIPE_SECRET": got "<literal string redacted>"; expected a SecretValue (sensitive variable, generated value or secret-manager reference): secret-looking names never take plain strings'],
  ['render: DATABASE_URL as a plain string', (app) => new RenderEnvGroup(staging(app), 'Shared', { variables: { DATABASE_URL: 'postgres://u:p@h/db' } }), '[staging/Shared] invalid "variables.DATABASE_URL": got "<literal string redacted>"'],
  ['render: health check path not absolute', (app) => new RenderWebService(staging(app), 'Api', { image: IMAGE, healthCheckPath: 'health' }), '[staging/Api] invalid "healthCheckPath": got "health"; expected an absolute path such as "/health"'],
  ['render: previews in production', (app) => new RenderWebService(production(app), 'Api', { image: IMAGE, previews: 'automatic' }), '[production/Api] invalid "previews": got "automatic"; expected "off" in production: previews would run unreviewed code with production secrets'],
  ['render: free Key Value in production', (app) => new RenderKeyValue(production(app), 'Queue', { plan: 'free' }), '[production/Queue] invalid "plan": got "free"; expected a paid plan in production (one of "pro", "pro_plus", "standard", "starter"): free instances lose their data on restart'],
];
