import { TerraformOutput, TerraformResource } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { RenderEnvVarOptions } from './env-vars';
import { ChildContext, contextOf } from './private/context';
import { checkRenderEnum } from './private/enums';
import { EnvVarMap } from './private/env-vars';
import { renderImageSource } from './private/image-source';
import { claimRenderName, kebabCase } from './private/names';
import { renderProviderFor } from './private/provider';
import { resolveRenderRegion } from './private/region';
import { renderScaling } from './private/scaling';
import { RENDER_MAX_SHUTDOWN_DELAY_SECONDS } from './private/values';
import { RenderRegionOptions } from './region';
import { RenderRegistryCredential } from './registry-credential';
import { RenderPlan, RenderPreviewGeneration } from './render-enums';
import { ContainerImage } from '../core/container-image';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { checkContainerImage } from '../core/private/image';
import { Input, checkOneOf, checkString } from '../core/private/input';
import { DNS_LABEL_PATTERN } from '../core/private/validation';
import { ScalingOptions } from '../core/scaling';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/**
 * A Render service (web service, background worker or cron job): what env
 * groups link to and what connections (`RenderKeyValue.connect`) reach.
 */
export interface IRenderService extends IConstruct {
  /** Logical name, for example "api" or "ai-worker". */
  readonly serviceName: string;
  /** Name in Render: "<project>-<environment>-<serviceName>". */
  readonly renderName: string;
  /** Render service id (a token). */
  readonly serviceId: string;
  /** Sets a plain variable (tokens welcome; literal secrets refused by name and by value). */
  addVariable(name: string, value: string): void;
  /** Sets a secret variable from a SecretValue. */
  addSecret(name: string, secret: SecretValue): void;
  /** Adds a secret that Render generates (`generate_value`). */
  addGeneratedSecret(name: string): void;
  /** Overrides the workspace's notification setting for this service: "default", "all", "failure" or "none". */
  overrideNotifications(notificationsToSend: string): void;
}

/** What a Render service runs: image, name, plan, command and variables. */
export interface RenderServiceOptions extends RenderEnvVarOptions {
  /** The container image the service runs, pinned by tag or digest. */
  readonly image: ContainerImage;
  /**
   * Logical name (a DNS label); the Render name is "<project>-<environment>-<name>",
   * unique in the Render workspace.
   * @default - the construct id in kebab-case ("AiWorker" -> "ai-worker")
   */
  readonly name?: string;
  /**
   * Instance plan.
   * @default - RenderPlan.STANDARD in production, RenderPlan.STARTER elsewhere
   */
  readonly plan?: RenderPlan;
  /**
   * Command that replaces the image's CMD.
   * @default - the image's CMD
   */
  readonly command?: string;
}

/** Options of services that run continuously and scale (web services, background workers). */
export interface RenderScaledServiceOptions extends RenderServiceOptions {
  /**
   * Seconds between SIGTERM and SIGKILL (1-300).
   * @default - 30 for web services, 120 for background workers
   */
  readonly maxShutdownDelaySeconds?: number;
  /**
   * Instance count and autoscaling.
   * @default - 1-10 instances on 70 % CPU in production, 1-2 elsewhere
   */
  readonly scaling?: ScalingOptions;
  /**
   * Pull-request previews. Only `RenderPreviewGeneration.OFF` in production.
   * @default RenderPreviewGeneration.OFF
   */
  readonly previews?: RenderPreviewGeneration;
}

/** Where a standalone Render service runs: region, project environment, registry credential. `RenderCompute` sets these itself. */
export interface RenderServiceContext extends RenderRegionOptions {
  /**
   * Credential Render pulls the image with.
   * @default - none: the image must be public
   */
  readonly registryCredential?: RenderRegistryCredential;
  /**
   * Render project environment the service joins (`project.environmentId(name)`).
   * @default - no project
   */
  readonly projectEnvironmentId?: string;
  /**
   * The environment whose names and defaults apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/** Props common to every Render service. */
export interface RenderServiceProps extends RenderServiceOptions, RenderServiceContext {}

const SERVICE_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.RenderService');
const DNS_LABEL = { pattern: DNS_LABEL_PATTERN, allowed: 'a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit' };

/**
 * What every Render service construct shares: name, region, plan, image and the
 * validated `env_vars` map, all read through the input layer. Subclasses read
 * their own props, create the resource (id "Resource") and call `_done()`.
 */
export abstract class RenderServiceBase extends Construct implements IRenderService {
  /** True when `x` is a Render service of this library (works across copies of the library). */
  public static isRenderService(x: unknown): x is IRenderService {
    return x !== null && typeof x === 'object' && SERVICE_SYMBOL in (x as object);
  }

  /** Logical name. */
  public readonly serviceName: string;
  /** Name in Render. */
  public readonly renderName: string;
  /** The environment the service belongs to. */
  public readonly environment: Environment;
  /** Render region name ("virginia"). */
  public readonly region: string;
  /** Instance plan name ("standard"). */
  public readonly plan: string;
  /** The image the service runs. */
  public readonly image: ContainerImage;
  /** Render service id (a token). */
  public abstract readonly serviceId: string;

  /** @internal */
  protected readonly _input: Input;
  /** @internal */
  protected readonly _context?: ChildContext;
  /** @internal */
  protected readonly _envVars = new EnvVarMap();
  /** @internal */
  protected readonly _command?: string;
  /** @internal */
  protected readonly _registryCredentialId?: string;
  /** @internal */
  protected readonly _projectEnvironmentId?: string;

  protected constructor(scope: Construct, id: string, props: RenderServiceProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, SERVICE_SYMBOL, { value: true });
    const context = contextOf(props);
    const input = Input.of(context?.reportScope ?? this, props, context?.prefix ?? '');
    this._input = input;
    this._context = context;
    this.environment = environmentOf(this, context ? undefined : input.raw('environment'));
    const env = this.environment;

    this.serviceName = checkString(input.scope, input.path('name'), input.raw('name') ?? kebabCase(id), DNS_LABEL)!;
    this.renderName = env.resourceName(this.serviceName);
    claimRenderName('service', this.renderName, { owner: this, reportScope: input.scope, prop: input.path('name'), value: this.serviceName });
    this.region = context?.region ?? resolveRenderRegion(input, env);
    // Production gets dedicated CPU; other environments the cheapest always-on plan.
    this.plan = checkRenderEnum(input.scope, input.path('plan'), input.raw('plan'), 'RenderPlan') ?? (env.isProduction ? 'standard' : 'starter');
    this.image = checkContainerImage(input.scope, input.path('image'), input.raw('image'));
    this._command = input.string('command', { nonEmpty: true });
    this._envVars.readFrom(input);
    if (context) {
      this._registryCredentialId = context.registryCredentialId;
      this._projectEnvironmentId = context.projectEnvironmentId;
    } else {
      this._registryCredentialId = input.instance('registryCredential', RenderRegistryCredential.isRenderRegistryCredential, 'a RenderRegistryCredential')?.credentialId;
      this._projectEnvironmentId = input.string('projectEnvironmentId', { nonEmpty: true });
    }
    renderProviderFor(this);
  }

  /** Sets a plain variable (tokens welcome; literal secrets refused by name and by value). */
  public addVariable(name: string, value: string): void {
    this._envVars.addPlain(this, 'variables', name, value);
  }

  /** Sets a secret variable from a SecretValue. */
  public addSecret(name: string, secret: SecretValue): void {
    this._envVars.addSecret(this, 'secrets', name, secret);
  }

  /**
   * Overrides the workspace's notification settings for this service
   * (`notification_override.notifications_to_send`): "default" (the workspace's
   * setting), "all", "failure" or "none". Observability modules call it so that
   * a service keeps its failure notifications whatever the workspace default is.
   */
  public overrideNotifications(notificationsToSend: string): void {
    checkOneOf(this, 'notificationsToSend', notificationsToSend, RENDER_NOTIFICATION_OVERRIDES);
    (this.node.findChild('Resource') as TerraformResource).addOverride('notification_override', { notifications_to_send: notificationsToSend });
  }

  /** Adds a secret that Render generates (`generate_value`). */
  public addGeneratedSecret(name: string): void {
    this._envVars.addGenerated(this, 'generatedSecrets', name);
  }

  /** Names of the service's own variables (env groups not included). */
  public get variableNames(): string[] {
    return this._envVars.names();
  }

  /**
   * The settings web services and background workers share: name, plan, region,
   * project environment, pinned image, start command, shutdown delay, previews,
   * instance count or autoscaling, and the env vars (rendered late).
   * @internal
   */
  protected _scaledServiceConfig(defaultShutdownSeconds: number) {
    const input = this._input;
    const shutdown = input.integer('maxShutdownDelaySeconds', 1, RENDER_MAX_SHUTDOWN_DELAY_SECONDS) ?? defaultShutdownSeconds;
    const scaling = renderScaling(input.scope, this.environment, input.path('scaling'), input.raw('scaling'));
    const previews = checkRenderEnum(input.scope, input.path('previews'), input.raw('previews'), 'RenderPreviewGeneration') ?? 'off';
    if (this.environment.isProduction && previews !== 'off') {
      throw new ValidationError(input.scope, input.path('previews'), previews, 'RenderPreviewGeneration.OFF in production: previews would run unreviewed code with production secrets');
    }
    return {
      ...this._commonConfig(),
      maxShutdownDelaySeconds: shutdown,
      previews: { generation: previews },
      numInstances: scaling.numInstances,
      autoscaling: scaling.autoscaling,
    };
  }

  /**
   * Name, plan, region, project environment, image source, start command and env vars.
   * @internal
   */
  protected _commonConfig() {
    return {
      name: this.renderName,
      plan: this.plan,
      region: this.region,
      environmentId: this._projectEnvironmentId,
      runtimeSource: renderImageSource(this.image, this._registryCredentialId),
      startCommand: this._command,
      envVars: this._envVars.token,
    };
  }

  /**
   * Refuses props nobody read (typos in JSON configuration). Subclasses call it last.
   * @internal
   */
  protected _done(): void {
    this._input.done(...(this._context?.alsoKnown ?? []));
  }

  /** A stack output named "<render name>_<suffix>" (stable and readable in `terraform output`). */
  protected output(id: string, suffix: string, value: string, description: string): TerraformOutput {
    const output = new TerraformOutput(this, id, { value, description });
    output.overrideLogicalId(`${this.renderName.replace(/-/g, '_')}_${suffix}`);
    return output;
  }
}

/** Values of a service's `notification_override.notifications_to_send`. */
const RENDER_NOTIFICATION_OVERRIDES = ['default', 'all', 'failure', 'none'] as const;
