#!/usr/bin/env node
// Bundles the compiled app (build/app/stacks/synth.js, with the library and its
// dependencies: cdktf, constructs, the provider classes it uses) into one file,
// build/synth/app.js, the file `cdktf synth` runs. One file means one read and one
// compile instead of ~600 module lookups, and about 40 MB less peak memory.
'use strict';
const path = require('path');
const esbuild = require('esbuild');

const ROOT = path.resolve(__dirname, '..');
esbuild.buildSync({
  entryPoints: [path.join(ROOT, 'build', 'app', 'stacks', 'synth.js')],
  outfile: path.join(ROOT, 'build', 'synth', 'app.js'),
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // esbuild's keepNames wraps every function and class in a __name() call: about 200 ms of a
  // 1.6 s synth. Names only change where two bundled classes share one (esbuild renames the
  // second), and the written JSON is byte-identical either way (test/stacks/bundle.test.ts).
  keepNames: false,
  legalComments: 'none',
  logLevel: 'warning',
  // Loaded from files next to their own package at run time (WebAssembly parser).
  external: ['libpg-query'],
});
console.log('bundle:app: build/synth/app.js');
