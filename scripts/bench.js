#!/usr/bin/env node
// Synth benchmark. Compares the app that cdktf.json runs (a full synth of every stack) with a
// node process that only loads `cdktf` (the floor any CDKTF app pays), in alternating runs so
// that load on the machine hits both alike, and measures what 50 more services cost (a
// generated extra stack: a Render web service plus a Kubernetes app each).
//
//   node scripts/bench.js [runs]      (default 9 alternating runs, after one warm-up of each)
//
// Prints medians of wall time, the ratio, peak RSS, and the marginal CPU time (user + system)
// of the extra services. Goals: ratio <= 2.0, peak RSS <= 200 MB, 50 services <= 0.5 s of CPU.
// BENCH_ENFORCE=1 exits non-zero when a goal is missed.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const RUNS = Number(process.argv[2] || 9);
const EXTRA = 50;
const appCommand = JSON.parse(fs.readFileSync(path.join(ROOT, 'cdktf.json'), 'utf8')).app.split(/\s+/);
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-bench-'));
// Each child reports its own peak RSS and CPU time from process.resourceUsage() as it exits.
const probe = path.join(work, 'probe.js');
fs.writeFileSync(probe, "process.on('exit', () => { const u = process.resourceUsage(); require('fs').writeSync(3, JSON.stringify({ rss: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1000 })); });\n");

function run(args, env = {}) {
  const start = process.hrtime.bigint();
  const r = spawnSync(args[0], ['-r', probe, ...args.slice(1)], {
    cwd: ROOT,
    env: { ...process.env, CDKTF_OUTDIR: path.join(work, 'cdktf.out'), CHECKPOINT_DISABLE: '1', ...env },
    stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited with ${r.status}`);
  const { rss, cpu } = JSON.parse(r.output[3].toString());
  return { ms, rssMb: rss / 1024, cpuMs: cpu };
}

const median = (values) => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

const baselineArgs = ['node', '-e', "require('cdktf')"];
const variants = {
  baseline: () => run(baselineArgs),
  synth: () => run(appCommand),
  extra: () => run(appCommand, { LSS_BENCH_EXTRA_SERVICES: String(EXTRA) }),
};
// One warm-up of each: the file-system cache, the bundle, Node's compile cache.
for (const v of Object.values(variants)) v();
const samples = { baseline: [], synth: [], extra: [] };
for (let i = 0; i < RUNS; i++) for (const [name, v] of Object.entries(variants)) samples[name].push(v());

const m = (name, key) => median(samples[name].map((s) => s[key]));
const ratios = samples.synth.map((s, i) => s.ms / samples.baseline[i].ms);
const ratio = median(ratios);
const rss = Math.max(...samples.synth.map((s) => s.rssMb));
const marginalCpu = m('extra', 'cpuMs') - m('synth', 'cpuMs');
const stacks = fs.readdirSync(path.join(work, 'cdktf.out', 'stacks')).filter((s) => s !== 'bench-extra');

const row = (label, name) => console.log(`${label.padEnd(34)} median ${m(name, 'ms').toFixed(0).padStart(5)} ms wall  ${m(name, 'cpuMs').toFixed(0).padStart(5)} ms CPU  peak RSS ${Math.max(...samples[name].map((s) => s.rssMb)).toFixed(0).padStart(4)} MB`);
console.log(`node ${process.version}, ${os.cpus().length} CPUs, ${RUNS} alternating runs after one warm-up each`);
row("node -e \"require('cdktf')\"", 'baseline');
row(`synth (${appCommand.join(' ')})`, 'synth');
row(`synth + ${EXTRA} services (bench-extra stack)`, 'extra');
console.log(`stacks: ${stacks.join(', ')}`);
console.log(`ratio synth/baseline: median ${ratio.toFixed(2)} (min ${Math.min(...ratios).toFixed(2)}, max ${Math.max(...ratios).toFixed(2)}; goal <= 2.0)`);
console.log(`synth peak RSS: ${rss.toFixed(0)} MB (goal <= 200 MB)`);
console.log(`${EXTRA} more services: +${marginalCpu.toFixed(0)} ms CPU, ${(marginalCpu / EXTRA).toFixed(1)} ms a service (goal <= 500 ms)`);
fs.rmSync(work, { recursive: true, force: true });
if (process.env.BENCH_ENFORCE === '1' && (ratio > 2.0 || rss > 200 || marginalCpu > 500)) {
  console.error('bench: goal missed');
  process.exit(1);
}
