import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The bundled app (build/synth/app.js, what cdktf.json runs) writes byte-identical JSON
 * to the plain tsc build of the same sources. `npm test` builds both first (`bundle:app`);
 * a missing build fails the test with how to make it, it is never skipped.
 */
const ROOT = path.join(__dirname, '..', '..');
const BUNDLE = path.join(ROOT, 'build', 'synth', 'app.js');
const PLAIN = path.join(ROOT, 'build', 'app', 'stacks', 'main.js');

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

describe('the bundled app', () => {
  test('writes the same files, byte for byte, as the unbundled build', () => {
    for (const built of [BUNDLE, PLAIN]) {
      if (!fs.existsSync(built)) throw new Error(`${path.relative(ROOT, built)} is missing: run \`npx projen bundle:app\` (npm test does)`);
    }
    const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bundle-'));
    try {
      const run = (entry: string, out: string) => execFileSync(process.execPath, [entry], { cwd: ROOT, env: { ...process.env, CDKTF_OUTDIR: path.join(work, out) }, stdio: 'pipe' });
      run(BUNDLE, 'bundled');
      run(PLAIN, 'plain');
      const rel = (out: string) => filesUnder(path.join(work, out)).map((f) => path.relative(path.join(work, out), f)).sort();
      expect(rel('bundled')).toEqual(rel('plain'));
      expect(rel('plain').filter((f) => f.endsWith('cdk.tf.json'))).toHaveLength(7);
      for (const f of rel('plain').filter((name) => name !== 'manifest.json')) {
        expect(fs.readFileSync(path.join(work, 'bundled', f), 'utf8')).toBe(fs.readFileSync(path.join(work, 'plain', f), 'utf8'));
      }
      // The manifest records where each annotation was made: file paths differ, nothing else may.
      const manifest = (out: string) => JSON.parse(fs.readFileSync(path.join(work, out, 'manifest.json'), 'utf8'), (k, v) => (k === 'stacktrace' ? undefined : v));
      expect(manifest('bundled')).toEqual(manifest('plain'));
    } finally {
      fs.rmSync(work, { recursive: true, force: true });
    }
  });
});
