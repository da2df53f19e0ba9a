import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { Environment, EnvironmentStack, SecurityChecks } from '../../lib';

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(path.join(dir, e.name)) : [path.join(dir, e.name)]));
}

/** A stack that fails validation (as a stack with a bad cross-construct rule would). */
function failingStack(app: App, id: string): TerraformStack {
  const stack = new EnvironmentStack(app, id, { environment: Environment.staging({ project: 'acme' }), localStatePath: `${id}.tfstate` });
  const c = new Construct(stack, 'Broken');
  c.node.addValidation({ validate: () => ['this stack is broken on purpose'] });
  return stack;
}

const okStack = (app: App, id: string) => new EnvironmentStack(app, id, { environment: Environment.staging({ project: 'acme' }), localStatePath: `${id}.tfstate` });

describe('all-or-nothing synth', () => {
  let outdir: string;
  beforeEach(() => { outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-')); });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('a failing last stack leaves nothing behind, not even the stacks before it', () => {
    const app = new App({ outdir });
    okStack(app, 'one');
    okStack(app, 'two');
    failingStack(app, 'three');
    expect(() => app.synth()).toThrow('this stack is broken on purpose');
    expect(filesUnder(outdir)).toEqual([]);
    expect(fs.readdirSync(outdir)).toEqual(['stacks']);
  });

  test('the check can fail: a plain cdktf app writes the stacks before the failing one', () => {
    const app = new App({ outdir });
    new TerraformStack(app, 'one');
    const broken = new TerraformStack(app, 'two');
    new Construct(broken, 'Broken').node.addValidation({ validate: () => ['broken'] });
    expect(() => app.synth()).toThrow('broken');
    expect(filesUnder(outdir).map((f) => path.relative(outdir, f))).toEqual([path.join('stacks', 'one', 'cdk.tf.json')]);
  });

  test('a passing app writes every stack and no staging folder remains', () => {
    const app = new App({ outdir });
    okStack(app, 'one');
    okStack(app, 'two');
    app.synth();
    expect(filesUnder(outdir).map((f) => path.relative(outdir, f)).sort()).toEqual([
      'manifest.json', path.join('stacks', 'one', 'cdk.tf.json'), path.join('stacks', 'two', 'cdk.tf.json'),
    ]);
    expect(JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'two', 'cdk.tf.json'), 'utf8')).terraform.backend.local.path).toBe('two.tfstate');
  });

  test('a second synth replaces each stack folder whole', () => {
    const first = new App({ outdir });
    okStack(first, 'one');
    first.synth();
    fs.writeFileSync(path.join(outdir, 'stacks', 'one', 'stale.txt'), 'left from an old synth');
    const second = new App({ outdir });
    okStack(second, 'one');
    second.synth();
    expect(fs.readdirSync(path.join(outdir, 'stacks', 'one'))).toEqual(['cdk.tf.json']);
  });
});

describe('guardrails that hold', () => {
  let outdir: string;
  beforeEach(() => { outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-')); });
  afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

  test('SecurityChecks added to the App run on every stack', () => {
    const app = new App({ outdir });
    okStack(app, 'one'); // local state: LSS-STATE-001
    Aspects.of(app).add(new SecurityChecks());
    expect(() => app.synth()).toThrow('[LSS-STATE-001]');
    expect(filesUnder(outdir)).toEqual([]);
  });

  test('skipValidation does not skip SecurityChecks, and nothing is written', () => {
    const app = new App({ outdir, skipValidation: true });
    const stack = okStack(app, 'one');
    Aspects.of(stack).add(new SecurityChecks());
    expect(() => app.synth()).toThrow('SecurityChecks found problems in one (skipValidation does not skip them):\n  [LSS-STATE-001]');
    expect(filesUnder(outdir)).toEqual([]);
  });

  test('the check can fail: skipValidation skips an ordinary validation', () => {
    const app = new App({ outdir, skipValidation: true });
    failingStack(app, 'one');
    expect(() => app.synth()).not.toThrow();
  });
});

describe('concurrent synths', () => {
  test('four processes synthesizing into one output directory leave whole, valid stacks', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'guard-par-'));
    const lib = path.join(__dirname, '..', '..', 'build', 'lib');
    const script = `
      const { App } = require('cdktf');
      const lib = require(${JSON.stringify(lib)});
      const app = new App({ outdir: ${JSON.stringify(outdir)} });
      for (const id of ['one', 'two', 'three']) {
        const stack = new lib.EnvironmentStack(app, id, { environment: lib.Environment.staging({ project: 'acme-' + id }), localStatePath: id + '.tfstate' });
        new lib.StorageBuckets(stack, 'Storage', { productImages: { corsOrigins: ['https://app.example.com'] } });
      }
      app.synth();`;
    const runs = Array.from({ length: 4 }, () => new Promise<number>((resolve) => {
      spawn(process.execPath, ['-e', script], { stdio: 'ignore' }).on('exit', (code) => resolve(code ?? 1));
    }));
    return Promise.all(runs).then((codes) => {
      expect(codes).toEqual([0, 0, 0, 0]);
      for (const id of ['one', 'two', 'three']) {
        const json = JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', id, 'cdk.tf.json'), 'utf8'));
        expect(json.terraform.backend.local.path).toBe(`${id}.tfstate`);
      }
      expect(fs.readdirSync(outdir).filter((f) => f.startsWith('.staging'))).toEqual([]);
      fs.rmSync(outdir, { recursive: true, force: true });
    });
  });
});

describe('validation messages', () => {
  test('a library message keeps its one "[path] invalid ..." prefix; the footer suggesting skipValidation is gone', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'guard-msg-')) });
    const stack = okStack(app, 'one');
    new Construct(stack, 'Lib').node.addValidation({ validate: () => ['[one/Lib] invalid "urls": got []; expected at least one URL'] });
    new Construct(stack, 'Plain').node.addValidation({ validate: () => ['something is off'] });
    let message = '';
    try { app.synth(); } catch (e: any) { message = e.message; }
    expect(message).toBe('Validation failed with the following errors:\n  [one/Lib] invalid "urls": got []; expected at least one URL\n  [one/Plain] something is off\n');
  });
});
