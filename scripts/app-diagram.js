#!/usr/bin/env node
// Draws the LiveStreamSell app from its construct tree: the stacks, the modules in each
// stack (the stack's top-level constructs, with their class), and the typed references
// between modules (a resource of one module read by another's), cross-stack references
// included (cdktf turns them into outputs and remote-state reads). The picture is a
// Mermaid flowchart between the `<!-- diagram:start -->` / `<!-- diagram:end -->` markers of
// README.md; the Terraform variables of each stack go between the `<!-- inputs:... -->`
// markers of docs/app.md, so neither can go stale.
//
//   node scripts/app-diagram.js            print the diagram
//   node scripts/app-diagram.js --write    write them into README.md and docs/app.md
//   node scripts/app-diagram.js --check    fail when either is stale (CI)
//
// Needs the compiled app (npm run compile:app).
'use strict';
const fs = require('fs');
const path = require('path');

const ROOT = path.resolve(__dirname, '..');
const README = path.join(ROOT, 'README.md');
const { App, TerraformStack, TerraformElement } = require('cdktf');
const { buildApp } = require(path.join(ROOT, 'build', 'app', 'stacks', 'main.js'));

const app = buildApp(new App({ outdir: path.join(require('os').tmpdir(), 'app-diagram-unused') }));
const stacks = app.node.children.filter(TerraformStack.isStack);
// Cross-stack references are created while stacks are prepared (as in a synth).
for (const stack of stacks) stack.prepareStack();

/** Mermaid-safe id. */
const idOf = (...parts) => parts.join('_').replace(/[^A-Za-z0-9_]/g, '_');
/** The module (top-level construct of a stack) that owns a construct path. */
const moduleOf = (stackId, constructPath) => {
  const parts = constructPath.split('/');
  return parts[0] === stackId && parts.length > 2 ? parts[1] : undefined;
};

const modules = new Map(); // key stack/module -> { stack, id, kind }
const edges = new Set();
/** Terraform address (type.logicalId) -> module key, per stack. */
const owners = new Map();

for (const stack of stacks) {
  const s = stack.node.id;
  for (const child of stack.node.children) {
    if (TerraformElement.isTerraformElement(child)) continue; // providers, variables, outputs at stack level
    if (!child.node.findAll().some((c) => TerraformElement.isTerraformElement(c))) continue;
    modules.set(`${s}/${child.node.id}`, { stack: s, id: child.node.id, kind: child.constructor.name });
  }
}

const json = new Map(stacks.map((stack) => [stack.node.id, stack.toTerraform()]));
for (const [s, doc] of json) {
  for (const [section, prefix] of [['resource', ''], ['data', 'data.']]) {
    for (const [type, byId] of Object.entries(doc[section] ?? {})) {
      for (const [logicalId, config] of Object.entries(byId)) {
        const m = moduleOf(s, config['//']?.metadata?.path ?? '');
        if (m) owners.set(`${s}|${prefix}${type}.${logicalId}`, `${s}/${m}`);
      }
    }
  }
}

/** Every `${...}` reference address inside a value. */
function referencesIn(value) {
  const text = JSON.stringify(value);
  const out = new Set();
  for (const m of text.matchAll(/\$\{([^}]*)\}/g)) {
    for (const ref of m[1].matchAll(/\b(data\.[a-z0-9_]+\.[A-Za-z0-9_-]+|[a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)/g)) out.add(ref[1]);
  }
  return out;
}

for (const [s, doc] of json) {
  // Outputs made for other stacks: which module each exports.
  const exported = new Map();
  for (const [name, output] of Object.entries(doc.output ?? {})) {
    for (const ref of referencesIn(output.value)) {
      const owner = owners.get(`${s}|${ref}`);
      if (owner) exported.set(name, owner);
    }
  }
  json.get(s).__exported = exported;
}

for (const [s, doc] of json) {
  for (const [section, prefix] of [['resource', ''], ['data', 'data.']]) {
    for (const [type, byId] of Object.entries(doc[section] ?? {})) {
      for (const [logicalId, config] of Object.entries(byId)) {
        const from = owners.get(`${s}|${prefix}${type}.${logicalId}`);
        if (!from) continue;
        for (const ref of referencesIn(config)) {
          const remote = /^data\.terraform_remote_state\.(.+)$/.exec(ref);
          let to = owners.get(`${s}|${ref}`);
          if (remote) {
            // cross-stack-reference-input-<stack>: read outputs of that stack; find which ones.
            const source = json.get(doc.data.terraform_remote_state[remote[1]].config?.path?.split('/').pop()) ?? [...json.values()].find((d) => d['//']?.metadata?.stackName === remote[1].replace('cross-stack-reference-input-', ''));
            const outputs = [...JSON.stringify(config).matchAll(new RegExp(`terraform_remote_state\\.${remote[1].replace(/[-]/g, '\\-')}\\.outputs\\.([A-Za-z0-9_-]+)`, 'g'))].map((m) => m[1]);
            for (const o of outputs) {
              const target = source?.__exported.get(o);
              if (target && target !== from) edges.add(`${from}|${target}|cross`);
            }
            continue;
          }
          if (to && to !== from) edges.add(`${from}|${to}|local`);
        }
      }
    }
  }
}

const lines = ['```mermaid', 'flowchart LR'];
for (const stack of stacks) {
  const s = stack.node.id;
  lines.push(`  subgraph ${idOf('stack', s)}["${s}"]`);
  for (const m of [...modules.values()].filter((x) => x.stack === s)) lines.push(`    ${idOf(s, m.id)}["${m.id}<br/><small>${m.kind}</small>"]`);
  lines.push('  end');
}
for (const e of [...edges].sort()) {
  const [from, to, kind] = e.split('|');
  const [fs1, fm] = from.split('/');
  const [ts, tm] = to.split('/');
  lines.push(`  ${idOf(fs1, fm)} ${kind === 'cross' ? '-.->' : '-->'} ${idOf(ts, tm)}`);
}
lines.push('```');
const diagram = lines.join('\n');

const inputs = ['| stack | Terraform variables (sensitive in bold) |', '|---|---|'];
for (const stack of stacks) {
  const vars = Object.entries(json.get(stack.node.id).variable ?? {}).sort(([a], [b]) => a.localeCompare(b)).map(([n, v]) => (v.sensitive ? `**\`${n}\`**` : `\`${n}\``));
  inputs.push(`| \`${stack.node.id}\` | ${vars.length ? vars.join(', ') : 'none'} |`);
}

const blocks = [
  { file: README, name: 'diagram', text: diagram },
  { file: path.join(ROOT, 'docs', 'app.md'), name: 'inputs', text: inputs.join('\n') },
];
const mode = process.argv[2];
if (!mode) {
  console.log(diagram);
} else {
  let stale = 0;
  for (const b of blocks) {
    const start = `<!-- ${b.name}:start -->`;
    const end = `<!-- ${b.name}:end -->`;
    const current = fs.readFileSync(b.file, 'utf8');
    const pattern = new RegExp(`${start}\\n[\\s\\S]*?${end}`);
    if (!pattern.test(current)) {
      console.error(`app-diagram: ${path.relative(ROOT, b.file)} has no ${start} ... ${end} block`);
      process.exit(1);
    }
    const updated = current.replace(pattern, `${start}\n${b.text}\n${end}`);
    if (mode === '--write' && updated !== current) fs.writeFileSync(b.file, updated);
    if (mode === '--check' && updated !== current) {
      console.error(`app-diagram: the ${b.name} of ${path.relative(ROOT, b.file)} is stale: run \`npm run diagram\` and commit it`);
      stale++;
    }
  }
  if (stale) process.exit(1);
  console.log(`app-diagram: ${mode === '--write' ? 'wrote' : 'checked'} the app's diagram (${modules.size} modules, ${edges.size} references) and inputs (${stacks.length} stacks)`);
}
