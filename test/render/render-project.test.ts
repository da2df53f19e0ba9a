import { TerraformOutput } from 'cdktf';
import { errorOf } from './fixtures';
import { Environment, RenderProject } from '../../lib';
import { Template, environmentStack } from '../support/template';

describe('RenderProject', () => {
  test('one environment per deployment environment, production protected, all network-isolated', () => {
    const stack = environmentStack(new Environment({ name: 'shared', production: true, project: 'livestreamsell' }), 'test');
    const project = new RenderProject(stack, 'Project', { environments: [Environment.staging({ project: 'livestreamsell' }), Environment.production({ project: 'livestreamsell' })] });
    const t = Template.of(stack);
    expect(t.only('render_project')).toEqual({
      name: 'livestreamsell',
      environments: {
        staging: { name: 'staging', protected_status: 'unprotected', network_isolated: true },
        production: { name: 'production', protected_status: 'protected', network_isolated: true },
      },
    });
    expect(project.environmentNames).toEqual(['staging', 'production']);
  });

  test('defaults to the stack environment alone; isolation can be turned off', () => {
    const stack = environmentStack(undefined, 'test');
    new RenderProject(stack, 'Project', { networkIsolated: false, name: 'lss' });
    expect(Template.of(stack).only('render_project')).toEqual({
      name: 'lss',
      environments: { staging: { name: 'staging', protected_status: 'unprotected', network_isolated: false } },
    });
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

  test('refuses duplicate and missing environments', () => {
    expect(errorOf(() => new RenderProject(environmentStack(undefined, 'test'), 'Project', { environments: [Environment.staging({ project: 'livestreamsell' }), Environment.staging({ project: 'livestreamsell' })] }))).toBe(
      '[test/Project] invalid "environments": got ["staging","staging"]; expected each environment name once ("staging" appears twice)',
    );
    expect(errorOf(() => new RenderProject(environmentStack(undefined, 'test'), 'Project', { environments: [] }))).toBe(
      '[test/Project] invalid "environments": got []; expected at least one Environment',
    );
  });
});
