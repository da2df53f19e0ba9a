import { DnsRecord } from '@cdktf/provider-cloudflare/lib/dns-record';
import { Ruleset } from '@cdktf/provider-cloudflare/lib/ruleset';
import { Construct } from 'constructs';
import { CloudflareEdge } from './cloudflare-edge';
import { CloudflareEdgeOptions } from './cloudflare-edge-props';
import { EdgeCacheRule, EdgeFirewallRule, EdgeRateLimitRule } from './edge-rules';
import { KeepAliveOptions, KeepAliveWorker } from './keep-alive';
import { checkPublicService } from './private/public-service';
import { Reporter, childProps } from './private/reporter';
import { EdgeRedirect } from './redirects';
import { Vpc, VpcOptions } from './vpc';
import { IPublicService } from '../core/contracts';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input, checkList } from '../core/private/input';
import { HOSTNAME_PATTERN } from '../core/private/validation';
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
   * Create the AWS VPC, for workloads that run in it (the Kubernetes path, private
   * endpoints). Nothing on the Render path uses it, and its NAT gateways cost money
   * while idle (about $110 a month in production, $37 elsewhere, before traffic),
   * so it is only created on request.
   * @default - true when `vpc` settings are given, false otherwise
   */
  readonly enableVpc?: boolean;
  /**
   * VPC settings; giving them creates the VPC.
   * @default - no VPC; with `enableVpc: true`: production 10.20.0.0/16, 3 zones, a NAT per zone; elsewhere 10.10.0.0/16, 2 zones, one NAT
   */
  readonly vpc?: VpcOptions;
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
   * The environment (names and per-environment defaults of everything below).
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

const NETWORKING_MODULE_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.NetworkingModule');

/**
 * The networking of one environment: the Cloudflare edge of the environment's
 * zone (TLS, proxied DNS, managed WAF, anti-scraping rules, per-IP rate limits,
 * the origin lock, redirects, cache rules), the keep-alive Worker and, on request
 * (`enableVpc` or `vpc`), the AWS network (VPC, subnets, NAT, flow logs, locked
 * default security group). Services come in as `IPublicService` references from
 * the compute module; each one gets a proxied record, is covered by the
 * host-scoped rules, receives the origin-lock secret and is pinged every 5 minutes.
 * Errors in nested options name the module and the prop as written
 * (`edge.rateLimit.requestsPerMinute`).
 *
 * @example
 * const net = new NetworkingModule(this, 'Networking', { zoneName: 'example.com' });
 * net.addService({ serviceName: 'api', originHostname: 'acme-api.onrender.com', publicHostname: 'api.example.com', healthCheckPath: '/health' });
 * net.addRedirect({ name: 'old-signup', sourceHostname: 'example.com', sourcePath: '/registro', targetPath: '/signup' });
 */
export class NetworkingModule extends Construct {
  /** True when `x` is a NetworkingModule (works across copies of the library). */
  public static isNetworkingModule(x: unknown): x is NetworkingModule {
    return x !== null && typeof x === 'object' && NETWORKING_MODULE_SYMBOL in (x as object);
  }

  /** The VPC (undefined unless `enableVpc` or `vpc` asked for it). */
  public readonly vpc?: Vpc;
  /** The Cloudflare edge of the zone. */
  public readonly edge: CloudflareEdge;
  /** The keep-alive Worker (undefined when `enableKeepAlive` is false). */
  public readonly keepAlive?: KeepAliveWorker;

  constructor(scope: Construct, id: string, props: NetworkingModuleProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, NETWORKING_MODULE_SYMBOL, { value: true });
    const input = Input.of(this, props);
    environmentOf(this, input.raw('environment'));
    const zoneName = input.requiredString('zoneName', { pattern: HOSTNAME_PATTERN, allowed: 'a Cloudflare zone (apex domain) such as "example.com": a lowercase hostname' });
    const enableVpc = input.boolean('enableVpc') ?? input.has('vpc');
    const enableKeepAlive = input.boolean('enableKeepAlive') ?? true;
    const nested = (name: string) => {
      input.object(name);
      return input.raw(name);
    };
    const vpc = nested('vpc');
    if (!enableVpc && vpc !== undefined) {
      throw new ValidationError(this, input.path('vpc'), vpc, 'no VPC settings with "enableVpc: false" (remove one of the two)');
    }
    const edge = nested('edge');
    const keepAlive = nested('keepAlive');
    const services = checkList(this, input.path('services'), input.raw('services')) ?? [];
    input.done();

    if (enableVpc) this.vpc = new Vpc(this, 'Vpc', childProps(input, 'vpc', vpc));
    this.edge = new CloudflareEdge(this, 'Edge', childProps(input, 'edge', edge, { zoneName }));
    if (enableKeepAlive) this.keepAlive = new KeepAliveWorker(this, 'KeepAlive', childProps(input, 'keepAlive', keepAlive));
    services.forEach((service, i) => this.publish(service, { scope: this, prop: `${input.path('services')}[${i}]` }));
  }

  /**
   * Publishes a service behind Cloudflare (a proxied record, returned) and adds its
   * health URL to the keep-alive.
   */
  public addService(service: IPublicService): DnsRecord {
    return this.publish(service, { scope: this, prop: 'service' });
  }

  /** Adds a custom firewall rule to the zone's one custom-firewall ruleset and returns that ruleset. */
  public addFirewallRule(rule: EdgeFirewallRule): Ruleset {
    return this.edge._addFirewallRule(rule, { scope: this, prop: 'rule' });
  }

  /** Adds a per-IP rate limiting rule to the zone's one rate-limit ruleset and returns that ruleset. */
  public addRateLimitRule(rule: EdgeRateLimitRule): Ruleset {
    return this.edge._addRateLimitRule(rule, { scope: this, prop: 'rule' });
  }

  /** Adds a redirect and returns the zone's redirect ruleset; a loop with any existing redirect fails. */
  public addRedirect(redirect: EdgeRedirect): Ruleset {
    return this.edge._addRedirect(redirect, { scope: this, prop: 'redirect' });
  }

  /** Adds a cache rule (later rules override earlier ones) and returns the zone's cache ruleset. */
  public addCacheRule(rule: EdgeCacheRule): Ruleset {
    return this.edge._addCacheRule(rule, { scope: this, prop: 'rule' });
  }

  private publish(service: unknown, at: Reporter): DnsRecord {
    checkPublicService(at, service, this.edge.zoneName);
    const record = this.edge._addService(service, at);
    this.keepAlive?._addService(service, at);
    return record;
  }
}
