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

  test('refuses a plain string or a { value } object passed as a secret (JavaScript callers)', () => {
    expect(errorOf(() => group({ secrets: { API_TOKEN: 'abc' as any } }))).toBe(
      '[test/Shared] invalid "secrets.API_TOKEN": got "<string redacted>"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct\'s secret attribute), never a plain string or object',
    );
    expect(errorOf(() => group({ secrets: { API_TOKEN: { value: 'abc' } as any } }))).toBe(
      '[test/Shared] invalid "secrets.API_TOKEN": got "<non-SecretValue redacted>"; expected a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct\'s secret attribute), never a plain string or object',
    );
  });

  test.each([
    ['AI_PROVIDER', `sk-proj-${'a'.repeat(24)}`, 'an OpenAI-style API key (sk-...)'],
    ['CONFIG', `ghp_${'b'.repeat(36)}`, 'a GitHub token'],
    ['UPSTREAM', 'postgres://app:hunter2@db.example.com:5432/app', 'a URL with a password'],
  ])('refuses %s: a credential-looking value whatever the name', (name, value, kind) => {
    expect(errorOf(() => group({ variables: { [name]: value } }))).toBe(
      `[test/Shared] invalid "variables.${name}": got "<literal string redacted>"; expected a SecretValue: the value looks like ${kind}, and literal secrets never go into the configuration`,
    );
  });

  test('methods check their arguments like props', () => {
    const stack = environmentStack(undefined, 'test');
    const g = new RenderEnvGroup(stack, 'Shared');
    expect(errorOf(() => g.addVariable('NOTES', `token sk-${'c'.repeat(30)}`))).toBe(
      '[test/Shared] invalid "variables.NOTES": got "<literal string redacted>"; expected a SecretValue: the value looks like an OpenAI-style API key (sk-...), and literal secrets never go into the configuration',
    );
    expect(errorOf(() => g.addVariable('LOG_LEVEL', 3 as any))).toBe('[test/Shared] invalid "variables.LOG_LEVEL": got 3; expected a string');
    expect(errorOf(() => g.addSecret('API_TOKEN', { value: 'x' } as any))).toContain('[test/Shared] invalid "secrets.API_TOKEN": got "<non-SecretValue redacted>"');
    expect(errorOf(() => g.addGeneratedSecret('bad name'))).toBe('[test/Shared] invalid "generatedSecrets": got "bad name"; expected a variable name of letters, digits and "_", not starting with a digit');
  });

  test('refuses a name set twice and a malformed name', () => {
    expect(errorOf(() => group({ variables: { SECRET_KEY_ID: 'x' }, generatedSecrets: ['LOG', 'LOG'] }))).toBe(
      '[test/Shared] invalid "variables.SECRET_KEY_ID": got "<literal string redacted>"; expected a SecretValue (sensitive variable, generated value or secret-manager reference): secret-looking names never take plain strings',
    );
    expect(errorOf(() => group({ variables: { LOG: 'x' }, generatedSecrets: ['LOG'] }))).toBe(
      '[test/Shared] invalid "generatedSecrets[0]": got "LOG"; expected each variable name once across variables, secrets, generatedSecrets, the port and connections',
    );
    expect(errorOf(() => group({ generatedSecrets: 'SECRET_KEY' as any }))).toBe('[test/Shared] invalid "generatedSecrets": got "SECRET_KEY"; expected a list');
    expect(errorOf(() => group({ variables: { '1BAD': 'x' } }))).toBe(
      '[test/Shared] invalid "variables.1BAD": got "1BAD"; expected a variable name of letters, digits and "_", not starting with a digit',
    );
  });
});
