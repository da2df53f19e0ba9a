import { TerraformOutput } from 'cdktf';
import { PRODUCTION, STAGING, errorOf } from './fixtures';
import { Environment, RenderProject } from '../../lib';
import { Template, environmentStack } from '../support/template';

const SHARED = new Environment({ name: 'shared', production: true, project: 'acme' });

describe('RenderProject', () => {
  test('one environment per deployment environment, protected as the environment says, all network-isolated', () => {
    const stack = environmentStack(SHARED, 'test');
    const project = new RenderProject(stack, 'Project', { environments: [STAGING, PRODUCTION] });
    expect(Template.of(stack).only('render_project')).toEqual({
      name: 'acme',
      environments: {
        staging: { name: 'staging', protected_status: 'unprotected', network_isolated: true },
        production: { name: 'production', protected_status: 'protected', network_isolated: true },
      },
    });
    expect(project.environmentNames).toEqual(['staging', 'production']);
    expect(RenderProject.isRenderProject(project)).toBe(true);
  });

  test('protection follows Environment.deletionProtection, not the production flag', () => {
    const stack = environmentStack(SHARED, 'test');
    new RenderProject(stack, 'Project', {
      environments: [
        Environment.staging({ project: 'acme', protection: { deletionProtection: true } }),
        Environment.production({ project: 'acme', protection: { deletionProtection: false } }),
      ],
    });
    const envs = Template.of(stack).only('render_project').environments;
    expect(envs.staging.protected_status).toBe('protected');
    expect(envs.production.protected_status).toBe('unprotected');
  });

  test('defaults to the stack environment alone', () => {
    const stack = environmentStack(STAGING, 'test');
    new RenderProject(stack, 'Project', { name: 'acme-web' });
    expect(Template.of(stack).only('render_project')).toEqual({
      name: 'acme-web',
      environments: { staging: { name: 'staging', protected_status: 'unprotected', network_isolated: true } },
    });
  });

  test('network isolation is switched off only as an unsafe opt-in, acknowledged when the project holds production', () => {
    const staging = environmentStack(STAGING, 'test');
    new RenderProject(staging, 'Project', { unsafeDisableNetworkIsolation: true });
    expect(Template.of(staging).only('render_project').environments.staging.network_isolated).toBe(false);
    expect(errorOf(() => new RenderProject(environmentStack(STAGING, 'test'), 'Project', { environments: [STAGING, PRODUCTION], unsafeDisableNetworkIsolation: true }))).toBe(
      '[test/Project] invalid "unsafeDisableNetworkIsolation": got true; expected false in production ("production"), or "unsafeDisableNetworkIsolation" listed in "acknowledgeUnsafeInProduction": services of every environment of the project could reach each other, staging included',
    );
    expect(() => new RenderProject(environmentStack(STAGING, 'test'), 'Project', {
      environments: [STAGING, PRODUCTION], unsafeDisableNetworkIsolation: true, acknowledgeUnsafeInProduction: ['unsafeDisableNetworkIsolation'],
    })).not.toThrow();
    expect(errorOf(() => new RenderProject(environmentStack(STAGING, 'test'), 'Project', { networkIsolated: false } as any))).toContain(
      '[test/Project] invalid "networkIsolated": got false; expected no such property',
    );
  });

  test('environmentId reads the quoted map key and refuses unknown environments', () => {
    const stack = environmentStack(undefined, 'test');
    const project = new RenderProject(stack, 'Project');
    new TerraformOutput(stack, 'env', { value: project.environmentId('staging') });
    // cdktf renders map keys verbatim: unquoted, Terraform would reject the reference.
    expect(Template.of(stack).json.output.env.value).toMatch(/^\$\{render_project\.Project_.*\.environments\["staging"\]\.id\}$/);
    expect(errorOf(() => project.environmentId('production'))).toBe(
      '[test/Project] invalid "environmentId": got "production"; expected one of the project\'s environments: "staging"',
    );
  });

  test('refuses duplicate, missing and non-Environment environments', () => {
    expect(errorOf(() => new RenderProject(environmentStack(undefined, 'test'), 'Project', { environments: [STAGING, STAGING] }))).toBe(
      '[test/Project] invalid "environments": got ["staging","staging"]; expected each environment name once ("staging" appears twice)',
    );
    expect(errorOf(() => new RenderProject(environmentStack(undefined, 'test'), 'Project', { environments: [] }))).toBe(
      '[test/Project] invalid "environments": got []; expected a list of at least 1 item',
    );
    expect(errorOf(() => new RenderProject(environmentStack(undefined, 'test'), 'Project', { environments: [{ name: 'staging', isProduction: false }] as any }))).toBe(
      '[test/Project] invalid "environments[0]": got {"name":"staging","isProduction":false}; expected an Environment',
    );
  });

  describe('fromProjectAttributes', () => {
    test('an IRenderProject of a project managed elsewhere', () => {
      const stack = environmentStack(undefined, 'test');
      const project = RenderProject.fromProjectAttributes(stack, 'Shared', { projectId: 'prj-abc123', environmentIds: { staging: 'evm-s1', production: 'evm-p1' } });
      expect(RenderProject.isRenderProject(project)).toBe(true);
      expect(project.projectId).toBe('prj-abc123');
      expect(project.environmentNames).toEqual(['staging', 'production']);
      expect(project.environmentId('production')).toBe('evm-p1');
      expect(errorOf(() => project.environmentId('qa'))).toBe('[test/Shared] invalid "environmentId": got "qa"; expected one of the project\'s environments: "staging", "production"');
      expect(Template.of(stack).json.resource).toBeUndefined();
    });

    test.each<[any, string]>([
      [{ environmentIds: { staging: 'evm-1' } }, '[test/Shared] invalid "projectId": got undefined; expected a Render project id such as "prj-abc123"'],
      [{ projectId: 'prj-1', environmentIds: {} }, '[test/Shared] invalid "environmentIds": got {}; expected a map of at least one environment name to its project environment id, for example { staging: "evm-abc123" }'],
      [{ projectId: 'prj-1', environmentIds: { Staging: 'evm-1' } }, '[test/Shared] invalid "environmentIds.Staging": got "Staging"; expected a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit'],
      [{ projectId: 'prj-1', environmentIds: { staging: '' } }, '[test/Shared] invalid "environmentIds.staging": got ""; expected a project environment id such as "evm-abc123"'],
      [{ projectId: 'prj-1', environmentIds: 'evm-1' }, '[test/Shared] invalid "environmentIds": got "evm-1"; expected a map of names to values'],
      [{ projectId: 'prj-1', environmentIds: { staging: 'evm-1' }, name: 'x' }, '[test/Shared] invalid "name": got "x"; expected no such property: the properties here are "environmentIds", "projectId"'],
    ])('refuses %p', (attrs, message) => {
      expect(errorOf(() => RenderProject.fromProjectAttributes(environmentStack(undefined, 'test'), 'Shared', attrs))).toBe(message);
    });
  });
});
