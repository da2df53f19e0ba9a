import { TerraformStack, Testing } from 'cdktf';
import { TerraformData } from '../../lib/core/terraform-data';

describe('TerraformData', () => {
  test('synthesizes terraform_data with triggers and provisioners', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new TerraformData(stack, 'Apply', {
      triggersReplace: { sql_sha256: 'abc' },
      provisioners: [{ type: 'local-exec', command: 'echo hi' }],
    });
    const json = JSON.parse(Testing.synth(stack, true));
    expect(json.resource.terraform_data.Apply).toMatchObject({ triggers_replace: { sql_sha256: 'abc' }, provisioner: [{ 'local-exec': { command: 'echo hi' } }] });
  });

  test('synth needs no terraform binary (cdktf DataResource runs `terraform version` in a validation)', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    new TerraformData(stack, 'Apply', { triggersReplace: { k: 'v' } });
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      expect(() => Testing.synth(stack, true)).not.toThrow();
    } finally {
      process.env.PATH = path;
    }
  });
});
