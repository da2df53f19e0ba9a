#!/usr/bin/env node
// Offline `terraform plan`, `apply` and `destroy` of every synthesized stack, with
// `terraform test` and one `mock_provider` per provider.
//
//   node scripts/tf-plan-apply.js [--no-broken | --only-broken] [--keep] [--jobs N] [DIR...]
//
// DIR is a CDKTF project (DIR/cdktf.out/stacks/*) or a stack folder; the default is
// this repository's cdktf.out and every examples/*/cdktf.out.
//
// Terraform plans and applies by itself: the schema-only stand-in providers of
// shared/tools/tf-validate serve each provider's real schema, and `mock_provider`
// makes Terraform invent the computed values instead of calling the provider. No
// `terraform init`, no network. Each stack runs in a temporary copy of its folder
// with a generated test file that holds everything a real apply would get from
// outside, none of it written by hand per stack:
//   - a `mock_provider` per provider configuration (aliases included);
//   - mock values for `aws_availability_zones` (the default mock list is empty, so
//     `element(names, 0)` would fail), named after the provider's region;
//   - mock values for `supabase_pooler` (the default mock map is empty, so its
//     `url["transaction"]` would fail): a connection string of the shape the
//     Management API returns, with its password placeholder;
//   - an `override_data` for each `terraform_remote_state` (it would really read S3),
//     with a value for every output the stack reads;
//   - a value for every variable without a default, from its name and type;
//   - a copy of the stack JSON without `prevent_destroy` (the test tears it down);
//   - stand-ins on PATH for the programs local-exec provisioners call (`psql`):
//     provisioners really run, so the stand-in checks the SQL file they pass exists.
// Then `terraform test` plans, applies and destroys the stack. A failure names the
// stack and prints Terraform's own diagnostics.
//
// Then it proves the check can fail: deliberately broken copies of the staging stack
// (or, for a mutation that has no target there, such as a subnet now that staging
// has no VPC, of the first other stack that has one), each of which `terraform
// validate` accepts (except the cycle, which validate sees too), must each fail plan
// or apply with the expected message (--no-broken skips this, --only-broken runs
// only this). --keep leaves the temporary copies in place.
// ENGINE_SUMMARY=FILE appends the one-line summary to FILE.
'use strict';
const { execFileSync, spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const TOOL_DIR = process.env.TF_VALIDATE_OFFLINE ? path.dirname(process.env.TF_VALIDATE_OFFLINE) : path.resolve(ROOT, '..', 'shared', 'tools', 'tf-validate');
const SCHEMA_DIRS = (process.env.TFSTUB_SCHEMA_DIRS || path.resolve(TOOL_DIR, '..', '..', 'provider-schemas')).split(':');
const HOME = process.env.TFSTUB_HOME || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'tf-validate-offline');
const TERRAFORM = process.env.TERRAFORM || 'terraform';
const TEST_FILE = 'engines.tftest.hcl';
const RUN_TIMEOUT_MS = 300000;

// ------------------------------------------------------------------ stacks
/** Stack folders (holding cdk.tf.json) under a project, a cdktf.out, or a stack folder. */
function findStacks(dir) {
  const abs = path.resolve(dir);
  for (const stacks of [path.join(abs, 'cdktf.out', 'stacks'), path.join(abs, 'stacks')]) {
    if (!fs.existsSync(stacks)) continue;
    const found = fs.readdirSync(stacks).sort().filter((n) => fs.existsSync(path.join(stacks, n, 'cdk.tf.json')));
    if (found.length > 0) return found.map((n) => path.join(stacks, n));
  }
  return fs.existsSync(path.join(abs, 'cdk.tf.json')) ? [abs] : [];
}

function defaultDirs() {
  const examples = path.join(ROOT, 'examples');
  const dirs = [ROOT];
  if (fs.existsSync(examples)) {
    for (const n of fs.readdirSync(examples).sort()) if (fs.existsSync(path.join(examples, n, 'cdktf.out', 'stacks'))) dirs.push(path.join(examples, n));
  }
  return dirs;
}

/** "aws" -> registry.terraform.io/hashicorp/aws; "cloudflare/cloudflare" -> registry.terraform.io/cloudflare/cloudflare */
function providerAddress(source, localName) {
  const parts = String(source || localName).toLowerCase().split('/');
  if (parts.length === 1) return `registry.terraform.io/hashicorp/${parts[0]}`;
  if (parts.length === 2) return `registry.terraform.io/${parts[0]}/${parts[1]}`;
  return parts.join('/');
}

/** Provider local names of a stack with their addresses and configurations (one per alias). */
function stackProviders(doc) {
  const required = (doc.terraform && doc.terraform.required_providers) || {};
  const names = new Set([...Object.keys(required), ...Object.keys(doc.provider || {})]);
  for (const type of [...Object.keys(doc.resource || {}), ...Object.keys(doc.data || {})]) {
    const local = type.split('_')[0];
    if (local !== 'terraform') names.add(local);
  }
  return [...names].sort().map((name) => {
    const req = required[name];
    const configs = [].concat((doc.provider || {})[name] || [{}]);
    return { name, address: providerAddress(typeof req === 'object' ? req.source : undefined, name), configs };
  });
}

// ------------------------------------------------------------------ test file generation
/** An HCL expression for a JSON value (JSON is HCL expression syntax, once template sequences are escaped). */
function hcl(value, indent = '') {
  if (value === null || typeof value !== 'object') {
    return typeof value === 'string' ? JSON.stringify(value).replace(/\$\{/g, '$${').replace(/%\{/g, '%%{') : JSON.stringify(value);
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) return value.length === 0 ? '[]' : `[\n${value.map((v) => `${inner}${hcl(v, inner)}`).join(',\n')},\n${indent}]`;
  const entries = Object.entries(value);
  return entries.length === 0 ? '{}' : `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)} = ${hcl(v, inner)}`).join('\n')}\n${indent}}`;
}

/**
 * A value for a variable without a default. Names carry the intent (the library's
 * variables are named after what they hold); every value is fake and inert.
 * A variable whose validation the value fails makes the run fail with Terraform's
 * "Invalid value for variable", naming it: add a hint here.
 */
const VARIABLE_HINTS = [
  [/cidrs$/, ['203.0.113.0/24']],
  [/cidr$/, '203.0.113.0/24'],
  [/owner_id$/, 'tea-mock0000000000'],
  [/(zone|account)_id$/, '0123456789abcdef0123456789abcdef'],
  [/email$/, 'ops@example.com'],
  [/(hostname|_host)$/, 'mock.example.com'],
  [/^(grafana|prometheus|otlp)_.*(url|endpoint)$/, 'https://mock.grafana.example.com'],
  [/log_stream_endpoint$/, 'logs.example.com:6514'],
  [/webhook_url$/, 'https://hooks.example.com/mock'],
  [/emails$/, ['ops@example.com']],
  [/url$/, 'postgresql://mock:mock@db.example.com:5432/postgres'],
  [/(_tag|_version)$/, '1.0.0'],
  [/slug$/, 'mock-org'],
  [/path$/, '/dev/null'],
];

function variableValue(name, variable) {
  const type = String(variable.type || 'string').replace(/\s/g, '');
  for (const [re, v] of VARIABLE_HINTS) {
    if (!re.test(name)) continue;
    if (type.startsWith('list(') || type.startsWith('set(')) return Array.isArray(v) ? v : [v];
    return Array.isArray(v) ? v[0] : v;
  }
  const fake = `mock-${name.replace(/_/g, '-')}`;
  if (type === 'number') return 1;
  if (type === 'bool') return true;
  if (type.startsWith('list(') || type.startsWith('set(') || type.startsWith('tuple(')) return type.includes('number') ? [1] : [fake];
  if (type.startsWith('map(')) return type.includes('number') ? { key: 1 } : { key: fake };
  return fake;
}

/** Outputs of each terraform_remote_state data source that the stack reads. */
function remoteStateReads(doc) {
  const text = JSON.stringify(doc);
  const reads = {};
  for (const name of Object.keys((doc.data || {}).terraform_remote_state || {})) reads[name] = new Set();
  const re = /data\.terraform_remote_state\.([A-Za-z0-9_-]+)\.outputs(?:\.([A-Za-z0-9_-]+)|\[\\"([^\\"]+)\\"\])/g;
  let m;
  while ((m = re.exec(text)) !== null) (reads[m[1]] = reads[m[1]] || new Set()).add(m[2] || m[3]);
  return reads;
}

/** Programs that local-exec provisioners start (the first word of each command). */
function localExecPrograms(doc) {
  const programs = new Set();
  for (const resources of Object.values(doc.resource || {})) {
    for (const r of Object.values(resources)) {
      for (const p of [].concat(r.provisioner || [])) {
        const cmd = p['local-exec'] && p['local-exec'].command;
        const word = typeof cmd === 'string' ? cmd.trim().split(/\s+/)[0] : undefined;
        if (word && /^[A-Za-z0-9_.-]+$/.test(word)) programs.add(word);
      }
    }
  }
  return [...programs].sort();
}

/** The stack without `prevent_destroy`, so that the test can tear it down; returns how many were removed. */
function withoutPreventDestroy(doc) {
  const copy = JSON.parse(JSON.stringify(doc));
  let removed = 0;
  for (const resources of Object.values(copy.resource || {})) {
    for (const r of Object.values(resources)) {
      if (r.lifecycle && 'prevent_destroy' in r.lifecycle) {
        delete r.lifecycle.prevent_destroy;
        removed++;
        if (Object.keys(r.lifecycle).length === 0) delete r.lifecycle;
      }
    }
  }
  return { doc: copy, removed };
}

const AZ_SUFFIXES = ['a', 'b', 'c', 'd', 'e', 'f'];
/** What data.supabase_pooler's url["transaction"] looks like (the Supavisor FAQ's example shape). */
const POOLER_URL = 'postgresql://postgres.mockprojectref0000000:[YOUR-PASSWORD]@aws-0-us-east-1.pooler.supabase.com:6543/postgres';

/**
 * Grafana Synthetic Monitoring probe ids the stack looks up by name
 * (`data.grafana_synthetic_monitoring_probes.X.probes["Ohio"]`): the default mock map is
 * empty, so every name read gets an id.
 */
function probeNames(doc) {
  const names = new Set();
  const re = /data\.grafana_synthetic_monitoring_probes\.[A-Za-z0-9_-]+\.probes\[\\"([^\\"]+)\\"\]/g;
  const text = JSON.stringify(doc);
  let m;
  while ((m = re.exec(text)) !== null) names.add(m[1]);
  return [...names].sort();
}

/** The generated `terraform test` file of a stack. */
function testFileFor(doc) {
  const out = ['# Generated by scripts/tf-plan-apply.js: offline plan, apply and destroy with mock providers.', ''];
  const usesAzs = Object.keys((doc.data || {}).aws_availability_zones || {}).length > 0;
  const usesPooler = Object.keys((doc.data || {}).supabase_pooler || {}).length > 0;
  for (const p of stackProviders(doc)) {
    for (const config of p.configs) {
      const body = [];
      if (config.alias) body.push(`  alias = ${hcl(config.alias)}`);
      if (p.address === 'registry.terraform.io/hashicorp/aws' && usesAzs) {
        const region = typeof config.region === 'string' && /^[a-z]{2}(-[a-z]+)+-\d$/.test(config.region) ? config.region : 'us-east-1';
        const azs = { names: AZ_SUFFIXES.map((s) => `${region}${s}`), zone_ids: AZ_SUFFIXES.map((_s, i) => `use1-az${i + 1}`), group_names: [region] };
        body.push('  mock_data "aws_availability_zones" {', `    defaults = ${hcl(azs, '    ')}`, '  }');
      }
      const probes = p.address === 'registry.terraform.io/grafana/grafana' ? probeNames(doc) : [];
      if (probes.length > 0) {
        body.push('  mock_data "grafana_synthetic_monitoring_probes" {', `    defaults = ${hcl({ probes: Object.fromEntries(probes.map((n, i) => [n, i + 1])) }, '    ')}`, '  }');
      }
      if (p.address === 'registry.terraform.io/supabase/supabase' && usesPooler) {
        body.push('  mock_data "supabase_pooler" {', `    defaults = ${hcl({ url: { transaction: POOLER_URL } }, '    ')}`, '  }');
      }
      out.push(`mock_provider ${hcl(p.name)} {`, ...body, '}', '');
    }
  }
  for (const [name, outputs] of Object.entries(remoteStateReads(doc))) {
    const values = Object.fromEntries([...outputs].sort().map((o) => [o, `mock-${o.slice(-40)}`]));
    out.push('override_data {', `  target = data.terraform_remote_state.${name}`, `  values = ${hcl({ outputs: values }, '  ')}`, '}', '');
  }
  const vars = Object.entries(doc.variable || {}).filter(([, v]) => v.default === undefined);
  if (vars.length > 0) {
    out.push('variables {', ...vars.map(([n, v]) => `  ${n} = ${hcl(variableValue(n, v), '  ')}`), '}', '');
  }
  out.push('run "plan" {', '  command = plan', '}', '', 'run "apply" {', '  command = apply', '}', '');
  return out.join('\n');
}

/** A recording stand-in for a program that a local-exec provisioner runs. */
function standInScript(program) {
  return [
    '#!/bin/sh',
    `# Stand-in for ${program} (scripts/tf-plan-apply.js): local-exec provisioners really run during apply.`,
    '# Checks that every file passed with --file=/-f exists and is not empty, and records the call.',
    'prev=""',
    'for a in "$@"; do',
    '  f=""',
    '  case "$a" in --file=*) f="${a#--file=}";; esac',
    '  [ "$prev" = "-f" ] && f="$a"',
    `  if [ -n "$f" ] && [ ! -s "$f" ]; then echo "${program} stand-in: $f is missing or empty" >&2; exit 3; fi`,
    '  prev="$a"',
    'done',
    `echo "${program} $*" >> "\${STANDIN_LOG:-/dev/null}"`,
    'exit 0',
    '',
  ].join('\n');
}

// ------------------------------------------------------------------ provider stand-ins
function explicitSchemas() {
  const map = new Map();
  for (const dir of SCHEMA_DIRS) {
    if (!dir || !fs.existsSync(dir)) continue;
    for (const f of fs.readdirSync(dir).filter((x) => x.endsWith('.schema.json')).sort()) {
      try {
        const doc = JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8'));
        for (const addr of Object.keys(doc.provider_schemas || {})) if (!map.has(addr)) map.set(addr, path.join(dir, f));
      } catch (_) { /* not a schema file */ }
    }
  }
  return map;
}

function cdktfPackages() {
  const map = new Map();
  const scope = path.join(ROOT, 'node_modules', '@cdktf');
  if (!fs.existsSync(scope)) return map;
  for (const name of fs.readdirSync(scope).filter((x) => x.startsWith('provider-'))) {
    const dir = path.join(scope, name);
    try {
      const pj = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const prov = pj.cdktf && pj.cdktf.provider;
      if (prov && prov.name && fs.existsSync(path.join(dir, '.jsii'))) map.set(prov.name, { dir, version: prov.version });
    } catch (_) { /* skip */ }
  }
  return map;
}

/** A schema file for a provider: shared/provider-schemas, else derived from its @cdktf package (cached like tf-validate-offline does). */
function schemaFileFor(addr, explicit, packages) {
  if (explicit.has(addr)) return explicit.get(addr);
  const pkg = packages.get(addr);
  if (!pkg) throw new Error(`no schema for ${addr}: add a schema file to ${SCHEMA_DIRS.join(':')} or install its @cdktf/provider-* package`);
  const converter = path.join(TOOL_DIR, 'jsii-to-schema.js');
  const mtime = Math.floor(fs.statSync(path.join(pkg.dir, '.jsii')).mtimeMs);
  const conv = crypto.createHash('sha256').update(fs.readFileSync(converter)).digest('hex').slice(0, 8);
  const safe = addr.replace(/^registry\.terraform\.io\//, '').replace(/[^a-zA-Z0-9._-]+/g, '_');
  const out = path.join(HOME, 'schemas', `${safe}@${pkg.version}.${mtime}.${conv}.schema.json`);
  if (!fs.existsSync(out)) {
    fs.mkdirSync(path.dirname(out), { recursive: true });
    const tmp = `${out}.${process.pid}.tmp`;
    execFileSync(process.execPath, ['--max-old-space-size=8192', converter, pkg.dir, '-o', tmp], { stdio: ['ignore', 'ignore', 'inherit'] });
    fs.renameSync(tmp, out);
  }
  return withComputedIds(out);
}

/**
 * A copy of a derived schema in which every optional `id` argument is also computed.
 * cdktf packages expose SDKv2's `id` (Optional+Computed in every such provider) as a
 * plain optional argument, so the derived schema drops "computed" and the mock would
 * leave every `<resource>.id` null; the real provider always sets it.
 */
function withComputedIds(file) {
  const mtime = Math.floor(fs.statSync(file).mtimeMs);
  const out = path.join(HOME, 'plan-schemas', `${path.basename(file, '.schema.json')}.${mtime}.ids.schema.json`);
  if (fs.existsSync(out)) return out;
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  for (const ps of Object.values(doc.provider_schemas || {})) {
    for (const kind of ['resource_schemas', 'data_source_schemas']) {
      for (const schema of Object.values(ps[kind] || {})) {
        const id = schema.block && schema.block.attributes && schema.block.attributes.id;
        if (id && id.optional && !id.computed) id.computed = true;
      }
    }
  }
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(`${out}.${process.pid}.tmp`, JSON.stringify(doc));
  fs.renameSync(`${out}.${process.pid}.tmp`, out);
  return out;
}

/** node_modules of the stand-in (@grpc/grpc-js), installed once like tf-validate-offline.sh does. */
function stubNodeModules() {
  const deps = path.join(HOME, 'deps');
  if (!fs.existsSync(path.join(deps, 'node_modules', '@grpc', 'grpc-js', 'package.json'))) {
    fs.mkdirSync(deps, { recursive: true });
    for (const f of ['package.json', 'package-lock.json']) fs.copyFileSync(path.join(TOOL_DIR, f), path.join(deps, f));
    execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--silent'], { cwd: deps, stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return path.join(deps, 'node_modules');
}

/** One long-lived stand-in process serving every provider; resolves to its TF_REATTACH_PROVIDERS value. */
function startStandIns(addresses) {
  const explicit = explicitSchemas();
  const packages = cdktfPackages();
  const spec = addresses.map((addr) => ({ addr, schema: schemaFileFor(addr, explicit, packages) }));
  const specFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tf-plan-apply-spec-')), 'spec.json');
  fs.writeFileSync(specFile, JSON.stringify(spec));
  const env = { ...process.env, NODE_PATH: stubNodeModules() };
  const proc = spawn(process.execPath, [path.join(TOOL_DIR, 'provider-stub.js'), '--daemon', specFile], { env, stdio: ['pipe', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    proc.stderr.on('data', (d) => { err += d; });
    proc.stdout.on('data', (d) => {
      out += d;
      const nl = out.indexOf('\n');
      if (nl >= 0) resolve({ reattach: out.slice(0, nl), stop: () => { proc.removeAllListeners('exit'); proc.stdin.end(); proc.kill('SIGTERM'); } });
    });
    proc.on('exit', (code) => reject(new Error(`provider stand-ins exited (${code}): ${err.trim()}`)));
  });
}

// ------------------------------------------------------------------ running terraform
function cliConfig(work) {
  // No provider source at all: with the stand-ins reattached nothing is installed, and
  // anything else fails fast instead of reaching for a registry.
  const mirror = path.join(work, 'empty-mirror');
  fs.mkdirSync(mirror, { recursive: true });
  const file = path.join(work, 'terraformrc');
  fs.writeFileSync(file, `provider_installation {\n  filesystem_mirror {\n    path = "${mirror}"\n  }\n}\n`);
  return file;
}

function terraform(args, cwd, env) {
  return new Promise((resolve) => {
    const p = spawn(TERRAFORM, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => p.kill('SIGKILL'), RUN_TIMEOUT_MS);
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('close', (code) => { clearTimeout(timer); resolve({ code, stdout, stderr }); });
  });
}

/** Terraform's error diagnostics from `-json` output (test or validate). */
function errorsOf(result) {
  const diags = [];
  const pushDiag = (d, run) => {
    if (!d || d.severity !== 'error') return;
    const where = d.range ? ` (${path.basename(d.range.filename)}:${d.range.start.line})` : '';
    const ctx = d.snippet && d.snippet.context ? ` in ${d.snippet.context}` : '';
    diags.push(`${run ? `run "${run}": ` : ''}${d.summary}${where}${ctx}${d.detail ? `: ${d.detail.replace(/\s+/g, ' ').trim()}` : ''}`);
  };
  const trimmed = result.stdout.trim();
  if (trimmed.startsWith('{') && !trimmed.includes('\n{')) {
    try { for (const d of JSON.parse(trimmed).diagnostics || []) pushDiag(d); } catch (_) { /* not one document */ }
  }
  for (const line of result.stdout.split('\n')) {
    if (!line.startsWith('{')) continue;
    let msg;
    try { msg = JSON.parse(line); } catch (_) { continue; }
    if (msg.type === 'diagnostic') pushDiag(msg.diagnostic, msg['@testrun']);
  }
  if (diags.length === 0 && result.code !== 0) diags.push(`terraform exited ${result.code}: ${(result.stderr || result.stdout).trim().slice(-2000)}`);
  return diags;
}

/** What the plan created and the apply left in state (managed resource instances), from `-json -verbose` output. */
function progressOf(result) {
  let planned = 0;
  let applied = 0;
  let summary;
  for (const line of result.stdout.split('\n')) {
    if (!line.startsWith('{"')) continue;
    let msg;
    try { msg = JSON.parse(line); } catch (_) { continue; }
    if (msg.type === 'test_plan') planned = (msg.test_plan.resource_changes || []).filter((c) => c.mode === 'managed' && c.change.actions.includes('create')).length;
    if (msg.type === 'test_state' && msg['@testrun'] === 'apply') {
      const count = (m) => (m.resources || []).filter((r) => r.mode === 'managed').length + (m.child_modules || []).reduce((n, c) => n + count(c), 0);
      applied = count(msg.test_state.root_module || (msg.test_state.values || {}).root_module || {});
    }
    if (msg.type === 'test_summary') summary = msg.test_summary.status;
  }
  return { planned, applied, summary };
}

/** Prepares a temporary copy of a stack folder for `terraform test`; returns its folder and environment. */
function prepare(stack, doc, reattach) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), `tf-plan-apply-${stack.name.replace(/[^A-Za-z0-9_-]+/g, '_')}-`));
  const dir = path.join(work, 'stack');
  fs.cpSync(stack.dir, dir, { recursive: true });
  const { doc: teardownable, removed } = withoutPreventDestroy(doc);
  fs.writeFileSync(path.join(dir, 'cdk.tf.json'), JSON.stringify(teardownable, undefined, 2));
  fs.writeFileSync(path.join(dir, TEST_FILE), testFileFor(teardownable));
  const bin = path.join(work, 'bin');
  fs.mkdirSync(bin);
  const programs = localExecPrograms(teardownable);
  for (const program of programs) fs.writeFileSync(path.join(bin, program), standInScript(program), { mode: 0o755 });
  const env = {
    ...process.env,
    PATH: `${bin}${path.delimiter}${process.env.PATH}`,
    STANDIN_LOG: path.join(work, 'standin.log'),
    TF_REATTACH_PROVIDERS: reattach,
    TF_CLI_CONFIG_FILE: cliConfig(work),
    TF_DATA_DIR: path.join(work, 'tf-data'),
    TF_DISABLE_PLUGIN_TLS: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    CHECKPOINT_DISABLE: '1',
  };
  delete env.TF_LOG;
  delete env.TF_WORKSPACE;
  return { work, dir, env, removed, programs };
}

/** Plans, applies and destroys one stack; never throws. */
async function planApplyDestroy(stack, reattach, opts = {}) {
  const t0 = Date.now();
  const doc = stack.doc || JSON.parse(fs.readFileSync(path.join(stack.dir, 'cdk.tf.json'), 'utf8'));
  const p = prepare(stack, doc, reattach);
  try {
    const validate = opts.validate ? await terraform(['validate', '-json', '-no-color'], p.dir, p.env) : undefined;
    const result = await terraform(['test', '-no-color', '-json', '-verbose'], p.dir, p.env);
    const calls = fs.existsSync(p.env.STANDIN_LOG) ? fs.readFileSync(p.env.STANDIN_LOG, 'utf8').split('\n').filter(Boolean).length : 0;
    const resources = Object.values(doc.resource || {}).reduce((n, r) => n + Object.keys(r).length, 0);
    const { planned, applied, summary } = progressOf(result);
    return {
      name: stack.name,
      ok: result.code === 0 && summary === 'pass' && applied === planned,
      planned,
      applied,
      errors: result.code !== 0 ? errorsOf(result) : applied !== planned ? [`the plan creates ${planned} resource instances but the apply left ${applied} in state`] : summary === 'pass' ? [] : [`terraform test ended with status ${summary}`],
      validateOk: validate ? validate.code === 0 : undefined,
      validateErrors: validate && validate.code !== 0 ? errorsOf(validate) : [],
      ms: Date.now() - t0,
      resources,
      removedPreventDestroy: p.removed,
      standInCalls: calls,
      programs: p.programs,
      work: p.work,
    };
  } finally {
    if (!opts.keep) fs.rmSync(p.work, { recursive: true, force: true });
  }
}

async function pool(items, n, fn) {
  const results = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(n, items.length) }, async () => {
    while (next < items.length) {
      const k = next++;
      results[k] = await fn(items[k]);
    }
  }));
  return results;
}

// ------------------------------------------------------------------ broken copies
/** The stack's `terraform_data` resources, created empty when it has none. */
function terraformData(doc) {
  doc.resource.terraform_data = doc.resource.terraform_data || {};
  return doc.resource.terraform_data;
}

/** Deliberately broken copies of a stack: each must fail plan or apply with the expected message. */
const MUTATIONS = [
  {
    name: 'az-index-out-of-range',
    what: 'a subnet in the 7th availability zone of a region that has 6',
    expect: /Invalid index/,
    apply(doc) {
      const [name, subnet] = Object.entries(doc.resource.aws_subnet)[0];
      const az = Object.keys(doc.data.aws_availability_zones)[0];
      subnet.availability_zone = `\${data.aws_availability_zones.${az}.names[6]}`;
      return `aws_subnet.${name}`;
    },
  },
  {
    name: 'count-on-apply-time-value',
    what: '`count` from a generated password (known only after apply)',
    expect: /Invalid count argument/,
    apply(doc) {
      const pw = Object.keys(doc.resource.random_password)[0];
      terraformData(doc).Broken = { count: `\${length(random_password.${pw}.result)}`, input: 'x' };
      return 'terraform_data.Broken';
    },
  },
  {
    name: 'for-each-on-apply-time-value',
    what: '`for_each` over a set holding a VPC id (known only after apply)',
    expect: /Invalid for_each argument/,
    apply(doc) {
      const vpc = Object.keys(doc.resource.aws_vpc)[0];
      terraformData(doc).Broken = { for_each: `\${toset([aws_vpc.${vpc}.id])}`, input: '${each.key}' };
      return 'terraform_data.Broken';
    },
  },
  {
    name: 'number-attribute-given-a-string',
    what: 'a log group retention (a number) fed a string variable',
    expect: /Incorrect attribute value type|a number is required/,
    apply(doc) {
      const [name, group] = Object.entries(doc.resource.aws_cloudwatch_log_group)[0];
      const [variable] = Object.entries(doc.variable).find(([, v]) => v.type === 'string');
      group.retention_in_days = `\${var.${variable}}`;
      return `aws_cloudwatch_log_group.${name}`;
    },
  },
  {
    name: 'bad-cidrsubnet',
    what: 'subnet 16 of 4 extra bits (0-15 exist) of the VPC range',
    expect: /Error in function call|cidrsubnet/,
    apply(doc) {
      const [name, subnet] = Object.entries(doc.resource.aws_subnet)[0];
      const vpc = Object.keys(doc.resource.aws_vpc)[0];
      subnet.cidr_block = `\${cidrsubnet(aws_vpc.${vpc}.cidr_block, 4, 16)}`;
      return `aws_subnet.${name}`;
    },
  },
  {
    name: 'jsondecode-of-generated-value',
    what: '`jsondecode` of a generated password, which is not JSON (fails during apply)',
    expect: /Error in function call|jsondecode|invalid character/i,
    apply(doc) {
      const pw = Object.keys(doc.resource.random_password)[0];
      terraformData(doc).Broken = { input: `\${jsondecode(random_password.${pw}.result)}` };
      return 'terraform_data.Broken';
    },
  },
  {
    name: 'variable-fails-validation',
    what: 'an image-tag variable whose validation the given tag fails',
    expect: /Invalid value for variable/,
    apply(doc) {
      doc.variable.api_image_tag.validation = [{ condition: '${can(regex("^v[0-9]+$", var.api_image_tag))}', error_message: 'api_image_tag must look like v123.' }];
      return 'var.api_image_tag';
    },
  },
  {
    name: 'local-exec-sql-file-missing',
    what: 'the row-level-security provisioner pointed at an SQL file that does not exist (the psql stand-in really runs)',
    expect: /local-exec provisioner error.*psql stand-in: .*missing\.sql is missing/,
    apply(doc) {
      for (const [type, resources] of Object.entries(doc.resource)) {
        for (const [name, r] of Object.entries(resources)) {
          const le = [].concat(r.provisioner || []).find((p) => p['local-exec']);
          if (le) {
            le['local-exec'].command = le['local-exec'].command.replace(/--file="[^"]*"/, '--file="${path.module}/assets/missing.sql"');
            return `${type}.${name}`;
          }
        }
      }
      throw new Error('no local-exec provisioner in the stack');
    },
  },
  {
    name: 'cycle',
    what: 'two resources that depend on each other',
    expect: /Cycle/,
    // Terraform builds the same graph for validate, so validate rejects a cycle too.
    validateCatches: true,
    apply(doc) {
      terraformData(doc).BrokenA = { input: '${terraform_data.BrokenB.id}' };
      terraformData(doc).BrokenB = { input: '${terraform_data.BrokenA.id}' };
      return 'terraform_data.BrokenA, terraform_data.BrokenB';
    },
  },
];

/** Each mutation applies to the first of `bases` (staging first) that has its target. */
async function proveFailures(bases, reattach, jobs, keep) {
  const docs = bases.map((base) => ({ base, doc: JSON.parse(fs.readFileSync(path.join(base.dir, 'cdk.tf.json'), 'utf8')) }));
  const cases = MUTATIONS.map((m) => {
    for (const { base, doc } of docs) {
      const broken = JSON.parse(JSON.stringify(doc));
      let target;
      try { target = m.apply(broken); } catch (_) { continue; }
      return { m, target, stack: { name: `${base.name}+${m.name}`, dir: base.dir, doc: broken } };
    }
    throw new Error(`no stack has a target for the broken copy ${m.name}`);
  });
  const results = await pool(cases, jobs, (c) => planApplyDestroy(c.stack, reattach, { validate: true, keep }));
  let bad = 0;
  results.forEach((r, i) => {
    const { m, target } = cases[i];
    const message = r.errors.join(' | ');
    const problems = [];
    if (r.ok) problems.push('plan and apply PASSED');
    else if (!m.expect.test(message)) problems.push(`failed with an unexpected message: ${message}`);
    if (!m.validateCatches && r.validateOk === false) problems.push(`terraform validate already rejects it: ${r.validateErrors.join(' | ')}`);
    if (m.validateCatches && r.validateOk !== false) problems.push('terraform validate accepted it (expected validate to catch it too)');
    if (problems.length > 0) {
      bad++;
      console.log(`NOT REJECTED ${r.name}: ${m.what} (${target}): ${problems.join('; ')}`);
    } else {
      const first = r.errors.find((e) => m.expect.test(e)) || r.errors[0];
      console.log(`REJECTED ${r.name} (${(r.ms / 1000).toFixed(1)} s, validate ${r.validateOk ? 'passed' : 'failed too'}): ${m.what} (${target})\n    ${first.slice(0, 500)}`);
    }
  });
  return { total: cases.length, bad, of: [...new Set(cases.map((c) => c.stack.name.split('+')[0]))] };
}

// ------------------------------------------------------------------ main
/** Appends an engine's summary line to $ENGINE_SUMMARY (CI prints them together at the end). */
function summary(line) {
  console.log(line);
  if (process.env.ENGINE_SUMMARY) fs.appendFileSync(process.env.ENGINE_SUMMARY, `${line}\n`);
}

async function main() {
  const args = process.argv.slice(2);
  const flag = (f) => { const i = args.indexOf(f); if (i >= 0) args.splice(i, 1); return i >= 0; };
  const onlyBroken = flag('--only-broken');
  const skipBroken = flag('--no-broken');
  const keep = flag('--keep');
  let jobs = Number(process.env.TF_PLAN_APPLY_JOBS) || 2;
  const j = args.indexOf('--jobs');
  if (j >= 0) { jobs = Number(args[j + 1]) || jobs; args.splice(j, 2); }
  try { execFileSync(TERRAFORM, ['version'], { stdio: 'ignore', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }); } catch (_) {
    console.error(`tf-plan-apply: cannot run ${TERRAFORM} (set TERRAFORM)`);
    process.exit(2);
  }
  const dirs = args.length > 0 ? args : defaultDirs();
  const stacks = dirs.flatMap((d) => findStacks(d).map((s) => ({ dir: s, name: path.relative(ROOT, s).replace(/(^|\/)cdktf\.out\/stacks\//, '$1') || path.basename(s) })));
  if (stacks.length === 0) {
    console.error(`tf-plan-apply: no cdk.tf.json under ${dirs.join(', ')}: run 'npm run synth' and 'npm run synth:examples' first`);
    process.exit(2);
  }
  // The broken copies are made from the staging stack, or the first stack with the mutation's target.
  const base = skipBroken ? undefined : stacks.find((s) => s.name === 'staging');
  if (onlyBroken && !base) {
    console.error('tf-plan-apply: --only-broken needs the staging stack (cdktf.out/stacks/staging)');
    process.exit(2);
  }
  const toApply = onlyBroken ? [] : stacks;
  const t0 = Date.now();
  const addresses = new Set();
  // The broken copies may come from any stack (see proveFailures): serve every provider then.
  for (const s of base ? stacks : toApply) {
    for (const p of stackProviders(JSON.parse(fs.readFileSync(path.join(s.dir, 'cdk.tf.json'), 'utf8')))) addresses.add(p.address);
  }
  const standIns = await startStandIns([...addresses].sort());
  let failed = 0;
  let rejected;
  let resources = 0;
  try {
    const results = await pool(toApply, jobs, (s) => planApplyDestroy(s, standIns.reattach, { keep }));
    for (const r of results) {
      resources += r.applied;
      const notes = [`${r.planned} resource instances planned, ${r.applied} applied`];
      if (r.removedPreventDestroy) notes.push(`${r.removedPreventDestroy} prevent_destroy lifted`);
      if (r.programs.length) notes.push(`${r.standInCalls} local-exec call${r.standInCalls === 1 ? '' : 's'} to the ${r.programs.join(', ')} stand-in`);
      if (r.ok) {
        console.log(`APPLIED ${r.name} (${(r.ms / 1000).toFixed(1)} s: plan, apply, destroy; ${notes.join(', ')})`);
      } else {
        failed++;
        console.log(`FAILED  ${r.name} (${(r.ms / 1000).toFixed(1)} s)${keep ? ` kept in ${r.work}` : ''}`);
        for (const e of r.errors) console.log(`    ${e}`);
      }
    }
    if (base) rejected = await proveFailures([base, ...stacks.filter((s) => s !== base)], standIns.reattach, jobs, keep);
  } finally {
    standIns.stop();
  }
  const parts = [];
  if (toApply.length > 0) parts.push(`${toApply.length - failed} of ${toApply.length} stacks planned, applied and destroyed (${resources} resource instances)`);
  if (rejected) parts.push(`${rejected.total - rejected.bad} of ${rejected.total} broken copies of ${rejected.of.join(', ')} rejected`);
  summary(`engine terraform: ${parts.join(', ')} (${((Date.now() - t0) / 1000).toFixed(1)} s, ${jobs} at a time)`);
  process.exit(failed || (rejected && rejected.bad) ? 1 : 0);
}

if (require.main === module) main().catch((e) => { console.error(`tf-plan-apply: ${e.stack || e}`); process.exit(2); });

module.exports = { findStacks, probeNames, stackProviders, testFileFor, variableValue, remoteStateReads, localExecPrograms, withoutPreventDestroy, standInScript, MUTATIONS };
