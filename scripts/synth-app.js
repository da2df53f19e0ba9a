#!/usr/bin/env node
// The `app` command of cdktf.json: runs the bundled app (build/synth/app.js), rebuilding it
// first when any source is newer (so `cdktf synth` on a fresh clone, or after an edit, never
// runs a stale build), with Node's compile cache on where Node has it (22+).
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const BUNDLE = path.join(ROOT, 'build', 'synth', 'app.js');
const SOURCES = ['lib', 'stacks', 'schemas', 'scripts', 'package-lock.json'];

function newest(p) {
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  let max = 0;
  for (const e of fs.readdirSync(p, { withFileTypes: true })) {
    if (e.name === 'gen' || e.name === 'node_modules') continue;
    max = Math.max(max, newest(path.join(p, e.name)));
  }
  return max;
}

const built = fs.existsSync(BUNDLE) ? fs.statSync(BUNDLE).mtimeMs : 0;
if (built === 0 || SOURCES.some((s) => fs.existsSync(path.join(ROOT, s)) && newest(path.join(ROOT, s)) > built)) {
  process.stderr.write('synth-app: sources changed since the last bundle: npm run bundle:app\n');
  const r = spawnSync('npx', ['projen', 'bundle:app'], { cwd: ROOT, stdio: ['ignore', 2, 2] });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
require('module').enableCompileCache?.();
require(BUNDLE);
