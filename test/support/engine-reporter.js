// A jest reporter that prints one line per engine after the run (and appends it to
// $ENGINE_SUMMARY, which .ci/run prints at the end), for the test files that run the
// library's artifacts in their real engines (test/engines/<engine>-*.test.ts).
'use strict';
const fs = require('fs');
const path = require('path');

const ENGINES = {
  promtool: 'promtool (check rules, test rules)',
  amtool: 'amtool (Alertmanager check-config, routes test)',
  workerd: 'workerd (miniflare)',
  kubernetes: 'kubernetes-models (Kubernetes and CRD schemas)',
  grafana: '@grafana/schema (dashboard schema)',
  promql: 'lezer-promql (PromQL grammar)',
  postgres: 'PostgreSQL (generated SQL on a real server)',
};

/** Test files outside test/engines that run on an engine too: those using test/support/postgres. */
function engineOf(file) {
  const m = /^([a-z]+)-.*\.test\.ts$/.exec(path.basename(file));
  if (m && ENGINES[m[1]] && file.includes(`${path.sep}engines${path.sep}`)) return m[1];
  try {
    if (/from '\.\.\/support\/postgres'/.test(fs.readFileSync(file, 'utf8'))) return 'postgres';
  } catch {
    // a file jest could not read has already failed
  }
  return undefined;
}

class EngineReporter {
  onRunComplete(_contexts, results) {
    const totals = new Map();
    for (const file of results.testResults) {
      const engine = engineOf(file.testFilePath);
      if (!engine) continue;
      const t = totals.get(engine) || { passed: 0, failed: 0, skipped: 0, ms: 0, crashed: 0, files: 0 };
      t.files++;
      t.passed += file.numPassingTests;
      t.failed += file.numFailingTests;
      t.skipped += file.numPendingTests + file.numTodoTests;
      if (file.testExecError) t.crashed++;
      t.ms += Math.max(0, file.perfStats.end - file.perfStats.start);
      totals.set(engine, t);
    }
    const lines = [];
    for (const [key, t] of totals) {
      const parts = [`${t.passed} tests passed in ${t.files} file${t.files > 1 ? 's' : ''}`];
      if (t.failed) parts.push(`${t.failed} FAILED`);
      if (t.crashed) parts.push(`${t.crashed} test file${t.crashed > 1 ? 's' : ''} FAILED TO RUN`);
      if (t.skipped) parts.push(`${t.skipped} SKIPPED`);
      lines.push(`engine ${ENGINES[key]}: ${parts.join(', ')} (${(t.ms / 1000).toFixed(1)} s)`);
    }
    if (lines.length === 0) return;
    process.stdout.write(`\n${lines.join('\n')}\n`);
    if (process.env.ENGINE_SUMMARY) fs.appendFileSync(process.env.ENGINE_SUMMARY, `${lines.join('\n')}\n`);
  }
}

module.exports = EngineReporter;
