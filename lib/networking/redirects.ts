import { brandEnumLike } from '../core/private/enum-like';

/**
 * The HTTP status of a redirect. Browsers and search engines cache permanent
 * redirects (301, 308); 307 and 308 keep the request method and body.
 *
 * @example
 * const edge = new CloudflareEdge(this, 'Edge', { zoneName: 'example.com' });
 * edge.addRedirect({ name: 'promo', sourceHostname: 'example.com', sourcePath: '/sale', targetPath: '/offers', statusCode: RedirectStatusCode.FOUND });
 */
export class RedirectStatusCode {
  /** 301: permanent; clients may switch POST to GET. */
  public static readonly MOVED_PERMANENTLY = new RedirectStatusCode(301);
  /** 302: temporary; clients may switch POST to GET. */
  public static readonly FOUND = new RedirectStatusCode(302);
  /** 307: temporary, method and body kept. */
  public static readonly TEMPORARY_REDIRECT = new RedirectStatusCode(307);
  /** 308: permanent, method and body kept. */
  public static readonly PERMANENT_REDIRECT = new RedirectStatusCode(308);

  private constructor(
    /** The status code. */
    public readonly code: number,
  ) {
    brandEnumLike(this, 'RedirectStatusCode');
  }
}

/** A redirect (phase `http_request_dynamic_redirect`), always to an https URL. */
export interface EdgeRedirect {
  /** Stable rule name, a DNS label, unique in the phase (the rule `ref`). */
  readonly name: string;
  /** Hostname the redirect applies to (in the edge's zone). */
  readonly sourceHostname: string;
  /**
   * Exact path to redirect ("/old-pricing").
   * @default - every path of `sourceHostname`, kept in the target URL
   */
  readonly sourcePath?: string;
  /**
   * Hostname to send clients to.
   * @default - `sourceHostname`
   */
  readonly targetHostname?: string;
  /**
   * Path to send clients to.
   * @default - the request path, unchanged
   */
  readonly targetPath?: string;
  /**
   * The HTTP status of the redirect.
   * @default RedirectStatusCode.MOVED_PERMANENTLY
   */
  readonly statusCode?: RedirectStatusCode;
  /**
   * Keep the query string.
   * @default true
   */
  readonly preserveQueryString?: boolean;
}
