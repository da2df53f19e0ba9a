import { TerraformStack } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';

/**
 * The stack-level construct `id` of `scope`'s stack, created with `create` on first
 * use and returned as is afterwards: how default providers, account lookups and
 * shared Terraform variables exist once per stack however many constructs ask.
 * With `is`, an existing child of another kind under that id is reported instead
 * of being returned as the wrong type.
 */
export function stackSingleton<T extends IConstruct>(
  scope: IConstruct,
  id: string,
  create: (stack: TerraformStack, id: string) => T,
  is?: (x: IConstruct) => x is T,
): T {
  const stack = TerraformStack.of(scope);
  const existing = stack.node.tryFindChild(id);
  if (existing === undefined) return create(stack, id);
  if (is && !is(existing)) {
    throw new ValidationError(existing, 'id', id, `a construct id not already used by a ${existing.constructor.name} in the stack`);
  }
  return existing as T;
}
