import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KEEP_ALIVE_SCRIPT } from '../../../lib/networking/private/keep-alive-script';

interface LoadedWorker {
  handler: { scheduled: (controller: unknown, env: object, ctx: unknown) => Promise<void> };
  runKeepAlive: (env: object) => Promise<any[]>;
}

/**
 * Loads the exact Worker source in this Node process. The only change is turning
 * the two ES `export` statements into plain declarations, because Jest runs
 * CommonJS; `fetch` and `console` are injected so each test controls them.
 */
function load(fetchImpl: (url: string, init: any) => Promise<{ status: number }>) {
  const logs: string[] = [];
  const errors: string[] = [];
  const fakeConsole = { log: (m: string) => logs.push(m), error: (m: string) => errors.push(m) };
  const body = KEEP_ALIVE_SCRIPT.replace('export async function runKeepAlive', 'async function runKeepAlive').replace('export default {', 'const handler = {');
  expect(body).not.toContain('export ');
  const factory = new Function('fetch', 'console', `${body}\nreturn { handler, runKeepAlive };`);
  const worker = factory(fetchImpl, fakeConsole) as LoadedWorker;
  return { worker, logs, errors };
}

const env = (urls: string[], timeoutMs = 1000) => ({ HEALTH_URLS: JSON.stringify(urls), TIMEOUT_MS: String(timeoutMs) });

describe('keep-alive Worker script', () => {
  test('is a valid ES module with a scheduled handler (node --check)', () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'keepalive-')), 'keepalive.mjs');
    fs.writeFileSync(file, KEEP_ALIVE_SCRIPT);
    const result = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(KEEP_ALIVE_SCRIPT).toMatch(/export default \{\s+async scheduled\(controller, env, ctx\)/);
    expect(KEEP_ALIVE_SCRIPT).not.toMatch(/async fetch\(/);
  });

  test('GETs every URL once, without following redirects and bypassing caches, and logs each success', async () => {
    const calls: Array<[string, any]> = [];
    const { worker, logs, errors } = load(async (url, init) => { calls.push([url, init]); return { status: 200 }; });
    await worker.handler.scheduled({}, env(['https://api.example.com/health', 'https://app.example.com/api/health']), {});
    expect(calls.map((c) => c[0])).toEqual(['https://api.example.com/health', 'https://app.example.com/api/health']);
    expect(calls[0][1]).toMatchObject({ method: 'GET', redirect: 'manual', headers: { 'user-agent': 'cdktf-keepalive/1.0', 'cache-control': 'no-cache' } });
    expect(calls[0][1].signal).toBeDefined();
    expect(errors).toEqual([]);
    expect(logs.map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ event: 'keepalive.ok', url: 'https://api.example.com/health', status: 200, ok: true }),
      expect.objectContaining({ event: 'keepalive.ok', url: 'https://app.example.com/api/health', status: 200, ok: true }),
    ]);
  });

  test('a non-2xx answer (including a redirect) is logged with console.error and fails the run', async () => {
    const { worker, logs, errors } = load(async (url) => ({ status: url.startsWith('https://api.') ? 503 : 301 }));
    await expect(worker.handler.scheduled({}, env(['https://api.example.com/health', 'https://app.example.com/api/health']), {})).rejects.toThrow(
      'keep-alive: 2 of 2 health checks failed: https://api.example.com/health (HTTP 503), https://app.example.com/api/health (HTTP 301)',
    );
    expect(logs).toEqual([]);
    expect(errors.map((e) => JSON.parse(e))).toEqual([
      expect.objectContaining({ event: 'keepalive.failed', status: 503, ok: false }),
      expect.objectContaining({ event: 'keepalive.failed', status: 301, ok: false }),
    ]);
  });

  test('one failure among successes still fails the run, after checking every URL', async () => {
    const seen: string[] = [];
    const { worker, logs, errors } = load(async (url) => { seen.push(url); return { status: url.endsWith('/b') ? 500 : 204 }; });
    await expect(worker.runKeepAlive(env(['https://x.example.com/a', 'https://x.example.com/b', 'https://x.example.com/c']))).rejects.toThrow(
      'keep-alive: 1 of 3 health checks failed: https://x.example.com/b (HTTP 500)',
    );
    expect(seen).toHaveLength(3);
    expect(logs).toHaveLength(2);
    expect(errors).toHaveLength(1);
  });

  test('network errors are reported with their message', async () => {
    const { worker, errors } = load(async () => { throw new Error('getaddrinfo ENOTFOUND'); });
    await expect(worker.runKeepAlive(env(['https://down.example.com/health']))).rejects.toThrow('https://down.example.com/health (getaddrinfo ENOTFOUND)');
    expect(JSON.parse(errors[0])).toMatchObject({ event: 'keepalive.failed', error: 'getaddrinfo ENOTFOUND' });
  });

  test('a hung origin is aborted after TIMEOUT_MS and reported as a timeout', async () => {
    const { worker, errors } = load((_url, init) => new Promise((_resolve, reject) => {
      init.signal.addEventListener('abort', () => reject(new Error('The operation was aborted')));
    }));
    const started = Date.now();
    await expect(worker.runKeepAlive(env(['https://slow.example.com/health'], 50))).rejects.toThrow('https://slow.example.com/health (timeout after 50 ms)');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(JSON.parse(errors[0]).error).toBe('timeout after 50 ms');
  });

  test('an empty URL list fails loudly instead of silently doing nothing', async () => {
    const { worker } = load(async () => ({ status: 200 }));
    await expect(worker.runKeepAlive({ HEALTH_URLS: '[]' })).rejects.toThrow('keep-alive: HEALTH_URLS is empty; nothing to ping');
  });
});
