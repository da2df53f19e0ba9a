#!/usr/bin/env node
// Compiles every TypeScript example of the documentation against the library, the way
// jsii-rosetta's strict extract keeps aws-cdk-lib's examples honest (rosetta reads only the
// jsii assembly; this also covers docs/*.md):
//   - fenced ```ts / ```typescript blocks of README.md, CONTRIBUTING.md and docs/*.md;
//   - `@example` blocks of the JSDoc in lib/ (the API docs users read in their editor; not lib/**/private/).
// A snippet with its own `import` lines is a whole program: '@livestreamsell/cdktf-constructs'
// is mapped to lib/. Any other snippet is placed into a fixture (rosetta's fixtures): the
// default one imports cdktf and every export of the library and declares the usual
// variables (app, stack, ...); a snippet can ask for another with a first line
// `// fixture=<name>` (test/snippets/fixtures/<name>.ts, where `/// here` marks the spot).
// Blocks preceded by `<!-- snippet: skip (reason) -->` are skipped (say why).
//
//   node scripts/check-snippets.js            compile all, print one line per failure
//   node scripts/check-snippets.js --list     list the snippets found
'use strict';
const fs = require('fs');
const path = require('path');
const ts = require('typescript');

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'build', 'snippets');
const FIXTURES = path.join(ROOT, 'test', 'snippets', 'fixtures');
const PACKAGE = require(path.join(ROOT, 'package.json')).name;

/** Snippets of the markdown files: { origin, code }. */
function markdownSnippets(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^\s*```(ts|typescript)(\s+[^`]*)?$/.exec(lines[i]);
    if (!open) continue;
    const skip = i > 0 && /<!--\s*snippet:\s*skip/.test(lines[i - 1]);
    const start = i + 1;
    let end = start;
    while (end < lines.length && !/^\s*```\s*$/.test(lines[end])) end++;
    if (!skip) out.push({ origin: `${path.relative(ROOT, file)}:${start + 1}`, code: lines.slice(start, end).join('\n') });
    i = end;
  }
  return out;
}

/** `@example` blocks of JSDoc comments in a TypeScript source. */
function exampleSnippets(file) {
  const text = fs.readFileSync(file, 'utf8');
  const out = [];
  const comment = /\/\*\*([\s\S]*?)\*\//g;
  let m;
  while ((m = comment.exec(text))) {
    const body = m[1].split('\n').map((l) => l.replace(/^\s*\* ?/, ''));
    for (let i = 0; i < body.length; i++) {
      if (!/^@example\b/.test(body[i])) continue;
      const code = [];
      let j = i + 1;
      while (j < body.length && !/^@\w+/.test(body[j])) code.push(body[j++]);
      const line = text.slice(0, m.index).split('\n').length + i;
      out.push({ origin: `${path.relative(ROOT, file)}:${line}`, code: code.join('\n').replace(/\s+$/, '') });
      i = j - 1;
    }
  }
  return out;
}

function walk(dir, test) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return ['gen', 'node_modules', 'private'].includes(e.name) ? [] : walk(p, test);
    return test(p) ? [p] : [];
  });
}

function collect() {
  const docs = ['README.md', 'CONTRIBUTING.md'].map((f) => path.join(ROOT, f)).filter(fs.existsSync);
  const docsDir = path.join(ROOT, 'docs');
  if (fs.existsSync(docsDir)) docs.push(...walk(docsDir, (p) => p.endsWith('.md')));
  const sources = walk(path.join(ROOT, 'lib'), (p) => p.endsWith('.ts') && !p.endsWith('.d.ts'));
  return [...docs.flatMap(markdownSnippets), ...sources.flatMap(exampleSnippets)];
}

let exportNames;
const exportsLine = () => (exportNames ??= libraryExports()).join(', ');

/** The snippet as a compilable module, with its fixture. */
function program(snippet, libPath) {
  const fixtureLine = /^\s*\/\/\s*fixture=([\w-]+)\s*\n/.exec(snippet.code);
  const code = fixtureLine ? snippet.code.slice(fixtureLine[0].length) : snippet.code;
  if (/^\s*import\s/m.test(code) && !fixtureLine) {
    return code.split(`'${PACKAGE}'`).join(`'${libPath}'`).split(`"${PACKAGE}"`).join(`'${libPath}'`) + '\nexport {};\n';
  }
  const name = fixtureLine ? fixtureLine[1] : 'default';
  const fixtureFile = path.join(FIXTURES, `${name}.ts`);
  if (!fs.existsSync(fixtureFile)) throw new Error(`${snippet.origin}: no fixture ${path.relative(ROOT, fixtureFile)}`);
  const fixture = fs.readFileSync(fixtureFile, 'utf8').split("'../../../lib'").join(`'${libPath}'`).replace('Environment, EnvironmentStack /* library exports */', exportsLine());
  if (!fixture.includes('/// here')) throw new Error(`${fixtureFile}: no "/// here" marker`);
  // Rosetta-style `declare const x: T;` lines are ambient declarations: they go at module level.
  const lines = code.split('\n');
  const declares = lines.filter((l) => /^\s*declare\s/.test(l));
  const body = lines.filter((l) => !/^\s*declare\s/.test(l)).join('\n');
  const declared = new Set(declares.map((l) => /declare\s+(?:const|let|var|function|class)\s+(\w+)/.exec(l)?.[1]).filter(Boolean));
  const kept = fixture.split('\n').filter((l) => !declared.has(/^declare\s+const\s+(\w+)/.exec(l)?.[1])).join('\n');
  return kept.replace('/// here', body).replace('class SnippetFixture', `${declares.join('\n')}\nclass SnippetFixture`) + '\nexport {};\n';
}

/** Every name the library's root exports (for the default fixture's import line). */
function libraryExports() {
  const index = path.join(ROOT, 'lib', 'index.ts');
  const prog = ts.createProgram([index], { module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, target: ts.ScriptTarget.ES2022, skipLibCheck: true, noEmit: true });
  const checker = prog.getTypeChecker();
  const symbol = checker.getSymbolAtLocation(prog.getSourceFile(index));
  return checker.getExportsOfModule(symbol).map((e) => e.getName()).filter((n) => n !== 'default').sort();
}

function main() {
  const snippets = collect();
  if (process.argv.includes('--list')) {
    for (const s of snippets) console.log(s.origin);
    return;
  }
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const libPath = path.relative(OUT, path.join(ROOT, 'lib')).split(path.sep).join('/');
  const files = [];
  const origins = new Map();
  snippets.forEach((s, i) => {
    const file = path.join(OUT, `snippet-${String(i).padStart(3, '0')}.ts`);
    fs.writeFileSync(file, program(s, libPath));
    files.push(file);
    origins.set(file, s.origin);
  });
  const host = ts.createCompilerHost({});
  const options = {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16,
    esModuleInterop: true, skipLibCheck: true, types: ['node'], noUnusedLocals: false, noUnusedParameters: false, resolveJsonModule: true,
  };
  const prog = ts.createProgram(files, options, host);
  const failures = ts.getPreEmitDiagnostics(prog).filter((d) => d.file && origins.has(path.resolve(d.file.fileName)));
  for (const d of failures) {
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    console.error(`snippet FAIL ${origins.get(path.resolve(d.file.fileName))} (${path.relative(ROOT, d.file.fileName)}:${line + 1}): ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  }
  const bad = new Set(failures.map((d) => path.resolve(d.file.fileName))).size;
  console.log(`snippets: ${snippets.length - bad} of ${snippets.length} compile (README, CONTRIBUTING, docs/*.md, @example in lib/)`);
  process.exit(bad ? 1 : 0);
}

main();
