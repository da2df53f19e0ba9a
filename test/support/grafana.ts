import * as path from 'path';
import * as ts from 'typescript';

/**
 * Grafana dashboards type-checked against `@grafana/schema` (Grafana's own
 * TypeScript model of the dashboard JSON): TypeScript's excess-property and type
 * checks on the JSON as an object literal catch unknown fields, wrong types and
 * values outside the schema's enums. String enums are compared by value (the JSON
 * holds "absolute", not ThresholdsMode.Absolute). `@grafana/schema` types a panel's
 * targets only as records, so each target is also checked as a `DataQuery` plus
 * the Prometheus query fields the library writes (`expr`, `legendFormat`, `range`).
 */
const PRELUDE = `import type { Dashboard, DataQuery, Panel } from '@grafana/schema';
type Lit<T> = T extends string ? \`\${T}\` : T extends ReadonlyArray<infer E> ? Array<Lit<E>> : T extends object ? { [K in keyof T]: Lit<T[K]> } : T;
type PrometheusTarget = Lit<DataQuery> & { expr: string; legendFormat?: string; range?: boolean; instant?: boolean; interval?: string };
type CheckedPanel = Omit<Lit<Panel>, 'targets'> & { targets?: PrometheusTarget[] };
type CheckedDashboard = Omit<Lit<Dashboard>, 'panels'> & { panels?: CheckedPanel[] };
`;

/** One list of TypeScript diagnostics per dashboard (empty = the dashboard matches the schema). */
export function typeCheckDashboards(dashboards: any[]): string[][] {
  const dir = path.join(process.cwd(), 'test', '__grafana_dashboards__');
  const files = new Map<string, string>();
  const preludeLines = PRELUDE.split('\n').length - 1;
  dashboards.forEach((d, i) => files.set(path.join(dir, `dashboard${i}.ts`), `${PRELUDE}export const dashboard: CheckedDashboard = ${JSON.stringify(d, undefined, 2)};\n`));
  const options: ts.CompilerOptions = {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  host.readFile = (f) => files.get(path.resolve(f)) ?? readFile(f);
  host.fileExists = (f) => files.has(path.resolve(f)) || exists(f);
  const program = ts.createProgram([...files.keys()], options, host);
  return dashboards.map((_d, i) => {
    const file = program.getSourceFile(path.join(dir, `dashboard${i}.ts`))!;
    return ts.getPreEmitDiagnostics(program, file).map((d) => {
      const line = d.start !== undefined ? file.getLineAndCharacterOfPosition(d.start).line : -1;
      if (line < preludeLines) throw new Error(`@grafana/schema declarations: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
      const text = file.text.split('\n')[line]?.trim() ?? '';
      return `${ts.flattenDiagnosticMessageText(d.messageText, ' ')} (at ${text.slice(0, 80)})`;
    });
  });
}
