// Every Kubernetes object the app emits, validated against the schemas of the
// kubernetes-models packages: the typed kubernetes_* resources converted to
// manifests, the kubernetes_manifest objects (PrometheusRule, PodMonitor,
// ClusterIssuer, Rollout, AnalysisTemplate) as they are, against their CRDs
// (prometheus-operator, cert-manager, Argo Rollouts), and the Alertmanager the
// platform configures through kube-prometheus-stack's `alertmanager.alertmanagerSpec`
// (the chart copies it into the Alertmanager object's spec).
import { emittedStacks, manifests, unescapeTerraform } from '../support/emitted';
import { toManifest, TYPED_RESOURCES, unknownFields, validateManifests } from '../support/kubernetes';

interface Checked { stack: string; id: string; kind: string; manifest: any; shapeErrors: string[] }

const objects: Checked[] = [];
for (const s of emittedStacks()) {
  for (const [type, resources] of Object.entries<any>(s.json.resource ?? {})) {
    if (!type.startsWith('kubernetes_') || type === 'kubernetes_manifest') continue;
    for (const [id, r] of Object.entries<any>(resources)) {
      const { manifest, errors } = toManifest(type, r);
      objects.push({ stack: s.name, id, kind: manifest?.kind ?? type, manifest, shapeErrors: errors });
    }
  }
}
for (const m of manifests()) objects.push({ stack: m.stack, id: m.id, kind: m.manifest.kind, manifest: m.manifest, shapeErrors: unknownFields(m.manifest) });
for (const s of emittedStacks()) {
  for (const [id, h] of Object.entries<any>(s.json.resource?.helm_release ?? {})) {
    if (h.chart !== 'kube-prometheus-stack') continue;
    const spec = JSON.parse(unescapeTerraform([].concat(h.values)[0])).alertmanager?.alertmanagerSpec;
    if (!spec) continue;
    const manifest = { apiVersion: 'monitoring.coreos.com/v1', kind: 'Alertmanager', metadata: { name: 'kube-prometheus-stack-alertmanager', namespace: 'monitoring' }, spec };
    objects.push({ stack: s.name, id: `${id} alertmanager.alertmanagerSpec`, kind: 'Alertmanager', manifest, shapeErrors: unknownFields(manifest) });
  }
}

let validation: string[][] = [];
beforeAll(() => {
  validation = validateManifests(objects.map((o) => o.manifest));
});

describe('Kubernetes objects the app emits', () => {
  test('cover every kind the library creates, typed and as manifests', () => {
    expect([...new Set(objects.map((o) => o.kind))].sort()).toEqual([
      'Alertmanager', 'AnalysisTemplate', 'ClusterIssuer', 'ConfigMap', 'Deployment', 'HorizontalPodAutoscaler', 'Ingress', 'Namespace', 'NetworkPolicy',
      'PodDisruptionBudget', 'PodMonitor', 'PrometheusRule', 'Rollout', 'Secret', 'Service', 'ServiceAccount',
    ]);
    expect(objects.filter((o) => ['Rollout', 'AnalysisTemplate'].includes(o.kind)).map((o) => `${o.kind} ${o.manifest.metadata.name}`).sort()).toEqual([
      'AnalysisTemplate ai-worker', 'AnalysisTemplate api', 'Rollout ai-worker', 'Rollout api',
    ]);
    // A typed resource type the converter does not know would be skipped silently otherwise.
    const types = new Set(emittedStacks().flatMap((s) => Object.keys(s.json.resource ?? {})).filter((t) => t.startsWith('kubernetes_') && t !== 'kubernetes_manifest'));
    expect([...types].filter((t) => !TYPED_RESOURCES[t])).toEqual([]);
  });

  test.each(objects.map((o, i) => [`${o.stack}: ${o.kind} ${o.id}`, i] as const))('%s validates against its schema', (_name, i) => {
    expect(objects[i].shapeErrors).toEqual([]);
    expect(validation[i]).toEqual([]);
  });
});

describe('the Kubernetes schema check can fail', () => {
  const deployment = () => JSON.parse(JSON.stringify(emittedStacks().find((s) => s.name === 'kubernetes')!.json.resource.kubernetes_deployment_v1)).Api_F70053CD;

  test('a field of the wrong type (replicas "three")', () => {
    const d = deployment();
    d.spec.replicas = 'three';
    const { manifest, errors } = toManifest('kubernetes_deployment_v1', d);
    expect(errors).toEqual([]);
    expect(validateManifests([manifest])[0]).toEqual([expect.stringContaining('spec/replicas must be integer')]);
  });

  test('a missing required field (a pod without containers)', () => {
    const d = deployment();
    delete d.spec.template.spec.container;
    expect(validateManifests([toManifest('kubernetes_deployment_v1', d).manifest])[0]).toEqual(['data/spec/template/spec must have required property containers']);
  });

  test('a field the schema does not have, in a typed resource and in a manifest', () => {
    const d = deployment();
    d.spec.template.spec.container[0].liveness_probes = d.spec.template.spec.container[0].liveness_probe;
    expect(toManifest('kubernetes_deployment_v1', d).errors).toEqual(['Deployment.spec.template.spec.containers[0].liveness_probes: no such field in the schema']);
    const rule = JSON.parse(JSON.stringify(manifests().find((m) => m.manifest.kind === 'PrometheusRule')!.manifest));
    rule.spec.groups[0].rules[0].expression = rule.spec.groups[0].rules[0].expr;
    expect(unknownFields(rule)).toEqual(['PrometheusRule.spec.groups[0].rules[0].expression: no such field in the schema']);
  });

  const argo = (kind: string) => JSON.parse(JSON.stringify(manifests().find((m) => m.manifest.kind === kind && m.manifest.metadata.name === 'api')!.manifest));

  test('a Rollout step weight of the wrong type, and a Rollout field the CRD does not have', () => {
    const rollout = argo('Rollout');
    rollout.spec.strategy.canary.steps[0].setWeight = '5%';
    expect(validateManifests([rollout])[0]).toEqual([expect.stringContaining('data/spec/strategy/canary/steps/0/setWeight must be integer')]);
    const typo = argo('Rollout');
    typo.spec.strategy.canary.trafficRouting.nginx.stableIngres = 'api';
    expect(unknownFields(typo)).toEqual(['Rollout.spec.strategy.canary.trafficRouting.nginx.stableIngres: no such field in the schema']);
  });

  test('an AnalysisTemplate metric without a provider', () => {
    const template = argo('AnalysisTemplate');
    delete template.spec.metrics[0].provider;
    expect(validateManifests([template])[0]).toEqual(['data/spec/metrics/0 must have required property provider']);
  });

  test('an Alertmanager spec with secrets as one string', () => {
    const am = objects.find((o) => o.kind === 'Alertmanager')!.manifest;
    expect(validateManifests([{ ...am, spec: { secrets: 'alertmanager-receivers' } }])[0]).toEqual([expect.stringContaining('data/spec/secrets must be array')]);
  });

  test('a CRD object that breaks its schema (a PrometheusRule group without a name)', () => {
    const rule = JSON.parse(JSON.stringify(manifests().find((m) => m.manifest.kind === 'PrometheusRule')!.manifest));
    delete rule.spec.groups[0].name;
    expect(validateManifests([rule])[0]).toEqual(['data/spec/groups/0 must have required property name']);
  });
});
