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
  // Error messages and type guards read class names; keep them.
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  // Loaded from files next to their own package at run time (WebAssembly parser).
  external: ['libpg-query'],
});
console.log('bundle:app: build/synth/app.js');
