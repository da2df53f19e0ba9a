import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The compiled package root loads areas and bindings on first use (scripts/lazy-exports.js)
 * without changing what it exports. Runs on the jsii build (npm test compiles first).
 */
const ROOT = path.join(__dirname, '..', '..');
const BUILD = path.join(ROOT, 'build', 'lib');
const maybe = fs.existsSync(path.join(BUILD, 'index.js')) ? describe : describe.skip;

maybe('lazy exports of the package root', () => {
  const probe = (code: string) => JSON.parse(execFileSync(process.execPath, ['-e', code], { cwd: ROOT, encoding: 'utf8' }));

  test('the root is lazy: requiring it loads nothing else; a construct loads its area only', () => {
    const r = probe(`
      const before = Object.keys(require.cache).length;
      const lib = require(${JSON.stringify(BUILD)});
      const afterRequire = Object.keys(require.cache).length - before;
      void lib.SecureBucket;
      const kubernetes = Object.keys(require.cache).some((f) => f.includes('provider-kubernetes'));
      void lib.render.webService.WebService;
      const renderModules = Object.keys(require.cache).filter((f) => f.includes('/providers/render/gen/')).length;
      console.log(JSON.stringify({ afterRequire, kubernetes, renderModules }));`);
    expect(r).toEqual({ afterRequire: 1, kubernetes: false, renderModules: 2 });
  });

  test('the same names, and the same values, as an eager load of every area', () => {
    const r = probe(`
      const lib = require(${JSON.stringify(BUILD)});
      const names = Object.keys(lib).sort();
      const eager = {};
      for (const f of ['core/errors', 'core/secrets', 'checks', 'storage', 'render', 'networking', 'k8s', 'supabase']) Object.assign(eager, require(${JSON.stringify(BUILD)} + '/' + f));
      const mismatched = Object.keys(eager).filter((n) => n in lib && lib[n] !== eager[n]);
      console.log(JSON.stringify({ count: names.length, mismatched, hasRender: typeof lib.render.webService.WebService, hasSupabase: typeof lib.supabase.project.Project }));`);
    expect(r.mismatched).toEqual([]);
    expect(r.count).toBeGreaterThan(50); // the curated root (issue 11): 86 names once lib/k8s moved its helpers to private/
    expect(r).toMatchObject({ hasRender: 'function', hasSupabase: 'function' });
  });
});
