// Every PromQL expression of the Render observability (Grafana alert rules, dashboard
// targets and the release guard's Prometheus queries) parses with Prometheus's own
// grammar (@prometheus-io/lezer-promql).
import { observabilityPromql } from '../observability/support/emitted';
import { promqlSyntaxErrors } from '../support/promql';

const expressions = observabilityPromql();

describe('PromQL of the Render observability', () => {
  test('comes from the rules, the dashboards and the release guard of staging and production', () => {
    const kinds = new Set(expressions.map((e) => `${e.where.split(':')[0]} ${e.where.split(': ')[1].split(' ')[0]}`));
    expect([...kinds].sort()).toEqual(['production dashboard', 'production guard', 'production rule', 'staging dashboard', 'staging guard', 'staging rule']);
    expect(expressions.length).toBeGreaterThan(60);
  });

  test.each(expressions.map((e) => [e.where, e.expr] as const))('%s parses', (_where, expr) => {
    expect(promqlSyntaxErrors(expr)).toEqual([]);
  });

  test('the grammar check can fail on the emitted expressions, broken', () => {
    const rule = expressions.find((e) => /ErrorRateRiseAfterDeploy/.test(e.where))!;
    expect(promqlSyntaxErrors(rule.expr.replace(/\)$/, ''))).not.toEqual([]);
    expect(promqlSyntaxErrors(rule.expr.replace('[1m]', '[]'))).not.toEqual([]);
  });
});
