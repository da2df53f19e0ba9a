import { TerraformVariable } from 'cdktf';
import { errorMessage } from './support';
import { GrafanaDashboard, K8sPlatform, K8sReadyApp, PanelKind, ServiceDashboard } from '../../lib';
import { Template, environmentStack } from '../support/template';

describe('GrafanaDashboard', () => {
  test('delivers the dashboard as a ConfigMap labelled for the Grafana sidecar in the monitoring namespace', () => {
    const stack = environmentStack();
    const d = new GrafanaDashboard(stack, 'Overview', { title: 'Overview', panels: [{ title: 'Up', queries: [{ expr: 'up' }] }] });
    const cm = Template.of(stack).only('kubernetes_config_map_v1');
    expect(d.uid).toBe('overview');
    expect(cm.metadata).toEqual({ name: 'dashboard-overview', namespace: 'monitoring', labels: { 'grafana_dashboard': '1', 'app.kubernetes.io/managed-by': 'cdktf' } });
    expect(JSON.parse(cm.data['overview.json']).panels[0].targets[0].expr).toBe('up');
  });

  test('follows the platform conventions', () => {
    const stack = environmentStack();
    const platform = K8sPlatform.fromPlatformAttributes(stack, 'Platform', { monitoringNamespace: 'observability' });
    new GrafanaDashboard(stack, 'D', { title: 'T', uid: 'custom', panels: [{ title: 'Up', kind: PanelKind.STAT, queries: [{ expr: 'up' }] }], platform });
    const cm = Template.of(stack).only('kubernetes_config_map_v1');
    expect(cm.metadata.namespace).toBe('observability');
    expect(JSON.parse(cm.data['custom.json']).panels[0].type).toBe('stat');
  });

  test.each<[string, any, string]>([
    ['no panels', { panels: [] }, '[test/D] invalid "panels": got []; expected a list of at least 1 item'],
    ['a panel without queries', { panels: [{ title: 'x', queries: [] }] }, '[test/D] invalid "panels[0].queries": got []; expected a list of at least 1 item'],
    ['a visualization given as a string', { panels: [{ title: 'x', kind: 'pie', queries: [{ expr: 'up' }] }] }, '[test/D] invalid "panels[0].kind": got "pie"; expected a PanelKind: PanelKind.TIMESERIES, PanelKind.STAT, PanelKind.GAUGE or PanelKind.of("<grafana panel type>")'],
    ['a panel prop typo', { panels: [{ title: 'x', queries: [{ expr: 'up' }], widht: 6 }] }, '[test/D] invalid "panels[0].widht": got 6; expected no such property: the properties here are "description", "height", "kind", "queries", "threshold", "title", "unit", "width"'],
    ['a panel wider than the grid', { panels: [{ title: 'x', width: 30, queries: [{ expr: 'up' }] }] }, '[test/D] invalid "panels[0].width": got 30; expected a whole number from 1 to 24'],
    ['an uppercase uid', { uid: 'API', panels: [{ title: 'x', queries: [{ expr: 'up' }] }] }, '[test/D] invalid "uid": got "API"; expected lowercase letters, digits and "-", 1-40 characters, starting and ending with a letter or digit'],
  ])('refuses %s', (_what, props, message) => {
    const stack = environmentStack();
    expect(errorMessage(() => new GrafanaDashboard(stack, 'D', { title: 'T', ...props }))).toBe(message);
  });

  test('refuses a token inside a query', () => {
    const stack = environmentStack();
    const v = new TerraformVariable(stack, 'q', { type: 'string' });
    expect(errorMessage(() => new GrafanaDashboard(stack, 'D', { title: 'T', panels: [{ title: 'x', queries: [{ expr: v.stringValue }] }] }))).toBe(
      '[test/D] invalid "panels[0].queries[0].expr": got "<token>"; expected a literal PromQL expression',
    );
  });
});

describe('ServiceDashboard', () => {
  const stack = environmentStack();
  const app = new K8sReadyApp(stack, 'Api', {
    name: 'api', image: { repository: 'ghcr.io/o/api', tag: '1.0.0' }, port: 8000, ingress: { hosts: ['api.example.com'] }, progressiveDelivery: {},
  });
  new ServiceDashboard(stack, 'ApiDashboard', { app, aiLatencyHistogram: 'ai_inference_duration_seconds' });
  const cm = Template.of(stack).resourceList('kubernetes_config_map_v1').find((c) => c.metadata.name === 'dashboard-staging-api');
  const json = JSON.parse(cm.data['staging-api.json']);
  const panel = (title: string) => json.panels.find((p: any) => p.title === title);

  test('has request rate, errors, latency percentiles, AI latency and saturation panels', () => {
    expect(json.title).toBe('livestreamsell staging / api');
    expect(json.panels.map((p: any) => p.title)).toEqual([
      'Request rate',
      'Errors (5xx ratio)',
      'Latency percentiles',
      'AI latency',
      'CPU saturation (usage / request)',
      'Memory saturation (working set / limit)',
      'Replicas',
    ]);
  });

  test('queries the app through its ingress, namespace and HPA', () => {
    expect(panel('Request rate').targets[0].expr).toBe(
      'sum by (exported_service) (rate(nginx_ingress_controller_requests{exported_namespace="livestreamsell-staging",ingress=~"api"}[5m]))',
    );
    expect(panel('Errors (5xx ratio)').targets.map((t: any) => t.legendFormat)).toEqual(['stable', 'canary']);
    expect(panel('Latency percentiles').targets.map((t: any) => t.legendFormat)).toEqual(['p50', 'p95', 'p99']);
    expect(panel('Latency percentiles').targets[1].expr).toBe(
      'histogram_quantile(0.95, sum by (le) (rate(nginx_ingress_controller_request_duration_seconds_bucket{exported_namespace="livestreamsell-staging",ingress=~"api"}[5m])))',
    );
    expect(panel('AI latency').fieldConfig.defaults.thresholds.steps[1].value).toBe(10);
    expect(panel('Replicas').targets[1].expr).toBe('kube_horizontalpodautoscaler_spec_max_replicas{namespace="livestreamsell-staging",horizontalpodautoscaler="api"}');
    expect(panel('CPU saturation (usage / request)').targets[0].expr).toContain('kube_pod_container_resource_requests{namespace="livestreamsell-staging",pod=~"(api)-[a-z0-9]+-[a-z0-9]+",container="api",resource="cpu"}');
  });
});

describe('ServiceDashboard of an imported app', () => {
  test('queries the app through the names it was created with, and escapes free text', () => {
    const stack = environmentStack();
    const app = K8sReadyApp.fromWorkloadAttributes(stack, 'Api', { name: 'api', namespaceName: 'shop', port: 8000, hosts: ['api.example.com'] });
    const board = new ServiceDashboard(stack, 'ApiDashboard', { app, uid: 'shop-api' });
    new GrafanaDashboard(stack, 'Notes', { title: 'Costs ${var.x}', panels: [{ title: 'Spend %{ x }', description: '${var.ghcr_token}', queries: [{ expr: 'up' }] }] });
    const t = Template.of(stack);
    const maps = t.resourceList('kubernetes_config_map_v1');
    const json = JSON.parse(maps.find((c) => c.metadata.name === 'dashboard-shop-api').data['shop-api.json']);
    expect(board.uid).toBe('shop-api');
    expect(json.panels.find((p: any) => p.title === 'Request rate').targets[0].expr).toContain('exported_namespace="shop",ingress=~"api"');
    const notes = maps.find((c) => c.metadata.name === 'dashboard-notes').data['notes.json'];
    expect(notes).toContain('"title": "Costs $${var.x}"');
    expect(notes).toContain('"title": "Spend %%{ x }"');
    expect(notes).toContain('"description": "$${var.ghcr_token}"');
  });
});
