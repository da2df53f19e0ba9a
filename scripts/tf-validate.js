#!/usr/bin/env node
// `npm run validate:tf`: the real `terraform validate`, offline, on every synthesized stack of
// the app (cdktf.out) and of every example (examples/*/cdktf.out), with the schema-serving
// stand-in providers of shared/tools/tf-validate (no provider downloads).
//
// It passes only when every stack it should see was validated and is valid:
//   - the stacks it expects are those of each project's manifest.json (written by cdktf only
//     when a synth succeeds); a project never synthesized is synthesized first, so a fresh
//     clone works, and a synth that fails fails this command;
//   - a stack in a manifest that terraform did not validate (missing folder, no schema) fails;
//   - warnings are printed with their text, not only counted.
// With no terraform binary it warns loudly and exits 0 locally (everything else still ran), and
// fails in CI ($CI), where a skipped validation must not pass, as plan:tf and the tests do.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const TOOL = process.env.TF_VALIDATE_OFFLINE || path.resolve(ROOT, '..', 'shared', 'tools', 'tf-validate', 'tf-validate-offline.sh');
const TERRAFORM = process.env.TERRAFORM || 'terraform';

function fail(message) {
  process.stderr.write(`validate:tf: ${message}\n`);
  process.exit(1);
}

function run(cmd, args, options = {}) {
  return spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit', ...options });
}

if (run(TERRAFORM, ['version'], { stdio: 'ignore' }).status !== 0) {
  const bar = '#'.repeat(80);
  if (process.env.CI) fail(`no terraform binary (${TERRAFORM}): install Terraform >= 1.10 (or set TERRAFORM); CI does not skip the validation`);
  process.stderr.write(`${bar}\n## WARNING: no terraform binary (${TERRAFORM}): terraform validate was SKIPPED.\n## Install Terraform >= 1.10 (or set TERRAFORM) to validate the stacks.\n${bar}\n`);
  process.exit(0);
}
if (!fs.existsSync(TOOL)) {
  fail(`the offline validator is not at ${TOOL}.\n` +
    '  It lives in the workplace\'s shared/ folder (shared/tools/tf-validate), expected beside this clone;\n' +
    '  put shared/ next to the repository or set TF_VALIDATE_OFFLINE=/path/to/tf-validate-offline.sh.');
}

/** The projects to validate: the app and every example with a cdktf.json. */
const projects = [{ dir: ROOT, synth: ['npx', ['projen', 'synth']] }];
for (const name of fs.readdirSync(path.join(ROOT, 'examples')).sort()) {
  const dir = path.join(ROOT, 'examples', name);
  if (fs.existsSync(path.join(dir, 'cdktf.json'))) projects.push({ dir, synth: ['npx', ['projen', 'synth:examples']] });
}

const manifestOf = (dir) => path.join(dir, 'cdktf.out', 'manifest.json');
const synthesized = new Set();
for (const p of projects) {
  if (fs.existsSync(manifestOf(p.dir)) || synthesized.has(p.synth[1].join(' '))) continue;
  process.stderr.write(`validate:tf: ${path.relative(ROOT, p.dir) || 'the app'} was never synthesized: ${p.synth[0]} ${p.synth[1].join(' ')}\n`);
  synthesized.add(p.synth[1].join(' '));
  if (run(...p.synth).status !== 0) fail(`synth failed: ${p.synth[1].join(' ')}`);
}

/** Every stack each manifest names, with the folder terraform must validate. */
const expected = [];
for (const p of projects) {
  if (!fs.existsSync(manifestOf(p.dir))) fail(`${path.relative(ROOT, manifestOf(p.dir))} is missing after synth`);
  const manifest = JSON.parse(fs.readFileSync(manifestOf(p.dir), 'utf8'));
  for (const [name, stack] of Object.entries(manifest.stacks || {})) {
    const dir = path.join(p.dir, 'cdktf.out', path.dirname(stack.synthesizedStackPath));
    expected.push({ name: `${path.relative(ROOT, p.dir) || 'app'}/${name}`, dir });
  }
}
if (expected.length === 0) fail('no stacks in any manifest.json');

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tf-validate-')), 'results.json');
const r = run('sh', [TOOL, ...projects.map((p) => p.dir)], {
  env: { ...process.env, TFSTUB_VERBOSE: '1', TFSTUB_JSON: report, TFSTUB_NODE_MODULES: process.env.TFSTUB_NODE_MODULES || path.join(ROOT, 'node_modules') },
});
const results = fs.existsSync(report) ? JSON.parse(fs.readFileSync(report, 'utf8')) : [];
const byDir = new Map(results.map((x) => [path.resolve(x.dir), x]));

const problems = [];
for (const e of expected) {
  const got = byDir.get(path.resolve(e.dir));
  if (!got) problems.push(`${e.name}: in the manifest but not validated (${path.relative(ROOT, e.dir)} missing or unreadable)`);
  else if (!got.valid) problems.push(`${e.name}: invalid${got.skipped ? ` (no schema for ${got.missing.join(', ')})` : ''}`);
}
const warnings = results.reduce((n, x) => n + (x.diagnostics || []).filter((d) => d.severity !== 'error').length, 0);
if (problems.length || r.status !== 0) {
  fail(`${problems.length || 'some'} stack(s) not valid:\n  ${problems.join('\n  ') || `the validator exited ${r.status}`}`);
}
console.log(`validate:tf: all ${expected.length} stacks of ${projects.length} projects valid (${warnings} warning${warnings === 1 ? '' : 's'}, shown above)`);
