#!/usr/bin/env node
// Makes the compiled package root load each area, and each generated provider binding,
// only when the user first touches one of its exports.
//
// `lib/index.ts` re-exports every area (`export * from './k8s'`) and the generated bindings
// as jsii submodules (`export * as render from './providers/render/gen'`): that is what jsii
// and the type declarations need. Compiled as is, `require('<package>')` then loads every
// area and every provider class the library uses (the Kubernetes provider alone costs about
// 80 ms) and all 50 generated Render/Supabase modules, whether the app uses them or not.
// This script rewrites only the compiled JavaScript of the root index (and the bindings'
// indexes, with the lazy index the CDKTF generator writes for exactly this purpose): every
// export becomes a getter that requires its module on first access. Names, types and
// `.d.ts` files do not change; a test compares the export list before and after.
//
//   node scripts/lazy-exports.js build/lib [build/app/lib ...]
'use strict';
const fs = require('fs');
const path = require('path');

function rewrite(libDir) {
  const indexFile = path.join(libDir, 'index.js');
  const source = fs.readFileSync(indexFile, 'utf8');
  if (source.includes('/* lazy-exports */')) return;
  const lines = [];
  const starExports = [...source.matchAll(/__exportStar\(require\("(\.\/[^"]+)"\), exports\);/g)].map((m) => m[1]);
  const namespaces = [...source.matchAll(/exports\.(\w+) = __importStar\(require\("(\.\/[^"]+)"\)\);/g)].map((m) => [m[1], m[2]]);
  const direct = [...source.matchAll(/Object\.defineProperty\(exports, "(\w+)", \{ enumerable: true, get: function \(\) \{ return (\w+)\.(\w+); \} \}\);/g)];
  const directModules = Object.fromEntries([...source.matchAll(/var (\w+) = require\("(\.\/[^"]+)"\);/g)].map((m) => [m[1], m[2]]));

  // Every export name of each area, read once here at build time.
  const seen = new Set();
  // One loader per module, with a literal require() so that bundlers (esbuild) still see it.
  const loaders = new Map();
  const loader = (modulePath) => {
    if (!loaders.has(modulePath)) {
      const id = `m${loaders.size}`;
      loaders.set(modulePath, id);
      lines.push(`let ${id}; const load_${id} = () => ${id} || (${id} = require(${JSON.stringify(modulePath)}));`);
    }
    return `load_${loaders.get(modulePath)}`;
  };
  const define = (name, modulePath, member) => {
    if (seen.has(name)) return;
    seen.add(name);
    lines.push(`lazy(${JSON.stringify(name)}, ${loader(modulePath)}, ${member === undefined ? 'undefined' : JSON.stringify(member)});`);
  };
  for (const m of direct) define(m[1], directModules[m[2]], m[3]);
  for (const modulePath of starExports) {
    const mod = require(path.resolve(libDir, modulePath));
    for (const name of Object.keys(mod)) if (name !== '__esModule' && name !== 'default') define(name, modulePath, name);
  }
  for (const [name, modulePath] of namespaces) define(name, modulePath, undefined);

  const header = source.slice(0, source.indexOf('Object.defineProperty(exports, "__esModule"'));
  const out = `${header}/* lazy-exports */
Object.defineProperty(exports, "__esModule", { value: true });
function lazy(name, load, member) {
  Object.defineProperty(exports, name, {
    enumerable: true,
    configurable: true,
    get: () => (member === undefined ? load() : load()[member]),
  });
}
${lines.join('\n')}
// Never runs: lets Node's ES-module loader (cjs-module-lexer) see the export names,
// so \`import { SecureBucket } from '<package>'\` works from ES modules too.
if (false) { ${[...seen].map((n) => `exports.${n} = `).join('')}void 0; }
`;
  fs.writeFileSync(indexFile, out);

  // The generated bindings: the CDKTF generator writes lazy-index.ts next to index.ts.
  for (const [, modulePath] of namespaces) {
    const dir = path.resolve(libDir, modulePath);
    const lazyFile = path.join(dir, 'lazy-index.js');
    if (fs.existsSync(lazyFile)) fs.copyFileSync(lazyFile, path.join(dir, 'index.js'));
  }
  console.log(`lazy-exports: ${path.relative(process.cwd(), indexFile)}: ${seen.size} exports load on first use`);
}

const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: node scripts/lazy-exports.js <compiled lib dir> [...]');
  process.exit(2);
}
dirs.forEach((d) => rewrite(path.resolve(d)));
