import { API_IMAGE, STAGING, WEB, compute } from './fixtures';
import { RenderProject, RenderRegistryCredential } from '../../lib';
import { Template, environmentStack } from '../support/template';

// Terraform evaluates ${...} and %{...} in every string of cdk.tf.json: user text
// must come out escaped ($${, %%{) so that it is never evaluated.
const HOSTILE = 'echo ${var.ghcr_token} %{ if true }x%{ endif }';
const ESCAPED = 'echo $${var.ghcr_token} %%{ if true }x%%{ endif }';

describe('free text in Render props is escaped, never evaluated', () => {
  test('commands, variables, env group values and Key Value descriptions', () => {
    const { stack } = compute({
      webServices: { Api: { ...WEB, command: HOSTILE, preDeployCommand: HOSTILE, variables: { BANNER: HOSTILE } } },
      workers: { Worker: { image: API_IMAGE, command: HOSTILE } },
      cronJobs: { Job: { image: API_IMAGE, schedule: '0 3 * * *', command: HOSTILE } },
      envGroups: { Shared: { variables: { MOTD: HOSTILE }, services: ['Api'] } },
      keyValue: { allowedSources: [{ cidr: '198.51.100.0/24', description: HOSTILE }], services: ['Worker'] },
    });
    const t = Template.of(stack);
    const api = t.only('render_web_service');
    expect(api.start_command).toBe(ESCAPED);
    expect(api.pre_deploy_command).toBe(ESCAPED);
    expect(api.env_vars.BANNER.value).toBe(ESCAPED);
    expect(t.only('render_background_worker').start_command).toBe(ESCAPED);
    expect(t.only('render_cron_job').start_command).toBe(ESCAPED);
    expect(t.only('render_env_group').env_vars.MOTD.value).toBe(ESCAPED);
    expect(t.only('render_keyvalue').ip_allow_list[0].description).toBe(ESCAPED);
    // References the library means stay references.
    expect(t.only('render_background_worker').env_vars.REDIS_URL.value).toMatch(/^\$\{render_keyvalue\./);
  });

  test('project names and registry user names', () => {
    const stack = environmentStack(STAGING, 'test');
    new RenderProject(stack, 'Project', { name: 'acme ${var.x}' });
    new RenderRegistryCredential(stack, 'Ghcr', { username: 'bot-%{x}' });
    const t = Template.of(stack);
    expect(t.only('render_project').name).toBe('acme $${var.x}');
    expect(t.only('render_registry_credential').username).toBe('bot-%%{x}');
    expect(t.only('render_registry_credential').auth_token).toBe('${var.ghcr_token}');
  });
});
