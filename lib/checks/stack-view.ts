import { StackResource, StackView } from './rule';

/** Builds the rules' view of a synthesized stack JSON. */
export function stackView(json: any): StackView {
  const resources: StackResource[] = [];
  for (const [type, byId] of Object.entries<any>(json.resource ?? {})) {
    for (const [id, config] of Object.entries<any>(byId)) {
      resources.push({ type, id, address: `${type}.${id}`, path: config['//']?.metadata?.path ?? `${type}.${id}`, config });
    }
  }
  const byType = new Map<string, StackResource[]>();
  for (const r of resources) byType.set(r.type, [...(byType.get(r.type) ?? []), r]);
  return {
    resources,
    json,
    ofType: (type) => byType.get(type) ?? [],
    referencing: (type, attr, address) => (byType.get(type) ?? []).filter((r) => typeof r.config[attr] === 'string' && r.config[attr].includes(`\${${address}.`)),
    dataSources: (type) => json.data?.[type] ?? {},
  };
}
