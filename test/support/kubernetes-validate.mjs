// Validates Kubernetes manifests with the JSON-schema validators of the kubernetes-models
// packages (ES modules only, hence this child process of test/support/kubernetes.ts).
// Input: a JSON file [{ module, manifest }]; output: one array of messages per manifest.
import { readFileSync } from 'node:fs';

const items = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const results = [];
for (const { module, manifest } of items) {
  try {
    const models = await import(module);
    const Model = models[manifest.kind];
    if (!Model) { results.push([`${module} has no model ${manifest.kind}`]); continue; }
    new Model(manifest).validate();
    results.push([]);
  } catch (e) {
    results.push(String(e && e.message ? e.message : e).split(/,\s*(?=data)/).map((m) => m.trim()));
  }
}
process.stdout.write(JSON.stringify(results));
