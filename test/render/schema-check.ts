import * as fs from 'fs';
import * as path from 'path';

/**
 * Checks synthesized `render_*` resources against schemas/render.annotated.json
 * the way the provider would at plan time (terraform validate does not): known
 * attribute names, required ones present, no computed-only (read-only) attribute
 * set, and enum values the provider validates.
 */
const annotated = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'render.annotated.json'), 'utf8'));

// cdktf meta-arguments that are not provider attributes.
const META = new Set(['//', 'provider', 'depends_on', 'lifecycle', 'count', 'for_each', 'connection', 'provisioner']);

interface Node {
  readonly attributes?: { [name: string]: any };
  readonly blocks_or_nested?: { [name: string]: any };
  readonly nested?: { [name: string]: any };
}

function checkObject(where: string, schema: Node, value: any, problems: string[], topLevel: boolean): void {
  const attrs = schema.attributes ?? {};
  const nested = { ...(schema.blocks_or_nested ?? {}), ...(schema.nested ?? {}) };
  for (const [name, v] of Object.entries(value ?? {})) {
    if (topLevel && META.has(name)) continue;
    const a = attrs[name];
    const n = nested[name];
    if (!a && !n) {
      problems.push(`${where}.${name}: unknown attribute`);
      continue;
    }
    const spec = a ?? n;
    if (spec.computed_only) problems.push(`${where}.${name}: read-only (computed) attribute is set`);
    if (a?.enum && a.enum_validated_by_provider && typeof v === 'string' && !v.includes('${') && !a.enum.includes(v)) {
      problems.push(`${where}.${name}: ${JSON.stringify(v)} is not one of ${a.enum.join(', ')}`);
    }
    if (n && v !== null && typeof v === 'object') {
      if (n.nesting === 'single') checkObject(`${where}.${name}`, n, v, problems, false);
      else if (n.nesting === 'map') for (const [k, item] of Object.entries(v)) checkObject(`${where}.${name}["${k}"]`, n, item, problems, false);
      else if (Array.isArray(v)) v.forEach((item, i) => checkObject(`${where}.${name}[${i}]`, n, item, problems, false));
    }
  }
  for (const [name, spec] of [...Object.entries(attrs), ...Object.entries(nested)]) {
    if (spec.required && (value ?? {})[name] === undefined) problems.push(`${where}.${name}: required attribute missing`);
  }
}

/** Every problem found in the `render_*` resources of a synthesized stack (empty when all conform). */
export function renderSchemaProblems(json: any): string[] {
  const problems: string[] = [];
  for (const [type, resources] of Object.entries(json.resource ?? {})) {
    if (!type.startsWith('render_')) continue;
    const schema = annotated.resources[type];
    if (!schema) {
      problems.push(`${type}: unknown resource type`);
      continue;
    }
    for (const [id, r] of Object.entries(resources as object)) checkObject(`${type}.${id}`, schema, r, problems, true);
  }
  return problems;
}

/** Number of `render_*` resources in a synthesized stack. */
export function renderResourceCount(json: any): number {
  return Object.entries(json.resource ?? {}).filter(([t]) => t.startsWith('render_')).reduce((n, [, r]) => n + Object.keys(r as object).length, 0);
}
