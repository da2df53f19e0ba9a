import { ZoneSetting } from '@cdktf/provider-cloudflare/lib/zone-setting';
import { Construct } from 'constructs';
import { ensureCloudflareProvider } from './cloudflare-inputs';
import { markLibraryConstruct } from '../core/private/escape';
import { assertInteger, assertOneOf } from '../core/private/validation';

/** Minimum TLS versions the module allows (never below 1.2). */
export const MIN_TLS_VERSIONS = ['1.2', '1.3'];

/** HTTP Strict Transport Security, sent by Cloudflare on every HTTPS response. */
export interface HstsOptions {
  /**
   * `max-age`, seconds: 6 to 12 months.
   * @default 31536000 (one year)
   */
  readonly maxAgeSeconds?: number;
  /**
   * Apply to every subdomain (safe here: every published record is proxied and HTTPS-only).
   * @default true
   */
  readonly includeSubdomains?: boolean;
  /**
   * Ask browsers to preload the zone. Hard to undo (months), so it is an explicit choice.
   * @default false
   */
  readonly preload?: boolean;
}

/** Props of `ZoneSecuritySettings`. */
export interface ZoneSecuritySettingsProps {
  /** Cloudflare zone id. */
  readonly zoneId: string;
  /**
   * Lowest TLS version clients may use: "1.2" or "1.3".
   * @default "1.2"
   */
  readonly minTlsVersion?: string;
  /**
   * HSTS settings.
   * @default - one year, subdomains included, no preload
   */
  readonly hsts?: HstsOptions;
}

/**
 * The zone's TLS and HTTPS settings, one `cloudflare_zone_setting` each (provider v5):
 * SSL "strict" (Full (strict): Cloudflare verifies the origin certificate, so TLS is
 * end to end), Always Use HTTPS, minimum TLS 1.2, TLS 1.3, Automatic HTTPS Rewrites,
 * HSTS with nosniff through `security_header`, and Browser Integrity Check against
 * scrapers with forged or missing headers. None of them can be weakened through props.
 *
 * @example
 * new ZoneSecuritySettings(this, 'Settings', { zoneId, minTlsVersion: '1.3' });
 */
export class ZoneSecuritySettings extends Construct {
  /** The settings by Cloudflare setting id. */
  public readonly settings: { [settingId: string]: ZoneSetting } = {};

  constructor(scope: Construct, id: string, props: ZoneSecuritySettingsProps) {
    super(scope, id);
    markLibraryConstruct(this);
    ensureCloudflareProvider(this);
    const minTls = props.minTlsVersion ?? '1.2';
    assertOneOf(this, 'minTlsVersion', minTls, MIN_TLS_VERSIONS);
    const hsts = props.hsts ?? {};
    const maxAge = hsts.maxAgeSeconds ?? 31536000;
    assertInteger(this, 'hsts.maxAgeSeconds', maxAge, 15552000, 31536000);

    const set = (childId: string, settingId: string, value: unknown) => {
      // `value` is a dynamic attribute: a string for most settings, an object for security_header.
      this.settings[settingId] = new ZoneSetting(this, childId, { zoneId: props.zoneId, settingId, value: value as { [key: string]: any } });
    };
    set('Ssl', 'ssl', 'strict');
    set('AlwaysUseHttps', 'always_use_https', 'on');
    set('MinTlsVersion', 'min_tls_version', minTls);
    set('Tls13', 'tls_1_3', 'on');
    set('AutomaticHttpsRewrites', 'automatic_https_rewrites', 'on');
    set('BrowserCheck', 'browser_check', 'on');
    set('SecurityHeader', 'security_header', {
      strict_transport_security: {
        enabled: true,
        max_age: maxAge,
        include_subdomains: hsts.includeSubdomains ?? true,
        preload: hsts.preload ?? false,
        nosniff: true,
      },
    });
  }
}
