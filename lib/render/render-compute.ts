import { Construct } from 'constructs';
import { RenderBackgroundWorker, RenderWorkerOptions } from './background-worker';
import { RenderCronJob, RenderCronJobOptions } from './cron-job';
import { RenderEnvGroup } from './env-group';
import { RenderKeyValue } from './key-value';
import { resolveRenderRegion } from './region';
import { RenderRegistryCredential } from './registry-credential';
import { RenderComputeEnvGroupOptions, RenderComputeProps } from './render-compute-props';
import { RenderProject } from './render-project';
import { IRenderService, RenderServiceBase, RenderServiceContext } from './service-base';
import { RenderWebService, RenderWebServiceOptions } from './web-service';
import { IPublicService, IScheduledJobHost, ScheduledJobSpec } from '../core/contracts';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Construct id of the dashboard: the one service that backend groups and Key Value skip by default. */
const DASHBOARD_ID = 'Dashboard';

/**
 * The compute module of the PRD (11.3 `modules/compute`): the application's Render
 * services from one typed description.
 *
 * - a project environment (the shared project's, or a project of its own) that
 *   every resource joins; production environments are protected;
 * - a GHCR registry credential whose token is a sensitive variable;
 * - the API and dashboard web services (health checks, custom domains,
 *   autoscaling, graceful shutdown, previews off in production);
 * - background workers (AI, queue) with their own plans and autoscaling;
 * - cron jobs, also for other modules through `addScheduledJob` (IScheduledJobHost);
 * - env groups linked to the services that need them;
 * - a private-network-only Key Value whose connection string services receive by reference.
 *
 * Every resource runs in the Render region next to the database (AWS us-east-1 =
 * "virginia") unless `allowRegionFarFromDatabase` says otherwise.
 *
 * @example
 * const image = { repository: 'ghcr.io/acme/api', tag: apiTag.stringValue };
 * const compute = new RenderCompute(stack, 'Compute', {
 *   api: { image, port: 8000, preDeployCommand: 'alembic upgrade head' },
 *   workers: { AiWorker: { image, command: 'python -m app.workers.ai' } },
 *   keyValue: {},
 * });
 */
export class RenderCompute extends Construct implements IScheduledJobHost {
  /** The environment the services belong to. */
  public readonly environment: Environment;
  /** Render region of every resource. */
  public readonly region: string;
  /** The project the services join. */
  public readonly project: RenderProject;
  /** Id of the project environment (a token). */
  public readonly projectEnvironmentId: string;
  /** The registry credential images are pulled with (undefined with `publicImages`). */
  public readonly registryCredential?: RenderRegistryCredential;
  /** The Key Value instance, if any. */
  public readonly keyValue?: RenderKeyValue;
  /** The API web service, if any. */
  public readonly api?: RenderWebService;
  /** The dashboard web service, if any. */
  public readonly dashboard?: RenderWebService;

  private readonly serviceById = new Map<string, RenderServiceBase>();
  private readonly envGroupById = new Map<string, RenderEnvGroup>();
  /** Called for every service added: default env group links and Key Value connections. */
  private readonly onServiceAdded: Array<(id: string, service: RenderServiceBase) => void> = [];

  /** Ids of services added through `addScheduledJob`: never subscribed to shared config. */
  private readonly isolated = new Set<string>();

  constructor(scope: Construct, id: string, props: RenderComputeProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    this.environment = environmentOf(this, props.environment);
    const env = this.environment;
    this.region = resolveRenderRegion(this, env, props);

    this.project = props.project ?? new RenderProject(this, 'Project', { name: env.resourceName(), environment: env });
    if (!this.project.environmentNames.includes(env.name)) {
      throw new ValidationError(this, 'project', this.project.environmentNames, `a RenderProject with an environment named "${env.name}"`);
    }
    this.projectEnvironmentId = this.project.environmentId(env.name);

    if (!props.publicImages) {
      this.registryCredential = new RenderRegistryCredential(this, 'RegistryCredential', { environment: env, ...props.registryCredential });
    }

    if (props.keyValue) {
      const kv = props.keyValue;
      this.keyValue = new RenderKeyValue(this, 'KeyValue', {
        name: kv.name ?? 'keyvalue',
        plan: kv.plan,
        maxMemoryPolicy: kv.maxMemoryPolicy,
        persistenceMode: kv.persistenceMode,
        projectEnvironmentId: this.projectEnvironmentId,
        ...this.placement(),
      });
      const keyValue = this.keyValue;
      this.subscribe('keyValue.services', kv.services, (service) => keyValue.connect(service, kv.variableName));
    }
    for (const [groupId, options] of Object.entries(props.envGroups ?? {})) this.addEnvGroup(groupId, options);

    if (props.api) this.api = this.addWebService('Api', { healthCheckPath: '/health', port: 8000, ...props.api });
    if (props.dashboard) {
      this.dashboard = this.addWebService(DASHBOARD_ID, { healthCheckPath: '/api/health', port: 3000, ...props.dashboard });
    }
    for (const [workerId, options] of Object.entries(props.workers ?? {})) this.addWorker(workerId, options);
    for (const [jobId, options] of Object.entries(props.cronJobs ?? {})) this.addCronJob(jobId, options);

    // Explicit `services` lists name services declared in the props, which all exist now.
    for (const [groupId, options] of Object.entries(props.envGroups ?? {})) {
      if (options.services) this.envGroupById.get(groupId)!.linkTo(...this.lookup(`envGroups.${groupId}.services`, options.services));
    }
    if (props.keyValue?.services) {
      for (const service of this.lookup('keyValue.services', props.keyValue.services)) this.keyValue!.connect(service, props.keyValue.variableName);
    }
  }

  /** Every service, in the order added. */
  public get services(): IRenderService[] {
    return [...this.serviceById.values()];
  }

  /** The public web services (API, dashboard, others), for DNS and the keep-alive. */
  public get publicServices(): IPublicService[] {
    return [...this.serviceById.values()].filter((s): s is RenderWebService => s instanceof RenderWebService);
  }

  /** The env groups. */
  public get envGroups(): RenderEnvGroup[] {
    return [...this.envGroupById.values()];
  }

  /** The service with construct id `id`; throws a `ValidationError` listing the ids when there is none. */
  public service(id: string): IRenderService {
    return this.lookup('service', [id])[0];
  }

  /** Adds a public web service in this compute's region, project and registry. */
  public addWebService(id: string, options: RenderWebServiceOptions): RenderWebService {
    return this.register(id, new RenderWebService(this, id, { ...options, ...this.serviceContext() }));
  }

  /** Adds a background worker. */
  public addWorker(id: string, options: RenderWorkerOptions): RenderBackgroundWorker {
    return this.register(id, new RenderBackgroundWorker(this, id, { ...options, ...this.serviceContext() }));
  }

  /** Adds a cron job. */
  public addCronJob(id: string, options: RenderCronJobOptions): RenderCronJob {
    return this.register(id, new RenderCronJob(this, id, { ...options, ...this.serviceContext() }));
  }

  /**
   * Adds an env group in this compute's project environment. Without `services` it
   * is linked to every service except the dashboard, including ones added later.
   */
  public addEnvGroup(id: string, options: RenderComputeEnvGroupOptions = {}): RenderEnvGroup {
    const group = new RenderEnvGroup(this, id, { ...options, projectEnvironmentId: this.projectEnvironmentId, environment: this.environment });
    this.envGroupById.set(id, group);
    this.subscribe(`envGroups.${id}.services`, options.services, (service) => group.linkTo(service));
    return group;
  }

  /**
   * Adds a scheduled job (IScheduledJobHost), for example the database backup of
   * the Supabase module. Without `image` the job runs the API's image.
   */
  public addScheduledJob(id: string, spec: ScheduledJobSpec): void {
    const image = spec.image ?? this.api?.image;
    if (!image) {
      throw new ValidationError(this, `scheduledJobs.${id}.image`, undefined, 'a ContainerImage: this RenderCompute has no API whose image jobs default to');
    }
    // Jobs of other modules get exactly the environment their spec names: no env
    // groups and no Key Value (least privilege: a backup job has no use for the API's secrets).
    this.isolated.add(id);
    this.addCronJob(id, {
      name: spec.name,
      schedule: spec.schedule,
      command: spec.command,
      image,
      variables: spec.variables,
      secrets: spec.secrets,
    });
  }

  private placement() {
    return {
      region: this.region,
      // The region was checked against the database above; children must not re-derive it.
      allowRegionFarFromDatabase: true,
      environment: this.environment,
    };
  }

  private serviceContext(): RenderServiceContext {
    return { ...this.placement(), registryCredential: this.registryCredential, projectEnvironmentId: this.projectEnvironmentId };
  }

  private register<T extends RenderServiceBase>(id: string, service: T): T {
    const clash = [...this.serviceById.values()].find((s) => s.renderName === service.renderName);
    if (clash) {
      throw new ValidationError(service, 'name', service.serviceName, `a name no other service of ${this.node.path} uses (${clash.node.id} has it)`);
    }
    this.serviceById.set(id, service);
    for (const callback of this.onServiceAdded) callback(id, service);
    return service;
  }

  /** With no explicit list, applies `action` to every non-dashboard service, present and future. */
  private subscribe(prop: string, explicit: string[] | undefined, action: (service: RenderServiceBase) => void): void {
    if (explicit !== undefined) {
      if (explicit.length === 0) throw new ValidationError(this, prop, explicit, 'at least one service id, or no list for every service except the dashboard');
      return;
    }
    const wanted = (id: string) => id !== DASHBOARD_ID && !this.isolated.has(id);
    for (const [id, service] of this.serviceById) if (wanted(id)) action(service);
    this.onServiceAdded.push((id, service) => { if (wanted(id)) action(service); });
  }

  private lookup(prop: string, ids: string[]): RenderServiceBase[] {
    return ids.map((id) => {
      const service = this.serviceById.get(id);
      if (!service) {
        const known = [...this.serviceById.keys()].map((k) => JSON.stringify(k)).join(', ') || 'none declared';
        throw new ValidationError(this, prop, id, `the construct id of one of this RenderCompute's services: ${known}`);
      }
      return service;
    });
  }
}
