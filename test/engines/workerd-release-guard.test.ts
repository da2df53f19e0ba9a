// The release guard Worker (PRD 11.2 automatic rollback) run by workerd (miniflare 4)
// exactly as the staging stack uploads it: script, main module, compatibility date,
// KV binding, cron schedule and its TARGETS (the emitted PromQL and health URLs).
// Only the outside world is local: a fake Render API (events, deploys, rollback), a
// fake Prometheus API that answers the guard's queries by what they ask, an app
// whose /health can fail, and an OTLP receiver for the guard's markers. Deliveries
// are signed as Render signs them (Standard Webhooks). Timings are shortened through
// SETTINGS; the deploy's end time is set in the past to reach each phase at once.
import * as crypto from 'crypto';
import * as http from 'http';
import { releaseGuards } from '../observability/support/emitted';
import { Handler, localServer, LocalServer, RunningWorker, startWorker } from '../support/workerd';

const shipped = releaseGuards();
const guard = shipped.find((g) => g.stack === 'staging')!;
const API = 'livestreamsell-staging-api';
const AI = 'livestreamsell-staging-ai-worker';
const BACKUP = 'livestreamsell-staging-db-backup';
const SECRET = `whsec_${crypto.randomBytes(24).toString('base64')}`;

describe('the release guard the app ships', () => {
  test('is one Worker per environment, on a one-minute cron, with KV state and every credential a secret', () => {
    expect(shipped.map((g) => `${g.stack}: ${g.mainModule} ${g.crons.join(',')}`)).toEqual(['staging: release-guard.mjs * * * * *', 'production: release-guard.mjs * * * * *']);
    expect(guard.kv).toEqual(['GUARD_STATE']);
    expect(guard.secrets.sort()).toEqual(['OTLP_TOKEN', 'PROMETHEUS_TOKEN', 'RENDER_API_KEY', 'WEBHOOK_SECRET']);
    const targets = JSON.parse(guard.plain.TARGETS);
    expect(Object.keys(targets).sort()).toEqual([AI, API, 'livestreamsell-staging-dashboard']);
    expect(targets[API].healthUrl).toBe('https://api.livestreamsell-staging.ai/health');
    expect(targets[API].errors).toMatchObject({ risePercent: 15, floor: 0.001, minRequests: 20 });
    expect(targets[AI]).toEqual({ aiLatency: { query: expect.stringContaining('ai_inference_duration_seconds_bucket{job="livestreamsell-staging-ai-worker"}'), thresholdSeconds: 10 } });
    expect(JSON.parse(guard.plain.CRON_JOBS)).toEqual([BACKUP]);
  });
});

// ------------------------------------------------------------------ the outside world
interface Deploy { id: string; status: string; trigger: string; createdAt: string }
interface Received { method: string; path: string; body: any }

/** A fake Render API for one service: its deploys, the events that name them, and rollbacks. */
class FakeRender {
  public readonly calls: Received[] = [];
  public deploys: Deploy[] = [];
  public events: { [id: string]: string } = {};
  /** Status the rollback endpoint answers with while > 0 calls remain (503 = Render down). */
  public rollbackFailures = 0;
  public rollbackFailureStatus = 503;
  constructor(public readonly serviceId: string) {}

  public reset(): void {
    this.calls.length = 0;
    this.deploys = [
      { id: 'dep-new', status: 'live', trigger: 'new_commit', createdAt: '2026-01-02T10:00:00Z' },
      { id: 'dep-old', status: 'deactivated', trigger: 'new_commit', createdAt: '2026-01-01T10:00:00Z' },
    ];
    this.events = { 'evt-1': 'dep-new' };
    this.rollbackFailures = 0;
  }

  public get rollbacks(): Received[] {
    return this.calls.filter((c) => c.method === 'POST' && c.path.endsWith('/rollback'));
  }

  public routes(): { [path: string]: Handler } {
    const json = (res: http.ServerResponse, status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    const record = (req: http.IncomingMessage, res: http.ServerResponse, then: (body: any) => void) => {
      let text = '';
      req.on('data', (d) => { text += d; });
      req.on('end', () => {
        const body = text ? JSON.parse(text) : undefined;
        this.calls.push({ method: req.method!, path: req.url!, body });
        if (req.headers.authorization !== 'Bearer rnd_test_key') { json(res, 401, { message: 'unauthorized' }); return; }
        then(body);
      });
    };
    const base = `/v1/services/${this.serviceId}`;
    const routes: { [path: string]: Handler } = {};
    for (const id of ['evt-1', 'evt-2', 'evt-rb']) {
      routes[`/v1/events/${id}`] = (req, res) => record(req, res, () => (this.events[id] ? json(res, 200, { id, type: 'deploy_ended', serviceId: this.serviceId, details: { deployId: this.events[id], deployStatus: 'succeeded' } }) : json(res, 404, {})));
    }
    for (const id of ['dep-new', 'dep-old', 'dep-rb']) {
      routes[`${base}/deploys/${id}`] = (req, res) => record(req, res, () => { const d = this.deploys.find((x) => x.id === id); return d ? json(res, 200, d) : json(res, 404, {}); });
    }
    routes[`${base}/deploys`] = (req, res) => record(req, res, () => json(res, 200, this.deploys.map((deploy) => ({ deploy, cursor: deploy.id }))));
    routes[`${base}/rollback`] = (req, res) => record(req, res, (body) => {
      if (this.rollbackFailures > 0) { this.rollbackFailures--; json(res, this.rollbackFailureStatus, { message: 'service unavailable' }); return; }
      const target = this.deploys.find((d) => d.id === body?.deployId);
      if (!target) { json(res, 400, { message: 'unknown deploy' }); return; }
      // Render starts a deploy of the target's image; it goes live and the bad one is deactivated.
      const rb: Deploy = { id: 'dep-rb', status: 'live', trigger: 'rollback', createdAt: '2026-01-02T10:05:00Z' };
      this.deploys = [rb, ...this.deploys.map((d) => ({ ...d, status: 'deactivated' }))];
      this.events['evt-rb'] = 'dep-rb';
      json(res, 201, rb);
    });
    return routes;
  }
}

/** The guard's Prometheus queries, answered by what they ask. */
interface Metrics { baseline: number | null; after: number | null; requests: number | null; aiSeconds: number | null; status: number }
const healthyMetrics = (): Metrics => ({ baseline: 0.02, after: 0.02, requests: 1200, aiSeconds: 4, status: 200 });

describe('release guard in workerd', () => {
  let render: FakeRender;
  let servers: LocalServer[] = [];
  let renderServer: LocalServer;
  let app: LocalServer;
  let prometheus: LocalServer;
  let otlp: LocalServer;
  let metrics: Metrics = healthyMetrics();
  let health = 200;
  const queries: { query: string; time: number }[] = [];
  const pushed: any[] = [];
  const running: RunningWorker[] = [];

  beforeAll(async () => {
    render = new FakeRender('srv-api');
    renderServer = await localServer(render.routes());
    app = await localServer({ '/health': (_req, res) => { res.writeHead(health); res.end(health < 300 ? 'ok' : 'failing'); } });
    prometheus = await localServer({
      '/api/v1/query': (req, res) => {
        const u = new URL(req.url!, 'http://x');
        const query = u.searchParams.get('query')!;
        queries.push({ query, time: Number(u.searchParams.get('time')) });
        if (req.headers.authorization !== `Basic ${Buffer.from('123456:glc_test').toString('base64')}`) { res.writeHead(401); res.end(); return; }
        if (metrics.status !== 200) { res.writeHead(metrics.status); res.end('unavailable'); return; }
        const value = query.startsWith('histogram_quantile') ? metrics.aiSeconds
          : query.startsWith('sum(increase(') ? metrics.requests
            : query.includes('[1h]') ? metrics.baseline : metrics.after;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'success', data: { resultType: 'vector', result: value === null ? [] : [{ metric: {}, value: [0, String(value)] }] } }));
      },
    });
    otlp = await localServer({
      '/v1/metrics': (req, res) => { let t = ''; req.on('data', (d) => { t += d; }); req.on('end', () => { pushed.push(JSON.parse(t)); res.writeHead(200); res.end('{}'); }); },
    });
    servers = [renderServer, app, prometheus, otlp];
  });
  afterAll(async () => {
    await Promise.all(running.map((w) => w.dispose()));
    await Promise.all(servers.map((s) => s.close()));
  });
  beforeEach(() => {
    render.reset();
    metrics = healthyMetrics();
    health = 200;
    queries.length = 0;
    pushed.length = 0;
  });

  /** The shipped Worker with the outside world pointed at the local servers and short timings. */
  async function start(script = guard.script): Promise<RunningWorker> {
    const targets = JSON.parse(guard.plain.TARGETS);
    targets[API].healthUrl = `${app.origin}/health`;
    delete targets['livestreamsell-staging-dashboard'];
    const w = await startWorker({
      script,
      mainModule: guard.mainModule,
      compatibilityDate: guard.compatibilityDate,
      crons: guard.crons,
      kvNamespaces: guard.kv,
      bindings: {
        ...guard.plain,
        TARGETS: JSON.stringify(targets),
        SETTINGS: JSON.stringify({ ...JSON.parse(guard.plain.SETTINGS), checkIntervalMs: 20, healthTimeoutMs: 1000, metricsLagSeconds: 0, retryBaseMs: 10 }),
        RENDER_API_URL: `${renderServer.origin}/v1`,
        PROMETHEUS_URL: prometheus.origin,
        PROMETHEUS_USER: '123456',
        OTLP_URL: otlp.origin,
        OTLP_USER: '654321',
        WEBHOOK_SECRET: SECRET,
        RENDER_API_KEY: 'rnd_test_key',
        PROMETHEUS_TOKEN: 'glc_test',
        OTLP_TOKEN: 'glc_test',
      },
    });
    running.push(w);
    return w;
  }

  /** A delivery signed as Render signs it: v1,base64(HMAC-SHA256(key, "<id>.<timestamp>.<body>")). */
  function signed(body: string, id: string, options: { secret?: string; timestamp?: number } = {}) {
    const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
    const key = Buffer.from((options.secret ?? SECRET).replace(/^whsec_/, ''), 'base64');
    const signature = crypto.createHmac('sha256', key).update(`${id}.${timestamp}.${body}`).digest('base64');
    return { method: 'POST', headers: { 'content-type': 'application/json', 'webhook-id': id, 'webhook-timestamp': timestamp, 'webhook-signature': `v1,${signature}` }, body };
  }

  /** Render's thin payload for an event that happened `agoSeconds` ago. */
  function deliver(w: RunningWorker, type: string, serviceName: string, eventId: string, status: string, agoSeconds: number, deliveryId = `msg-${eventId}`) {
    const body = JSON.stringify({
      type,
      timestamp: new Date(Date.now() - agoSeconds * 1000).toISOString(),
      data: { id: eventId, serviceId: 'srv-api', serviceName, status },
    });
    return w.fetch('https://release-guard.livestreamsell-staging.ai/render-webhook', signed(body, deliveryId));
  }

  const events = (lines: string[]) => lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
  const decisions = (run: { logs: string[] }) => events(run.logs).filter((e) => e.event === 'guard.decision');
  const pushedMetrics = () => pushed.flatMap((p) => p.resourceMetrics.flatMap((rm: any) => rm.scopeMetrics.flatMap((sm: any) => sm.metrics.map((m: any) => ({
    name: m.name,
    job: rm.resource.attributes.find((a: any) => a.key === 'service.name').value.stringValue,
    attributes: Object.fromEntries(m.gauge.dataPoints[0].attributes.map((a: any) => [a.key, a.value.stringValue])),
  })))));
  const waitForPushes = async (n: number) => { for (let i = 0; i < 100 && pushed.length < n; i++) await new Promise((r) => setTimeout(r, 20)); };

  test('a healthy deploy is kept: health checks pass, the 5xx ratio holds, the decision is logged and pushed', async () => {
    const w = await start();
    const d = await deliver(w, 'deploy_ended', API, 'evt-1', 'succeeded', 400);
    expect(d.status).toBe(200);
    expect(events(d.logs)).toEqual([expect.objectContaining({ event: 'guard.watching', service: API, eventId: 'evt-1' })]);
    const run = await w.scheduled('* * * * *');
    expect(run.outcome).toBe('ok');
    expect(render.rollbacks).toEqual([]);
    const log = events(run.logs);
    expect(log.filter((e) => e.event === 'guard.health_check').map((e) => e.ok)).toEqual([true, true, true]);
    expect(log).toContainEqual(expect.objectContaining({ event: 'guard.error_ratio', baseline: 0.02, after: 0.02, requests: 1200, rollback: false }));
    expect(decisions(run)).toEqual([expect.objectContaining({ decision: 'kept', service: API, deployId: 'dep-new', healthChecks: 3, errorsChecked: true })]);
    await waitForPushes(2);
    expect(pushedMetrics()).toEqual(expect.arrayContaining([
      { name: 'release_guard_deploy_ended_timestamp_seconds', job: API, attributes: { status: 'succeeded' } },
      { name: 'release_guard_decision_timestamp_seconds', job: API, attributes: { decision: 'kept', deploy_id: 'dep-new' } },
    ]));
    // The guard read the first minute after the deploy and the hour before it, with the stack's credentials.
    const ended = Math.floor(Date.now() / 1000) - 400;
    expect(queries.find((q) => q.query.includes('[1h]'))!.time).toBeGreaterThanOrEqual(ended - 2);
    expect(queries.find((q) => q.query.includes('[1m]') && q.query.startsWith('(('))!.time).toBeGreaterThanOrEqual(ended + 58);
    // A later run leaves a decided deploy alone.
    const again = await w.scheduled('* * * * *');
    expect(events(again.logs)).toEqual([]);
  });

  test('3 failed health checks in a row roll the deploy back, once, to the previous deploy', async () => {
    const w = await start();
    health = 500;
    await deliver(w, 'deploy_ended', API, 'evt-1', 'succeeded', 10);
    const run = await w.scheduled('* * * * *');
    expect(run.outcome).toBe('ok');
    expect(events(run.logs).filter((e) => e.event === 'guard.health_check').map((e) => e.failuresInARow)).toEqual([1, 2, 3]);
    expect(render.rollbacks.map((c) => c.body)).toEqual([{ deployId: 'dep-old' }]);
    expect(decisions(run)).toEqual([expect.objectContaining({ decision: 'rolled_back', rolledBackTo: 'dep-old', rollbackDeployId: 'dep-rb', reason: 'health check failed 3 times in a row' })]);
    // Still failing a minute later: the deploy is decided, nothing more happens.
    const later = await w.scheduled('* * * * *');
    expect(events(later.logs)).toEqual([]);
    // The rollback's own deploy_ended is never watched for a rollback (no loop).
    await deliver(w, 'deploy_ended', API, 'evt-rb', 'succeeded', 5);
    const third = await w.scheduled('* * * * *');
    expect(decisions(third)).toEqual([expect.objectContaining({ decision: 'skipped', deployId: 'dep-rb' })]);
    expect(render.rollbacks).toHaveLength(1);
  });

  test('a 5xx ratio 15% above the pre-deploy baseline in the first minute rolls back', async () => {
    const w = await start();
    metrics = { ...healthyMetrics(), baseline: 0.02, after: 0.023 };
    await deliver(w, 'deploy_ended', API, 'evt-1', 'succeeded', 120);
    const run = await w.scheduled('* * * * *');
    expect(events(run.logs)).toContainEqual(expect.objectContaining({ event: 'guard.error_ratio', baseline: 0.02, after: 0.023, rollback: true }));
    expect(render.rollbacks.map((c) => c.body)).toEqual([{ deployId: 'dep-old' }]);
    expect(decisions(run)).toEqual([expect.objectContaining({ decision: 'rolled_back', reason: expect.stringContaining('at least 15% above the pre-deploy 0.02') })]);
  });

  test('a rise of 10% does not roll back (and the deploy is still watched)', async () => {
    const w = await start();
    metrics = { ...healthyMetrics(), baseline: 0.02, after: 0.022 };
    await deliver(w, 'deploy_ended', API, 'evt-1', 'succeeded', 120);
    const run = await w.scheduled('* * * * *');
    expect(run.outcome).toBe('ok');
    expect(events(run.logs)).toContainEqual(expect.objectContaining({ event: 'guard.error_ratio', after: 0.022, rollback: false }));
    expect(render.rollbacks).toEqual([]);
    expect(decisions(run)).toEqual([]);
  });

  test('a service without 5xx before the deploy: a jump to 5% rolls back (baseline floor), too little traffic does not judge', async () => {
    const w = await start();
    metrics = { ...healthyMetrics(), baseline: null, after: 0.05, requests: 5 };
    await deliver(w, 'deploy_ended', API, 'evt-1', 'succeeded', 120);
    const quiet = await w.scheduled('* * * * *');
    expect(events(quiet.logs)).toContainEqual(expect.objectContaining({ event: 'guard.error_ratio', requests: 5, rollback: false }));
    expect(render.rollbacks).toEqual([]);

    const w2 = await start();
    metrics = { ...healthyMetrics(), baseline: null, after: 0.05, requests: 400 };
    await deliver(w2, 'deploy_ended', API, 'evt-1', 'succeeded', 120);
    await w2.scheduled('* * * * *');
    expect(render.rollbacks).toHaveLength(1);
  });

  test('AI latency of 11 s after the release rolls the AI worker back', async () => {
    const w = await start();
    metrics = { ...healthyMetrics(), aiSeconds: 11 };
    await deliver(w, 'deploy_ended', AI, 'evt-1', 'succeeded', 90);
    const run = await w.scheduled('* * * * *');
    expect(events(run.logs)).toContainEqual(expect.objectContaining({ event: 'guard.ai_latency', service: AI, seconds: 11, thresholdSeconds: 10, rollback: true }));
    expect(render.rollbacks.map((c) => c.body)).toEqual([{ deployId: 'dep-old' }]);
    expect(queries.map((q) => q.query)).toEqual([expect.stringMatching(/^histogram_quantile\(0\.95, .*ai_inference_duration_seconds_bucket\{job="livestreamsell-staging-ai-worker"\}\[1m\]/)]);
  });

  test('AI latency of 9 s keeps the release', async () => {
    const w = await start();
    metrics = { ...healthyMetrics(), aiSeconds: 9 };
    await deliver(w, 'deploy_ended', AI, 'evt-1', 'succeeded', 400);
    const run = await w.scheduled('* * * * *');
    expect(decisions(run)).toEqual([expect.objectContaining({ decision: 'kept', service: AI })]);
    expect(render.rollbacks).toEqual([]);
  });

  test('a bad signature, a wrong secret, a stale timestamp and missing headers are refused with 401, and nothing is recorded', async () => {
    const w = await start();
    const body = JSON.stringify({ type: 'deploy_ended', timestamp: new Date().toISOString(), data: { id: 'evt-1', serviceId: 'srv-api', serviceName: API, status: 'succeeded' } });
    const url = 'https://release-guard.livestreamsell-staging.ai/render-webhook';
    const tampered = signed(body, 'msg-1');
    const attempts = [
      { ...tampered, body: body.replace('succeeded', 'failed') },
      signed(body, 'msg-2', { secret: `whsec_${crypto.randomBytes(24).toString('base64')}` }),
      signed(body, 'msg-3', { timestamp: Math.floor(Date.now() / 1000) - 600 }),
      { method: 'POST', headers: { 'content-type': 'application/json' }, body },
    ];
    const answers = [];
    for (const a of attempts) answers.push(await w.fetch(url, a));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401]);
    expect(answers.flatMap((a) => events([...a.logs, ...a.errors])).map((e) => e.reason)).toEqual([
      'no matching v1 signature', 'no matching v1 signature', 'webhook-timestamp is more than 5 minutes away', 'missing webhook-id, webhook-timestamp or webhook-signature',
    ]);
    const run = await w.scheduled('* * * * *');
    expect(events(run.logs)).toEqual([]);
    expect(render.calls).toEqual([]);
    expect((await w.fetch(url, { method: 'GET' })).status).toBe(405);
    expect((await w.fetch('https://release-guard.livestreamsell-staging.ai/other', signed(body, 'msg-4'))).status).toBe(404);
  });

  test('the signature check can fail: a copy of the script that skips verification accepts a forged delivery', async () => {
    const broken = guard.script.replace('export async function verifySignature(secret, id, timestamp, header, body, nowSeconds) {', 'export async function verifySignature() { return null;');
    expect(broken).not.toBe(guard.script);
    const w = await start(broken);
    const body = JSON.stringify({ type: 'deploy_ended', timestamp: new Date().toISOString(), data: { id: 'evt-1', serviceId: 'srv-api', serviceName: API, status: 'succeeded' } });
    const forged = await w.fetch('https://release-guard.livestreamsell-staging.ai/render-webhook', signed(body, 'msg-forged', { secret: `whsec_${crypto.randomBytes(24).toString('base64')}` }));
    expect(forged.status).toBe(200);
  });

  test('a replayed delivery does nothing', async () => {
    const w = await start();
    health = 500;
    const first = await deliver(w, 'deploy_ended', API, 'evt-1', 'succeeded', 10, 'msg-replay');
    expect(JSON.parse(first.body)).toEqual({ ok: true });
    await w.scheduled('* * * * *');
    expect(render.rollbacks).toHaveLength(1);
    await waitForPushes(2);
    const pushes = pushed.length;
    const replay = await deliver(w, 'deploy_ended', API, 'evt-1', 'succeeded', 10, 'msg-replay');
    expect(replay.status).toBe(200);
    expect(JSON.parse(replay.body)).toEqual({ ok: true, replay: true });
    expect(events(replay.logs)).toEqual([{ event: 'guard.replay_ignored', deliveryId: 'msg-replay' }]);
    const run = await w.scheduled('* * * * *');
    expect(events(run.logs)).toEqual([]);
    expect(render.rollbacks).toHaveLength(1);
    expect(pushed).toHaveLength(pushes);
  });

  test('the Render API down: each call is retried, a failed rollback is reported (failed run, error log, pushed decision) and retried on the next run', async () => {
    const w = await start();
    health = 500;
    render.rollbackFailures = 3;
    await deliver(w, 'deploy_ended', API, 'evt-1', 'succeeded', 10);
    const run = await w.scheduled('* * * * *');
    expect(run.outcome).toBe('exception');
    expect(render.rollbacks).toHaveLength(3);
    expect(events(run.errors).filter((e) => e.event === 'guard.retry').map((e) => [e.call, e.attempt, e.status])).toEqual([
      ['POST /services/srv-api/rollback', 1, 503], ['POST /services/srv-api/rollback', 2, 503],
    ]);
    expect(events(run.errors)).toContainEqual(expect.objectContaining({ event: 'guard.rollback_failed', call: 'rollback', status: 503, attempts: 3, rolledBackTo: 'dep-old' }));
    expect(decisions(run)).toEqual([expect.objectContaining({ decision: 'rollback_failed' })]);
    await waitForPushes(2);
    expect(pushedMetrics()).toContainEqual({ name: 'release_guard_decision_timestamp_seconds', job: API, attributes: { decision: 'rollback_failed', deploy_id: 'dep-new' } });

    // Render answers again: the next run rolls back, once.
    const next = await w.scheduled('* * * * *');
    expect(next.outcome).toBe('ok');
    expect(render.rollbacks).toHaveLength(4);
    expect(decisions(next)).toEqual([expect.objectContaining({ decision: 'rolled_back', rolledBackTo: 'dep-old' })]);
    await w.scheduled('* * * * *');
    expect(render.rollbacks).toHaveLength(4);
  });

  test('a 4xx from Render is not retried; a deploy replaced meanwhile is not rolled back', async () => {
    const w = await start();
    health = 500;
    render.rollbackFailures = 1;
    render.rollbackFailureStatus = 409;
    await deliver(w, 'deploy_ended', API, 'evt-1', 'succeeded', 10);
    const run = await w.scheduled('* * * * *');
    expect(render.rollbacks).toHaveLength(1);
    expect(events(run.errors)).toContainEqual(expect.objectContaining({ event: 'guard.rollback_failed', status: 409, attempts: 1 }));
    render.rollbackFailureStatus = 503;
    // Someone deployed a fix by hand before the next run.
    render.deploys = [{ id: 'dep-fix', status: 'live', trigger: 'manual', createdAt: '2026-01-02T10:03:00Z' }, ...render.deploys.map((d) => ({ ...d, status: 'deactivated' }))];
    const next = await w.scheduled('* * * * *');
    expect(decisions(next)).toEqual([expect.objectContaining({ decision: 'superseded', latest: 'dep-fix' })]);
    expect(render.rollbacks).toHaveLength(1);
  });

  test('Prometheus down: the 5xx check is reported and tried again on the next run', async () => {
    const w = await start();
    metrics = { ...healthyMetrics(), status: 503 };
    await deliver(w, 'deploy_ended', API, 'evt-1', 'succeeded', 120);
    const run = await w.scheduled('* * * * *');
    expect(run.outcome).toBe('exception');
    expect(events(run.errors)).toContainEqual(expect.objectContaining({ event: 'guard.metrics_unavailable', check: '5xx ratio' }));
    metrics = { ...healthyMetrics(), after: 0.05 };
    const next = await w.scheduled('* * * * *');
    expect(next.outcome).toBe('ok');
    expect(render.rollbacks).toHaveLength(1);
  });

  test('a failed deploy is not watched (Render keeps the previous one); services of other environments are ignored', async () => {
    const w = await start();
    const failed = await deliver(w, 'deploy_ended', API, 'evt-1', 'failed', 10);
    expect(events(failed.logs)).toEqual([expect.objectContaining({ event: 'guard.deploy_not_live', status: 'failed' })]);
    const other = await deliver(w, 'deploy_ended', 'livestreamsell-production-api', 'evt-2', 'succeeded', 10);
    expect(events(other.logs)).toEqual([expect.objectContaining({ event: 'guard.ignored' })]);
    const run = await w.scheduled('* * * * *');
    expect(events(run.logs)).toEqual([]);
    expect(render.calls).toEqual([]);
  });

  test('cron runs of the backup job are forwarded to the Grafana stack (the backup alert reads them)', async () => {
    const w = await start();
    const r = await deliver(w, 'cron_job_run_ended', BACKUP, 'evt-cron', 'failed', 5);
    expect(events(r.errors)).toEqual([expect.objectContaining({ event: 'guard.cron_run_ended', service: BACKUP, status: 'failed' })]);
    await waitForPushes(1);
    expect(pushedMetrics()).toEqual([{ name: 'release_guard_cron_run_ended_timestamp_seconds', job: BACKUP, attributes: { status: 'failed' } }]);
    expect(pushed[0].resourceMetrics[0].scopeMetrics[0].metrics[0].gauge.dataPoints[0].asDouble).toBeCloseTo(Date.now() / 1000 - 5, -1);
  });
});
