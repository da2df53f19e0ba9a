#!/usr/bin/env node
// Runs the README's "Use it in your own infra repo" recipe as written, from an empty folder:
// every ```sh block between <!-- recipe:start --> and <!-- recipe:end --> is run, in order, in one
// bash process, and every block whose info string says `file=<name>` is written to that file
// where the recipe stands. The one substitution: the package is installed from the tarball this
// build produced (it is not on the registry yet), so the recipe tests this very code.
//
//   node scripts/readme-recipe.js dist/js/<package>.tgz
//
// Then checks what a user would see: the three stacks written by `cdktf synth`, by plain node and
// as an ES module, and no trace of this repository's own company in their JSON.
'use strict';
const { spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const PACKAGE = require(path.join(ROOT, 'package.json')).name;
const tarball = process.argv[2] && path.resolve(process.argv[2]);
if (!tarball || !fs.existsSync(tarball)) {
  console.error('usage: node scripts/readme-recipe.js <tarball> (npx projen package:js builds it)');
  process.exit(2);
}

const readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const section = /<!-- recipe:start -->\n([\s\S]*?)<!-- recipe:end -->/.exec(readme);
if (!section) {
  console.error('readme-recipe: README.md has no <!-- recipe:start --> ... <!-- recipe:end --> section');
  process.exit(1);
}

const script = ['set -euo pipefail'];
let files = 0;
let commands = 0;
for (const block of section[1].matchAll(/```([^\n]*)\n([\s\S]*?)```/g)) {
  const [lang, ...attrs] = block[1].trim().split(/\s+/);
  const file = attrs.map((a) => /^file=(.+)$/.exec(a)?.[1]).find(Boolean);
  if (file) {
    script.push(`mkdir -p "$(dirname '${file}')"`, `cat > '${file}' <<'RECIPE_FILE_EOF'`, block[2].replace(/\n$/, ''), 'RECIPE_FILE_EOF');
    files++;
  } else if (lang === 'sh') {
    // The package is not on the registry: install the tarball under the same name.
    script.push(block[2].split(`npm install ${PACKAGE} `).join(`npm install ${PACKAGE}@file:${tarball} `));
    commands += block[2].split('\n').filter((l) => l.trim() && !l.trim().startsWith('#') && !l.trim().endsWith('\\')).length;
  }
}

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-recipe-'));
fs.writeFileSync(path.join(work, 'recipe.sh'), `${script.join('\n')}\n`);
const start = Date.now();
const run = spawnSync('bash', ['recipe.sh'], {
  cwd: work,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, CHECKPOINT_DISABLE: '1', npm_config_audit: 'false', npm_config_fund: 'false' },
});
const seconds = ((Date.now() - start) / 1000).toFixed(0);
if (run.status !== 0) {
  console.error(`readme-recipe: the README's recipe failed (exit ${run.status}) in ${work}`);
  process.exit(1);
}

const project = path.join(work, 'acme-infra');
const problems = [];
for (const stack of ['bootstrap', 'staging', 'production']) {
  const file = path.join(project, 'cdktf.out', 'stacks', stack, 'cdk.tf.json');
  if (!fs.existsSync(file)) { problems.push(`no ${path.relative(work, file)}`); continue; }
  if (/livestreamsell/i.test(fs.readFileSync(file, 'utf8').replace(/@livestreamsell\/cdktf-constructs/g, ''))) problems.push(`${stack}: the JSON names livestreamsell`);
}
if (problems.length) {
  console.error(`readme-recipe: ${problems.join('; ')}`);
  process.exit(1);
}
console.log(`readme-recipe: the README's recipe ran as written from an empty folder (${commands} commands, ${files} files, ${seconds} s): cdktf synth, plain node and ES modules wrote bootstrap, staging and production`);
fs.rmSync(work, { recursive: true, force: true });
