import { Fn } from 'cdktf';
import { Construct } from 'constructs';
import { RenderServiceBase, RenderServiceContext, ScaledServiceSettings } from './service-base';
import { IPublicService } from '../core/contracts';
import { assertHostname, assertInteger, assertMatches } from '../core/private/validation';
import { WebService } from '../providers/render/gen/web-service';

/** What a web service runs and how it scales (also the shape `RenderCompute` takes). */
export interface RenderWebServiceOptions extends ScaledServiceSettings {
  /**
   * Path that returns 200 when the service is healthy; Render only routes traffic
   * to (and only finishes zero-downtime deploys on) instances that pass it.
   * @default "/health"
   */
  readonly healthCheckPath?: string;
  /**
   * Public hostname served by the service (Render issues its TLS certificate).
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
   * database migrations ("alembic upgrade head"); a failure cancels the deploy.
   * @default - none
   */
  readonly preDeployCommand?: string;
}

/** Props of `RenderWebService`. */
export interface RenderWebServiceProps extends RenderWebServiceOptions, RenderServiceContext {}

/**
 * A Render web service running a container image (`render_web_service`), with a
 * health check, optional custom domain, autoscaling and graceful shutdown. It is an
 * `IPublicService`, so networking can point DNS at it and the keep-alive can ping it.
 *
 * @example
 * new RenderWebService(this, 'Api', {
 *   image: { repository: 'ghcr.io/acme/api', tag: '1.4.2' },
 *   port: 8000,
 *   customDomain: 'api.livestreamsell.ai',
 * });
 */
export class RenderWebService extends RenderServiceBase implements IPublicService {
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

  constructor(scope: Construct, id: string, props: RenderWebServiceProps) {
    super(scope, id, props);
    this.healthCheckPath = props.healthCheckPath ?? '/health';
    assertMatches(this, 'healthCheckPath', this.healthCheckPath, /^\/[^\s?#]*$/, 'an absolute path such as "/health"');
    assertHostname(this, 'customDomain', props.customDomain);
    this.customDomain = props.customDomain;
    assertInteger(this, 'port', props.port, 1, 65535);
    if (props.port !== undefined) this.addVariable('PORT', String(props.port));
    this.resource = new WebService(this, 'Resource', {
      ...this._scaledServiceConfig(props, 30),
      preDeployCommand: props.preDeployCommand,
      healthCheckPath: this.healthCheckPath,
      customDomains: props.customDomain ? [{ name: props.customDomain }] : undefined,
    });
    this.originHostname = Fn.trimprefix(this.resource.url, 'https://');
    this.publicHostname = props.customDomain ?? this.originHostname;

    this.output('Url', 'url', this.resource.url, `URL of the ${this.serviceName} web service on Render`);
    this.output('Hostname', 'hostname', this.originHostname, `Render hostname of ${this.serviceName} (CNAME target)`);
    this.output('ServiceId', 'service_id', this.serviceId, `Render service id of ${this.serviceName}`);
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
