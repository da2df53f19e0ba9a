import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, TerraformStack } from 'cdktf';
import { Environment, EnvironmentStack, SecurityChecks, StorageBuckets } from '../../lib';

/** An app of two stacks with every bucket rule in play. */
function build(outdir: string, checks: boolean): { app: App; stacks: TerraformStack[] } {
  const app = new App({ outdir });
  const stacks = ['one', 'two'].map((id) => {
    const stack = new EnvironmentStack(app, id, { environment: Environment.production({ project: `acme-${id}` }) });
    new StorageBuckets(stack, 'Storage', { productImages: { corsOrigins: ['https://app.example.com'] } });
    if (checks) Aspects.of(stack).add(new SecurityChecks());
    return stack;
  });
  return { app, stacks };
}

const written = (outdir: string, id: string) => fs.readFileSync(path.join(outdir, 'stacks', id, 'cdk.tf.json'), 'utf8');

describe('SecurityChecks judge the JSON the synthesizer writes, resolving each stack once', () => {
  test('one resolve per stack with the checks on; the written JSON is byte-identical to a synth without them', () => {
    const withDir = fs.mkdtempSync(path.join(os.tmpdir(), 'checks-on-'));
    const withoutDir = fs.mkdtempSync(path.join(os.tmpdir(), 'checks-off-'));
    try {
      const on = build(withDir, true);
      const calls = new Map<string, number>();
      for (const stack of on.stacks) {
        const original = stack.toTerraform.bind(stack);
        stack.toTerraform = () => { calls.set(stack.node.id, (calls.get(stack.node.id) ?? 0) + 1); return original(); };
      }
      on.app.synth();
      // The checks' wrapper is installed on top at visit time and hands its JSON over: one real resolve each.
      expect(Object.fromEntries(calls)).toEqual({ one: 1, two: 1 });
      const off = build(withoutDir, false);
      off.app.synth();
      for (const id of ['one', 'two']) expect(written(withDir, id)).toBe(written(withoutDir, id));
    } finally {
      fs.rmSync(withDir, { recursive: true, force: true });
      fs.rmSync(withoutDir, { recursive: true, force: true });
    }
  });

  test('a change after a check is judged afresh by the next explicit check', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'checks-')) });
    const stack = new EnvironmentStack(app, 'one', { environment: Environment.production({ project: 'acme' }), localStatePath: 'one.tfstate' });
    const checks = new SecurityChecks();
    expect(checks.check(stack)).toEqual([expect.stringContaining('[LSS-STATE-001]')]);
    SecurityChecks.suppress(stack, 'LSS-STATE-001', 'This test stack keeps its state locally on purpose.');
    expect(checks.check(stack)).toEqual([]);
  });
});
