import { isAllPorts, isInternetWide, isPublic, parseAnyCidr, publicShare, sensitivePortsIn } from '../../lib/core/private/address-space';

const c = (s: string) => {
  const parsed = parseAnyCidr(s);
  if (!parsed) throw new Error(`unparsable ${s}`);
  return parsed;
};

describe('address space', () => {
  test('parses IPv4 and IPv6, refusing host bits and junk', () => {
    expect(c('10.0.0.0/8')).toMatchObject({ family: 4, prefix: 8 });
    expect(c('2001:db8::/32')).toMatchObject({ family: 6, prefix: 32 });
    expect(c('::/0')).toMatchObject({ family: 6, prefix: 0 });
    for (const bad of ['10.0.0.1/8', '300.0.0.0/8', '10.0.0.0/33', '2001:db8::1/32', '1::2::3/64', 'x/8', '10.0.0.0']) {
      expect(parseAnyCidr(bad)).toBeUndefined();
    }
  });

  test.each([
    ['0.0.0.0/0', true], ['0.0.0.0/1', true], ['128.0.0.0/1', true], ['64.0.0.0/2', true], ['8.0.0.0/8', true], ['3.0.0.0/9', true],
    ['::/0', true], ['2000::/3', true], ['2001::/16', true], ['2600::/12', true], ['2a00::/22', true],
  ])('%s is internet-wide', (cidr, wide) => {
    expect(isInternetWide(c(cidr))).toBe(wide);
  });

  test.each([
    ['10.0.0.0/8'], ['172.16.0.0/12'], ['192.168.0.0/16'], ['100.64.0.0/10'], ['203.0.113.0/24'], ['52.94.0.0/16'], ['198.51.100.7/32'],
    ['2001:db8::/32'], ['fc00::/7'], ['fe80::/10'], ['2a01:4f8::/32'], ['2600:1f18::/36'],
  ])('%s is not internet-wide', (cidr) => {
    expect(isInternetWide(c(cidr))).toBe(false);
  });

  test('private and documentation ranges hold no public address', () => {
    expect(isPublic(c('10.1.0.0/16'))).toBe(false);
    expect(isPublic(c('2001:db8:1::/48'))).toBe(false);
    expect(isPublic(c('52.94.0.0/16'))).toBe(true);
    expect(publicShare(c('0.0.0.0/0'))).toBe(1);
    expect(publicShare(c('10.0.0.0/8'))).toBe(0);
  });

  test('ports are judged by the sensitive services they cover', () => {
    expect(sensitivePortsIn(3390, 65535)).toEqual(expect.arrayContaining(['PostgreSQL (5432)', 'Redis (6379)']));
    expect(sensitivePortsIn(3390, 65535)).not.toContain('RDP (3389)');
    expect(sensitivePortsIn(443, 443)).toEqual([]);
    expect(sensitivePortsIn(undefined, undefined, '-1')).toHaveLength(21);
    expect(sensitivePortsIn(0, 0, 'icmp')).toEqual([]);
    expect(isAllPorts(1, 65535)).toBe(true);
    expect(isAllPorts(0, 65535, 'tcp')).toBe(true);
    expect(isAllPorts(1024, 65535)).toBe(false);
  });
});
