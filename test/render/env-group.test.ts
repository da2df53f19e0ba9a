import { API_IMAGE, PRODUCTION, WEB, errorOf } from './fixtures';
import { RenderBackgroundWorker, RenderEnvGroup, RenderWebService, SecretValue } from '../../lib';
import { Template, environmentStack } from '../support/template';

describe('RenderEnvGroup', () => {
  test('named after the environment, no link until linkTo', () => {
    const stack = environmentStack(PRODUCTION, 'test');
    new RenderEnvGroup(stack, 'AppSecrets', { generatedSecrets: ['SECRET_KEY'] });
    const t = Template.of(stack);
    expect(t.only('render_env_group')).toEqual({ name: 'acme-production-app-secrets', env_vars: { SECRET_KEY: { generate_value: true } } });
    expect(t.count('render_env_group_link')).toBe(0);
  });

  test('one link resource holds exactly the linked services, without duplicates', () => {
    const stack = environmentStack(undefined, 'test');
    const api = new RenderWebService(stack, 'Api', WEB);
    const worker = new RenderBackgroundWorker(stack, 'AiWorker', { image: API_IMAGE });
    new RenderWebService(stack, 'Frontend', { ...WEB, name: 'frontend' });
    const group = new RenderEnvGroup(stack, 'Shared', { secrets: { OPENAI_API_KEY: SecretValue.fromVariable(stack, 'openai_api_key') } });
    group.linkTo(api);
    group.linkTo(worker, api);
    group.addVariable('LOG_LEVEL', 'info');
    const t = Template.of(stack);
    const link = t.only('render_env_group_link');
    expect(link.env_group_id).toMatch(/^\$\{render_env_group\.Shared_.*\.id\}$/);
    expect(link.service_ids).toEqual([
      expect.stringMatching(/^\$\{render_web_service\.Api_.*\.id\}$/),
      expect.stringMatching(/^\$\{render_background_worker\.AiWorker_.*\.id\}$/),
    ]);
    expect(group.linkedServiceNames).toEqual(['api', 'ai-worker']);
    expect(group.variableNames.sort()).toEqual(['LOG_LEVEL', 'OPENAI_API_KEY']);
  });

  test('refuses a name that is not a DNS label and a link to something that is not a service', () => {
    expect(errorOf(() => new RenderEnvGroup(environmentStack(undefined, 'test'), 'Shared', { name: 'Shared Config' }))).toBe(
      '[test/Shared] invalid "name": got "Shared Config"; expected a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit',
    );
    const group = new RenderEnvGroup(environmentStack(undefined, 'test'), 'Shared');
    expect(errorOf(() => group.linkTo({ serviceId: 'srv-123', serviceName: 'x' } as any))).toBe(
      '[test/Shared] invalid "services[0]": got {"serviceId":"srv-123","serviceName":"x"}; expected an IRenderService (a RenderWebService, RenderBackgroundWorker or RenderCronJob)',
    );
  });
});
