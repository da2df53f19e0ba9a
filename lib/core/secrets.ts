import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { ValidationError } from './errors';
import { stackVariable } from './private/variables';

/**
 * A secret value that never appears as a literal in synthesized JSON.
 *
 * Build one from a sensitive Terraform variable (`SecretValue.fromVariable`) or
 * from a token that already refers to something sensitive (a `random_password`,
 * a secret-manager data source): `SecretValue.fromToken`.
 *
 * @example
 * const token = SecretValue.fromVariable(stack, 'ghcr_token', 'GHCR read token');
 */
export class SecretValue {
  /**
   * Declares a `sensitive = true` Terraform variable (no default) and returns it.
   * If a variable with the same id already exists in the stack it is reused, so
   * several constructs can share one secret input.
   */
  public static fromVariable(scope: Construct, name: string, description?: string): SecretValue {
    const variable = stackVariable(scope, name, { type: 'string', sensitive: true, nullable: false, description: description ?? `Secret input ${name} (sensitive)` });
    return new SecretValue(variable.stringValue);
  }

  /**
   * Wraps a token (for example `randomPassword.result`). Literal strings are
   * refused: that is the point of this class.
   */
  public static fromToken(token: string): SecretValue {
    if (!Token.isUnresolved(token)) {
      throw new ValidationError('SecretValue.fromToken', 'token', '<literal string redacted>', 'a token (sensitive variable, generated password or secret-manager reference), never a literal');
    }
    return new SecretValue(token);
  }

  /** True when `x` is a SecretValue (works across copies of the library). */
  public static isSecretValue(x: unknown): x is SecretValue {
    return x !== null && typeof x === 'object' && SECRET_VALUE_SYMBOL in (x as object);
  }

  private constructor(
    /** The token that resolves to the secret at plan time. */
    public readonly value: string,
  ) {
    Object.defineProperty(this, SECRET_VALUE_SYMBOL, { value: true });
  }

  /** Returns the token. Never a literal. */
  public toString(): string {
    return this.value;
  }
}

const SECRET_VALUE_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.SecretValue');

