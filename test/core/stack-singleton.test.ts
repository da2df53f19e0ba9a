import { TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { stackSingleton } from '../../lib/core/private/stack-singleton';

describe('stackSingleton', () => {
  const isVariable = (x: Construct): x is TerraformVariable => x instanceof TerraformVariable;

  test('creates once per stack, from any depth', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const deep = new Construct(new Construct(stack, 'A'), 'B');
    const first = stackSingleton(deep, 'shared', (s, id) => new TerraformVariable(s, id, { type: 'string' }), isVariable);
    expect(stackSingleton(stack, 'shared', () => { throw new Error('not again'); }, isVariable)).toBe(first);
    expect(first.node.scope).toBe(stack);
  });

  test('an id already taken by another kind of construct is reported, not returned', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new Construct(stack, 'shared');
    expect(() => stackSingleton(stack, 'shared', (s, id) => new TerraformVariable(s, id, {}), isVariable))
      .toThrow('[s/shared] invalid "id": got "shared"; expected a construct id not already used by a Construct in the stack');
  });
});
