import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Testing } from 'cdktf';
import { Environment, EnvironmentStack, SecretValue, SupabaseDatabase, SupabaseEdgeFunctions, SupabaseEdgeFunctionsProps } from '../../lib';
import { Template, environmentStack } from '../support/template';

const FIXTURES = path.join(__dirname, 'fixtures', 'edge-functions');
const HELLO = path.join(FIXTURES, 'hello', 'index.ts');
const AUTH = { siteUrl: 'https://app.example.com' };

function setup(props: Partial<SupabaseEdgeFunctionsProps> = {}, stack: EnvironmentStack = environmentStack(Environment.staging({ project: 'acme-shop' }))) {
  const database = (stack.node.tryFindChild('Database') as SupabaseDatabase | undefined) ?? new SupabaseDatabase(stack, 'Database', { auth: AUTH, allowedCidrs: ['198.51.100.0/24'] });
  const functions = new SupabaseEdgeFunctions(stack, 'EdgeFunctions', {
    database,
    functions: { hello: { entrypoint: HELLO, importMap: path.join(FIXTURES, 'hello', 'import_map.json') } },
    secrets: { GREETING: SecretValue.fromVariable(stack, 'greeting', 'The greeting') },
    ...props,
  });
  return { stack, database, functions };
}

describe('SupabaseEdgeFunctions', () => {
  test('one function per slug, deployed from its file copied into the stack, after the project\'s secrets', () => {
    const { stack, functions } = setup();
    const t = Template.of(stack);
    const fn = t.only('supabase_edge_function');
    expect(fn).toEqual({
      project_ref: '${supabase_project.Database_B269D8BB.id}',
      slug: 'hello',
      entrypoint: expect.stringMatching(/^\$\{path\.module\}\/assets\/EdgeFunctions_Source-hello_[0-9A-F]+\/[0-9A-F]{32}\/index\.ts$/),
      import_map: expect.stringMatching(/^\$\{path\.module\}\/assets\/EdgeFunctions_ImportMap-hello_[0-9A-F]+\/[0-9A-F]{32}\/import_map\.json$/),
      depends_on: [expect.stringMatching(/^supabase_edge_function_secrets\.EdgeFunctions_Secrets_/)],
    });
    expect(functions.urls.hello).toBe(`https://${functions.projectRef}.supabase.co/functions/v1/hello`);
  });

  test('secrets are SecretValues only, rendered as one sensitive set for the project', () => {
    const { stack } = setup();
    const t = Template.of(stack);
    expect(t.only('supabase_edge_function_secrets')).toEqual({
      project_ref: '${supabase_project.Database_B269D8BB.id}',
      secrets: [{ name: 'GREETING', value: '${var.greeting}' }],
    });
    expect(t.json.variable.greeting).toMatchObject({ sensitive: true, type: 'string' });
  });

  test('without secrets there is no secrets resource and no dependency', () => {
    const { stack } = setup({ secrets: undefined });
    const t = Template.of(stack);
    expect(t.count('supabase_edge_function_secrets')).toBe(0);
    expect(t.only('supabase_edge_function').depends_on).toBeUndefined();
  });

  test('the synthesized stack holds the exact files that were checked, and nothing is written before synth', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-edge-'));
    try {
      const app = new App({ outdir });
      const stack = new EnvironmentStack(app, 'staging', { environment: Environment.staging({ project: 'acme-shop' }) });
      setup({}, stack);
      const files = (dir: string): string[] => fs.readdirSync(dir, { withFileTypes: true })
        .flatMap((e) => (e.isDirectory() ? files(path.join(dir, e.name)) : [path.join(dir, e.name)]));
      expect(files(outdir)).toEqual([]);
      app.synth();
      const stackDir = path.join(outdir, 'stacks', 'staging');
      const json = JSON.parse(fs.readFileSync(path.join(stackDir, 'cdk.tf.json'), 'utf8'));
      const fn = Object.values(json.resource.supabase_edge_function)[0] as any;
      const entry = path.join(stackDir, fn.entrypoint.replace('${path.module}/', ''));
      expect(fs.readFileSync(entry, 'utf8')).toBe(fs.readFileSync(HELLO, 'utf8'));
      expect(fs.readFileSync(path.join(stackDir, fn.import_map.replace('${path.module}/', '')), 'utf8')).toBe(fs.readFileSync(path.join(FIXTURES, 'hello', 'import_map.json'), 'utf8'));
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  });

  test('free text in a display name is never evaluated by Terraform', () => {
    const { stack } = setup({ functions: { hello: { entrypoint: HELLO, name: 'Hello ${var.greeting} %{ if true }x%{ endif }' } } });
    expect(Template.of(stack).only('supabase_edge_function').name).toBe('Hello $${var.greeting} %%{ if true }x%%{ endif }');
  });

  test('relative paths resolve from the working directory', () => {
    const { stack } = setup({ functions: { hello: { entrypoint: path.relative(process.cwd(), HELLO) } } });
    expect(Template.of(stack).only('supabase_edge_function').slug).toBe('hello');
  });

  test('a missing entrypoint fails with the usual message', () => {
    const missing = path.join(FIXTURES, 'nope', 'index.ts');
    expect(() => setup({ functions: { nope: { entrypoint: missing } } })).toThrow(
      `[test/EdgeFunctions] invalid "functions.nope.entrypoint": got ${JSON.stringify(missing)}; expected an existing file: ${missing} does not exist (relative paths are resolved from the working directory)`);
  });

  test('a directory, a file of another kind, a relative import, a literal key or a broken import map fail too', () => {
    const dir = path.join(FIXTURES, 'hello');
    expect(() => setup({ functions: { d: { entrypoint: `${dir}.ts` } } })).toThrow('expected an existing file');
    expect(() => setup({ functions: { x: { entrypoint: path.join(dir, 'import_map.json') } } })).toThrow(
      `[test/EdgeFunctions] invalid "functions.x.entrypoint": got ${JSON.stringify(path.join(dir, 'import_map.json'))}; expected the path of a .ts, .js, .mjs, .tsx, .jsx file, absolute or relative to the working directory`);
    const relative = path.join(FIXTURES, 'relative', 'index.js');
    expect(() => setup({ functions: { r: { entrypoint: relative } } })).toThrow(
      `[test/EdgeFunctions] invalid "functions.r.entrypoint": got ${JSON.stringify(relative)}; expected a self-contained entrypoint: it imports "./greet.js", but the provider uploads only this file (and the import map), so the import would not resolve when deployed; bundle the function into one file, or import from npm:, jsr: or https:`);
    const leaky = path.join(FIXTURES, 'leaky', 'index.js');
    expect(() => setup({ functions: { l: { entrypoint: leaky } } })).toThrow(
      `[test/EdgeFunctions] invalid "functions.l.entrypoint": got ${JSON.stringify(leaky)}; expected a source file without literal credentials (it contains an OpenAI-style API key (sk-...)): pass them in "secrets" and read them with Deno.env.get`);
    const broken = path.join(dir, 'broken_map.json');
    expect(() => setup({ functions: { b: { entrypoint: HELLO, importMap: broken } } })).toThrow(`[test/EdgeFunctions] invalid "functions.b.importMap": got ${JSON.stringify(broken)}; expected an import map in JSON (`);
  });

  test('two constructs deploying one slug or one secret to the same project fail synth naming both', () => {
    const { stack, database } = setup();
    new SupabaseEdgeFunctions(stack, 'More', { database, functions: { hello: { entrypoint: HELLO } }, secrets: { GREETING: SecretValue.fromVariable(stack, 'greeting') } });
    expect(() => Testing.synth(stack, true)).toThrow('[test/EdgeFunctions] invalid "functions.hello": got "hello"; expected a slug deployed by one construct per project: test/More deploys "hello" to the same project too');
    expect(() => Testing.synth(stack, true)).toThrow('[test/EdgeFunctions] invalid "secrets.GREETING": got "GREETING"; expected a secret set by one construct per project: test/More sets "GREETING" in the same project too (the last apply would win)');
  });

  test('works with an imported database (functions of a project managed elsewhere)', () => {
    const stack = environmentStack(Environment.staging({ project: 'acme-shop' }));
    const imported = SupabaseDatabase.fromDatabaseAttributes(stack, 'Imported', {
      projectRef: 'abcdefghijklmnopqrst',
      applicationConnection: {
        host: 'aws-0-us-east-1.pooler.supabase.com',
        port: 6543,
        database: 'postgres',
        username: 'app.abcdefghijklmnopqrst',
        sslMode: 'require',
        password: SecretValue.fromVariable(stack, 'db_password'),
        uri: SecretValue.fromVariable(stack, 'db_url'),
      },
    });
    new SupabaseEdgeFunctions(stack, 'EdgeFunctions', { database: imported, functions: { hello: { entrypoint: HELLO } } });
    expect(Template.of(stack).only('supabase_edge_function').project_ref).toBe('abcdefghijklmnopqrst');
  });
});
