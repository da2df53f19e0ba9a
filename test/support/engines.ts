import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * Finds an engine binary on PATH. Missing locally (CI unset): the caller's tests are
 * skipped with a message that says how to get it. Missing under CI=true: an error,
 * because CI installs every engine and a silent skip would hide that it ran nothing.
 */
export function findEngine(binary: string, install: string): string | undefined {
  const found = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean).map((d) => path.join(d, binary)).find((f) => fs.existsSync(f));
  if (found) return found;
  const message = `${binary} not found on PATH: ${install}`;
  if (process.env.CI && process.env.CI !== 'false' && process.env.CI !== '0') throw new Error(`${message} (CI is set, so this is a failure, not a skip)`);
  console.warn(`SKIPPED: ${message}. These tests run only where ${binary} is installed; under CI=true its absence fails.`);
  return undefined;
}

/** Runs a binary and returns its exit code and combined output. */
export function run(binary: string, args: string[], cwd?: string): { code: number; output: string } {
  const r = spawnSync(binary, args, { cwd, encoding: 'utf8', timeout: 60000 });
  if (r.error) throw r.error;
  return { code: r.status ?? -1, output: `${r.stdout ?? ''}${r.stderr ?? ''}` };
}
