import { Construct, IConstruct } from 'constructs';
import { renderProviderFor } from './private/provider';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Input, checkList, checkString } from '../core/private/input';
import { assertUnsafeAllowed } from '../core/private/unsafe';
import { DNS_LABEL_PATTERN } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { Project } from '../providers/render/gen/project';

/**
 * A Render project that services, env groups and Key Value instances join, one
 * project environment per deployment environment. Implemented by `RenderProject`
 * and by `RenderProject.fromProjectAttributes` (a project managed elsewhere).
 */
export interface IRenderProject extends IConstruct {
  /** Project id (a token for a project of this app). */
  readonly projectId: string;
  /** Names of the project's environments ("staging", "production"). */
  readonly environmentNames: string[];
  /**
   * Id of the project environment `name` (a token for a project of this app:
   * from another stack, cdktf turns it into a cross-stack reference).
   */
  environmentId(name: string): string;
}

/** A Render project managed outside this app (or in another Terraform configuration). */
export interface RenderProjectAttributes {
  /** Project id ("prj-..."). */
  readonly projectId: string;
  /** Project environment ids by environment name, for example `{ staging: 'evm-...' }`. */
  readonly environmentIds: { [name: string]: string };
}

/** Props of `RenderProject`. */
export interface RenderProjectProps {
  /**
   * Project name shown in the Render dashboard.
   * @default - the environment's project name
   */
  readonly name?: string;
  /**
   * The environments of the project. An environment with `deletionProtection`
   * (the default in production) is `protected`: only workspace admins can
   * change or delete its resources.
   * @default - only the environment of the enclosing EnvironmentStack
   */
  readonly environments?: Environment[];
  /**
   * Let the project's environments reach each other over the private network
   * (`network_isolated = false`): a staging service could then connect to a
   * production database. In production, also list
   * "unsafeDisableNetworkIsolation" in `acknowledgeUnsafeInProduction`.
   * @default false
   */
  readonly unsafeDisableNetworkIsolation?: boolean;
  /**
   * Unsafe options accepted although the project holds a production environment, by name.
   * @default - none
   */
  readonly acknowledgeUnsafeInProduction?: string[];
  /**
   * The environment whose project name applies.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

const PROJECT_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.RenderProject');
const DNS_LABEL = { pattern: DNS_LABEL_PATTERN, allowed: 'a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit' };

function environmentIdOf(scope: IConstruct, names: string[], name: unknown): string {
  const n = checkString(scope, 'environmentId', name);
  if (n === undefined || !names.includes(n)) {
    throw new ValidationError(scope, 'environmentId', name, `one of the project's environments: ${names.map((x) => JSON.stringify(x)).join(', ')}`);
  }
  return n;
}

/**
 * A Render project with one project environment per deployment environment
 * (`render_project`). Services, env groups and Key Value instances join an
 * environment through `environmentId(name)`.
 *
 * One project usually serves every environment, so it lives in a shared stack and
 * each environment stack receives it (cdktf turns the reference into a
 * remote-state lookup). A project managed elsewhere comes in through
 * `RenderProject.fromProjectAttributes`.
 *
 * @example
 * declare const sharedStack: EnvironmentStack;
 * declare const image: ContainerImage;
 * const project = new RenderProject(sharedStack, 'RenderProject', {
 *   environments: [Environment.staging({ project: 'acme' }), Environment.production({ project: 'acme' })],
 * });
 * new RenderCompute(stagingStack, 'Compute', { project, webServices: { Api: { image, healthCheckPath: '/healthz' } } });
 */
export class RenderProject extends Construct implements IRenderProject {
  /** True when `x` is an IRenderProject of this library (works across copies of the library). */
  public static isRenderProject(x: unknown): x is IRenderProject {
    return x !== null && typeof x === 'object' && PROJECT_SYMBOL in (x as object);
  }

  /** A project managed elsewhere, by its id and its environments' ids. */
  public static fromProjectAttributes(scope: Construct, id: string, attrs: RenderProjectAttributes): IRenderProject {
    return new ImportedRenderProject(scope, id, attrs);
  }

  /** The `render_project`. */
  public readonly resource: Project;
  /** Project name. */
  public readonly projectName: string;
  /** Names of the project's environments. */
  public readonly environmentNames: string[];

  constructor(scope: Construct, id: string, props: RenderProjectProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, PROJECT_SYMBOL, { value: true });
    const input = Input.of(this, props);
    const explicitEnv = input.raw('environment');
    const rawEnvs = checkList(this, 'environments', input.raw('environments'), { minItems: 1 });
    // The environment is needed for the name and the checks; with `environments` given, a stack's is optional.
    const own = explicitEnv !== undefined || rawEnvs === undefined ? environmentOf(this, explicitEnv) : undefined;
    const envs = rawEnvs === undefined ? [own!] : rawEnvs.map((e, i) => {
      if (!Environment.isEnvironment(e)) throw new ValidationError(this, `environments[${i}]`, e, 'an Environment');
      checkString(this, `environments[${i}].name`, e.name, DNS_LABEL);
      return e;
    });
    const env = own ?? Environment.tryOf(this) ?? envs[0];
    this.projectName = input.string('name', { nonEmpty: true, maxLength: 255 }) ?? env.project;
    this.environmentNames = envs.map((e) => e.name);
    const duplicate = this.environmentNames.find((n, i) => this.environmentNames.indexOf(n) !== i);
    if (duplicate !== undefined) {
      throw new ValidationError(this, 'environments', this.environmentNames, `each environment name once ("${duplicate}" appears twice)`);
    }
    const unsafe = input.boolean('unsafeDisableNetworkIsolation') ?? false;
    // A project that holds a production environment is judged as production.
    assertUnsafeAllowed(this, envs.find((e) => e.isProduction) ?? env, 'unsafeDisableNetworkIsolation', unsafe, input.raw('acknowledgeUnsafeInProduction'),
      'services of every environment of the project could reach each other, staging included');
    input.done();

    renderProviderFor(this);
    this.resource = new Project(this, 'Resource', {
      name: this.projectName,
      environments: Object.fromEntries(envs.map((e) => [e.name, {
        name: e.name,
        // What the environment says: deletionProtection defaults to true in production.
        protectedStatus: e.deletionProtection ? 'protected' : 'unprotected',
        networkIsolated: !unsafe,
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
    const n = environmentIdOf(this, this.environmentNames, name);
    // Map-nested attributes need the key already quoted (cdktf renders it verbatim).
    return this.resource.environments.get(`"${n}"`).id;
  }
}

/** A project managed elsewhere (`RenderProject.fromProjectAttributes`). */
class ImportedRenderProject extends Construct implements IRenderProject {
  public readonly projectId: string;
  public readonly environmentNames: string[];
  private readonly ids: { [name: string]: string };

  constructor(scope: Construct, id: string, attrs: RenderProjectAttributes) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, PROJECT_SYMBOL, { value: true });
    const input = Input.of(this, attrs, '');
    this.projectId = input.requiredString('projectId', { nonEmpty: true, allowed: 'a Render project id such as "prj-abc123"' });
    const ids = input.stringMap('environmentIds', { key: DNS_LABEL, value: { nonEmpty: true, allowed: 'a project environment id such as "evm-abc123"' } });
    if (ids === undefined || Object.keys(ids).length === 0) {
      throw new ValidationError(this, 'environmentIds', ids, 'a map of at least one environment name to its project environment id, for example { staging: "evm-abc123" }');
    }
    input.done();
    this.ids = { ...ids };
    this.environmentNames = Object.keys(ids);
  }

  public environmentId(name: string): string {
    return this.ids[environmentIdOf(this, this.environmentNames, name)];
  }
}
