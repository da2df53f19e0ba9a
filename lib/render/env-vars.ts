import { IResolvable, Lazy } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { assertNoLiteralSecret } from '../core/private/secret-detection';
import { assertMatches } from '../core/private/validation';
import { SecretValue } from '../core/secrets';

/** Environment variables of a Render service or env group. */
export interface EnvVarOptions {
  /**
   * Plain, non-secret variables. A secret-looking name (`*_KEY`, `*_SECRET`,
   * `*_TOKEN`, `*PASSWORD*`, `DATABASE_URL`, ...) with a literal value fails synth:
   * put it in `secrets` instead. Tokens (references to other resources) are accepted.
   * @default - none
   */
  readonly variables?: { [name: string]: string };
  /**
   * Secret variables: sensitive Terraform variables or references, never literals.
   * @default - none
   */
  readonly secrets?: { [name: string]: SecretValue };
  /**
   * Names of secrets Render generates itself (`generate_value`, a random 256-bit
   * base64 string) and never shows to Terraform. Ideal for signing keys.
   * @default - none
   */
  readonly generatedSecrets?: string[];
}

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The validated `env_vars` map of one resource. Each name is set once, secrets
 * only from SecretValue tokens. `token` renders late, so variables added after
 * the resource was created still synthesize, and renders nothing while the map is
 * empty (the provider refuses an empty `env_vars`).
 */
export class EnvVarMap {
  /** The `env_vars` value for the resource's config (Terraform-shaped, rendered at synth). */
  public readonly token: IResolvable;
  private readonly entries: { [name: string]: { value?: string; generate_value?: boolean } } = {};

  constructor(private readonly scope: IConstruct) {
    // The bindings pass tokens through unmapped, so entries are kept in Terraform's snake_case.
    this.token = Lazy.anyValue({ produce: () => (Object.keys(this.entries).length > 0 ? { ...this.entries } : undefined) });
  }

  /** Adds every variable of `options`. */
  public addAll(options: EnvVarOptions): void {
    for (const [name, value] of Object.entries(options.variables ?? {})) this.addPlain(name, value);
    for (const [name, value] of Object.entries(options.secrets ?? {})) this.addSecret(name, value);
    for (const name of options.generatedSecrets ?? []) this.addGenerated(name);
  }

  /** A plain variable; refuses literal values under secret-looking names. */
  public addPlain(name: string, value: string, prop = 'variables'): void {
    this.checkName(prop, name);
    assertNoLiteralSecret(this.scope, prop, name, value);
    this.entries[name] = { value };
  }

  /** A secret variable from a SecretValue. */
  public addSecret(name: string, secret: SecretValue, prop = 'secrets'): void {
    this.checkName(prop, name);
    if (!SecretValue.isSecretValue(secret)) {
      throw new ValidationError(this.scope, `${prop}.${name}`, '<non-SecretValue redacted>', 'a SecretValue (SecretValue.fromVariable or SecretValue.fromToken)');
    }
    this.entries[name] = { value: secret.value };
  }

  /** A secret Render generates (`generate_value = true`). */
  public addGenerated(name: string, prop = 'generatedSecrets'): void {
    this.checkName(prop, name);
    this.entries[name] = { generate_value: true };
  }

  /** True when `name` is set. */
  public has(name: string): boolean {
    return name in this.entries;
  }

  /** Names set so far. */
  public names(): string[] {
    return Object.keys(this.entries);
  }

  private checkName(prop: string, name: string): void {
    assertMatches(this.scope, `${prop}.${name}`, name, NAME_PATTERN, 'a variable name of letters, digits and "_", not starting with a digit');
    if (this.has(name)) {
      throw new ValidationError(this.scope, `${prop}.${name}`, name, 'each variable name once across variables, secrets and generatedSecrets');
    }
  }
}
