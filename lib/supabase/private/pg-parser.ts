import { MessageChannel, Worker, receiveMessageOnPort } from 'worker_threads';

/**
 * PostgreSQL's own parser (libpg_query, the server's grammar and lexer compiled
 * to WebAssembly, from the `libpg-query` package), callable synchronously.
 *
 * Constructors run synchronously, and the WebAssembly module only loads
 * asynchronously. So the parser lives in a worker thread, and a call posts the
 * texts to it and blocks on `Atomics.wait` until the worker has answered: the
 * worker's own event loop loads the module while this thread waits. One worker
 * serves every call of a process; it is unref'd (it never keeps a process alive)
 * and ends itself after a short idle time. Results are cached per text.
 *
 * Nothing here runs SQL or touches a network: the parser only reads text.
 */

/** One statement of a parse tree (libpg_query's JSON form). */
export interface ParsedStatement {
  /** `{ <NodeKind>: { ...fields } }`, for example `{ SelectStmt: {...} }`. */
  readonly stmt: { readonly [kind: string]: any };
  readonly stmt_location?: number;
  readonly stmt_len?: number;
}

/** What the parser made of one text: statements, or the error PostgreSQL would report. */
export type ParseOutcome =
  | { readonly statements: readonly ParsedStatement[]; readonly error?: undefined }
  | { readonly statements?: undefined; readonly error: { readonly message: string; readonly position: number } };

const WORKER_SOURCE = `
const { parentPort, workerData } = require('worker_threads');
let parser; let ready;
try { parser = require(workerData.module); ready = parser.loadModule(); } catch (e) { ready = Promise.reject(e); }
parentPort.on('message', async ({ texts, port, signal }) => {
  let reply;
  try {
    await ready;
    reply = { results: texts.map((text) => {
      try { return { statements: parser.parseSync(text).stmts || [] }; }
      catch (e) { return { error: { message: String(e.message), position: e.sqlDetails ? e.sqlDetails.cursorPosition : -1 } }; }
    }) };
  } catch (e) { reply = { fatal: String(e && e.message || e) }; }
  port.postMessage(reply);
  Atomics.store(signal, 0, 1);
  Atomics.notify(signal, 0);
});
`;

/** How long a call waits for the worker (first call: thread start and WebAssembly compile, ~0.1 s). */
const TIMEOUT_MS = 60_000;
/** Idle time after which the worker ends (a synth makes its calls in one go). */
const IDLE_MS = 2_000;

let worker: Worker | undefined;
let idleTimer: NodeJS.Timeout | undefined;
const cache = new Map<string, ParseOutcome>();

function parserWorker(): Worker {
  if (!worker) {
    const w = new Worker(WORKER_SOURCE, { eval: true, workerData: { module: require.resolve('libpg-query') } });
    w.unref();
    w.on('exit', () => { if (worker === w) worker = undefined; });
    w.on('error', () => { if (worker === w) worker = undefined; });
    worker = w;
  }
  return worker;
}

function scheduleIdleEnd(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    const w = worker;
    worker = undefined;
    void w?.terminate();
  }, IDLE_MS);
  idleTimer.unref();
}

/** Parses each text as PostgreSQL would (one batch, one round trip). */
export function parseSql(texts: readonly string[]): ParseOutcome[] {
  const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
  if (missing.length > 0) {
    const signal = new Int32Array(new SharedArrayBuffer(4));
    const { port1, port2 } = new MessageChannel();
    try {
      parserWorker().postMessage({ texts: missing, port: port2, signal }, [port2]);
      const waited = Atomics.wait(signal, 0, 0, TIMEOUT_MS);
      const reply = receiveMessageOnPort(port1)?.message;
      if (waited === 'timed-out' || !reply) throw new Error(`the PostgreSQL parser (libpg-query) did not answer within ${TIMEOUT_MS / 1000} s`);
      if (reply.fatal) throw new Error(`the PostgreSQL parser (libpg-query) could not be loaded: ${reply.fatal}`);
      missing.forEach((text, i) => cache.set(text, reply.results[i]));
    } finally {
      port1.close();
      scheduleIdleEnd();
    }
  }
  return texts.map((t) => cache.get(t)!);
}

/** The node kind of a parsed statement ("SelectStmt", "CreatePolicyStmt", ...). */
export function statementKind(s: ParsedStatement): string {
  return Object.keys(s.stmt)[0];
}
