import { TlsVersion, ZoneSecuritySettings } from '../../lib';
import { Template, environmentStack } from '../support/template';

const ZONE = '0123456789abcdef0123456789abcdef';

function settings(props: Partial<ConstructorParameters<typeof ZoneSecuritySettings>[2]> = {}): { [id: string]: any } {
  const stack = environmentStack();
  new ZoneSecuritySettings(stack, 'Settings', { zoneId: ZONE, ...props });
  const list = Template.of(stack).resourceList('cloudflare_zone_setting');
  return Object.fromEntries(list.map((s) => [s.setting_id, s.value]));
}

describe('ZoneSecuritySettings', () => {
  test('one cloudflare_zone_setting each: SSL strict, HTTPS only, TLS >= 1.2, TLS 1.3, HTTPS rewrites, browser check', () => {
    const s = settings();
    expect(s).toMatchObject({
      ssl: 'strict',
      always_use_https: 'on',
      min_tls_version: '1.2',
      tls_1_3: 'on',
      automatic_https_rewrites: 'on',
      browser_check: 'on',
    });
    expect(Object.keys(s)).toHaveLength(7);
  });

  test('HSTS through security_header: one year, subdomains, nosniff, no preload', () => {
    expect(settings().security_header).toEqual({
      strict_transport_security: { enabled: true, max_age: 31536000, include_subdomains: true, preload: false, nosniff: true },
    });
  });

  test('every setting targets the zone', () => {
    const stack = environmentStack();
    new ZoneSecuritySettings(stack, 'Settings', { zoneId: ZONE });
    expect(Template.of(stack).resourceList('cloudflare_zone_setting').every((s) => s.zone_id === ZONE)).toBe(true);
  });

  test('TLS 1.3 minimum, HSTS preload and a 6-month max-age can be chosen', () => {
    const s = settings({ minTlsVersion: TlsVersion.TLS_1_3, hsts: { preload: true, maxAgeSeconds: 15552000, includeSubdomains: false } });
    expect(s.min_tls_version).toBe('1.3');
    expect(s.security_header.strict_transport_security).toMatchObject({ preload: true, max_age: 15552000, include_subdomains: false });
  });

  test('TLS below 1.2 does not exist; a version string from JSON is reported', () => {
    expect(() => settings({ minTlsVersion: '1.0' as any })).toThrow('[test/Settings] invalid "minTlsVersion": got "1.0"; expected a TlsVersion: TlsVersion.TLS_1_2 or TlsVersion.TLS_1_3');
  });

  test('zone id, HSTS types and unknown props are checked', () => {
    expect(() => settings({ zoneId: 'zone' })).toThrow('[test/Settings] invalid "zoneId": got "zone"; expected a Cloudflare zone id: 32 lowercase hex characters (or a Terraform variable)');
    expect(() => settings({ hsts: { preload: 'yes' as any } })).toThrow('[test/Settings] invalid "hsts.preload": got "yes"; expected true or false (a boolean, not a string)');
    expect(() => settings({ hsts: { maxAge: 100 } as any })).toThrow('[test/Settings] invalid "hsts.maxAge": got 100; expected no such property: the properties here are "includeSubdomains", "maxAgeSeconds", "preload"');
    expect(ZoneSecuritySettings.isZoneSecuritySettings({})).toBe(false);
  });

  test('HSTS shorter than 6 months is refused', () => {
    expect(() => settings({ hsts: { maxAgeSeconds: 3600 } })).toThrow('[test/Settings] invalid "hsts.maxAgeSeconds": got 3600; expected a whole number from 15552000 to 31536000');
  });
});
