import { SecretValue } from '../core/secrets';

/** Environment variables of a Render service or env group. */
export interface RenderEnvVarOptions {
  /**
   * Plain, non-secret variables. A literal value is refused when the name looks
   * secret (`*_KEY`, `*_SECRET`, `*_TOKEN`, `*PASSWORD*`, `DATABASE_URL`, ...) or
   * when the value looks like a credential whatever its name (`sk-...`, `ghp_...`,
   * a URL with a password): put it in `secrets`. Tokens (references to other
   * resources) are accepted.
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
