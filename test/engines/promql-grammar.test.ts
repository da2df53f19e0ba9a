// Every PromQL expression the app emits (alert rules, dashboard targets,
// prometheus-adapter rules) parses with Prometheus's own grammar
// (@prometheus-io/lezer-promql, the parser of Prometheus's web UI).
import { promqlExpressions } from '../support/emitted';
import { promqlSyntaxErrors } from '../support/promql';

const expressions = promqlExpressions();

describe('PromQL the app emits', () => {
  test('comes from the rules, the dashboards and the adapter', () => {
    const kinds = new Set(expressions.map((e) => (/: rule /.test(e.where) ? 'rule' : /: dashboard /.test(e.where) ? 'dashboard' : 'adapter')));
    expect([...kinds].sort()).toEqual(['adapter', 'dashboard', 'rule']);
  });

  test.each(expressions.map((e) => [e.where, e.expr] as const))('%s parses', (_where, expr) => {
    expect(promqlSyntaxErrors(expr)).toEqual([]);
  });
});

describe('the PromQL grammar check can fail', () => {
  test.each([
    ['an unclosed parenthesis', 'sum(rate(nginx_ingress_controller_requests[5m])'],
    ['a binary operator without its right side', 'sum(rate(x[5m])) >'],
    ['a range without a duration', 'rate(x[])'],
    ['an unclosed label matcher', 'x{namespace="a"'],
  ])('%s', (_what, expr) => {
    expect(promqlSyntaxErrors(expr).length).toBeGreaterThan(0);
  });
});
