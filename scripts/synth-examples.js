#!/usr/bin/env node
// Synthesizes every example under examples/ the way a user would run `cdktf synth`
// there: the example's cdktf.json `app` command, with the example folder as the
// working directory, writing examples/<name>/cdktf.out.
'use strict';
const { execSync } = require('child_process');
const fs = require('fs');
const path = require('path');

const EXAMPLES = path.resolve(__dirname, '..', 'examples');
const names = fs.existsSync(EXAMPLES) ? fs.readdirSync(EXAMPLES).filter((n) => fs.existsSync(path.join(EXAMPLES, n, 'cdktf.json'))).sort() : [];
let failed = 0;
for (const name of names) {
  const dir = path.join(EXAMPLES, name);
  const app = JSON.parse(fs.readFileSync(path.join(dir, 'cdktf.json'), 'utf8')).app;
  fs.rmSync(path.join(dir, 'cdktf.out'), { recursive: true, force: true });
  try {
    execSync(app, { cwd: dir, stdio: ['ignore', 'ignore', 'inherit'], env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
    const stacks = fs.readdirSync(path.join(dir, 'cdktf.out', 'stacks'));
    console.log(`synth ok   examples/${name}: ${stacks.join(', ')}`);
  } catch (err) {
    failed++;
    console.error(`synth FAIL examples/${name}: ${err.message}`);
  }
}
console.log(`${names.length - failed} examples synthesized, ${failed} failed`);
process.exit(failed ? 1 : 0);
