import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { markLibraryConstruct } from '../../lib/core/private/escape';
import { OfflineApply, applyOffline, describeWithTerraform } from '../support/terraform';

/**
 * Property: any literal text a user hands the library comes out of real Terraform
 * evaluation exactly as written, template sequences (`${`, `%{`) included. The
 * strings go through the library's one escaping mechanism (a library construct's
 * elements) into `cdk.tf.json`; Terraform (offline: local state, no providers)
 * applies them as outputs; `terraform output -json` must return them unchanged.
 */
const maybe = describeWithTerraform('the escaping property test');

/** A library-style construct that publishes user text as outputs. */
class Echo extends Construct {
  constructor(scope: Construct, id: string, texts: string[]) {
    super(scope, id);
    markLibraryConstruct(this);
    texts.forEach((text, i) => new TerraformOutput(this, `t${i}`, { value: text }).overrideLogicalId(`t${i}`));
  }
}

/** Characters that make template sequences, escapes and JSON quoting likely. */
const PIECES = ['$', '%', '{', '}', '${', '%{', '$${', '%%{', '}}', 'var.secret', 'if true', '\\', '"', "'", '\n', 'a', 'Z', ' ', '~', 'é', '🔥'];
const text = fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(''));

function applyOutputs(texts: string[], escape = true): OfflineApply {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'escape-tf-'));
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'echo');
    if (escape) new Echo(stack, 'Echo', texts);
    else texts.forEach((t, i) => new TerraformOutput(stack, `t${i}`, { value: t }).overrideLogicalId(`t${i}`));
    app.synth();
    return applyOffline(path.join(outdir, 'stacks', 'echo'));
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

maybe('escaping, proven by Terraform', () => {
  test('random text with template sequences comes out of terraform apply unchanged', () => {
    // One Terraform run for many samples: the property is checked on each of them.
    const samples = fc.sample(text, { numRuns: 150, seed: 20261201 });
    samples.push('${var.ghcr_token}', '%{ if true }leak%{ endif }', '$${already}', 'tail $', '{"json": "${x}"}');
    const { status, stderr, outputs } = applyOutputs(samples);
    expect(stderr).toBe('');
    expect(status).toBe(0);
    samples.forEach((s, i) => expect(outputs[`t${i}`].value).toBe(s));
  });

  test('the check can fail: without the library, Terraform evaluates the same text', () => {
    const { status, stderr } = applyOutputs(['${var.ghcr_token}'], false);
    expect(status).not.toBe(0);
    expect(stderr).toContain('Reference to undeclared input variable');
  });
});
