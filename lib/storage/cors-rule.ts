import { brandEnumLike } from '../core/private/enum-like';

/**
 * An HTTP method a CORS rule allows. S3 CORS accepts exactly these five.
 *
 * @example
 * const rule: CorsRule = { allowedOrigins: ['https://app.example.com'], allowedMethods: [CorsHttpMethod.GET, CorsHttpMethod.PUT] };
 */
export class CorsHttpMethod {
  /** GET. */
  public static readonly GET = new CorsHttpMethod('GET');
  /** PUT (direct uploads with signed URLs). */
  public static readonly PUT = new CorsHttpMethod('PUT');
  /** POST (browser form uploads). */
  public static readonly POST = new CorsHttpMethod('POST');
  /** DELETE. */
  public static readonly DELETE = new CorsHttpMethod('DELETE');
  /** HEAD. */
  public static readonly HEAD = new CorsHttpMethod('HEAD');

  private constructor(
    /** The method name. */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'CorsHttpMethod');
  }

  /** The method name. */
  public toString(): string {
    return this.value;
  }
}

/** One CORS rule of a bucket. */
export interface CorsRule {
  /** Origins such as "https://app.example.com" (scheme, host, optional port). "*" is refused in production. */
  readonly allowedOrigins: string[];
  /** Methods the browser may use. */
  readonly allowedMethods: CorsHttpMethod[];
  /**
   * Request headers the browser may send (header names, or "*").
   * @default ["*"]
   */
  readonly allowedHeaders?: string[];
  /**
   * Response headers the browser may read.
   * @default ["ETag"]
   */
  readonly exposeHeaders?: string[];
  /**
   * Seconds the browser caches the preflight response (0-86400).
   * @default 3600
   */
  readonly maxAgeSeconds?: number;
}
