import {
  DeploymentV1SpecTemplate,
  DeploymentV1SpecTemplateSpecContainerEnv,
  DeploymentV1SpecTemplateSpecContainerVolumeMount,
  DeploymentV1SpecTemplateSpecVolume,
} from '@cdktf/provider-kubernetes/lib/deployment-v1';

/** One named container port. */
export interface ContainerPort {
  readonly name: string;
  readonly port: number;
}

/** Everything that varies between the pod templates of the library's Deployments. */
export interface PodTemplateInput {
  readonly containerName: string;
  readonly image: string;
  readonly imagePullPolicy: string;
  readonly command?: string[];
  readonly args?: string[];
  readonly ports: ContainerPort[];
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
  /** Labels the topology spread counts (the pods of the same track). */
  readonly spreadLabels: { [key: string]: string };
  readonly zoneSpread: string;
  readonly serviceAccountName: string;
  readonly imagePullSecretName?: string;
  readonly runAsUser: number;
  readonly healthPath: string;
  readonly livenessPath: string;
  readonly probePort: number;
  readonly failureThreshold: number;
  readonly startupSeconds: number;
  readonly resources: { cpuRequest: string; cpuLimit: string; memoryRequest: string; memoryLimit: string };
  readonly writableDirectories: string[];
  readonly env: DeploymentV1SpecTemplateSpecContainerEnv[];
  readonly volumes: DeploymentV1SpecTemplateSpecVolume[];
  readonly mounts: DeploymentV1SpecTemplateSpecContainerVolumeMount[];
}

/** Size limit of each writable emptyDir: a runaway writer gets evicted before it fills the node disk. */
const EMPTY_DIR_SIZE_LIMIT = '512Mi';

/**
 * The hardened pod template every Deployment of the library uses, in the spirit
 * of cdk8s-plus defaults but stricter:
 *
 * | setting | value | why |
 * |---|---|---|
 * | runAsNonRoot / runAsUser / runAsGroup / fsGroup | true / high UID | no root, no clash with host UIDs |
 * | readOnlyRootFilesystem | true, emptyDirs for writable paths | an exploit cannot persist or alter binaries |
 * | allowPrivilegeEscalation / privileged | false / false | no setuid escalation |
 * | capabilities | drop ALL | nothing the app does needs one |
 * | seccompProfile | RuntimeDefault (pod and container) | syscall filter of the runtime |
 * | automountServiceAccountToken | false | the app never talks to the API server |
 * | enableServiceLinks | false | no environment variables for every Service in the namespace |
 * | imagePullPolicy | Always (others only for digest-pinned images) | the registry re-authorizes each pull; a re-pushed tag is noticed |
 * | probes | startup, readiness, liveness on HTTP | no traffic before ready, restarts when wedged |
 * | resources | requests and limits for CPU and memory | schedulable, no noisy neighbour |
 * | topology spread | across zones, then nodes | a zone or node loss takes only part of the pods |
 */
export function renderPodTemplate(input: PodTemplateInput): DeploymentV1SpecTemplate {
  const uid = String(input.runAsUser);
  const probe = (path: string) => ({ httpGet: { path, port: String(input.probePort), scheme: 'HTTP' } });
  const writable = input.writableDirectories.map((dir, i) => ({ name: `writable-${i}`, dir }));
  return {
    metadata: { labels: input.labels, annotations: input.annotations },
    spec: {
      serviceAccountName: input.serviceAccountName,
      automountServiceAccountToken: false,
      enableServiceLinks: false,
      hostNetwork: false,
      hostPid: false,
      hostIpc: false,
      terminationGracePeriodSeconds: 30,
      imagePullSecrets: input.imagePullSecretName ? [{ name: input.imagePullSecretName }] : undefined,
      securityContext: {
        runAsNonRoot: true,
        runAsUser: uid,
        runAsGroup: uid,
        fsGroup: uid,
        seccompProfile: { type: 'RuntimeDefault' },
      },
      topologySpreadConstraint: [
        { maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: input.zoneSpread, labelSelector: [{ matchLabels: input.spreadLabels }] },
        { maxSkew: 1, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'ScheduleAnyway', labelSelector: [{ matchLabels: input.spreadLabels }] },
      ],
      container: [{
        name: input.containerName,
        image: input.image,
        imagePullPolicy: input.imagePullPolicy,
        command: input.command,
        args: input.args,
        port: input.ports.map((p) => ({ name: p.name, containerPort: p.port, protocol: 'TCP' })),
        env: input.env.length > 0 ? input.env : undefined,
        resources: {
          requests: { cpu: input.resources.cpuRequest, memory: input.resources.memoryRequest },
          limits: { cpu: input.resources.cpuLimit, memory: input.resources.memoryLimit },
        },
        securityContext: {
          runAsNonRoot: true,
          runAsUser: uid,
          runAsGroup: uid,
          allowPrivilegeEscalation: false,
          privileged: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ['ALL'] },
          seccompProfile: { type: 'RuntimeDefault' },
        },
        startupProbe: {
          ...probe(input.healthPath),
          periodSeconds: 5,
          timeoutSeconds: 3,
          failureThreshold: Math.ceil(input.startupSeconds / 5),
        },
        readinessProbe: {
          ...probe(input.healthPath),
          periodSeconds: 10,
          timeoutSeconds: 3,
          failureThreshold: input.failureThreshold,
          successThreshold: 1,
        },
        livenessProbe: { ...probe(input.livenessPath), periodSeconds: 20, timeoutSeconds: 5, failureThreshold: input.failureThreshold },
        volumeMount: [
          ...writable.map((w) => ({ name: w.name, mountPath: w.dir })),
          ...input.mounts,
        ],
      }],
      volume: [
        ...writable.map((w) => ({ name: w.name, emptyDir: { sizeLimit: EMPTY_DIR_SIZE_LIMIT } })),
        ...input.volumes,
      ],
    },
  };
}
