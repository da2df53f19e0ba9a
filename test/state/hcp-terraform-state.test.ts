import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Aspects, TerraformStack, Testing } from 'cdktf';
import { Environment, EnvironmentStack, HcpTerraformState, SecurityChecks } from '../../lib';

const production = Environment.production({ project: 'acme-shop' });
const synth = (stack: TerraformStack) => JSON.parse(Testing.synth(stack, true));

describe('HcpTerraformState', () => {
  test('one named workspace per stack and environment; no token in the configuration', () => {
    const stack = new EnvironmentStack(Testing.app(), 'production', { environment: production, hcpTerraform: { organization: 'acme' } });
    const json = synth(stack);
    expect(json.terraform.cloud).toEqual({ organization: 'acme', workspaces: { name: 'acme-shop-production-production' } });
    expect(json.terraform.backend).toBeUndefined();
    expect(stack.remoteState).toBeUndefined();
    expect(stack.hcpTerraformState!.workspace).toBe('acme-shop-production-production');
  });

  test('workspaces by tags keep project, environment and stack among the tags; a project and a hostname', () => {
    const stack = new EnvironmentStack(Testing.app(), 'apps', {
      environment: production,
      hcpTerraform: { organization: 'acme', workspaceTags: ['team-platform'], project: 'Shop', hostname: 'tfe.example.com' },
    });
    expect(synth(stack).terraform.cloud).toEqual({ organization: 'acme', hostname: 'tfe.example.com', workspaces: { tags: ['team-platform', 'acme-shop', 'production', 'apps'], project: 'Shop' } });
  });

  test('SecurityChecks accepts HCP Terraform state (LSS-STATE-001)', () => {
    const stack = new EnvironmentStack(Testing.app(), 'production', { environment: production, hcpTerraform: { organization: 'acme' } });
    expect(new SecurityChecks().check(stack)).toEqual([]);
  });

  test('on a plain stack, and refused where a backend exists', () => {
    const app = Testing.app();
    const plain = new TerraformStack(app, 'plain');
    new HcpTerraformState(plain, 'State', { organization: 'acme', workspace: 'plain-state', environment: production });
    expect(synth(plain).terraform.cloud.workspaces).toEqual({ name: 'plain-state' });
    expect(() => new HcpTerraformState(plain, 'Again', { organization: 'acme', environment: production })).toThrow('[plain/Again] invalid "scope": got "plain"; expected a stack without a backend: [plain/backend] already configures one');
  });

  test.each<[string, any, string]>([
    ['no organization', {}, '[production/HcpTerraformState] invalid "organization": got undefined; expected an organization name: 1-90 letters, digits, "-" or "_" (HCP Terraform names)'],
    ['a bad workspace name', { organization: 'acme', workspace: 'a b' }, '[production/HcpTerraformState] invalid "workspace": got "a b"; expected a workspace name'],
    ['name and tags', { organization: 'acme', workspace: 'w', workspaceTags: ['t'] }, '[production/HcpTerraformState] invalid "workspaceTags": got ["t"]; expected no tags when "workspace" is set'],
    ['a tag list that is a string', { organization: 'acme', workspaceTags: 'prod' }, '[production/HcpTerraformState] invalid "workspaceTags": got "prod"; expected a list'],
    ['a token in the props', { organization: 'acme', token: 'secret' }, '[production/HcpTerraformState] invalid "token": got "secret"; expected no such property'],
  ])('refuses %s', (_what, hcp, message) => {
    expect(() => new EnvironmentStack(Testing.app(), 'production', { environment: production, hcpTerraform: hcp })).toThrow(message);
  });

  test('one place for state: hcpTerraform with remoteState or localStatePath is refused', () => {
    expect(() => new EnvironmentStack(Testing.app(), 'p', { environment: production, remoteState: { useLockfile: true }, hcpTerraform: { organization: 'acme' } })).toThrow(
      '[p] invalid "hcpTerraform": got {"organization":"acme"}; expected no "hcpTerraform" together with "remoteState": a stack keeps its state in one place',
    );
    expect(() => new EnvironmentStack(Testing.app(), 'p', { environment: production, localStatePath: 'p.tfstate', hcpTerraform: { organization: 'acme' } })).toThrow(
      'expected no "hcpTerraform" together with "localStatePath"',
    );
  });

  test('an app synthesizes with the checks on', () => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'hcp-'));
    const app = new App({ outdir });
    const stack = new EnvironmentStack(app, 'production', { environment: production, hcpTerraform: { organization: 'acme' } });
    Aspects.of(stack).add(new SecurityChecks());
    app.synth();
    expect(JSON.parse(fs.readFileSync(path.join(outdir, 'stacks', 'production', 'cdk.tf.json'), 'utf8')).terraform.cloud.organization).toBe('acme');
    fs.rmSync(outdir, { recursive: true, force: true });
  });
});
