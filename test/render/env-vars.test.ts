import { TerraformVariable } from 'cdktf';
import { errorOf } from './fixtures';
import { RenderEnvGroup, RenderEnvGroupProps, SecretValue } from '../../lib';
import { Template, environmentStack } from '../support/template';

function group(props: RenderEnvGroupProps | ((s: any) => RenderEnvGroupProps)): Template {
  const stack = environmentStack(undefined, 'test');
  new RenderEnvGroup(stack, 'Shared', typeof props === 'function' ? props(stack) : props);
  return Template.of(stack);
}

describe('environment variables', () => {
  test('plain values, SecretValues and generated secrets', () => {
    const t = group((stack) => ({
      variables: { LOG_LEVEL: 'info', PUBLIC_KEY_ID: new TerraformVariable(stack, 'key_id', { type: 'string' }).stringValue },
      secrets: { OPENAI_API_KEY: SecretValue.fromVariable(stack, 'openai_api_key') },
      generatedSecrets: ['SECRET_KEY'],
    }));
    expect(t.only('render_env_group').env_vars).toEqual({
      LOG_LEVEL: { value: 'info' },
      PUBLIC_KEY_ID: { value: '${var.key_id}' },
      OPENAI_API_KEY: { value: '${var.openai_api_key}' },
      SECRET_KEY: { generate_value: true },
    });
    expect(t.json.variable.openai_api_key).toMatchObject({ sensitive: true, nullable: false, type: 'string' });
  });

  test('no variables: no env_vars attribute (the provider refuses an empty map)', () => {
    expect(group({}).only('render_env_group').env_vars).toBeUndefined();
  });

  test.each(['OPENAI_API_KEY', 'INSTAGRAM_APP_SECRET', 'GITHUB_TOKEN', 'PASSWORD', 'DB_PASSWORD', 'DATABASE_URL', 'SECRET_KEY'])(
    'refuses the secret-looking %s as a plain string',
    (name) => {
      expect(errorOf(() => group({ variables: { [name]: 'hunter2' } }))).toBe(
        `[test/Shared] invalid "variables.${name}": got "<literal string redacted>"; expected a SecretValue (sensitive variable, generated value or secret-manager reference): secret-looking names never take plain strings`,
      );
    },
  );

  test('the secret value never appears in the error or the template', () => {
    const message = errorOf(() => group({ variables: { STRIPE_SECRET: 'sk_live_abc' } }));
    expect(message).not.toContain('sk_live_abc');
  });

  test('refuses a plain string passed as a secret (JavaScript callers)', () => {
    expect(errorOf(() => group({ secrets: { API_TOKEN: 'abc' as any } }))).toBe(
      '[test/Shared] invalid "secrets.API_TOKEN": got "<non-SecretValue redacted>"; expected a SecretValue (SecretValue.fromVariable or SecretValue.fromToken)',
    );
  });

  test('refuses a name set twice and a malformed name', () => {
    expect(errorOf(() => group({ variables: { SECRET_KEY_ID: 'x' }, generatedSecrets: ['LOG', 'LOG'] }))).toBe(
      '[test/Shared] invalid "variables.SECRET_KEY_ID": got "<literal string redacted>"; expected a SecretValue (sensitive variable, generated value or secret-manager reference): secret-looking names never take plain strings',
    );
    expect(errorOf(() => group({ variables: { LOG: 'x' }, generatedSecrets: ['LOG'] }))).toBe(
      '[test/Shared] invalid "generatedSecrets.LOG": got "LOG"; expected each variable name once across variables, secrets and generatedSecrets',
    );
    expect(errorOf(() => group({ variables: { '1BAD': 'x' } }))).toBe(
      '[test/Shared] invalid "variables.1BAD": got "1BAD"; expected a variable name of letters, digits and "_", not starting with a digit',
    );
  });
});
