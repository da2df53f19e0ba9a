import { errorOf } from './fixtures';
import { RenderRegistry, RenderRegistryCredential, SecretValue } from '../../lib';
import { Template, environmentStack } from '../support/template';

describe('RenderRegistryCredential', () => {
  test('GHCR by default, user name from a variable, token from a sensitive variable', () => {
    const stack = environmentStack(undefined, 'test');
    const credential = new RenderRegistryCredential(stack, 'Ghcr');
    const t = Template.of(stack);
    expect(t.only('render_registry_credential')).toEqual({
      name: 'livestreamsell-staging-ghcr',
      registry: 'GITHUB',
      username: '${var.ghcr_username}',
      auth_token: '${var.ghcr_token}',
    });
    expect(t.json.variable.ghcr_token).toMatchObject({ sensitive: true, nullable: false });
    expect(t.json.variable.ghcr_username.sensitive).toBeUndefined();
    expect(RenderRegistryCredential.isRenderRegistryCredential(credential)).toBe(true);
  });

  test('another registry with its own inputs', () => {
    const stack = environmentStack(undefined, 'test');
    new RenderRegistryCredential(stack, 'Hub', { registry: RenderRegistry.DOCKER, username: 'acme-bot', authToken: SecretValue.fromVariable(stack, 'dockerhub_token') });
    expect(Template.of(stack).only('render_registry_credential')).toEqual({
      name: 'livestreamsell-staging-registry', registry: 'DOCKER', username: 'acme-bot', auth_token: '${var.dockerhub_token}',
    });
  });

  test.each<[any, string]>([
    [{ registry: 'ghcr' }, '[test/Ghcr] invalid "registry": got "ghcr"; expected a RenderRegistry: RenderRegistry.GITHUB, RenderRegistry.GITLAB, RenderRegistry.DOCKER, RenderRegistry.AWS_ECR, RenderRegistry.GOOGLE_ARTIFACT or RenderRegistry.of("...")'],
    [{ username: ' ' }, '[test/Ghcr] invalid "username": got " "; expected a non-empty string'],
    [{ username: `ghp_${'x'.repeat(36)}` }, '[test/Ghcr] invalid "username": got "<literal string redacted>"; expected a user name: the value looks like a GitHub token; the token goes in "authToken" (a SecretValue)'],
    [{ authToken: 'ghp_abc' }, '[test/Ghcr] invalid "authToken": got "<string redacted>"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct\'s secret attribute), never a plain string or object'],
  ])('refuses %p', (props, message) => {
    expect(errorOf(() => new RenderRegistryCredential(environmentStack(undefined, 'test'), 'Ghcr', props))).toBe(message);
  });
});
