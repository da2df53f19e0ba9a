// The Render environments' Grafana dashboards (grafana_dashboard config_json, built from
// the same typed panel model as the Kubernetes dashboards) type-check against
// @grafana/schema, and query the stack's Prometheus data source.
import { grafanaDashboards } from '../observability/support/emitted';
import { typeCheckDashboards } from '../support/grafana';

const emitted = grafanaDashboards();
let results: string[][] = [];
beforeAll(() => {
  results = typeCheckDashboards(emitted.map((d) => d.dashboard));
});

describe('Render dashboards the app emits', () => {
  test('are one per service of staging and production', () => {
    expect(emitted.map((d) => `${d.stack}: ${d.dashboard.uid}`).sort()).toEqual(['production', 'staging'].flatMap((env) =>
      ['ai-worker', 'api', 'dashboard', 'db-backup', 'publishing-worker'].map((s) => `${env}: ${env}-${s}`)));
  });

  test('query the Grafana Cloud stack\'s Prometheus', () => {
    const uids = new Set(emitted.flatMap((d) => d.dashboard.panels.flatMap((p: any) => [p.datasource.uid, ...p.targets.map((t: any) => t.datasource.uid)])));
    expect([...uids]).toEqual(['grafanacloud-prom']);
  });

  test.each(emitted.map((d, i) => [`${d.stack}: ${d.dashboard.uid}`, i] as const))('%s matches @grafana/schema', (_name, i) => {
    expect(results[i]).toEqual([]);
  });

  test('the schema check can fail on an emitted dashboard, broken', () => {
    const broken = JSON.parse(JSON.stringify(emitted[0].dashboard));
    broken.panels[0].gridPos.h = 'eight';
    expect(typeCheckDashboards([broken])[0]).toEqual([expect.stringContaining("Type 'string' is not assignable to type 'number'")]);
  });
});
