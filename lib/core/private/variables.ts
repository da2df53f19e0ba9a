import { TerraformVariable, TerraformVariableConfig } from 'cdktf';
import { IConstruct } from 'constructs';
import { stackSingleton } from './stack-singleton';

/**
 * The stack's Terraform variable `name`, declared with `config` on first use and
 * reused afterwards, so that every construct asking for the same account input
 * (a zone id, a registry user, a secret) shares one variable instead of clashing.
 */
export function stackVariable(scope: IConstruct, name: string, config: TerraformVariableConfig): TerraformVariable {
  return stackSingleton(scope, name, (stack) => new TerraformVariable(stack, name, config), (x): x is TerraformVariable => x instanceof TerraformVariable);
}

/** A required, non-sensitive string input (an id, a user name), optionally checked by Terraform against a regex. */
export function stringInput(scope: IConstruct, name: string, description: string, pattern?: { regex: string; message: string }): TerraformVariable {
  return stackVariable(scope, name, {
    type: 'string',
    nullable: false,
    description,
    validation: pattern ? [{ condition: `\${can(regex(${JSON.stringify(pattern.regex)}, var.${name}))}`, errorMessage: pattern.message }] : undefined,
  });
}
