import { Testing, TerraformStack } from 'cdktf';
import { PLATFORM_DEFAULTS } from '../../lib/k8s/private/platform-defaults';
import { buildApp } from '../../stacks/main';

/**
 * What the library emits for the engines to run: the synthesized stacks of the
 * LiveStreamSell app (`stacks/`). The API and the AI worker release through Argo
 * Rollouts (Rollout, AnalysisTemplate, canary Service, the canary alert rule and
 * dashboard panels are always there); the platform stack routes alerts.
 */
export interface EmittedStack {
  /** "kubernetes", "kubernetes-platform", ... */
  readonly name: string;
  readonly json: any;
}

let cache: EmittedStack[] | undefined;

export function emittedStacks(): EmittedStack[] {
  if (cache) return cache;
  const app = buildApp(Testing.app());
  cache = app.node.children.filter(TerraformStack.isStack).map((stack) => ({ name: stack.node.id, json: JSON.parse(Testing.synth(stack, true)) }));
  return cache;
}

/** Undoes the Terraform template escaping (`$${` -> `${`, `%%{` -> `%{`) of a literal string in the JSON. */
export function unescapeTerraform(text: string): string {
  return text.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{');
}

/** Every `kubernetes_manifest` object of the stacks, with its stack and resource id. */
export function manifests(stacks: EmittedStack[] = emittedStacks()): { stack: string; id: string; manifest: any }[] {
  return stacks.flatMap((s) => Object.entries(s.json.resource?.kubernetes_manifest ?? {}).map(([id, r]: [string, any]) => ({ stack: s.name, id, manifest: r.manifest })));
}

/** Every PrometheusRule group the stacks emit, with Terraform's escaping undone. */
export function prometheusRuleGroups(stacks: EmittedStack[] = emittedStacks()): { stack: string; rule: string; group: any }[] {
  return manifests(stacks)
    .filter((m) => m.manifest.kind === 'PrometheusRule')
    .flatMap((m) => m.manifest.spec.groups.map((g: any) => ({ stack: m.stack, rule: m.manifest.metadata.name, group: JSON.parse(unescapeTerraform(JSON.stringify(g))) })));
}

/** Every Grafana dashboard the stacks emit (the JSON in the sidecar-labelled ConfigMaps), with Terraform's escaping undone. */
export function dashboards(stacks: EmittedStack[] = emittedStacks()): { stack: string; id: string; dashboard: any }[] {
  return stacks.flatMap((s) => Object.entries(s.json.resource?.kubernetes_config_map_v1 ?? {})
    .filter(([, r]: [string, any]) => ([].concat(r.metadata)[0] as any)?.labels?.[PLATFORM_DEFAULTS.dashboardLabel] === '1')
    .flatMap(([id, r]: [string, any]) => Object.values(r.data as { [k: string]: string }).map((text) => ({ stack: s.name, id, dashboard: JSON.parse(unescapeTerraform(text)) }))));
}

/** prometheus-adapter's template placeholders, filled the way the adapter fills them for one series. */
const ADAPTER_PLACEHOLDERS: { [k: string]: string } = {
  '<<.Series>>': 'nginx_ingress_controller_request_duration_seconds_bucket',
  '<<.LabelMatchers>>': 'exported_namespace="livestreamsell-production",ingress="api"',
  '<<.GroupBy>>': 'exported_namespace, ingress',
};

/** Every PromQL expression the stacks emit: alert rules, dashboard targets and prometheus-adapter rules. */
export function promqlExpressions(stacks: EmittedStack[] = emittedStacks()): { where: string; expr: string }[] {
  const out: { where: string; expr: string }[] = [];
  for (const g of prometheusRuleGroups(stacks)) {
    for (const r of g.group.rules) out.push({ where: `${g.stack}: rule ${r.alert ?? r.record}`, expr: r.expr });
  }
  for (const d of dashboards(stacks)) {
    for (const p of d.dashboard.panels ?? []) {
      for (const t of p.targets ?? []) out.push({ where: `${d.stack}: dashboard ${d.dashboard.uid} "${p.title}" ${t.refId}`, expr: t.expr });
    }
  }
  for (const s of stacks) {
    for (const [id, h] of Object.entries<any>(s.json.resource?.helm_release ?? {})) {
      if (h.chart !== 'prometheus-adapter') continue;
      const values = JSON.parse(unescapeTerraform([].concat(h.values)[0]));
      values.rules.custom.forEach((rule: any, i: number) => {
        for (const key of ['seriesQuery', 'metricsQuery']) {
          out.push({ where: `${s.name}: ${id} rules.custom[${i}].${key}`, expr: String(rule[key]).replace(/<<\.\w+>>/g, (m) => ADAPTER_PLACEHOLDERS[m] ?? m) });
        }
      });
    }
  }
  return out;
}
