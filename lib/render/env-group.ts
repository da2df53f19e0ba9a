import { Construct } from 'constructs';
import { EnvVarMap, EnvVarOptions } from './env-vars';
import { renderProviderFor } from './render-provider';
import { IRenderService, kebabCase } from './service-base';
import { markLibraryConstruct } from '../core/private/escape';
import { assertDnsLabel } from '../core/private/validation';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { EnvGroup } from '../providers/render/gen/env-group';
import { EnvGroupLink } from '../providers/render/gen/env-group-link';

/** Props of `RenderEnvGroup`. */
export interface RenderEnvGroupProps extends EnvVarOptions {
  /**
   * Logical name (a DNS label); the Render name is "<project>-<environment>-<name>".
   * @default - the construct id in kebab-case
   */
  readonly name?: string;
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

/**
 * Shared configuration and secrets for several services (`render_env_group`),
 * linked to exactly the services given to `linkTo` (`render_env_group_link`).
 * Values are plain variables, SecretValues or Render-generated secrets, never
 * literal secrets; a secret generated here is the same for every linked service.
 *
 * @example
 * const secrets = new RenderEnvGroup(this, 'AppSecrets', {
 *   secrets: { OPENAI_API_KEY: SecretValue.fromVariable(this, 'openai_api_key') },
 *   generatedSecrets: ['SECRET_KEY'],
 * });
 * secrets.linkTo(api, aiWorker);
 */
export class RenderEnvGroup extends Construct {
  /** The `render_env_group`. */
  public readonly resource: EnvGroup;
  /** Logical name. */
  public readonly groupName: string;
  /** Name in Render. */
  public readonly renderName: string;
  private readonly envVars: EnvVarMap;
  private readonly linked: IRenderService[] = [];
  private linkResource?: EnvGroupLink;

  constructor(scope: Construct, id: string, props: RenderEnvGroupProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    this.groupName = props.name ?? kebabCase(id);
    assertDnsLabel(this, 'name', this.groupName);
    this.renderName = env.resourceName(this.groupName);
    this.envVars = new EnvVarMap(this);
    this.envVars.addAll(props);
    renderProviderFor(this);
    this.resource = new EnvGroup(this, 'Resource', {
      name: this.renderName,
      environmentId: props.projectEnvironmentId,
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

  /** Sets a plain variable (literal secrets refused). */
  public addVariable(name: string, value: string): void {
    this.envVars.addPlain(name, value);
  }

  /** Sets a secret variable from a SecretValue. */
  public addSecret(name: string, secret: SecretValue): void {
    this.envVars.addSecret(name, secret);
  }

  /** Adds a secret that Render generates once for the whole group. */
  public addGeneratedSecret(name: string): void {
    this.envVars.addGenerated(name);
  }

  /**
   * Makes the group's variables available to `services`. One link resource
   * ("Link") holds every linked service: Render keeps one link per group.
   */
  public linkTo(...services: IRenderService[]): void {
    for (const service of services) {
      if (!this.linked.includes(service)) this.linked.push(service);
    }
    if (this.linked.length === 0) return;
    const serviceIds = this.linked.map((s) => s.serviceId);
    if (this.linkResource) {
      this.linkResource.serviceIds = serviceIds;
    } else {
      this.linkResource = new EnvGroupLink(this, 'Link', { envGroupId: this.envGroupId, serviceIds });
    }
  }
}
