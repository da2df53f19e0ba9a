import { Testing, TerraformStack } from 'cdktf';
import { checkIngressSourceRanges, checkLoadBalancerSourceRanges } from '../../../lib/k8s/private/exposure';
import { errorMessage } from '../support';

const scope = new TerraformStack(Testing.app(), 's');
const lb = (ranges: string[], allowPublic = false) => () => checkLoadBalancerSourceRanges(scope, 'sourceRanges', ranges, 'unsafe', allowPublic);

describe('LoadBalancer source ranges by address space', () => {
  test.each([
    ['10.0.0.0/8'], ['172.16.0.0/12'], ['192.168.10.0/24'], ['100.64.0.0/10'], ['fd00::/8'], ['fe80::/10'], ['203.0.113.0/24'],
  ])('accepts the non-public range %s', (range) => {
    expect(lb([range])).not.toThrow();
  });

  test.each([['81.2.69.0/24'], ['2a01:4f8::/32'], ['8.8.8.8/32']])('needs the unsafe option for the public range %s', (range) => {
    expect(errorMessage(lb([range]))).toMatch(/expected a non-public range/);
    expect(lb([range], true)).not.toThrow();
  });

  test.each([
    ['0.0.0.0/0', '100% of the public IPv4 space'],
    ['128.0.0.0/1', '43% of the public IPv4 space'],
    ['0.0.0.0/2', '28% of the public IPv4 space'],
    ['44.0.0.0/8', '0.45% of the public IPv4 space'],
    ['52.0.0.0/11', '0.057% of the public IPv4 space'],
    ['::/0', '100% of the public IPv6 space'],
    ['2000::/3', '100% of the public IPv6 space'],
    ['2600::/12', '0.20% of the public IPv6 space'],
  ])('refuses the internet-wide range %s even with the unsafe option', (range, share) => {
    expect(errorMessage(lb([range], true))).toBe(
      `[s] invalid "sourceRanges[0]": got "${range}"; expected a range that is not internet-wide (this one covers ${share}): a LoadBalancer forwards plain TCP without TLS, so public traffic goes through "ingress"`,
    );
  });

  test('accepts a public /13 (below the internet-wide share)', () => {
    expect(lb(['104.16.0.0/13'], true)).not.toThrow();
  });
});

describe('ingress controller source ranges', () => {
  test('accept Cloudflare\'s ranges, refuse one that undoes them', () => {
    expect(() => checkIngressSourceRanges(scope, 'ingressSourceRanges', ['173.245.48.0/20', '104.16.0.0/13', '2400:cb00::/32', '2a06:98c0::/29'])).not.toThrow();
    expect(errorMessage(() => checkIngressSourceRanges(scope, 'ingressSourceRanges', ['173.245.48.0/20', '0.0.0.0/1']))).toMatch(/^\[s\] invalid "ingressSourceRanges\[1\]": got "0.0.0.0\/1"; expected a range narrower than the internet/);
  });
});
