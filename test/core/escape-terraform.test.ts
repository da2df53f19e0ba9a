import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import * as fc from 'fast-check';
import { markLibraryConstruct } from '../../lib/core/private/escape';

/**
 * Property: any literal text a user hands the library comes out of real Terraform
 * evaluation exactly as written, template sequences (`${`, `%{`) included. The
 * strings go through the library's one escaping mechanism (a library construct's
 * elements) into `cdk.tf.json`; Terraform (offline: local state, no providers)
 * applies them as outputs; `terraform output -json` must return them unchanged.
 */
const TERRAFORM = process.env.TERRAFORM ?? 'terraform';
const hasTerraform = spawnSync(TERRAFORM, ['version'], { encoding: 'utf8' }).status === 0;
if (!hasTerraform && process.env.CI) throw new Error('terraform is required in CI for the escaping property test');
const maybe = hasTerraform ? describe : describe.skip;

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

function applyOutputs(texts: string[], escape = true): { status: number | null; stderr: string; outputs: { [k: string]: { value: string } } } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'escape-tf-'));
  try {
    const app = new App({ outdir });
    const stack = new TerraformStack(app, 'echo');
    if (escape) new Echo(stack, 'Echo', texts);
    else texts.forEach((t, i) => new TerraformOutput(stack, `t${i}`, { value: t }).overrideLogicalId(`t${i}`));
    app.synth();
    const dir = path.join(outdir, 'stacks', 'echo');
    const cliConfig = path.join(outdir, 'terraformrc');
    fs.writeFileSync(cliConfig, '');
    const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_DATA_DIR: path.join(outdir, '.terraform'), TF_CLI_CONFIG_FILE: cliConfig };
    const run = (...args: string[]) => spawnSync(TERRAFORM, args, { cwd: dir, env, encoding: 'utf8' });
    for (const args of [['init', '-input=false', '-no-color'], ['apply', '-auto-approve', '-input=false', '-no-color']]) {
      const r = run(...args);
      if (r.status !== 0) return { status: r.status, stderr: r.stderr, outputs: {} };
    }
    const out = run('output', '-json');
    return { status: out.status, stderr: out.stderr, outputs: JSON.parse(out.stdout) };
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
