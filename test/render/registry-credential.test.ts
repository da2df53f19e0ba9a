import { errorOf } from './fixtures';
import { RenderRegistryCredential, SecretValue } from '../../lib';
import { Template, environmentStack } from '../support/template';

describe('RenderRegistryCredential', () => {
  test('GHCR by default, user name from a variable, token from a sensitive variable', () => {
    const stack = environmentStack(undefined, 'test');
    new RenderRegistryCredential(stack, 'Ghcr');
    const t = Template.of(stack);
    expect(t.only('render_registry_credential')).toEqual({
      name: 'livestreamsell-staging-ghcr',
      registry: 'GITHUB',
      username: '${var.ghcr_username}',
      auth_token: '${var.ghcr_token}',
    });
    expect(t.json.variable.ghcr_token).toMatchObject({ sensitive: true, nullable: false });
    expect(t.json.variable.ghcr_username.sensitive).toBeUndefined();
  });

  test('another registry with its own inputs', () => {
    const stack = environmentStack(undefined, 'test');
    new RenderRegistryCredential(stack, 'Hub', { registry: 'DOCKER', username: 'lss-bot', authToken: SecretValue.fromVariable(stack, 'dockerhub_token') });
    expect(Template.of(stack).only('render_registry_credential')).toEqual({
      name: 'livestreamsell-staging-registry', registry: 'DOCKER', username: 'lss-bot', auth_token: '${var.dockerhub_token}',
    });
  });

  test('refuses an unknown registry and an empty user name', () => {
    expect(errorOf(() => new RenderRegistryCredential(environmentStack(undefined, 'test'), 'Ghcr', { registry: 'ghcr' }))).toBe(
      '[test/Ghcr] invalid "registry": got "ghcr"; expected one of "GITHUB", "GITLAB", "DOCKER", "AWS_ECR", "GOOGLE_ARTIFACT"',
    );
    expect(errorOf(() => new RenderRegistryCredential(environmentStack(undefined, 'test'), 'Ghcr', { username: ' ' }))).toBe(
      '[test/Ghcr] invalid "username": got " "; expected a non-empty string',
    );
  });
});
