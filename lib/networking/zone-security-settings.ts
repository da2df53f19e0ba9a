import { ZoneSetting } from '@cdktf/provider-cloudflare/lib/zone-setting';
import { Construct } from 'constructs';
import { CLOUDFLARE_ID_PATTERN, ensureCloudflareProvider } from './private/cloudflare-inputs';
import { readEnum } from './private/enums';
import { propsInput } from './private/reporter';
import { requiredString } from './private/text';
import { brandEnumLike } from '../core/private/enum-like';
import { markLibraryConstruct } from '../core/private/escape';

/**
 * The lowest TLS version a zone accepts. TLS 1.0 and 1.1 are deprecated and not
 * offered.
 *
 * @example
 * new ZoneSecuritySettings(this, 'Settings', { zoneId: '0123456789abcdef0123456789abcdef', minTlsVersion: TlsVersion.TLS_1_3 });
 */
export class TlsVersion {
  /** TLS 1.2 and newer. */
  public static readonly TLS_1_2 = new TlsVersion('1.2');
  /** TLS 1.3 only (very old clients cannot connect). */
  public static readonly TLS_1_3 = new TlsVersion('1.3');

  private constructor(
    /** The Cloudflare setting value ("1.2"). */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'TlsVersion');
  }
}

/** HTTP Strict Transport Security, sent by Cloudflare on every HTTPS response. */
export interface HstsOptions {
  /**
   * `max-age`, seconds: 6 to 12 months (15552000 to 31536000).
   * @default 31536000 (one year)
   */
  readonly maxAgeSeconds?: number;
  /**
   * Apply to every subdomain (safe when every published record is proxied and HTTPS-only).
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
  /** Cloudflare zone id (32 hex characters, or a token). */
  readonly zoneId: string;
  /**
   * Lowest TLS version clients may use.
   * @default TlsVersion.TLS_1_2
   */
  readonly minTlsVersion?: TlsVersion;
  /**
   * HSTS settings.
   * @default - one year, subdomains included, no preload
   */
  readonly hsts?: HstsOptions;
}

const ZONE_SECURITY_SETTINGS_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.ZoneSecuritySettings');

/**
 * The zone's TLS and HTTPS settings, one `cloudflare_zone_setting` each (provider v5):
 * SSL "strict" (Full (strict): Cloudflare verifies the origin certificate, so TLS is
 * end to end), Always Use HTTPS, minimum TLS 1.2, TLS 1.3, Automatic HTTPS Rewrites,
 * HSTS with nosniff through `security_header`, and Browser Integrity Check against
 * scrapers with forged or missing headers. None of them can be weakened through props.
 *
 * @example
 * new ZoneSecuritySettings(this, 'Settings', { zoneId: '0123456789abcdef0123456789abcdef', minTlsVersion: TlsVersion.TLS_1_3 });
 */
export class ZoneSecuritySettings extends Construct {
  /** True when `x` is a ZoneSecuritySettings (works across copies of the library). */
  public static isZoneSecuritySettings(x: unknown): x is ZoneSecuritySettings {
    return x !== null && typeof x === 'object' && ZONE_SECURITY_SETTINGS_SYMBOL in (x as object);
  }

  /** The settings by Cloudflare setting id. */
  public readonly settings: { [settingId: string]: ZoneSetting } = {};

  constructor(scope: Construct, id: string, props: ZoneSecuritySettingsProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, ZONE_SECURITY_SETTINGS_SYMBOL, { value: true });
    const reader = propsInput(this, props);
    const { input } = reader;
    const zone = reader.injected('zoneId');
    const zoneId = requiredString(zone.scope, zone.prop, zone.value, { pattern: CLOUDFLARE_ID_PATTERN, allowed: 'a Cloudflare zone id: 32 lowercase hex characters (or a Terraform variable)' });
    const minTls = readEnum<TlsVersion>(input, 'minTlsVersion', 'TlsVersion') ?? TlsVersion.TLS_1_2;
    const hsts = input.objectOrEmpty('hsts');
    const maxAge = hsts.integer('maxAgeSeconds', 15552000, 31536000) ?? 31536000;
    const includeSubdomains = hsts.boolean('includeSubdomains') ?? true;
    const preload = hsts.boolean('preload') ?? false;
    hsts.done();
    reader.done();
    ensureCloudflareProvider(this);

    const set = (childId: string, settingId: string, value: unknown) => {
      // `value` is a dynamic attribute: a string for most settings, an object for security_header.
      this.settings[settingId] = new ZoneSetting(this, childId, { zoneId, settingId, value: value as { [key: string]: any } });
    };
    set('Ssl', 'ssl', 'strict');
    set('AlwaysUseHttps', 'always_use_https', 'on');
    set('MinTlsVersion', 'min_tls_version', minTls.value);
    set('Tls13', 'tls_1_3', 'on');
    set('AutomaticHttpsRewrites', 'automatic_https_rewrites', 'on');
    set('BrowserCheck', 'browser_check', 'on');
    set('SecurityHeader', 'security_header', {
      strict_transport_security: {
        enabled: true,
        max_age: maxAge,
        include_subdomains: includeSubdomains,
        preload,
        nosniff: true,
      },
    });
  }
}
