import { IResolvable, Lazy } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { Input, checkSecret, checkString } from '../../core/private/input';
import { assertNoLiteralSecret } from '../../core/private/secret-detection';
import { SecretValue } from '../../core/secrets';

const NAME_PATTERN = /^[A-Za-z_][A-Za-z0-9_]*$/;
const NAME = { pattern: NAME_PATTERN, allowed: 'a variable name of letters, digits and "_", not starting with a digit' };

/**
 * The validated `env_vars` map of one resource. Each name is set once, secrets
 * only from SecretValue tokens, plain values never literal secrets (by name or
 * by value). `token` renders late, so variables added after the resource was
 * created still synthesize, and renders nothing while the map is empty (the
 * provider refuses an empty `env_vars`).
 */
export class EnvVarMap {
  /** The `env_vars` value for the resource's config (Terraform-shaped, rendered at synth). */
  public readonly token: IResolvable;
  private readonly entries: { [name: string]: { value?: string; generate_value?: boolean } } = {};

  constructor() {
    // The bindings pass tokens through unmapped, so entries are kept in Terraform's snake_case.
    this.token = Lazy.anyValue({ produce: () => (Object.keys(this.entries).length > 0 ? { ...this.entries } : undefined) });
  }

  /** Reads `variables`, `secrets` and `generatedSecrets` (RenderEnvVarOptions) from `input`. */
  public readFrom(input: Input): void {
    const scope = input.scope;
    for (const [name, value] of Object.entries(input.stringMap('variables', { key: NAME }) ?? {})) {
      this.addPlain(scope, input.path('variables'), name, value);
    }
    for (const [name, secret] of Object.entries(input.secretMap('secrets', { key: NAME }) ?? {})) {
      this.addSecret(scope, input.path('secrets'), name, secret);
    }
    (input.stringList('generatedSecrets', NAME) ?? []).forEach((name, i) => this.addGenerated(scope, `${input.path('generatedSecrets')}[${i}]`, name));
  }

  /** A plain variable `prop.name`; refuses literal secrets by name and by value. */
  public addPlain(scope: IConstruct, prop: string, name: unknown, value: unknown): void {
    const n = this.checkName(scope, prop, name);
    const v = checkString(scope, `${prop}.${n}`, value);
    if (v === undefined) throw new ValidationError(scope, `${prop}.${n}`, value, 'a string');
    assertNoLiteralSecret(scope, prop, n, v);
    this.entries[n] = { value: v };
  }

  /** A secret variable `prop.name` from a SecretValue (a branded instance). */
  public addSecret(scope: IConstruct, prop: string, name: unknown, secret: unknown): void {
    const n = this.checkName(scope, prop, name);
    const s = checkSecret(scope, `${prop}.${n}`, secret);
    if (s === undefined) throw new ValidationError(scope, `${prop}.${n}`, '<non-SecretValue redacted>', 'a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct\'s secret attribute), never a plain string or object');
    this.entries[n] = { value: (s as SecretValue).value };
  }

  /** A secret Render generates (`generate_value = true`); `at` is the prop path reported. */
  public addGenerated(scope: IConstruct, at: string, name: unknown): void {
    const n = checkString(scope, at, name, NAME);
    if (n === undefined) throw new ValidationError(scope, at, name, NAME.allowed);
    this.refuseDuplicate(scope, at, n);
    this.entries[n] = { generate_value: true };
  }

  /** True when `name` is set. */
  public has(name: string): boolean {
    return name in this.entries;
  }

  /** Names set so far. */
  public names(): string[] {
    return Object.keys(this.entries);
  }

  private checkName(scope: IConstruct, prop: string, name: unknown): string {
    const n = checkString(scope, `${prop}.${String(name)}`, name, NAME);
    if (n === undefined) throw new ValidationError(scope, prop, name, NAME.allowed);
    this.refuseDuplicate(scope, `${prop}.${n}`, n);
    return n;
  }

  private refuseDuplicate(scope: IConstruct, at: string, name: string): void {
    if (this.has(name)) {
      throw new ValidationError(scope, at, name, 'each variable name once across variables, secrets, generatedSecrets, the port and connections');
    }
  }
}
