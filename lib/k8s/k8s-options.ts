import { brandEnumLike } from '../core/private/enum-like';

/**
 * What the scheduler does when pods of a track cannot be spread evenly across
 * zones (`whenUnsatisfiable` of the zone topology spread constraint).
 *
 * @example
 * import { App } from 'cdktf';
 * import { Environment, EnvironmentStack, K8sReadyApp, TopologySpreadMode } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'apps', { environment: Environment.production({ project: 'acme' }), awsProvider: false });
 * new K8sReadyApp(stack, 'Api', {
 *   name: 'api',
 *   image: { repository: 'ghcr.io/acme/api', tag: '1.4.2' },
 *   port: 8000,
 *   ingress: { hosts: ['api.example.com'] },
 *   zoneSpread: TopologySpreadMode.DO_NOT_SCHEDULE,
 * });
 * app.synth();
 */
export class TopologySpreadMode {
  /** Prefer spreading; schedule anyway when a zone is full or gone (the default). */
  public static readonly SCHEDULE_ANYWAY = new TopologySpreadMode('ScheduleAnyway');
  /** Require spreading: a pod stays pending rather than skew the zones. */
  public static readonly DO_NOT_SCHEDULE = new TopologySpreadMode('DoNotSchedule');

  /** A mode newer than the library, as Kubernetes spells it. */
  public static of(value: string): TopologySpreadMode {
    return new TopologySpreadMode(value);
  }

  private constructor(
    /** The value Kubernetes takes ("ScheduleAnyway", "DoNotSchedule"). */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'TopologySpreadMode');
  }
}

/**
 * When the kubelet pulls the container image (`imagePullPolicy`).
 *
 * `ALWAYS` (the default) makes the registry re-authorize every pull, so a pod
 * never starts from an image another namespace's credentials put in the node's
 * cache, and a re-pushed tag is noticed. The others are accepted only for images
 * pinned by digest, which cannot change under the same reference.
 *
 * @example
 * import { App } from 'cdktf';
 * import { Environment, EnvironmentStack, ImagePullPolicy, K8sReadyApp } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'apps', { environment: Environment.staging({ project: 'acme' }), awsProvider: false });
 * new K8sReadyApp(stack, 'Api', {
 *   name: 'api',
 *   image: { repository: 'ghcr.io/acme/api', digest: 'sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef' },
 *   port: 8000,
 *   ingress: { hosts: ['api.example.com'] },
 *   imagePullPolicy: ImagePullPolicy.IF_NOT_PRESENT,
 * });
 * app.synth();
 */
export class ImagePullPolicy {
  /** Pull (and re-authorize) on every start. */
  public static readonly ALWAYS = new ImagePullPolicy('Always');
  /** Use the node's cached copy when it has one (digest-pinned images only). */
  public static readonly IF_NOT_PRESENT = new ImagePullPolicy('IfNotPresent');
  /** Never pull: the image must be on the node already (digest-pinned images only). */
  public static readonly NEVER = new ImagePullPolicy('Never');

  /** A policy newer than the library, as Kubernetes spells it. */
  public static of(value: string): ImagePullPolicy {
    return new ImagePullPolicy(value);
  }

  private constructor(
    /** The value Kubernetes takes ("Always", "IfNotPresent", "Never"). */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'ImagePullPolicy');
  }
}

/**
 * The Pod Security Standards level the API server enforces in a namespace.
 * There is no `PRIVILEGED` member: a workload namespace never needs it.
 *
 * @see https://kubernetes.io/docs/concepts/security/pod-security-standards/
 *
 * @example
 * import { App } from 'cdktf';
 * import { AppNamespace, Environment, EnvironmentStack, PodSecurityLevel } from '@livestreamsell/cdktf-constructs';
 *
 * const app = new App();
 * const stack = new EnvironmentStack(app, 'apps', { environment: Environment.staging({ project: 'acme' }), awsProvider: false });
 * new AppNamespace(stack, 'Legacy', { name: 'legacy', podSecurityLevel: PodSecurityLevel.BASELINE });
 * app.synth();
 */
export class PodSecurityLevel {
  /** Hardened pods only: non-root, no privilege escalation, seccomp, dropped capabilities (the default). */
  public static readonly RESTRICTED = new PodSecurityLevel('restricted');
  /** Prevents known privilege escalations but allows root and more capabilities. */
  public static readonly BASELINE = new PodSecurityLevel('baseline');

  private constructor(
    /** The label value ("restricted", "baseline"). */
    public readonly value: string,
  ) {
    brandEnumLike(this, 'PodSecurityLevel');
  }
}
