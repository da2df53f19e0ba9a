import { Construct } from 'constructs';
import { RenderBackgroundWorker, RenderWorkerOptions } from './background-worker';
import { RenderCronJob, RenderCronJobOptions } from './cron-job';
import { RenderEnvGroup } from './env-group';
import { RenderKeyValue } from './key-value';
import { ChildContext, withContext } from './private/context';
import { resolveRenderRegion } from './private/region';
import { RenderRegistryCredential } from './registry-credential';
import { RenderComputeEnvGroupOptions, RenderComputeProps } from './render-compute-props';
import { IRenderProject, RenderProject } from './render-project';
import { IRenderService, RenderServiceBase } from './service-base';
import { RenderWebService, RenderWebServiceOptions } from './web-service';
import { ContainerImage } from '../core/container-image';
import { IPublicService, IScheduledJobHost, ScheduledJobSpec } from '../core/contracts';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { checkContainerImage } from '../core/private/image';
import { Input, checkString } from '../core/private/input';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Construct ids of the children: they are part of the Terraform addresses. */
const CONSTRUCT_ID = { pattern: /^[A-Za-z][A-Za-z0-9_-]{0,62}$/, allowed: 'a construct id: a letter, then up to 62 letters, digits, "_" or "-" (it is part of the Terraform address)' };
const VARIABLE_NAME = { pattern: /^[A-Za-z_][A-Za-z0-9_]*$/, allowed: 'a variable name of letters, digits and "_", not starting with a digit' };
const SPEC_KEYS = ['name', 'schedule', 'command', 'image', 'variables', 'secrets'];

/**
 * The compute module: an application's Render services from one typed description.
 *
 * - a project environment (of a shared `IRenderProject`, or a project of its own)
 *   that every resource joins, protected when the environment has deletion protection;
 * - a registry credential whose token is a sensitive variable;
 * - web services, each with its own health check, port and custom domain
 *   (autoscaling, graceful shutdown, previews off in production);
 * - background workers and cron jobs with their own plans and scaling;
 * - scheduled jobs of other modules through `addScheduledJob` (IScheduledJobHost),
 *   which receive only their own spec;
 * - env groups and a private-network-only Key Value, each reaching exactly the
 *   services named for it.
 *
 * Every resource runs in the Render region next to the database (AWS us-east-1 =
 * "virginia") unless `allowRegionFarFromDatabase` says otherwise. Render names
 * are `<project>-<environment>-<name>`, checked for collisions across the app.
 *
 * @example
 * declare const apiTag: TerraformVariable;
 * const image = { repository: 'ghcr.io/acme/api', tag: apiTag.stringValue };
 * const compute = new RenderCompute(stack, 'Compute', {
 *   webServices: { Api: { image, healthCheckPath: '/healthz', port: 8080, customDomain: 'api.example.com' } },
 *   workers: { QueueWorker: { image, command: 'python -m app.worker' } },
 *   envGroups: { Backend: { generatedSecrets: ['SECRET_KEY'], services: ['Api', 'QueueWorker'] } },
 *   keyValue: { services: ['Api', 'QueueWorker'] },
 * });
 */
export class RenderCompute extends Construct implements IScheduledJobHost {
  /** The environment the services belong to. */
  public readonly environment: Environment;
  /** Render region of every resource ("virginia"). */
  public readonly region: string;
  /** The project the services join. */
  public readonly project: IRenderProject;
  /** Id of the project environment (a token). */
  public readonly projectEnvironmentId: string;
  /** The registry credential images are pulled with (undefined with `publicImages`). */
  public readonly registryCredential?: RenderRegistryCredential;
  /** The Key Value instance, if any. */
  public readonly keyValue?: RenderKeyValue;
  /** Image of scheduled jobs that bring none. */
  public readonly defaultJobImage?: ContainerImage;

  private readonly serviceById = new Map<string, RenderServiceBase>();
  private readonly envGroupById = new Map<string, RenderEnvGroup>();

  constructor(scope: Construct, id: string, props: RenderComputeProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const input = Input.of(this, props);
    this.environment = environmentOf(this, input.raw('environment'));
    const env = this.environment;
    this.region = resolveRenderRegion(input, env);

    const project = input.instance('project', RenderProject.isRenderProject, 'an IRenderProject (new RenderProject(...) or RenderProject.fromProjectAttributes(...))');
    this.project = project ?? new RenderProject(this, 'Project', { name: env.resourceName(), environment: env });
    if (!this.project.environmentNames.includes(env.name)) {
      throw new ValidationError(this, 'project', this.project.environmentNames, `an IRenderProject with an environment named "${env.name}"`);
    }
    this.projectEnvironmentId = this.project.environmentId(env.name);

    const publicImages = input.boolean('publicImages') ?? false;
    const credential = input.object('registryCredential');
    if (publicImages && credential) {
      throw new ValidationError(this, 'registryCredential', credential.props, 'no registry credential with "publicImages: true" (public images are pulled without one)');
    }
    if (!publicImages) {
      this.registryCredential = new RenderRegistryCredential(this, 'RegistryCredential', withContext(credential?.props ?? {}, { reportScope: this, prefix: 'registryCredential' }));
    }
    const jobImage = input.raw('defaultJobImage');
    this.defaultJobImage = jobImage === undefined ? undefined : checkContainerImage(this, 'defaultJobImage', jobImage);

    const kv = input.object('keyValue');
    const kvServices = kv ? serviceIds(kv) : [];
    const kvVariable = kv?.string('variableName', VARIABLE_NAME) ?? 'REDIS_URL';
    if (kv) {
      const options = kv.props.name === undefined ? { ...kv.props, name: 'keyvalue' } : kv.props;
      this.keyValue = new RenderKeyValue(this, 'KeyValue', withContext(options, this.context('keyValue', ['services', 'variableName'])));
    }

    const groups = new Map<string, string[]>();
    for (const [groupId, group] of Object.entries(input.objectMap('envGroups', { key: CONSTRUCT_ID }) ?? {})) {
      groups.set(groupId, serviceIds(group));
      this.createEnvGroup(groupId, group.props);
    }
    for (const [sid, o] of Object.entries(input.objectMap('webServices', { key: CONSTRUCT_ID }) ?? {})) this.addWebService(sid, o.props as any);
    for (const [sid, o] of Object.entries(input.objectMap('workers', { key: CONSTRUCT_ID }) ?? {})) this.addWorker(sid, o.props as any);
    for (const [sid, o] of Object.entries(input.objectMap('cronJobs', { key: CONSTRUCT_ID }) ?? {})) this.addCronJob(sid, o.props as any);
    input.done();

    // The lists name services declared in the props, which all exist now.
    for (const [groupId, ids] of groups) this.envGroupById.get(groupId)!.linkTo(...this.lookup(`envGroups.${groupId}.services`, ids));
    for (const service of this.lookup('keyValue.services', kvServices)) this.keyValue!.connect(service, kvVariable);
  }

  /** Every service, in the order added. */
  public get services(): IRenderService[] {
    return [...this.serviceById.values()];
  }

  /** The web services, for DNS and the keep-alive (each with its own health check path). */
  public get publicServices(): IPublicService[] {
    return [...this.serviceById.values()].filter(RenderWebService.isRenderWebService);
  }

  /** The env groups. */
  public get envGroups(): RenderEnvGroup[] {
    return [...this.envGroupById.values()];
  }

  /** The service with construct id `id`; throws a `ValidationError` listing the ids when there is none. */
  public service(id: string): IRenderService {
    return this.lookup('service', [checkString(this, 'service', id) as string])[0];
  }

  /** Adds a web service in this compute's region, project and registry (errors name `webServices.<id>`). */
  public addWebService(id: string, options: RenderWebServiceOptions): RenderWebService {
    const prefix = this.childPrefix('webServices', id);
    return this.register(id, new RenderWebService(this, id, withContext(Input.of(this, options, prefix).props as any, this.context(prefix))));
  }

  /** Adds a background worker (errors name `workers.<id>`). */
  public addWorker(id: string, options: RenderWorkerOptions): RenderBackgroundWorker {
    const prefix = this.childPrefix('workers', id);
    return this.register(id, new RenderBackgroundWorker(this, id, withContext(Input.of(this, options, prefix).props as any, this.context(prefix))));
  }

  /** Adds a cron job (errors name `cronJobs.<id>`). */
  public addCronJob(id: string, options: RenderCronJobOptions): RenderCronJob {
    const prefix = this.childPrefix('cronJobs', id);
    return this.register(id, new RenderCronJob(this, id, withContext(Input.of(this, options, prefix).props as any, this.context(prefix))));
  }

  /**
   * Adds an env group in this compute's project environment, linked to exactly
   * `options.services` (construct ids of services already added).
   */
  public addEnvGroup(id: string, options: RenderComputeEnvGroupOptions): RenderEnvGroup {
    const prefix = this.childPrefix('envGroups', id);
    const group = Input.of(this, options, prefix);
    const ids = serviceIds(group);
    const services = this.lookup(`${prefix}.services`, ids);
    const created = this.createEnvGroup(id, group.props);
    created.linkTo(...services);
    return created;
  }

  /**
   * Adds a scheduled job (IScheduledJobHost), for example the database backup of
   * another module. The job receives exactly its spec: no env group and no Key
   * Value. Without `spec.image` it runs `defaultJobImage`.
   */
  public addScheduledJob(id: string, spec: ScheduledJobSpec): void {
    const prefix = this.childPrefix('scheduledJobs', id);
    const input = Input.of(this, spec, prefix);
    SPEC_KEYS.forEach((k) => input.raw(k));
    input.done();
    const image = input.raw('image') ?? this.defaultJobImage;
    if (image === undefined) {
      throw new ValidationError(this, `${prefix}.image`, undefined, 'a ContainerImage: the job brings none and this RenderCompute has no "defaultJobImage"');
    }
    this.register(id, new RenderCronJob(this, id, withContext({ ...input.props, image } as any, this.context(prefix))));
  }

  private createEnvGroup(id: string, options: { [key: string]: unknown }): RenderEnvGroup {
    const prefix = this.childPrefix('envGroups', id);
    const group = new RenderEnvGroup(this, id, withContext(options, this.context(prefix, ['services'])));
    this.envGroupById.set(id, group);
    return group;
  }

  private context(prefix: string, alsoKnown?: string[]): ChildContext {
    return {
      reportScope: this,
      prefix,
      region: this.region,
      projectEnvironmentId: this.projectEnvironmentId,
      registryCredentialId: this.registryCredential?.credentialId,
      alsoKnown,
    };
  }

  /** `<collection>.<id>` after checking `id` is a construct id no other child of the compute has. */
  private childPrefix(collection: string, id: unknown): string {
    const name = checkString(this, `${collection}.${String(id)}`, id, CONSTRUCT_ID);
    if (name === undefined) throw new ValidationError(this, collection, id, CONSTRUCT_ID.allowed);
    const existing = this.node.tryFindChild(name);
    if (existing) {
      throw new ValidationError(this, `${collection}.${name}`, name, `a construct id not already used in ${this.node.path} (${existing.node.path} is a ${existing.constructor.name})`);
    }
    return `${collection}.${name}`;
  }

  private register<T extends RenderServiceBase>(id: string, service: T): T {
    this.serviceById.set(id, service);
    return service;
  }

  private lookup(prop: string, ids: string[]): RenderServiceBase[] {
    return ids.map((id, i) => {
      const service = this.serviceById.get(id);
      if (!service) {
        const known = [...this.serviceById.keys()].map((k) => JSON.stringify(k)).join(', ') || 'none declared';
        throw new ValidationError(this, prop === 'service' ? prop : `${prop}[${i}]`, id, `the construct id of one of this RenderCompute's services: ${known}`);
      }
      return service;
    });
  }
}

/** The `services` list of an env group or Key Value: required, at least one id, each once. */
function serviceIds(input: Input): string[] {
  const raw = input.raw('services');
  if (raw === undefined || (Array.isArray(raw) && raw.length === 0)) {
    throw new ValidationError(input.scope, input.path('services'), raw,
      'the construct ids of the services that receive it (at least one): shared configuration and secrets reach only the services named');
  }
  return input.stringList('services', { unique: true, nonEmpty: true, allowed: 'a service construct id' })!;
}
