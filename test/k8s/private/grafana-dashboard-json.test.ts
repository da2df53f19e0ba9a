import { DashboardPanel, renderDashboardJson } from '../../../lib/k8s/private/grafana-dashboard-json';

const panels: DashboardPanel[] = [
  { title: 'Requests', unit: 'reqps', queries: [{ expr: 'sum(rate(x[5m]))', legend: '{{service}}' }] },
  { title: 'Errors', unit: 'percentunit', threshold: 0.05, queries: [{ expr: 'a' }, { expr: 'b', legend: 'canary' }] },
  { title: 'Latency', width: 24, queries: [{ expr: 'c' }] },
  { title: 'Up', kind: 'stat', width: 6, height: 4, queries: [{ expr: 'up' }] },
];

describe('renderDashboardJson', () => {
  const json = JSON.parse(renderDashboardJson({ uid: 'svc', title: 'Service', tags: ['t'], panels, refresh: '30s' }));

  test('renders the Grafana dashboard model', () => {
    expect(json).toMatchObject({ uid: 'svc', title: 'Service', tags: ['t'], schemaVersion: 39, refresh: '30s', editable: false, timezone: 'utc' });
    expect(json.panels).toHaveLength(4);
  });

  test('lays panels out on the 24-column grid', () => {
    expect(json.panels.map((p: any) => p.gridPos)).toEqual([
      { x: 0, y: 0, w: 12, h: 8 },
      { x: 12, y: 0, w: 12, h: 8 },
      { x: 0, y: 8, w: 24, h: 8 },
      { x: 0, y: 16, w: 6, h: 4 },
    ]);
  });

  test('turns queries into Prometheus targets with ref ids and legends', () => {
    expect(json.panels[1].targets).toEqual([
      { refId: 'A', datasource: { type: 'prometheus', uid: 'prometheus' }, expr: 'a', legendFormat: '__auto', range: true },
      { refId: 'B', datasource: { type: 'prometheus', uid: 'prometheus' }, expr: 'b', legendFormat: 'canary', range: true },
    ]);
    expect(json.panels[0].targets[0].legendFormat).toBe('{{service}}');
  });

  test('sets units, thresholds and the visualization', () => {
    expect(json.panels[1].fieldConfig.defaults).toMatchObject({
      unit: 'percentunit',
      thresholds: { mode: 'absolute', steps: [{ color: 'green', value: null }, { color: 'red', value: 0.05 }] },
      custom: { thresholdsStyle: { mode: 'line' } },
    });
    expect(json.panels[2].fieldConfig.defaults.unit).toBe('short');
    expect(json.panels.map((p: any) => p.type)).toEqual(['timeseries', 'timeseries', 'timeseries', 'stat']);
    expect(json.panels.map((p: any) => p.id)).toEqual([1, 2, 3, 4]);
  });

  test('renders the PromQL as written (Terraform escaping happens at synth, for every literal)', () => {
    const raw = renderDashboardJson({ uid: 'x', title: 'T', tags: [], refresh: '1m', panels: [{ title: 'v', queries: [{ expr: 'up{job="${job}"}' }] }] });
    expect(raw).toContain('up{job=\\"${job}\\"}');
  });
});
