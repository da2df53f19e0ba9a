import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { claimRenderName } from './private/names';
import { RENDER_RESERVED_PORTS } from './private/values';
import { RenderScaledServiceOptions, RenderServiceBase, RenderServiceContext } from './service-base';
import { IPublicService } from '../core/contracts';
import { ValidationError } from '../core/errors';
import { HOSTNAME_PATTERN } from '../core/private/validation';
import { SecretValue } from '../core/secrets';
import { WebService } from '../providers/render/gen/web-service';

/** What a web service runs, how it is checked and how it scales (also the shape `RenderCompute.webServices` takes). */
export interface RenderWebServiceOptions extends RenderScaledServiceOptions {
  /**
   * Path that returns 200 when the service is healthy, for example "/healthz".
   * Render only routes traffic to (and only finishes zero-downtime deploys on)
   * instances that pass it, and the keep-alive pings it. There is no default:
   * a guessed path that the app does not serve would fail every deploy.
   */
  readonly healthCheckPath: string;
  /**
   * Public hostname served by the service (Render issues its TLS certificate).
   * Each domain can be claimed by one web service of the app.
   * @default - none: only the ".onrender.com" hostname
   */
  readonly customDomain?: string;
  /**
   * Port the process listens on, passed as `PORT` (Render routes to it).
   * @default - Render's default (10000)
   */
  readonly port?: number;
  /**
   * Command run once per deploy before the new instances start, for example
   * database migrations; a failure cancels the deploy.
   * @default - none
   */
  readonly preDeployCommand?: string;
}

/** Props of `RenderWebService`. */
export interface RenderWebServiceProps extends RenderWebServiceOptions, RenderServiceContext {}

const WEB_SERVICE_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.RenderWebService');
/** An absolute URL path without query string or fragment (what the keep-alive can ping as well). */
const HEALTH_CHECK_PATH = /^\/[A-Za-z0-9\-._~/]*$/;

/**
 * A Render web service running a container image (`render_web_service`), with its
 * own health check, optional custom domain, autoscaling and graceful shutdown. It
 * is an `IPublicService`, so networking can point DNS at it and the keep-alive can
 * ping its health check.
 *
 * @example
 * new RenderWebService(this, 'Api', {
 *   image: { repository: 'ghcr.io/acme/api', tag: '1.4.2' },
 *   healthCheckPath: '/healthz',
 *   port: 8080,
 *   customDomain: 'api.example.com',
 * });
 */
export class RenderWebService extends RenderServiceBase implements IPublicService {
  /** True when `x` is a RenderWebService (works across copies of the library). */
  public static isRenderWebService(x: unknown): x is RenderWebService {
    return x !== null && typeof x === 'object' && WEB_SERVICE_SYMBOL in (x as object);
  }

  /** The `render_web_service`. */
  public readonly resource: WebService;
  /** Health check path. */
  public readonly healthCheckPath: string;
  /** Public hostname: the custom domain, or the ".onrender.com" hostname without one. */
  public readonly publicHostname: string;
  /** The custom domain, if any. */
  public readonly customDomain?: string;
  /** The ".onrender.com" hostname (a token), the CNAME target of the public hostname. */
  public readonly originHostname: string;
  /** The port, if set. */
  public readonly port?: number;

  constructor(scope: Construct, id: string, props: RenderWebServiceProps) {
    super(scope, id, props);
    Object.defineProperty(this, WEB_SERVICE_SYMBOL, { value: true });
    const input = this._input;
    if (!input.has('healthCheckPath')) {
      throw new ValidationError(input.scope, input.path('healthCheckPath'), undefined, 'the path the service answers 200 on when healthy, such as "/healthz": Render routes traffic only to instances that pass it');
    }
    this.healthCheckPath = input.string('healthCheckPath', { pattern: HEALTH_CHECK_PATH, allowed: 'an absolute path such as "/healthz" (letters, digits, "-", ".", "_", "~" and "/"; no query string)' })!;
    this.customDomain = input.string('customDomain', { pattern: HOSTNAME_PATTERN, allowed: 'a lowercase hostname such as "api.example.com"' });
    if (this.customDomain !== undefined) {
      claimRenderName('custom domain', this.customDomain, { owner: this, reportScope: input.scope, prop: input.path('customDomain'), value: this.customDomain });
    }
    this.port = input.integer('port', 1, 65535);
    if (this.port !== undefined) {
      if ((RENDER_RESERVED_PORTS as readonly number[]).includes(this.port)) {
        throw new ValidationError(input.scope, input.path('port'), this.port, `a port Render does not reserve (${RENDER_RESERVED_PORTS.join(', ')} are Render's own)`);
      }
      if (this._envVars.has('PORT')) {
        throw new ValidationError(input.scope, input.path('port'), this.port, 'no "PORT" in "variables" as well: "port" sets it');
      }
      this._envVars.addPlain(input.scope, input.path('variables'), 'PORT', String(this.port));
    }
    const preDeployCommand = input.string('preDeployCommand', { nonEmpty: true });
    const config = this._scaledServiceConfig(30);
    this._done();

    this.resource = new WebService(this, 'Resource', {
      ...config,
      preDeployCommand,
      healthCheckPath: this.healthCheckPath,
      customDomains: this.customDomain ? [{ name: this.customDomain }] : undefined,
    });
    this.originHostname = Fn.trimprefix(this.resource.url, 'https://');
    this.publicHostname = this.customDomain ?? this.originHostname;

    this.output('Url', 'url', this.resource.url, `URL of the ${this.serviceName} web service on Render`);
    this.output('Hostname', 'hostname', this.originHostname, `Render hostname of ${this.serviceName} (CNAME target)`);
    this.output('ServiceId', 'service_id', this.serviceId, `Render service id of ${this.serviceName}`);
  }

  /**
   * Receives the edge's origin-lock secret (`IPublicService.addOriginSecret`) as the
   * secret environment variable `variableName`; the app compares the edge's header
   * with it and refuses requests that reached the ".onrender.com" hostname directly.
   */
  public addOriginSecret(variableName: string, secret: SecretValue): void {
    this.addSecret(variableName, secret);
  }

  /** Render service id (a token). */
  public get serviceId(): string {
    return this.resource.id;
  }

  /** Service URL on Render, "https://<name>.onrender.com" (a token). */
  public get url(): string {
    return this.resource.url;
  }
}
