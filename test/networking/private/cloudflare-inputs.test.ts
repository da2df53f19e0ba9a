import { Testing, TerraformStack } from 'cdktf';
import { accountIdInput, zoneIdInput } from '../../../lib/networking/private/cloudflare-inputs';

describe('Cloudflare ids', () => {
  test('a literal id is checked; none declares the shared stack variable once', () => {
    const stack = new TerraformStack(Testing.app(), 'cf');
    const at = { scope: stack, prop: 'zoneId' };
    expect(zoneIdInput(stack, at, '0123456789abcdef0123456789abcdef')).toBe('0123456789abcdef0123456789abcdef');
    expect(() => zoneIdInput(stack, at, '0123456789ABCDEF0123456789ABCDEF')).toThrow('[cf] invalid "zoneId": got "0123456789ABCDEF0123456789ABCDEF"; expected a Cloudflare zone id: 32 lowercase hex characters (or a Terraform variable)');
    expect(() => accountIdInput(stack, { scope: stack, prop: 'accountId' }, 42)).toThrow('[cf] invalid "accountId": got 42; expected a Cloudflare account id');
    zoneIdInput(stack, at, undefined);
    zoneIdInput(stack, at, undefined);
    expect(JSON.parse(Testing.synth(stack)).variable).toEqual({ cloudflare_zone_id: expect.objectContaining({ type: 'string', nullable: false }) });
  });
});
