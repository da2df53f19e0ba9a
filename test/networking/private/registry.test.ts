import { App, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { appRegistry, resolvedText } from '../../../lib/networking/private/registry';

describe('appRegistry', () => {
  test('one registry per app and name, on the App under a Symbol.for key', () => {
    const app = Testing.app();
    const a = new TerraformStack(app, 'a');
    const b = new TerraformStack(app, 'b');
    appRegistry<string>(a, 'things').set('x', 'a/X');
    expect(appRegistry<string>(b, 'things').get('x')).toBe('a/X');
    expect(appRegistry<string>(b, 'other').size).toBe(0);
    expect((app as any)[Symbol.for('@livestreamsell/cdktf-constructs.networking.things')].get('x')).toBe('a/X');
    expect(appRegistry<string>(new TerraformStack(new App(), 'c'), 'things').size).toBe(0);
  });

  test('resolvedText makes two references to one thing compare equal', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const v = new TerraformVariable(stack, 'vpc', { type: 'string' });
    expect(resolvedText(stack, v.stringValue)).toBe('${var.vpc}');
    expect(resolvedText(stack, v.stringValue)).toBe(resolvedText(stack, `${v.stringValue}`));
    expect(resolvedText(stack, 'vpc-1')).toBe('vpc-1');
  });
});
