import { Testing } from 'cdktf';
import { Construct } from 'constructs';
import { assertNoLiteralSecret, isSecretName, secretValueKind } from '../../lib/core/private/secret-detection';

describe('secret detection', () => {
  test.each(['OPENAI_API_KEY', 'OPENAI_APIKEY', 'STRIPE_SECRET', 'DATABASE_URL', 'DATABASE_URL_POOLER', 'REDIS_URL', 'SENTRY_DSN', 'GH_TOKEN', 'db-password', 'JWT_SIGNING_KEY', 'PRIVATE_KEY', 'AUTHTOKEN'])(
    'the name %s looks secret', (name) => expect(isSecretName(name)).toBe(true));

  test.each(['PORT', 'PYTHONUNBUFFERED', 'NEXT_PUBLIC_API_BASE_URL', 'AI_LLM_MODE', 'KEYBOARD_LAYOUT', 'MONKEY', 'TOKENIZER'])(
    'the name %s does not', (name) => expect(isSecretName(name)).toBe(false));

  test.each([
    ['sk-proj-' + 'a'.repeat(40), 'an OpenAI-style API key (sk-...)'],
    ['sk_live_' + '4'.repeat(24), 'a Stripe secret key'],
    ['ghp_' + 'A'.repeat(36), 'a GitHub token'],
    ['github_pat_' + 'A1_'.repeat(20), 'a GitHub fine-grained token'],
    ['AKIAIOSFODNN7EXAMPLE', 'an AWS access key id'],
    ['postgresql://app:hunter2@db.example.com:5432/app', 'a URL with a password'],
    ['-----BEGIN PRIVATE KEY-----\nMIIE...', 'a private key'],
    ['eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U', 'a JSON Web Token'],
  ])('the value %s is %s', (value, kind) => expect(secretValueKind(value)).toBe(kind));

  test('plain values and URLs whose password is a reference are not secrets', () => {
    for (const v of ['1', 'live', 'https://api.example.com/health', 'postgresql://app:${random_password.x.result}@db:5432/app', 'sk-short']) {
      expect(secretValueKind(v)).toBeUndefined();
    }
  });

  test('a literal lands nowhere: by name, by value, or beside a token', () => {
    const scope = new Construct(Testing.app(), 'Api');
    expect(() => assertNoLiteralSecret(scope, 'variables', 'OPENAI_APIKEY', 'anything')).toThrow('[Api] invalid "variables.OPENAI_APIKEY": got "<literal string redacted>"; expected a SecretValue');
    expect(() => assertNoLiteralSecret(scope, 'variables', 'CONFIG', 'ghp_' + 'A'.repeat(36))).toThrow('[Api] invalid "variables.CONFIG": got "<literal string redacted>"; expected a SecretValue: the value looks like a GitHub token');
    expect(() => assertNoLiteralSecret(scope, 'variables', 'PORT', '8000')).not.toThrow();
  });
});
