import { execFileSync, spawnSync, SpawnSyncOptions } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';

/**
 * A throwaway PostgreSQL cluster for tests that must prove behaviour on a real
 * server (grants, row-level security), not on a mock.
 *
 * `startPostgres()` runs `initdb` in a fresh temp directory, starts `postgres` on
 * a free localhost port with its unix socket in that directory too, and returns a
 * handle; `stop()` shuts it down and deletes everything. When the tests run as
 * root the server runs as the `postgres` OS user (PostgreSQL refuses to run as
 * root). Missing server binaries are a test FAILURE with instructions, never a
 * skip: CI installs Debian's `postgresql` package. The failure is reported once, by
 * test/engines/postgres-server.test.ts; the blocks that need a server are declared
 * with `describeWithPostgres`, which skips them then instead of failing each test
 * with the same message.
 *
 * Binaries are looked up in `$PG_BIN_DIR`, then the newest
 * `/usr/lib/postgresql/<major>/bin`, then `$PATH`.
 */
export interface PostgresServer {
  /** TCP port on 127.0.0.1. */
  readonly port: number;
  /** Always "127.0.0.1". */
  readonly host: string;
  /** Bootstrap superuser (trust authentication, localhost only). */
  readonly superuser: string;
  /** Directory holding the server binaries (psql lives there too). */
  readonly binDir: string;
  /** libpq environment (PGHOST, PGPORT, PGUSER, PGDATABASE) for a given user/database. */
  env(user?: string, database?: string): { [name: string]: string };
  /** A connected `pg` client; the caller ends it. */
  connect(user?: string, database?: string): Promise<Client>;
  /** Creates an empty database and returns its name. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and removes its files. */
  stop(): void;
}

const REQUIRED = ['initdb', 'pg_ctl', 'postgres', 'psql'];

/** The directory with initdb/pg_ctl/postgres/psql, or a clear error saying how to get them. */
export function findPostgresBinDir(): string {
  const candidates: string[] = [];
  if (process.env.PG_BIN_DIR) candidates.push(process.env.PG_BIN_DIR);
  const root = '/usr/lib/postgresql';
  if (fs.existsSync(root)) {
    const majors = fs.readdirSync(root).filter((d) => /^\d+$/.test(d)).sort((a, b) => Number(b) - Number(a));
    candidates.push(...majors.map((m) => path.join(root, m, 'bin')));
  }
  candidates.push(...(process.env.PATH ?? '').split(path.delimiter).filter(Boolean));
  const found = candidates.find((dir) => REQUIRED.every((b) => fs.existsSync(path.join(dir, b))));
  if (!found) {
    throw new Error(
      `PostgreSQL server binaries (${REQUIRED.join(', ')}) not found in $PG_BIN_DIR, /usr/lib/postgresql/<major>/bin or $PATH. ` +
      'These tests run the generated SQL on a real server: install Debian\'s "postgresql" package (apt-get install -y postgresql) or set PG_BIN_DIR.',
    );
  }
  return found;
}

/**
 * Why no test server can run here (no binaries, or root without a "postgres" OS user),
 * or undefined when one can.
 */
export function postgresUnavailable(): string | undefined {
  try {
    findPostgresBinDir();
    osUserForServer();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/**
 * `describe` for blocks that run on a real server. Without PostgreSQL they are skipped, and
 * test/engines/postgres-server.test.ts fails once with how to install it.
 */
export const describeWithPostgres: jest.Describe = postgresUnavailable() === undefined ? describe : describe.skip;

/** Options of `startPostgres`. */
export interface StartPostgresOptions {
  /**
   * Serve TLS with a throwaway self-signed certificate (made with `openssl`), so
   * clients can connect with `sslmode=require` exactly as in production.
   * @default false
   */
  readonly ssl?: boolean;
}

/** Starts a fresh cluster. Call `stop()` in afterAll. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<PostgresServer> {
  const binDir = findPostgresBinDir();
  const runAs = osUserForServer();
  const base = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-pg-'));
  const dataDir = path.join(base, 'data');
  const logFile = path.join(base, 'server.log');
  if (runAs) fs.chownSync(base, runAs.uid, runAs.gid);
  fs.chmodSync(base, 0o700);
  const port = await freePort();
  const superuser = 'postgres';

  run(binDir, 'initdb', ['-D', dataDir, '-U', superuser, '--auth=trust', '--encoding=UTF8', '--locale=C.UTF-8', '--no-sync'], runAs);
  const sslOptions: string[] = [];
  if (options.ssl) {
    const cert = path.join(base, 'server.crt');
    const key = path.join(base, 'server.key');
    const made = spawnSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert], { encoding: 'utf8' });
    if (made.error || made.status !== 0) throw new Error(`openssl could not make a test certificate: ${made.error?.message ?? made.stderr}`);
    fs.chmodSync(key, 0o600);
    if (runAs) { fs.chownSync(key, runAs.uid, runAs.gid); fs.chownSync(cert, runAs.uid, runAs.gid); }
    sslOptions.push('-c ssl=on', `-c ssl_cert_file=${cert}`, `-c ssl_key_file=${key}`);
  }
  const serverOptions = [
    ...sslOptions,
    `-p ${port}`,
    `-k ${base}`,
    '-c listen_addresses=127.0.0.1',
    // Throwaway data: durability settings off for speed.
    '-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off',
  ].join(' ');
  run(binDir, 'pg_ctl', ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60', 'start'], runAs, () => readLog(logFile));

  let stopped = false;
  const server: PostgresServer = {
    port,
    host: '127.0.0.1',
    superuser,
    binDir,
    env: (user = superuser, database = 'postgres') => ({ PGHOST: '127.0.0.1', PGPORT: String(port), PGUSER: user, PGDATABASE: database }),
    connect: async (user = superuser, database = 'postgres') => {
      const client = new Client({ host: '127.0.0.1', port, user, database });
      await client.connect();
      return client;
    },
    createDatabase: async (name: string) => {
      const client = await server.connect();
      try {
        await client.query(`CREATE DATABASE "${name.replace(/"/g, '""')}" TEMPLATE template0`);
      } finally {
        await client.end();
      }
      return name;
    },
    stop: () => {
      if (stopped) return;
      stopped = true;
      spawnSync(path.join(binDir, 'pg_ctl'), ['-D', dataDir, '-m', 'immediate', '-w', 'stop'], { stdio: 'ignore', ...runAs });
      fs.rmSync(base, { recursive: true, force: true });
    },
  };
  return server;
}

function osUserForServer(): { uid: number; gid: number } | undefined {
  if (typeof process.getuid !== 'function' || process.getuid() !== 0) return undefined;
  try {
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    return { uid, gid };
  } catch {
    throw new Error('Running as root, but there is no "postgres" OS user to run the test server as (PostgreSQL refuses to run as root). Install Debian\'s "postgresql" package, which creates it.');
  }
}

function run(binDir: string, bin: string, args: string[], runAs: { uid: number; gid: number } | undefined, extra?: () => string): void {
  const options: SpawnSyncOptions = { encoding: 'utf8', ...runAs, env: { ...process.env, LC_ALL: 'C.UTF-8' } };
  const result = spawnSync(path.join(binDir, bin), args, options);
  if (result.error || result.status !== 0) {
    throw new Error(`${bin} failed (${result.error?.message ?? `exit ${result.status}`}):\n${result.stdout}\n${result.stderr}\n${extra ? extra() : ''}`);
  }
}

function readLog(file: string): string {
  return fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address() as net.AddressInfo;
      srv.close(() => resolve(address.port));
    });
  });
}
