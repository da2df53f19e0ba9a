import { Construct } from 'constructs';
import { renderProviderFor } from './render-provider';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { assertNotEmpty } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { Project } from '../providers/render/gen/project';

/** Props of `RenderProject`. */
export interface RenderProjectProps {
  /**
   * Project name shown in the Render dashboard.
   * @default - the environment's project name
   */
  readonly name?: string;
  /**
   * The environments of the project. Production ones are `protected` (only
   * workspace admins can change or delete their resources).
   * @default - only the environment of the enclosing EnvironmentStack
   */
  readonly environments?: Environment[];
  /**
   * Block private-network traffic between the project's environments, so that a
   * staging service can never reach a production one.
   * @default true
   */
  readonly networkIsolated?: boolean;
  /**
   * The environment whose project name applies.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * A Render project with one project environment per deployment environment
 * (`render_project`). Services, env groups and Key Value instances join an
 * environment through `environmentId(name)`.
 *
 * One project usually serves every environment, so it lives in a shared stack and
 * each environment stack refers to it (cdktf turns the reference into a remote-state
 * lookup).
 *
 * @example
 * const project = new RenderProject(sharedStack, 'RenderProject', {
 *   environments: [Environment.staging(), Environment.production()],
 * });
 * new RenderCompute(stagingStack, 'Compute', { project, api: { ... } });
 */
export class RenderProject extends Construct {
  /** The `render_project`. */
  public readonly resource: Project;
  /** Project name. */
  public readonly projectName: string;
  /** Names of the project's environments. */
  public readonly environmentNames: string[];

  constructor(scope: Construct, id: string, props: RenderProjectProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const envs = props.environments ?? [environmentOf(this, props.environment)];
    this.projectName = props.name ?? (props.environment ?? envs[0] ?? Environment.of(this)).project;
    assertNotEmpty(this, 'name', this.projectName);
    if (envs.length === 0) {
      throw new ValidationError(this, 'environments', [], 'at least one Environment');
    }
    this.environmentNames = envs.map((e) => e.name);
    const duplicate = this.environmentNames.find((n, i) => this.environmentNames.indexOf(n) !== i);
    if (duplicate !== undefined) {
      throw new ValidationError(this, 'environments', this.environmentNames, `each environment name once ("${duplicate}" appears twice)`);
    }
    const networkIsolated = props.networkIsolated ?? true;

    renderProviderFor(this);
    this.resource = new Project(this, 'Resource', {
      name: this.projectName,
      environments: Object.fromEntries(envs.map((e) => [e.name, {
        name: e.name,
        protectedStatus: e.isProduction ? 'protected' : 'unprotected',
        networkIsolated,
      }])),
    });
  }

  /** Project id (a token). */
  public get projectId(): string {
    return this.resource.id;
  }

  /**
   * Id of the project environment `name` (a token). Throws a `ValidationError`
   * when the project has no such environment.
   */
  public environmentId(name: string): string {
    if (!this.environmentNames.includes(name)) {
      throw new ValidationError(this, 'environmentId', name, `one of the project's environments: ${this.environmentNames.map((n) => JSON.stringify(n)).join(', ')}`);
    }
    // Map-nested attributes need the key already quoted (cdktf renders it verbatim).
    return this.resource.environments.get(`"${name}"`).id;
  }
}
