import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';

/**
 * Secrets recognized two ways: by the name they are stored under, and by what
 * the value looks like. A name rule alone misses `OPENAI_APIKEY`, a password inside
 * `DATABASE_URL_POOLER` or a key stored under `CONFIG`; a value rule alone misses
 * a random password. Both feed every place a literal can land (env vars, config
 * maps, tags) and SecurityChecks.
 */

/**
 * Names that carry a secret: KEY, SECRET, TOKEN, PASSWORD, CREDENTIALS and their
 * glued forms (APIKEY, ACCESSKEY, AUTHTOKEN), DSNs, and connection URLs of
 * databases and brokers (they embed a password).
 */
const SECRET_NAME = new RegExp([
  '(^|_)(KEY|SECRET|TOKEN|PASSWORD|PASSWD|PWD|PASSPHRASE|PRIVATE_?KEY|CREDENTIALS?|SALT|PEPPER|SIGNATURE)($|_)',
  '(APIKEY|API_?TOKEN|ACCESSKEY|SECRETKEY|AUTHTOKEN|AUTHKEY|CLIENTSECRET|PRIVATEKEY)',
  '(^|_)DSN($|_)',
  '(^|_)(DATABASE|DB|POSTGRES|PG|MYSQL|MONGO|MONGODB|REDIS|AMQP|RABBITMQ|BROKER|CACHE)_?(URL|URI)($|_)',
  '_URL_WITH_PASSWORD$',
].join('|'), 'i');

/** True when an environment variable or attribute name looks like it carries a secret. */
export function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name.replace(/-/g, '_'));
}

/** Value shapes of well-known credentials, with what they are. */
const SECRET_VALUES: ReadonlyArray<readonly [RegExp, string]> = [
  [/-----BEGIN (RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY( BLOCK)?-----/, 'a private key'],
  [/\b(AKIA|ASIA|ABIA|ACCA)[0-9A-Z]{16}\b/, 'an AWS access key id'],
  [/\bsk-(proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}/, 'an OpenAI-style API key (sk-...)'],
  [/\b(sk|rk)_(live|test)_[0-9A-Za-z]{10,}/, 'a Stripe secret key'],
  [/\bgh[pousr]_[A-Za-z0-9]{30,}/, 'a GitHub token'],
  [/\bgithub_pat_[A-Za-z0-9_]{30,}/, 'a GitHub fine-grained token'],
  [/\bglpat-[A-Za-z0-9_-]{20,}/, 'a GitLab token'],
  [/\bxox[abprs]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
  [/\bSG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/, 'a SendGrid API key'],
  [/\bsk_[a-f0-9]{32,}\b/, 'a secret key (sk_...)'],
  [/\beyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, 'a JSON Web Token'],
  [/\b[a-z][a-z0-9+.-]*:\/\/[^\s:/@]+:[^\s/@]+@/i, 'a URL with a password'],
];

/**
 * What a literal value looks like if it is a credential ("a GitHub token"), or
 * undefined. Terraform references inside the value are ignored, so a URL whose
 * password is `${random_password.x.result}` is not a literal secret.
 */
export function secretValueKind(value: string): string | undefined {
  const literal = value.replace(/\$\{[^}]*\}/g, 'REF');
  for (const [pattern, kind] of SECRET_VALUES) {
    // A password made only of a reference is fine: `postgres://u:REF@host`.
    if (kind === 'a URL with a password' && /:\/\/[^\s:/@]+:REF@/.test(literal)) continue;
    if (pattern.test(literal)) return kind;
  }
  return undefined;
}

/**
 * Fails when a literal (non-token) value would land in synthesized JSON as a
 * secret: under a secret-looking name, or shaped like a credential whatever its
 * name. Tokens pass: they resolve to a variable or reference, not a literal.
 * The message never repeats the value.
 */
export function assertNoLiteralSecret(scope: IConstruct, prop: string, name: string, value: string): void {
  if (Token.isUnresolved(value)) {
    const kind = secretValueKind(value);
    if (kind) throw new ValidationError(scope, `${prop}.${name}`, '<literal redacted>', `a SecretValue: the value contains ${kind} next to a reference`);
    return;
  }
  if (isSecretName(name)) {
    throw new ValidationError(scope, `${prop}.${name}`, '<literal string redacted>', 'a SecretValue (sensitive variable, generated value or secret-manager reference): secret-looking names never take plain strings');
  }
  const kind = secretValueKind(value);
  if (kind) {
    throw new ValidationError(scope, `${prop}.${name}`, '<literal string redacted>', `a SecretValue: the value looks like ${kind}, and literal secrets never go into the configuration`);
  }
}
