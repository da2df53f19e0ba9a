#!/usr/bin/env node
// Synth benchmark: the full app synth (the cdktf.json `app` command) against a node
// process that only loads `cdktf`, the floor any CDKTF app pays. Prints the median
// wall time of each, their ratio, and the peak RSS of the synth.
//
//   node scripts/bench.js [runs]      (default 7 runs, after one warm-up)
//
// Goals for the whole app: ratio <= 2.0 and peak RSS <= 200 MB on a 2-core machine.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.argv[2] || 7);
const appCommand = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app.split(/\s+/);
const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-bench-'));
// Each child reports its own peak RSS from process.resourceUsage() as it exits.
const probe = path.join(outdir, 'rss-probe.js');
fs.writeFileSync(probe, "process.on('exit', () => { require('fs').writeSync(3, String(process.resourceUsage().maxRSS)); });\n");

function run(args) {
  const start = process.hrtime.bigint();
  const r = spawnSync(args[0], ['-r', probe, ...args.slice(1)], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: path.join(outdir, 'cdktf.out'), CHECKPOINT_DISABLE: '1' },
    stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}`);
  return { ms, rssMb: Number(r.output[3].toString()) / 1024 };
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function measure(label, args) {
  run(args); // warm the file-system cache
  const samples = Array.from({ length: RUNS }, () => run(args));
  const result = { label, ms: median(samples.map((s) => s.ms)), rssMb: Math.max(...samples.map((s) => s.rssMb)) };
  console.log(`${label.padEnd(22)} median ${result.ms.toFixed(0).padStart(5)} ms   peak RSS ${result.rssMb.toFixed(0).padStart(4)} MB   (${RUNS} runs)`);
  return result;
}

const baseline = measure('node + require(cdktf)', ['node', '-e', "require('cdktf')"]);
const synth = measure(`synth (${appCommand.slice(1).join(' ')})`, appCommand);
const stacks = fs.readdirSync(path.join(outdir, 'cdktf.out', 'stacks'));
const ratio = synth.ms / baseline.ms;
console.log(`stacks: ${stacks.join(', ')}`);
console.log(`ratio synth/baseline: ${ratio.toFixed(2)} (goal <= 2.0)   synth peak RSS: ${synth.rssMb.toFixed(0)} MB (goal <= 200 MB)`);
fs.rmSync(outdir, { recursive: true, force: true });
if (process.env.BENCH_ENFORCE === '1' && (ratio > 2.0 || synth.rssMb > 200)) {
  console.error('bench: goal missed');
  process.exit(1);
}
