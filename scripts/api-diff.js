#!/usr/bin/env node
// jsii-diff of this build's API (.jsii) against the previous release, to see every breaking
// change before it ships. The previous release is, in order: the newest version of the package
// on npm; else the assembly of the newest `v*` git tag (built in a temporary worktree); else
// there is none yet, which is said plainly. While the package is 0.x with `experimental`
// stability, jsii-diff lists breaking changes without failing (the CHANGELOG must name each
// one with its replacement); once stable, they fail the build.
//
//   node scripts/api-diff.js          (after `npx projen compile`)
'use strict';
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const pkg = require(path.join(ROOT, 'package.json'));
const current = path.join(ROOT, '.jsii');
if (!fs.existsSync(current)) {
  console.error('api-diff: no .jsii assembly: run `npx projen compile` first');
  process.exit(1);
}
const jsiiDiff = path.join(ROOT, 'node_modules', '.bin', 'jsii-diff');
const args = ['--keys', '--ignore-file', path.join(ROOT, '.compatignore')];
if (!fs.existsSync(path.join(ROOT, '.compatignore'))) fs.writeFileSync(path.join(ROOT, '.compatignore'), '');

function run(baseline, label) {
  console.log(`api-diff: ${pkg.name} ${pkg.version} (this build) against ${label}`);
  return spawnSync(jsiiDiff, [...args, baseline, ROOT], { stdio: 'inherit' }).status ?? 1;
}

// 1. The newest release on npm.
const published = spawnSync('npm', ['view', pkg.name, 'version', '--silent'], { encoding: 'utf8' });
if (published.status === 0 && published.stdout.trim()) process.exit(run(`npm:${pkg.name}@${published.stdout.trim()}`, `npm ${published.stdout.trim()}`));

// 2. The newest release tag of this repository.
const tags = spawnSync('git', ['tag', '--list', 'v*', '--sort=-v:refname'], { cwd: ROOT, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
const tag = tags.find((t) => execFileSync('git', ['rev-list', '-n', '1', t], { cwd: ROOT, encoding: 'utf8' }).trim() !== head);
if (tag) {
  const tree = fs.mkdtempSync(path.join(os.tmpdir(), 'api-diff-'));
  execFileSync('git', ['worktree', 'add', '--detach', tree, tag], { cwd: ROOT, stdio: 'ignore' });
  let status = 1;
  try {
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(tree, 'node_modules'));
    execFileSync('node', ['scripts/gen-providers.js'], { cwd: tree, stdio: 'ignore' });
    execFileSync(path.join(ROOT, 'node_modules', '.bin', 'jsii'), ['--silence-warnings=reserved-word'], { cwd: tree, stdio: 'ignore' });
    status = run(tree, `the release tag ${tag}`);
  } finally {
    spawnSync('git', ['worktree', 'remove', '--force', tree], { cwd: ROOT });
  }
  process.exit(status);
}

console.log(`api-diff: no previous release of ${pkg.name} (not on npm, no v* tag before this commit): this is the first; nothing to compare`);
