import { Testing, TerraformStack } from 'cdktf';
import { PlatformConventions } from '../../lib';
import { buildApp } from '../../stacks/main';

/**
 * What the library emits for the engines to run: the synthesized stacks of the
 * LiveStreamSell app (`stacks/`), once as committed and once with the API canary
 * on (`LSS_API_CANARY=on`, which adds the canary Deployment, Service, Ingress,
 * alert rule and dashboard panels).
 */
export interface EmittedStack {
  /** "kubernetes", "kubernetes (canary)", ... */
  readonly name: string;
  readonly json: any;
}

let cache: EmittedStack[] | undefined;

export function emittedStacks(): EmittedStack[] {
  if (cache) return cache;
  const out: EmittedStack[] = [];
  for (const canary of [false, true]) {
    const previous = process.env.LSS_API_CANARY;
    if (canary) process.env.LSS_API_CANARY = 'on';
    else delete process.env.LSS_API_CANARY;
    try {
      const app = buildApp(Testing.app());
      for (const stack of app.node.children.filter(TerraformStack.isStack)) {
        if (canary && !stack.node.id.startsWith('kubernetes')) continue;
        out.push({ name: canary ? `${stack.node.id} (canary)` : stack.node.id, json: JSON.parse(Testing.synth(stack, true)) });
      }
    } finally {
      if (previous === undefined) delete process.env.LSS_API_CANARY;
      else process.env.LSS_API_CANARY = previous;
    }
  }
  cache = out;
  return out;
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
    .filter(([, r]: [string, any]) => ([].concat(r.metadata)[0] as any)?.labels?.[new PlatformConventions().dashboardLabel] === '1')
    .flatMap(([id, r]: [string, any]) => Object.values(r.data as { [k: string]: string }).map((text) => ({ stack: s.name, id, dashboard: JSON.parse(unescapeTerraform(text)) }))));
}
