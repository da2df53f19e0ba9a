import { Construct } from 'constructs';
import { RenderEnvVarOptions } from './env-vars';
import { contextOf } from './private/context';
import { EnvVarMap } from './private/env-vars';
import { claimRenderName, kebabCase } from './private/names';
import { renderProviderFor } from './private/provider';
import { IRenderService, RenderServiceBase } from './service-base';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input, checkString } from '../core/private/input';
import { DNS_LABEL_PATTERN } from '../core/private/validation';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { EnvGroup } from '../providers/render/gen/env-group';
import { EnvGroupLink } from '../providers/render/gen/env-group-link';

/** What an env group holds (also the base of `RenderCompute.envGroups`). */
export interface RenderEnvGroupOptions extends RenderEnvVarOptions {
  /**
   * Logical name (a DNS label); the Render name is "<project>-<environment>-<name>",
   * unique in the Render workspace.
   * @default - the construct id in kebab-case
   */
  readonly name?: string;
}

/** Props of `RenderEnvGroup`. */
export interface RenderEnvGroupProps extends RenderEnvGroupOptions {
  /**
   * Render project environment the group joins.
   * @default - no project
   */
  readonly projectEnvironmentId?: string;
  /**
   * The environment whose names apply.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

const DNS_LABEL = { pattern: DNS_LABEL_PATTERN, allowed: 'a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit' };

/**
 * Shared configuration and secrets for several services (`render_env_group`),
 * linked to exactly the services given to `linkTo` (`render_env_group_link`):
 * nothing reaches a service that was not named. Values are plain variables,
 * SecretValues or Render-generated secrets, never literal secrets; a secret
 * generated here is the same for every linked service.
 *
 * @example
 * declare const api: RenderWebService;
 * declare const worker: RenderBackgroundWorker;
 * const secrets = new RenderEnvGroup(this, 'AppSecrets', {
 *   secrets: { OPENAI_API_KEY: SecretValue.fromVariable(this, 'openai_api_key') },
 *   generatedSecrets: ['SECRET_KEY'],
 * });
 * secrets.linkTo(api, worker);
 */
export class RenderEnvGroup extends Construct {
  /** The `render_env_group`. */
  public readonly resource: EnvGroup;
  /** Logical name. */
  public readonly groupName: string;
  /** Name in Render. */
  public readonly renderName: string;
  private readonly envVars = new EnvVarMap();
  private readonly linked: IRenderService[] = [];
  private linkResource?: EnvGroupLink;

  constructor(scope: Construct, id: string, props: RenderEnvGroupProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const context = contextOf(props);
    const input = Input.of(context?.reportScope ?? this, props, context?.prefix ?? '');
    const env = environmentOf(this, context ? undefined : input.raw('environment'));
    this.groupName = checkString(input.scope, input.path('name'), input.raw('name') ?? kebabCase(id), DNS_LABEL)!;
    this.renderName = env.resourceName(this.groupName);
    claimRenderName('env group', this.renderName, { owner: this, reportScope: input.scope, prop: input.path('name'), value: this.groupName });
    this.envVars.readFrom(input);
    const environmentId = context ? context.projectEnvironmentId : input.string('projectEnvironmentId', { nonEmpty: true });
    input.done(...(context?.alsoKnown ?? []));

    renderProviderFor(this);
    this.resource = new EnvGroup(this, 'Resource', {
      name: this.renderName,
      environmentId,
      envVars: this.envVars.token,
    });
  }

  /** Env group id (a token). */
  public get envGroupId(): string {
    return this.resource.id;
  }

  /** Names of the group's variables. */
  public get variableNames(): string[] {
    return this.envVars.names();
  }

  /** The `render_env_group_link`, created by the first `linkTo`. */
  public get link(): EnvGroupLink | undefined {
    return this.linkResource;
  }

  /** Logical names of the linked services. */
  public get linkedServiceNames(): string[] {
    return this.linked.map((s) => s.serviceName);
  }

  /** Sets a plain variable (literal secrets refused by name and by value). */
  public addVariable(name: string, value: string): void {
    this.envVars.addPlain(this, 'variables', name, value);
  }

  /** Sets a secret variable from a SecretValue. */
  public addSecret(name: string, secret: SecretValue): void {
    this.envVars.addSecret(this, 'secrets', name, secret);
  }

  /** Adds a secret that Render generates once for the whole group. */
  public addGeneratedSecret(name: string): void {
    this.envVars.addGenerated(this, 'generatedSecrets', name);
  }

  /**
   * Makes the group's variables available to `services`, and to no other
   * service. One link resource ("Link") holds every linked service: Render keeps
   * one link per group.
   */
  public linkTo(...services: IRenderService[]): void {
    services.forEach((service, i) => {
      if (!RenderServiceBase.isRenderService(service)) {
        throw new ValidationError(this, `services[${i}]`, service, 'an IRenderService (a RenderWebService, RenderBackgroundWorker or RenderCronJob)');
      }
      if (!this.linked.includes(service)) this.linked.push(service);
    });
    if (this.linked.length === 0) return;
    const serviceIds = this.linked.map((s) => s.serviceId);
    if (this.linkResource) {
      this.linkResource.serviceIds = serviceIds;
    } else {
      this.linkResource = new EnvGroupLink(this, 'Link', { envGroupId: this.envGroupId, serviceIds });
    }
  }
}
