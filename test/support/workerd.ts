import * as http from 'http';
import { AddressInfo, Socket } from 'net';
import { Readable } from 'stream';
import { Miniflare } from 'miniflare';

/**
 * Runs a Cloudflare Worker script in workerd, the runtime Cloudflare runs it in,
 * through miniflare, exactly as the library uploads it (an ES module string and
 * its plain-text bindings). `cf: false` keeps miniflare from fetching Cloudflare's
 * request metadata from the internet; the Worker's own `fetch` calls go wherever
 * its bindings point, which in tests are local servers (`localServer`).
 *
 * @example
 * const worker = await startWorker({ script, bindings: { HEALTH_URLS: '["http://127.0.0.1:1234/health"]' } });
 * const run = await worker.scheduled('*\/5 * * * *');
 * await worker.dispose();
 */
export interface WorkerOptions {
  /** ES module source of the Worker. */
  readonly script: string;
  /** Name of the main module. @default "worker.mjs" */
  readonly mainModule?: string;
  /** Plain-text bindings (`env.NAME`). */
  readonly bindings?: { [name: string]: string };
  /** Compatibility date. @default "2025-01-01" */
  readonly compatibilityDate?: string;
  /** Cron triggers the Worker is configured with. */
  readonly crons?: string[];
  /** Workers KV namespace bindings (empty, in memory, one store per started Worker). */
  readonly kvNamespaces?: string[];
}

/** What one invocation did. */
export interface WorkerRun {
  /** "ok", or "exception" when the handler threw (a failed invocation in Cloudflare). */
  readonly outcome: string;
  /** console.log lines. */
  readonly logs: string[];
  /** console.error lines. */
  readonly errors: string[];
}

export interface RunningWorker {
  /** Fires the scheduled handler as the cron trigger `cron` would. */
  scheduled(cron: string): Promise<WorkerRun>;
  /** Sends an HTTP request to the Worker's fetch handler. */
  fetch(url: string, init?: { method?: string; headers?: { [k: string]: string }; body?: string }): Promise<{ status: number; body: string; logs: string[]; errors: string[] }>;
  dispose(): Promise<void>;
}

export async function startWorker(options: WorkerOptions): Promise<RunningWorker> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const mf = new Miniflare({
    modules: [{ type: 'ESModule', path: options.mainModule ?? 'worker.mjs', contents: options.script }],
    bindings: options.bindings ?? {},
    compatibilityDate: options.compatibilityDate ?? '2025-01-01',
    cf: false,
    triggers: options.crons ? { crons: options.crons } : undefined,
    kvNamespaces: options.kvNamespaces,
    handleRuntimeStdio(out: Readable, err: Readable) {
      out.on('data', (d: Buffer) => stdout.push(...String(d).split('\n').filter(Boolean)));
      err.on('data', (d: Buffer) => stderr.push(...String(d).split('\n').filter(Boolean)));
    },
  });
  try {
    await mf.ready;
  } catch (e) {
    await mf.dispose().catch(() => undefined);
    throw e;
  }
  const drain = async () => {
    // workerd writes the Worker's console output asynchronously.
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { logs: stdout.splice(0), errors: stderr.splice(0) };
  };
  return {
    async scheduled(cron) {
      // The Fetcher's scheduled() (its type is missing from miniflare's Request-based typings).
      const worker = (await mf.getWorker()) as unknown as { scheduled(o: { cron: string; scheduledTime: Date }): Promise<{ outcome: string }> };
      const r = await worker.scheduled({ cron, scheduledTime: new Date() });
      return { outcome: r.outcome, ...(await drain()) };
    },
    async fetch(url, init = {}) {
      const res = await mf.dispatchFetch(url, init as any);
      const body = await res.text();
      return { status: res.status, body, ...(await drain()) };
    },
    dispose: () => mf.dispose(),
  };
}

/** A request a local server received. */
export interface ReceivedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: http.IncomingHttpHeaders;
}

/** A local HTTP server on 127.0.0.1 with a handler per path; records what it receives. */
export interface LocalServer {
  readonly origin: string;
  readonly received: ReceivedRequest[];
  close(): Promise<void>;
}

export type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/** Behaviours of a health endpoint, for Workers that call one. */
export const behaviours = {
  status: (code: number, headers: http.OutgoingHttpHeaders = {}): Handler => (_req, res) => { res.writeHead(code, headers); res.end(code < 300 ? 'ok' : 'failed'); },
  /** Answers after `ms`, to be cut off by the caller's timeout. */
  slow: (ms: number): Handler => (_req, res) => { const t = setTimeout(() => { res.writeHead(200); res.end('late'); }, ms); res.on('close', () => clearTimeout(t)); },
  /** Resets the TCP connection without answering. */
  reset: (): Handler => (req) => { (req.socket as Socket).resetAndDestroy(); },
};

export async function localServer(routes: { [path: string]: Handler }): Promise<LocalServer> {
  const received: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    received.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    const handler = routes[(req.url ?? '/').split('?')[0]];
    if (handler) {handler(req, res);} else { res.writeHead(404); res.end('not found'); }
  });
  server.on('connection', (s) => { sockets.add(s); s.on('close', () => sockets.delete(s)); });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => { for (const s of sockets) s.destroy(); server.close(() => resolve()); }),
  };
}
