import { IResolvable, TerraformOutput, TerraformResource } from 'cdktf';
import { Construct, IConstruct } from 'constructs';
import { EnvVarMap, EnvVarOptions } from './env-vars';
import { renderImageSource } from './private/image-source';
import { renderScaling } from './private/scaling';
import { RenderRegionOptions, resolveRenderRegion } from './region';
import { RenderRegistryCredential } from './registry-credential';
import { renderProviderFor } from './render-provider';
import { RENDER_MAX_SHUTDOWN_DELAY_SECONDS, RENDER_PREVIEW_GENERATIONS, RENDER_SERVICE_PLANS } from './render-values';
import { ContainerImage } from '../core/container-image';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { checkContainerImage } from '../core/private/image';
import { checkOneOf } from '../core/private/input';
import { assertDnsLabel, assertInteger, assertOneOf } from '../core/private/validation';
import { ScalingOptions } from '../core/scaling';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** A Render service (web service, background worker or cron job) that others can link to. */
export interface IRenderService extends IConstruct {
  /** Logical name, for example "api" or "ai-worker". */
  readonly serviceName: string;
  /** Name in Render: "<project>-<environment>-<serviceName>". */
  readonly renderName: string;
  /** Render service id (a token). */
  readonly serviceId: string;
  /** Sets a plain variable (tokens welcome; literal secrets refused). */
  addVariable(name: string, value: string): void;
  /** Sets a secret variable from a SecretValue. */
  addSecret(name: string, secret: SecretValue): void;
}

/** What a Render service runs: image, name, plan, command and variables. */
export interface RenderServiceOptions extends EnvVarOptions {
  /** The container image the service runs. */
  readonly image: ContainerImage;
  /**
   * Logical name (a DNS label); the Render name is "<project>-<environment>-<name>".
   * @default - the construct id in kebab-case ("AiWorker" -> "ai-worker")
   */
  readonly name?: string;
  /**
   * Instance plan: one of RENDER_SERVICE_PLANS.
   * @default - "standard" in production, "starter" elsewhere
   */
  readonly plan?: string;
  /**
   * Command that replaces the image's CMD.
   * @default - the image's CMD
   */
  readonly command?: string;
}

/** Where a Render service runs: region, project environment, registry credential. `RenderCompute` fills these in. */
/** Options of services that run continuously and scale (web services, background workers). */
export interface ScaledServiceSettings extends RenderServiceOptions {
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
   * Pull-request previews: "off", "manual" or "automatic". Only "off" in production.
   * @default "off"
   */
  readonly previews?: string;
}

export interface RenderServiceContext extends RenderRegionOptions {
  /**
   * Credential Render pulls the image with.
   * @default - none: the image must be public
   */
  readonly registryCredential?: RenderRegistryCredential;
  /**
   * Render project environment the service joins (`RenderProject.environmentId`).
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

/**
 * What every Render service construct shares: name, region, plan, image and the
 * validated `env_vars` map. Subclasses create the resource (id "Resource").
 */
export abstract class RenderServiceBase extends Construct implements IRenderService {
  /** Logical name. */
  public readonly serviceName: string;
  /** Name in Render. */
  public readonly renderName: string;
  /** The environment the service belongs to. */
  public readonly environment: Environment;
  /** Render region. */
  public readonly region: string;
  /** Instance plan. */
  public readonly plan: string;
  /** The image the service runs. */
  public readonly image: ContainerImage;
  /** Render service id (a token). */
  public abstract readonly serviceId: string;

  private readonly envVars: EnvVarMap;

  protected constructor(scope: Construct, id: string, props: RenderServiceProps) {
    super(scope, id);
    markLibraryConstruct(this);
    this.environment = environmentOf(this, props.environment);
    this.serviceName = props.name ?? kebabCase(id);
    assertDnsLabel(this, 'name', this.serviceName);
    this.renderName = this.environment.resourceName(this.serviceName);
    this.region = resolveRenderRegion(this, this.environment, props);
    // Production gets dedicated CPU; other environments the cheapest always-on plan.
    this.plan = props.plan ?? (this.environment.isProduction ? 'standard' : 'starter');
    assertOneOf(this, 'plan', this.plan, RENDER_SERVICE_PLANS);
    this.image = checkContainerImage(this, 'image', props.image);
    this.envVars = new EnvVarMap(this);
    this.envVars.addAll(props);
    renderProviderFor(this);
  }

  /** Sets a plain variable (tokens welcome; literal secrets refused). */
  public addVariable(name: string, value: string): void {
    this.envVars.addPlain(name, value);
  }

  /** Sets a secret variable from a SecretValue. */
  public addSecret(name: string, secret: SecretValue): void {
    this.envVars.addSecret(name, secret);
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
    this.envVars.addGenerated(name);
  }

  /** The resource's `env_vars`, rendered at synth so later additions are included. */
  protected get envVarsToken(): IResolvable {
    return this.envVars.token;
  }

  /**
   * The settings web services and background workers share: name, plan, region,
   * project environment, pinned image, start command, shutdown delay, previews,
   * instance count or autoscaling, and the env vars (rendered late).
   * @internal
   */
  protected _scaledServiceConfig(props: ScaledServiceSettings & RenderServiceContext, defaultShutdownSeconds: number) {
    const shutdown = props.maxShutdownDelaySeconds ?? defaultShutdownSeconds;
    assertInteger(this, 'maxShutdownDelaySeconds', shutdown, 1, RENDER_MAX_SHUTDOWN_DELAY_SECONDS);
    const scaling = renderScaling(this, this.environment, props.scaling);
    return {
      name: this.renderName,
      plan: this.plan,
      region: this.region,
      environmentId: props.projectEnvironmentId,
      runtimeSource: renderImageSource(this.image, props.registryCredential?.credentialId),
      startCommand: props.command,
      maxShutdownDelaySeconds: shutdown,
      previews: { generation: resolvePreviews(this, this.environment, props.previews) },
      numInstances: scaling.numInstances,
      autoscaling: scaling.autoscaling,
      envVars: this.envVarsToken,
    };
  }

  /** A stack output named "<render name>_<suffix>" (stable and readable in `terraform output`). */
  protected output(id: string, suffix: string, value: string, description: string): TerraformOutput {
    const output = new TerraformOutput(this, id, { value, description });
    output.overrideLogicalId(`${this.renderName.replace(/-/g, '_')}_${suffix}`);
    return output;
  }
}

/**
 * Validates `previews` ("off" unless given) and refuses previews in production:
 * a preview would run unreviewed code with production env groups and secrets.
 */
export function resolvePreviews(scope: IConstruct, env: Environment, previews: string | undefined): string {
  const value = previews ?? 'off';
  assertOneOf(scope, 'previews', value, RENDER_PREVIEW_GENERATIONS);
  if (env.isProduction && value !== 'off') {
    throw new ValidationError(scope, 'previews', value, '"off" in production: previews would run unreviewed code with production secrets');
  }
  return value;
}

/** Values of a service's `notification_override.notifications_to_send`. */
const RENDER_NOTIFICATION_OVERRIDES = ['default', 'all', 'failure', 'none'] as const;

/** "AiWorker" -> "ai-worker", "Api" -> "api". */
export function kebabCase(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
}
