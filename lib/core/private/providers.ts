import { TerraformProvider, TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { stackSingleton } from './stack-singleton';

/**
 * Returns the stack's provider with the given construct id, creating it with
 * `create` the first time. Modules call this so that a stack gets exactly one
 * default provider of each kind however many modules need it, while a user who
 * declared the provider first (same id) keeps full control of its configuration.
 */
export function ensureProvider<T extends TerraformProvider>(scope: IConstruct, id: string, create: (stack: TerraformStack, id: string) => T): T {
  return stackSingleton(scope, id, create);
}
