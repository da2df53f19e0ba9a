// Every Grafana dashboard the app emits type-checks against @grafana/schema
// (Grafana's model of the dashboard JSON): fields, types and enum values.
import { dashboards } from '../support/emitted';
import { typeCheckDashboards } from '../support/grafana';

const emitted = dashboards();
let results: string[][] = [];
beforeAll(() => {
  results = typeCheckDashboards(emitted.map((d) => d.dashboard));
});

describe('Grafana dashboards the app emits', () => {
  test('are the service dashboards of the API (with its canary panels), the AI worker and the web dashboard', () => {
    expect(emitted.map((d) => `${d.stack}: ${d.dashboard.uid}`).sort()).toEqual([
      'kubernetes: production-ai-worker', 'kubernetes: production-api', 'kubernetes: production-dashboard',
    ]);
  });

  test.each(emitted.map((d, i) => [`${d.stack}: ${d.dashboard.uid}`, i] as const))('%s matches @grafana/schema', (_name, i) => {
    expect(results[i]).toEqual([]);
  });
});

describe('the Grafana schema check can fail', () => {
  const broken = (edit: (d: any) => void) => {
    const d = JSON.parse(JSON.stringify(emitted[0].dashboard));
    edit(d);
    return d;
  };
  test('on a wrong type, an unknown field, a value outside an enum and an unknown target field', () => {
    const [type, field, value, target] = typeCheckDashboards([
      broken((d) => { d.panels[0].gridPos.w = '12'; }),
      broken((d) => { d.panels[0].fieldConfig.defaults.untis = 's'; }),
      broken((d) => { d.panels[0].fieldConfig.defaults.thresholds.mode = 'relative'; }),
      broken((d) => { d.panels[0].targets[0].exp = d.panels[0].targets[0].expr; }),
    ]);
    expect(type).toEqual([expect.stringContaining("Type 'string' is not assignable to type 'number'")]);
    expect(field).toEqual([expect.stringContaining("'\"untis\"' does not exist")]);
    expect(value).toEqual([expect.stringContaining('\'"relative"\' is not assignable to type \'"absolute" | "percentage"\'')]);
    expect(target).toEqual([expect.stringContaining("'\"exp\"' does not exist in type 'PrometheusTarget'")]);
  });
});
