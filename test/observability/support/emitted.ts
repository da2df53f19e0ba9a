import { EmittedStack, emittedStacks, unescapeTerraform } from '../../support/emitted';
import { RuleGroup } from '../../support/promtool';

/**
 * What the observability module emits in the app's stacks, read back from the
 * synthesized JSON (Terraform's escaping undone) for the engines that run it.
 */

/** The stacks with Render observability (staging and production). */
export function renderStacks(): EmittedStack[] {
  return emittedStacks().filter((s) => s.json.resource?.grafana_rule_group);
}

/** One Grafana-managed alert rule, with its PromQL (query A of the rule). */
export interface EmittedGrafanaRule {
  readonly stack: string;
  readonly group: string;
  readonly name: string;
  readonly expr: string;
  readonly for: string;
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
  readonly raw: any;
}

/** Every Grafana alert rule of the stacks. */
export function grafanaRules(stacks: EmittedStack[] = renderStacks()): EmittedGrafanaRule[] {
  return stacks.flatMap((s) => Object.values<any>(s.json.resource?.grafana_rule_group ?? {}).flatMap((g) => g.rule.map((r: any) => {
    const query = JSON.parse(unescapeTerraform(r.data.find((d: any) => d.ref_id === 'A').model));
    return {
      stack: s.name,
      group: g.name,
      name: r.name,
      expr: query.expr,
      for: r.for,
      labels: r.labels,
      annotations: JSON.parse(unescapeTerraform(JSON.stringify(r.annotations))),
      raw: r,
    };
  })));
}

/** The Grafana rules of one stack as one Prometheus rule group (what promtool runs). */
export function asPrometheusGroup(stack: string, stacks?: EmittedStack[]): RuleGroup {
  const rules = grafanaRules(stacks).filter((r) => r.stack === stack);
  if (rules.length === 0) throw new Error(`no Grafana rules in stack ${stack}`);
  return { name: rules[0].group, rules: rules.map((r) => ({ alert: r.name, expr: r.expr, for: r.for, labels: r.labels, annotations: r.annotations })) };
}

/** Every grafana_dashboard of the stacks. */
export function grafanaDashboards(stacks: EmittedStack[] = renderStacks()): { stack: string; id: string; dashboard: any }[] {
  return stacks.flatMap((s) => Object.entries<any>(s.json.resource?.grafana_dashboard ?? {})
    .map(([id, d]) => ({ stack: s.name, id, dashboard: JSON.parse(unescapeTerraform(d.config_json)) })));
}

/** The release guard Worker of a stack as uploaded: script, module, bindings (plain text; secrets and KV by name). */
export interface EmittedGuard {
  readonly stack: string;
  readonly script: string;
  readonly mainModule: string;
  readonly compatibilityDate: string;
  readonly plain: { [name: string]: string };
  readonly secrets: string[];
  readonly kv: string[];
  readonly crons: string[];
}

export function releaseGuards(stacks: EmittedStack[] = renderStacks()): EmittedGuard[] {
  return stacks.flatMap((s) => Object.entries<any>(s.json.resource?.cloudflare_workers_script ?? {})
    .filter(([, w]) => w.main_module === 'release-guard.mjs')
    .map(([id, w]) => ({
      stack: s.name,
      script: unescapeTerraform(w.content),
      mainModule: w.main_module,
      compatibilityDate: w.compatibility_date,
      plain: Object.fromEntries(w.bindings.filter((b: any) => b.type === 'plain_text').map((b: any) => [b.name, unescapeTerraform(b.text)])),
      secrets: w.bindings.filter((b: any) => b.type === 'secret_text').map((b: any) => b.name),
      kv: w.bindings.filter((b: any) => b.type === 'kv_namespace').map((b: any) => b.name),
      crons: Object.values<any>(s.json.resource?.cloudflare_workers_cron_trigger ?? {})
        .filter((t) => t.script_name.includes(`cloudflare_workers_script.${id}.`)).flatMap((t) => t.schedules.map((x: any) => x.cron)),
    })));
}

/** Every PromQL expression of the observability module: rules, dashboards and the release guard's queries. */
export function observabilityPromql(stacks: EmittedStack[] = renderStacks()): { where: string; expr: string }[] {
  const out: { where: string; expr: string }[] = [];
  for (const r of grafanaRules(stacks)) out.push({ where: `${r.stack}: rule ${r.name}`, expr: r.expr });
  for (const d of grafanaDashboards(stacks)) {
    for (const p of d.dashboard.panels) for (const t of p.targets) out.push({ where: `${d.stack}: dashboard ${d.dashboard.uid} "${p.title}" ${t.refId}`, expr: t.expr });
  }
  for (const g of releaseGuards(stacks)) {
    for (const [service, target] of Object.entries<any>(JSON.parse(g.plain.TARGETS))) {
      for (const [k, q] of Object.entries<any>(target.errors ?? {})) if (typeof q === 'string') out.push({ where: `${g.stack}: guard ${service} errors.${k}`, expr: q });
      if (target.aiLatency) out.push({ where: `${g.stack}: guard ${service} aiLatency`, expr: target.aiLatency.query });
    }
  }
  return out;
}
