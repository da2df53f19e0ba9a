import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { BAD_INPUTS } from './cases';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/**
 * The bad-input matrix: every invalid input fails `synth` with the exact error (construct
 * path, property, value, what is allowed) and nothing is written to the output directory.
 */
describe('bad-input matrix', () => {
  test('has at least 60 cases, all distinct', () => {
    expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(60);
    expect(new Set(BAD_INPUTS.map((c) => c[0])).size).toBe(BAD_INPUTS.length);
  });

  test.each(BAD_INPUTS)('%s', (_name, build, expected) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-bad-'));
    try {
      expect(() => {
        const app = new App({ outdir, skipValidation: false });
        build(app);
        app.synth();
      }).toThrow(expected);
      // cdktf's App creates the empty stacks/ folder up front; no file may be written.
      expect(filesUnder(outdir)).toEqual([]);
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });
});
