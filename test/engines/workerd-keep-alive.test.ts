// Every Cloudflare Worker the library ships, run by workerd (miniflare 4) as it is
// uploaded: the script, main module, compatibility date, bindings and cron schedule
// are read from the synthesized staging and production stacks. Only HEALTH_URLS
// is pointed at local servers (healthy, 500, slow past the timeout, redirect,
// connection reset), and TIMEOUT_MS is shortened for the slow case alone.
import { emittedStacks, unescapeTerraform } from '../support/emitted';
import { behaviours, localServer, LocalServer, RunningWorker, startWorker } from '../support/workerd';

interface ShippedWorker {
  stack: string;
  script: string;
  mainModule: string;
  compatibilityDate: string;
  bindings: { [name: string]: string };
  crons: string[];
}

/** Every `cloudflare_workers_script` of the app, with its cron triggers. */
function shippedWorkers(): ShippedWorker[] {
  return emittedStacks().flatMap((s) => Object.entries(s.json.resource?.cloudflare_workers_script ?? {}).map(([id, w]: [string, any]) => {
    const triggers = Object.values(s.json.resource?.cloudflare_workers_cron_trigger ?? {}).filter((t: any) => t.script_name.includes(`cloudflare_workers_script.${id}.`));
    return {
      stack: s.name,
      script: unescapeTerraform(w.content),
      mainModule: w.main_module,
      compatibilityDate: w.compatibility_date,
      bindings: Object.fromEntries(w.bindings.filter((b: any) => b.type === 'plain_text').map((b: any) => [b.name, b.text])),
      crons: triggers.flatMap((t: any) => t.schedules.map((x: any) => x.cron)),
    };
  }));
}

const workers = shippedWorkers();
const keepAlive = workers.find((w) => w.stack === 'staging' && w.mainModule === 'keepalive.mjs')!;

describe('Workers the library ships', () => {
  test('are the keep-alive Worker of staging and production, every 5 minutes', () => {
    // The release guard (test/engines/workerd-release-guard.test.ts) is the other Worker.
    expect(workers.map((w) => `${w.stack}: ${w.mainModule} ${w.crons.join(', ')}`)).toEqual([
      'staging: keepalive.mjs */5 * * * *', 'staging: release-guard.mjs * * * * *', 'production: keepalive.mjs */5 * * * *', 'production: release-guard.mjs * * * * *',
    ]);
    expect(JSON.parse(keepAlive.bindings.HEALTH_URLS)).toEqual(['https://api.livestreamsell-staging.ai/health', 'https://app.livestreamsell-staging.ai/api/health']);
  });
});

describe('keep-alive Worker in workerd, triggered by its cron', () => {
  let server: LocalServer;
  const running: RunningWorker[] = [];

  beforeAll(async () => {
    server = await localServer({
      '/health': behaviours.status(200),
      '/api/health': behaviours.status(204),
      '/error': behaviours.status(500),
      '/slow': behaviours.slow(5000),
      '/redirect': behaviours.status(301, { location: 'https://example.com/health' }),
      '/reset': behaviours.reset(),
    });
  });
  afterAll(async () => {
    await Promise.all(running.map((w) => w.dispose()));
    await server.close();
  });

  /** The shipped Worker with HEALTH_URLS pointed at local paths (and other bindings as shipped unless overridden). */
  async function run(paths: string[], overrides: { [name: string]: string } = {}, worker: ShippedWorker = keepAlive) {
    server.received.length = 0;
    const w = await startWorker({
      script: worker.script,
      mainModule: worker.mainModule,
      compatibilityDate: worker.compatibilityDate,
      crons: worker.crons,
      bindings: { ...worker.bindings, HEALTH_URLS: JSON.stringify(paths.map((p) => `${server.origin}${p}`)), ...overrides },
    });
    running.push(w);
    const started = Date.now();
    const result = await w.scheduled(worker.crons[0]);
    return { ...result, ms: Date.now() - started, events: [...result.logs, ...result.errors].filter((l) => l.startsWith('{')).map((l) => JSON.parse(l)) };
  }

  test.each(workers.filter((w) => w.mainModule === 'keepalive.mjs').map((w) => [w.stack, w] as const))('%s: healthy origins: every URL is fetched once, without cache, and the run succeeds', async (_stack, worker) => {
    const r = await run(['/health', '/api/health'], {}, worker);
    expect(r.outcome).toBe('ok');
    expect(r.errors).toEqual([]);
    expect(r.events).toEqual([
      expect.objectContaining({ event: 'keepalive.ok', url: `${server.origin}/health`, status: 200, ok: true }),
      expect.objectContaining({ event: 'keepalive.ok', url: `${server.origin}/api/health`, status: 204, ok: true }),
    ]);
    expect(server.received.map((q) => `${q.method} ${q.url}`).sort()).toEqual(['GET /api/health', 'GET /health']);
    expect(server.received[0].headers).toMatchObject({ 'user-agent': 'cdktf-keepalive/1.0', 'cache-control': 'no-cache' });
  });

  test('a 500 fails the run (a failed cron invocation in Cloudflare) after checking every URL', async () => {
    const r = await run(['/health', '/error']);
    expect(r.outcome).toBe('exception');
    expect(server.received).toHaveLength(2);
    expect(r.events).toEqual(expect.arrayContaining([
      expect.objectContaining({ event: 'keepalive.ok', status: 200 }),
      expect.objectContaining({ event: 'keepalive.failed', url: `${server.origin}/error`, status: 500, ok: false }),
    ]));
  });

  test('an origin slower than TIMEOUT_MS is cut off and reported as a timeout', async () => {
    const r = await run(['/slow'], { TIMEOUT_MS: '300' });
    expect(r.outcome).toBe('exception');
    expect(r.ms).toBeLessThan(4000);
    expect(r.events).toEqual([expect.objectContaining({ event: 'keepalive.failed', error: 'timeout after 300 ms', ok: false })]);
  });

  test('a redirect is not followed and counts as a failure (the origin itself must answer)', async () => {
    const r = await run(['/redirect']);
    expect(r.outcome).toBe('exception');
    expect(server.received.map((q) => q.url)).toEqual(['/redirect']);
    expect(r.events).toEqual([expect.objectContaining({ event: 'keepalive.failed', status: 301 })]);
  });

  test('a reset connection is reported with the network error and fails the run', async () => {
    const r = await run(['/reset']);
    expect(r.outcome).toBe('exception');
    expect(r.events).toEqual([expect.objectContaining({ event: 'keepalive.failed', ok: false, error: expect.any(String) })]);
    expect(r.events[0].status).toBeUndefined();
  });
});

describe('the workerd harness can fail', () => {
  test('a Worker whose scheduled handler throws is an exception, with its console.error lines', async () => {
    const w = await startWorker({ script: 'export default { async scheduled() { console.error("about to fail"); throw new Error("boom"); } };' });
    try {
      const r = await w.scheduled('*/5 * * * *');
      expect(r.outcome).toBe('exception');
      expect(r.errors).toContain('about to fail');
    } finally {
      await w.dispose();
    }
  });

  test('a script that does not parse is refused by workerd', async () => {
    await expect(startWorker({ script: `${keepAlive.script}\n}` })).rejects.toThrow();
  });
});
