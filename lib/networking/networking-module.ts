import { Construct } from 'constructs';
import { CloudflareEdge, CloudflareEdgeOptions } from './cloudflare-edge';
import { EdgeCacheRule, EdgeFirewallRule, EdgeRateLimitRule } from './edge-rules';
import { KeepAliveOptions, KeepAliveWorker } from './keep-alive';
import { EdgeRedirect } from './redirects';
import { Vpc, VpcProps } from './vpc';
import { IPublicService } from '../core/contracts';
import { markLibraryConstruct } from '../core/private/escape';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Props of `NetworkingModule`. */
export interface NetworkingModuleProps {
  /** The Cloudflare zone (apex domain) of the environment, for example "example.com". */
  readonly zoneName: string;
  /**
   * Services to publish behind Cloudflare and keep warm (from the compute module).
   * More can be added with `addService`.
   * @default - none yet
   */
  readonly services?: IPublicService[];
  /**
   * Create the AWS VPC (Kubernetes-ready path, private endpoints).
   * @default true
   */
  readonly enableVpc?: boolean;
  /**
   * VPC settings.
   * @default - production: 10.20.0.0/16, 3 zones, a NAT per zone; elsewhere 10.10.0.0/16, 2 zones, one NAT
   */
  readonly vpc?: VpcProps;
  /**
   * Cloudflare zone settings, WAF, rate limits, redirects and cache rules.
   * @default - secure defaults (SSL strict, TLS 1.2+, HSTS, managed WAF, per-IP limits by environment)
   */
  readonly edge?: CloudflareEdgeOptions;
  /**
   * Create the keep-alive Worker that pings every service's health path.
   * @default true
   */
  readonly enableKeepAlive?: boolean;
  /**
   * Keep-alive settings.
   * @default - every 5 minutes, 10 s timeout
   */
  readonly keepAlive?: KeepAliveOptions;
  /**
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * The PRD's `modules/networking`: the AWS network (VPC, subnets, NAT, flow logs,
 * locked default security group), the Cloudflare edge of the environment's zone
 * (TLS, proxied DNS, managed WAF, anti-scraping rules, per-IP rate limits,
 * redirects, cache rules) and the keep-alive Worker. Services come in as
 * `IPublicService` references from the compute module; each one gets a proxied
 * record, is covered by the host-scoped rules and is pinged every 5 minutes.
 *
 * @example
 * const net = new NetworkingModule(this, 'Networking', { services: compute.publicServices });
 * net.addRedirect({ name: 'old-signup', sourceHostname: 'app.livestreamsell.ai', sourcePath: '/registro', targetPath: '/signup' });
 */
export class NetworkingModule extends Construct {
  /** The VPC (undefined when `enableVpc` is false). */
  public readonly vpc?: Vpc;
  /** The Cloudflare edge of the zone. */
  public readonly edge: CloudflareEdge;
  /** The keep-alive Worker (undefined when `enableKeepAlive` is false). */
  public readonly keepAlive?: KeepAliveWorker;

  constructor(scope: Construct, id: string, props: NetworkingModuleProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const environment = environmentOf(this, props.environment);
    if (props.enableVpc ?? true) this.vpc = new Vpc(this, 'Vpc', { environment, ...props.vpc });
    this.edge = new CloudflareEdge(this, 'Edge', { environment, ...props.edge, zoneName: props.zoneName });
    if (props.enableKeepAlive ?? true) this.keepAlive = new KeepAliveWorker(this, 'KeepAlive', { environment, ...props.keepAlive });
    for (const service of props.services ?? []) this.addService(service);
  }

  /** Publishes a service behind Cloudflare and adds its health URL to the keep-alive. */
  public addService(service: IPublicService): void {
    this.edge.addService(service);
    this.keepAlive?.addService(service);
  }

  /** Adds custom firewall rules to the zone's one custom-firewall ruleset. */
  public addFirewallRules(...rules: EdgeFirewallRule[]): void {
    rules.forEach((r) => this.edge.addFirewallRule(r));
  }

  /** Adds per-IP rate limiting rules to the zone's one rate-limit ruleset. */
  public addRateLimitRules(...rules: EdgeRateLimitRule[]): void {
    rules.forEach((r) => this.edge.addRateLimitRule(r));
  }

  /** Adds redirects; a loop with any existing redirect fails. */
  public addRedirect(...redirects: EdgeRedirect[]): void {
    redirects.forEach((r) => this.edge.addRedirect(r));
  }

  /** Adds cache rules. */
  public addCacheRules(...rules: EdgeCacheRule[]): void {
    rules.forEach((r) => this.edge.addCacheRule(r));
  }
}
