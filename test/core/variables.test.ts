import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { stackVariable, stringInput } from '../../lib/core/private/variables';

describe('stack variables', () => {
  test('one variable per name and stack, shared by every construct that asks', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    const a = stringInput(new Construct(stack, 'A'), 'zone_id', 'Zone id');
    const b = stringInput(new Construct(stack, 'B'), 'zone_id', 'another description is ignored');
    expect(a).toBe(b);
    const json = JSON.parse(Testing.synth(stack));
    expect(json.variable).toEqual({ zone_id: { type: 'string', nullable: false, description: 'Zone id' } });
  });

  test('a pattern becomes a Terraform validation; other configs pass through', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    stringInput(stack, 'owner_id', 'Owner', { regex: '^tea-', message: 'owner_id must start with tea-' });
    stackVariable(stack, 'cidrs', { type: 'list(string)', nullable: false });
    const json = JSON.parse(Testing.synth(stack));
    expect(json.variable.owner_id.validation).toEqual([{ condition: '${can(regex("^tea-", var.owner_id))}', error_message: 'owner_id must start with tea-' }]);
    expect(json.variable.cidrs).toEqual({ type: 'list(string)', nullable: false });
  });
});
