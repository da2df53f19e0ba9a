import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { findEngine, run } from './engines';

/**
 * Prometheus's own rule checker and unit-test runner (`promtool check rules`,
 * `promtool test rules`) on the rule groups the library emits. JSON is YAML, so
 * the rule and test files are written as JSON.
 */

/** One rule group, as in a PrometheusRule's `spec.groups[]`. */
export interface RuleGroup {
  readonly name: string;
  readonly interval?: string;
  readonly rules: ReadonlyArray<{ alert?: string; record?: string; expr: string; for?: string; labels?: object; annotations?: object }>;
}

/** One input series: promtool's expanding notation, e.g. `0+60x20` or `_x5 1 2 3`. */
export interface InputSeries {
  readonly series: string;
  readonly values: string;
}

/** The alerts expected (with their labels, including the series' labels) at one time; empty = silent. */
export interface AlertCheck {
  readonly at: string;
  readonly alert: string;
  readonly expect: ReadonlyArray<{ labels: { [k: string]: string }; annotations?: { [k: string]: string } }>;
}

/** A PromQL expression and the samples it must give at one time. */
export interface PromqlCheck {
  readonly at: string;
  readonly expr: string;
  readonly expect: ReadonlyArray<{ labels: string; value: number }>;
}

/** One `tests[]` entry of a promtool unit-test file. */
export interface RuleScenario {
  readonly name: string;
  /** Scrape interval of the input series. @default "30s" */
  readonly interval?: string;
  readonly series: InputSeries[];
  readonly alerts?: AlertCheck[];
  readonly promql?: PromqlCheck[];
}

/** A series selector in promtool notation: `name{k="v",...}`. */
export function series(name: string, labels: { [k: string]: string }): string {
  return `${name}{${Object.entries(labels).map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(',')}}`;
}

export class Promtool {
  /** promtool on PATH; undefined (tests skip) only when it is absent and CI is not set. */
  public static find(): Promtool | undefined {
    const bin = findEngine('promtool', "install Debian's prometheus package (apt-get install -y prometheus), as .ci/run does");
    return bin ? new Promtool(bin) : undefined;
  }

  private constructor(public readonly binary: string) {}

  /** `promtool check rules` on the groups (syntax, templates, duplicate names). */
  public checkRules(groups: ReadonlyArray<RuleGroup>): { code: number; output: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promtool-'));
    try {
      fs.writeFileSync(path.join(dir, 'rules.json'), JSON.stringify({ groups }, undefined, 2));
      return run(this.binary, ['check', 'rules', 'rules.json'], dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  /**
   * `promtool test rules` of scenarios against the groups. promtool compares
   * annotations exactly, so they are left out of the rules unless `annotations`
   * is set (the templates are still checked by `checkRules`).
   */
  public test(groups: ReadonlyArray<RuleGroup>, scenarios: ReadonlyArray<RuleScenario>, options: { annotations?: boolean } = {}): { code: number; output: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'promtool-'));
    try {
      const rules = options.annotations ? groups : groups.map((g) => ({ ...g, rules: g.rules.map(({ annotations: _a, ...r }) => r) }));
      fs.writeFileSync(path.join(dir, 'rules.json'), JSON.stringify({ groups: rules }, undefined, 2));
      const tests = scenarios.map((s) => ({
        name: s.name,
        interval: s.interval ?? '30s',
        input_series: s.series,
        alert_rule_test: (s.alerts ?? []).map((a) => ({
          eval_time: a.at,
          alertname: a.alert,
          exp_alerts: a.expect.map((e) => ({ exp_labels: e.labels, ...(e.annotations ? { exp_annotations: e.annotations } : {}) })),
        })),
        promql_expr_test: (s.promql ?? []).map((p) => ({ expr: p.expr, eval_time: p.at, exp_samples: p.expect })),
      }));
      fs.writeFileSync(path.join(dir, 'tests.json'), JSON.stringify({ rule_files: ['rules.json'], evaluation_interval: '30s', tests }, undefined, 2));
      return run(this.binary, ['test', 'rules', 'tests.json'], dir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }
}
