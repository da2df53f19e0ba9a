#!/usr/bin/env node
// Generates typed CDKTF bindings for the providers that have no prebuilt @cdktf/provider-*
// package (Render, Supabase, Grafana, PostHog) from the `terraform providers schema -json`
// files in schemas/ (copies of ../shared/provider-schemas), optionally only for the resources
// and data sources the library uses (`resources`, `dataSources`: Grafana has 171 schemas),
// with the same generator `cdktf get` uses, but offline and without a Terraform binary.
// Output goes to lib/providers/<name>/gen/ (git-ignored, rebuilt before every compile and
// shipped in the npm package), so users never run `cdktf get`.
'use strict';
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');

// @cdktf/commons runs `terraform version` and sends crash reports when loaded: keep it quiet.
process.env.CHECKPOINT_DISABLE = '1';
process.env.DISABLE_VERSION_CHECK = '1';
process.env.TERRAFORM_BINARY_NAME = process.env.TERRAFORM_BINARY_NAME || 'true';

const ROOT = path.resolve(__dirname, '..');
const PROVIDERS = [
  { name: 'render', source: 'render-oss/render', version: '1.9.1', constraint: '~> 1.9' },
  { name: 'supabase', source: 'supabase/supabase', version: '1.10.1', constraint: '~> 1.10' },
  // Only what the library uses: every entry here is compiled, shipped and loaded.
  {
    name: 'grafana',
    source: 'grafana/grafana',
    version: '4.45.1',
    constraint: '~> 4.45',
    // lib/observability: a folder per environment, dashboards, alert rule groups, contact points,
    // the notification policy and synthetic HTTP checks (probe ids looked up by name).
    resources: ['grafana_folder', 'grafana_dashboard', 'grafana_rule_group', 'grafana_contact_point', 'grafana_notification_policy', 'grafana_synthetic_monitoring_check'],
    dataSources: ['grafana_synthetic_monitoring_probes'],
  },
  { name: 'posthog', source: 'posthog/posthog', version: '1.0.13', constraint: '~> 1.0', resources: ['posthog_feature_flag'], dataSources: [] },
];

/** Keeps only the listed resources and data sources of a provider schema (all when no list). */
function filterSchema(schema, p) {
  for (const provider of Object.values(schema.provider_schemas)) {
    for (const [key, wanted] of [['resource_schemas', p.resources], ['data_source_schemas', p.dataSources]]) {
      if (!wanted || !provider[key]) continue;
      const missing = wanted.filter((name) => !(name in provider[key]));
      if (missing.length) throw new Error(`gen:providers: ${p.source} has no ${key.replace('_schemas', '')} ${missing.join(', ')}`);
      provider[key] = Object.fromEntries(Object.entries(provider[key]).filter(([name]) => wanted.includes(name)));
    }
  }
  return schema;
}

function hashOf(files) {
  const h = crypto.createHash('sha256');
  for (const f of files) h.update(fs.readFileSync(f));
  return h.digest('hex');
}

async function main() {
  const generatorVersion = require('@cdktf/provider-generator/package.json').version;
  for (const p of PROVIDERS) {
    const schemaFile = path.join(ROOT, 'schemas', `${p.name}.schema.json`);
    const outDir = path.join(ROOT, 'lib', 'providers', p.name, 'gen');
    const stamp = path.join(outDir, '.stamp');
    const key = `${hashOf([schemaFile, __filename])}:${generatorVersion}:${JSON.stringify([p.resources, p.dataSources])}`;
    if (fs.existsSync(stamp) && fs.readFileSync(stamp, 'utf8') === key) continue;

    const { TerraformProviderGenerator, CodeMaker, TerraformProviderConstraint } = require('@cdktf/provider-generator');
    const { ConstructsMakerProviderTarget, Language } = require('@cdktf/commons');
    const { sanitizeProviderSchema } = require('@cdktf/provider-schema/src/provider-schema');

    const schema = filterSchema(JSON.parse(fs.readFileSync(schemaFile, 'utf8')), p);
    schema.provider_versions = { [`registry.terraform.io/${p.source}`]: p.version };
    const target = ConstructsMakerProviderTarget.from(new TerraformProviderConstraint(`${p.source}@${p.constraint}`), Language.TYPESCRIPT);
    const code = new CodeMaker();
    new TerraformProviderGenerator(code, sanitizeProviderSchema(schema)).generate(target);

    const tmp = `${outDir}.tmp`;
    fs.rmSync(tmp, { recursive: true, force: true });
    await code.save(tmp);
    // The generator writes <tmp>/providers/<name>/...; flatten to gen/.
    const produced = path.join(tmp, 'providers', p.name);
    const src = fs.existsSync(produced) ? produced : tmp;
    fs.rmSync(outDir, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(outDir), { recursive: true });
    fs.renameSync(src, outDir);
    fs.rmSync(tmp, { recursive: true, force: true });
    fs.writeFileSync(stamp, key);
    console.log(`gen:providers: ${p.source}@${p.version} -> ${path.relative(ROOT, outDir)}`);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
