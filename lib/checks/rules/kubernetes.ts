import { FindingLevel, Rule, RuleFinding, StackResource, StackView } from '../rule';

/** Workload types and where their pod template lives. */
const WORKLOADS: { [type: string]: (c: any) => any } = {
  kubernetes_deployment_v1: (c) => one(one(c.spec)?.template),
  kubernetes_deployment: (c) => one(one(c.spec)?.template),
  kubernetes_stateful_set_v1: (c) => one(one(c.spec)?.template),
  kubernetes_daemon_set_v1: (c) => one(one(c.spec)?.template),
  kubernetes_job_v1: (c) => one(one(c.spec)?.template),
  kubernetes_cron_job_v1: (c) => one(one(one(one(c.spec)?.job_template)?.spec)?.template),
  kubernetes_pod_v1: (c) => c,
};

/** Terraform JSON writes single blocks as objects or one-element lists: accept both. */
function one(v: any): any {
  return Array.isArray(v) ? v[0] : v;
}

interface Workload { readonly r: StackResource; readonly pod: any; readonly containers: any[]; readonly namespace?: string }

function workloads(stack: StackView): Workload[] {
  return Object.entries(WORKLOADS).flatMap(([type, template]) => stack.ofType(type).map((r) => {
    const pod = one(template(r.config)?.spec) ?? {};
    return { r, pod, containers: [...(pod.container ?? []), ...(pod.init_container ?? [])], namespace: one(r.config.metadata)?.namespace };
  }));
}

/** A rule over each workload: `problems` returns what is wrong (container-level messages name the container). */
function perWorkload(problems: (w: Workload) => string[]): (stack: StackView) => RuleFinding[] {
  return (stack) => workloads(stack).flatMap((w) => problems(w).map((message) => ({ path: w.r.path, address: w.r.address, message })));
}

/** A container-level check, where the pod-level security context counts as a fallback. */
function eachContainer(check: (c: any, podSc: any) => string | undefined): (w: Workload) => string[] {
  return (w) => w.containers.flatMap((c) => {
    const m = check(c, one(w.pod.security_context) ?? {});
    return m ? [`container "${c.name}": ${m}`] : [];
  });
}

const sc = (c: any) => one(c.security_context) ?? {};

/** Kubernetes workload hardening (the Kubernetes hardening guide / checkov CKV_K8S set). */
export const KUBERNETES_RULES: Rule[] = [
  {
    id: 'LSS-K8S-001',
    checkov: 'CKV_K8S_21',
    level: FindingLevel.ERROR,
    description: 'Workloads run in a namespace other than "default"',
    fix: 'Set metadata.namespace to the application namespace (AppNamespace / K8sReadyApp do).',
    evaluate: perWorkload((w) => (!w.namespace || w.namespace === 'default' ? ['runs in the "default" namespace'] : [])),
  },
  {
    id: 'LSS-K8S-002',
    checkov: 'CKV_K8S_23, CKV_K8S_40',
    level: FindingLevel.ERROR,
    description: 'Containers run as non-root with a high UID (>= 10000)',
    fix: 'Set security_context.run_as_non_root = true and run_as_user >= 10000.',
    evaluate: perWorkload(eachContainer((c, pod) => {
      const nonRoot = sc(c).run_as_non_root ?? pod.run_as_non_root;
      const uid = Number(sc(c).run_as_user ?? pod.run_as_user);
      return nonRoot === true && uid >= 10000 ? undefined : 'not run_as_non_root with run_as_user >= 10000';
    })),
  },
  {
    id: 'LSS-K8S-003',
    checkov: 'CKV_K8S_22',
    level: FindingLevel.ERROR,
    description: 'Containers have a read-only root filesystem',
    fix: 'Set security_context.read_only_root_filesystem = true and mount an emptyDir for /tmp.',
    evaluate: perWorkload(eachContainer((c) => (sc(c).read_only_root_filesystem !== true ? 'root filesystem is writable' : undefined))),
  },
  {
    id: 'LSS-K8S-004',
    checkov: 'CKV_K8S_20, CKV_K8S_16',
    level: FindingLevel.ERROR,
    description: 'Containers are not privileged and cannot escalate privileges',
    fix: 'Set security_context.allow_privilege_escalation = false and privileged = false.',
    evaluate: perWorkload(eachContainer((c) => (sc(c).allow_privilege_escalation !== false || sc(c).privileged === true ? 'privileged or may escalate privileges' : undefined))),
  },
  {
    id: 'LSS-K8S-005',
    checkov: 'CKV_K8S_28, CKV_K8S_37',
    level: FindingLevel.ERROR,
    description: 'Containers drop all capabilities',
    fix: 'Set security_context.capabilities.drop = ["ALL"].',
    evaluate: perWorkload(eachContainer((c) => (!(one(sc(c).capabilities)?.drop ?? []).includes('ALL') ? 'capabilities are not all dropped' : undefined))),
  },
  {
    id: 'LSS-K8S-006',
    checkov: 'CKV_K8S_31',
    level: FindingLevel.ERROR,
    description: 'Pods use the RuntimeDefault (or a localhost) seccomp profile',
    fix: 'Set security_context.seccomp_profile.type = "RuntimeDefault" on the pod or every container.',
    evaluate: perWorkload(eachContainer((c, pod) => {
      const type = one(sc(c).seccomp_profile)?.type ?? one(pod.seccomp_profile)?.type;
      return type === 'RuntimeDefault' || type === 'Localhost' ? undefined : 'no RuntimeDefault seccomp profile';
    })),
  },
  {
    id: 'LSS-K8S-007',
    checkov: 'CKV_K8S_10, CKV_K8S_11, CKV_K8S_12, CKV_K8S_13',
    level: FindingLevel.ERROR,
    description: 'Containers set CPU and memory requests and limits',
    fix: 'Set resources.requests and resources.limits for cpu and memory.',
    evaluate: perWorkload(eachContainer((c) => {
      const res = one(c.resources) ?? {};
      const ok = ['requests', 'limits'].every((k) => res[k]?.cpu && res[k]?.memory);
      return ok ? undefined : 'missing CPU/memory requests or limits';
    })),
  },
  {
    id: 'LSS-K8S-008',
    checkov: 'CKV_K8S_8, CKV_K8S_9',
    level: FindingLevel.ERROR,
    description: 'Long-running containers have liveness and readiness probes',
    fix: 'Add liveness_probe and readiness_probe on the health path (K8sReadyApp does, plus a startup probe).',
    evaluate: perWorkload((w) => (['kubernetes_job_v1', 'kubernetes_cron_job_v1'].includes(w.r.type) ? [] : (w.pod.container ?? [])
      .filter((c: any) => !c.liveness_probe || !c.readiness_probe).map((c: any) => `container "${c.name}": missing liveness or readiness probe`))),
  },
  {
    id: 'LSS-K8S-009',
    checkov: 'CKV_K8S_38',
    level: FindingLevel.ERROR,
    description: 'Pods do not mount a service-account token',
    fix: 'Set automount_service_account_token = false on the pod (and the service account).',
    evaluate: perWorkload((w) => (w.pod.automount_service_account_token !== false ? ['service-account token is mounted'] : [])),
  },
  {
    id: 'LSS-K8S-010',
    checkov: 'CKV_K8S_14, CKV_K8S_43',
    level: FindingLevel.ERROR,
    description: 'Images are pinned by tag or digest, never "latest"',
    fix: 'Use "<repository>:<version>" or "<repository>@sha256:<digest>".',
    evaluate: perWorkload(eachContainer((c) => {
      const image = String(c.image ?? '');
      const pinned = /@sha256:[a-f0-9]{64}$/.test(image) || (/:[^/:]+$/.test(image) && !/:latest$/.test(image));
      return pinned ? undefined : `image ${JSON.stringify(image)} is not pinned`;
    })),
  },
];
