/* eslint-disable no-bitwise */ // TypeScript's type flags are bit sets.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as ts from 'typescript';

/**
 * Kubernetes objects checked against the schemas of the `kubernetes-models`
 * packages (the Kubernetes OpenAPI schemas, and the CRDs of prometheus-operator,
 * cert-manager and Argo Rollouts). Two engines of those packages do the work:
 * - their TypeScript declarations give each object's shape: field names, lists
 *   versus single objects, maps, numbers. The typed `kubernetes_*` Terraform
 *   resources (cdktf's snake_case JSON, blocks as lists) are converted along that
 *   shape into manifests (camelCase, single blocks unwrapped, the provider's
 *   `Atoi`/`intstr.Parse` of numeric strings); a field the schema does not have is
 *   an error, in a converted resource and in a `kubernetes_manifest` alike (the
 *   OpenAPI schemas themselves accept unknown fields);
 * - their JSON-schema validators (ajv, run in an ES-module child process since the
 *   packages are ESM-only) check required fields, types and enums.
 */

/** apiVersion and kind of each typed resource of the Terraform Kubernetes provider that the library uses. */
export const TYPED_RESOURCES: { [type: string]: { apiVersion: string; kind: string } } = {
  kubernetes_namespace_v1: { apiVersion: 'v1', kind: 'Namespace' },
  kubernetes_config_map_v1: { apiVersion: 'v1', kind: 'ConfigMap' },
  kubernetes_secret_v1: { apiVersion: 'v1', kind: 'Secret' },
  kubernetes_service_account_v1: { apiVersion: 'v1', kind: 'ServiceAccount' },
  kubernetes_service_v1: { apiVersion: 'v1', kind: 'Service' },
  kubernetes_deployment_v1: { apiVersion: 'apps/v1', kind: 'Deployment' },
  kubernetes_horizontal_pod_autoscaler_v2: { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler' },
  kubernetes_pod_disruption_budget_v1: { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget' },
  kubernetes_network_policy_v1: { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy' },
  kubernetes_ingress_v1: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress' },
};

/** Terraform-only arguments of the typed resources (not part of the Kubernetes object). */
const TERRAFORM_ONLY = new Set(['//', 'provider', 'lifecycle', 'depends_on', 'count', 'for_each', 'provisioner', 'connection', 'timeouts',
  'wait_for_rollout', 'wait_for_load_balancer', 'wait_for_default_service_account']);

/** The npm package that models an API group (core groups are in `kubernetes-models`). */
export const CRD_PACKAGES: { [group: string]: string } = {
  'monitoring.coreos.com': '@kubernetes-models/prometheus-operator',
  'cert-manager.io': '@kubernetes-models/cert-manager',
  'acme.cert-manager.io': '@kubernetes-models/cert-manager',
  'argoproj.io': '@kubernetes-models/argo-rollouts',
};

function modulePath(apiVersion: string, kind: string): string {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  const pkg = CRD_PACKAGES[group] ?? 'kubernetes-models';
  return `${pkg}/${group ? `${group}/` : ''}${version}/${kind}`;
}

let shapes: { checker: ts.TypeChecker; roots: Map<string, ts.Type> } | undefined;

/** The declared types of the kinds, from the packages' TypeScript declarations. */
function rootType(apiVersion: string, kind: string): ts.Type {
  const key = `${apiVersion}/${kind}`;
  if (!shapes || !shapes.roots.has(key)) {
    const kinds = new Set([...(shapes ? shapes.roots.keys() : []), key, ...Object.values(TYPED_RESOURCES).map((r) => `${r.apiVersion}/${r.kind}`)]);
    const entry = path.join(process.cwd(), 'test', '__kubernetes_shapes__.ts');
    const list = [...kinds].map((k) => { const i = k.lastIndexOf('/'); return { key: k, apiVersion: k.slice(0, i), kind: k.slice(i + 1) }; });
    const source = list.map((k, i) => `import type { I${k.kind} as T${i} } from '${modulePath(k.apiVersion, k.kind)}';`).join('\n')
      + `\nexport interface Roots {\n${list.map((k, i) => `  ${JSON.stringify(k.key)}: T${i};`).join('\n')}\n}\n`;
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
    host.readFile = (f) => (path.resolve(f) === entry ? source : readFile(f));
    const exists = host.fileExists.bind(host);
    host.fileExists = (f) => path.resolve(f) === entry || exists(f);
    const program = ts.createProgram([entry], options, host);
    const diagnostics = ts.getPreEmitDiagnostics(program, program.getSourceFile(entry));
    if (diagnostics.length > 0) throw new Error(`kubernetes-models declarations: ${ts.flattenDiagnosticMessageText(diagnostics[0].messageText, '\n')}`);
    const checker = program.getTypeChecker();
    const file = program.getSourceFile(entry)!;
    const roots = new Map<string, ts.Type>();
    const decl = file.statements.find(ts.isInterfaceDeclaration)!;
    for (const member of decl.members) {
      const name = (member.name as ts.StringLiteral).text;
      roots.set(name, checker.getTypeAtLocation(member));
    }
    shapes = { checker, roots };
  }
  return shapes.roots.get(key)!;
}

const camel = (s: string) => s.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
const isToken = (v: unknown) => typeof v === 'string' && v.includes('${');

/** Converts (or, for manifests, checks) `value` along the declared type `type`; errors name the path. */
function walk(value: any, type: ts.Type, at: string, mode: 'terraform' | 'manifest', errors: string[]): any {
  const checker = shapes!.checker;
  const t = checker.getNonNullableType(type);
  const parts = t.isUnion() ? t.types : [t];
  const accepts = (flag: ts.TypeFlags) => parts.some((p) => (p.flags & flag) !== 0);
  const PRIMITIVE = ts.TypeFlags.StringLike | ts.TypeFlags.NumberLike | ts.TypeFlags.BooleanLike | ts.TypeFlags.EnumLike | ts.TypeFlags.Any | ts.TypeFlags.Unknown;
  if (value === null || value === undefined) return value;
  if (parts.every((p) => (p.flags & PRIMITIVE) !== 0)) return primitive(value, accepts, mode);
  if (checker.isArrayType(t)) {
    const element = checker.getTypeArguments(t as ts.TypeReference)[0];
    if (!Array.isArray(value)) {
      errors.push(`${at}: a list is required, got ${JSON.stringify(value).slice(0, 60)}`);
      return value;
    }
    return value.map((v, i) => walk(v, element, `${at}[${i}]`, mode, errors));
  }
  const props = t.getProperties();
  const index = t.getStringIndexType();
  if (props.length === 0 && index) {
    // A map (labels, annotations, data, resource quantities, selectors): keys as they are.
    if (typeof value !== 'object' || Array.isArray(value)) errors.push(`${at}: a map is required`);
    return value;
  }
  if (props.length > 0) {
    let obj = value;
    if (mode === 'terraform' && Array.isArray(obj) && obj.length === 1) obj = obj[0];
    if (typeof obj !== 'object' || Array.isArray(obj)) {
      errors.push(`${at}: an object is required, got ${JSON.stringify(value).slice(0, 60)}`);
      return value;
    }
    const out: any = {};
    const names = new Map(props.map((p) => [p.getName(), p]));
    for (const [k, v] of Object.entries(obj)) {
      if (mode === 'terraform' && TERRAFORM_ONLY.has(k)) continue;
      const candidates = mode === 'terraform' ? [camel(k), `${camel(k)}s`, `${camel(k)}es`, camel(k).replace(/y$/, 'ies')] : [k];
      // Initialisms are upper case in Kubernetes (host_ipc -> hostIPC).
      const name = candidates.find((c) => names.has(c)) ?? (mode === 'terraform' ? [...names.keys()].find((n) => candidates.some((c) => c.toLowerCase() === n.toLowerCase())) : undefined);
      if (!name) {
        errors.push(`${at}.${k}: no such field in the schema`);
        continue;
      }
      const prop = names.get(name)!;
      out[name] = walk(v, checker.getTypeOfSymbol(prop), `${at}.${name}`, mode, errors);
    }
    return out;
  }
  errors.push(`${at}: no shape known for this field`);
  return value;
}

/**
 * A primitive field. The provider parses numeric strings where Kubernetes wants an
 * integer (Atoi) or an IntOrString (intstr.Parse); a token is only known at apply.
 * Anything else is left for the JSON-schema validator to judge.
 */
function primitive(value: any, accepts: (flag: ts.TypeFlags) => boolean, mode: 'terraform' | 'manifest'): any {
  if (mode === 'terraform' && typeof value === 'string' && accepts(ts.TypeFlags.NumberLike)) {
    if (/^-?\d+$/.test(value)) return Number(value);
    if (isToken(value) && !accepts(ts.TypeFlags.StringLike)) return 1;
  }
  return value;
}

/** A typed `kubernetes_*` resource (cdktf JSON) as a Kubernetes manifest, with the fields the schema does not know. */
export function toManifest(type: string, resource: any): { manifest: any; errors: string[] } {
  const target = TYPED_RESOURCES[type];
  if (!target) return { manifest: undefined, errors: [`${type}: no Kubernetes kind known for this Terraform type (add it to TYPED_RESOURCES)`] };
  const errors: string[] = [];
  const body = walk(resource, rootType(target.apiVersion, target.kind), target.kind, 'terraform', errors);
  const manifest = { apiVersion: target.apiVersion, kind: target.kind, ...body };
  // The provider base64-encodes Secret data itself.
  if (target.kind === 'Secret' && manifest.data) manifest.data = Object.fromEntries(Object.entries(manifest.data).map(([k, v]) => [k, Buffer.from(String(v)).toString('base64')]));
  return { manifest, errors };
}

/** Fields of a manifest that its kind's schema does not have (unknown fields pass the OpenAPI validators). */
export function unknownFields(manifest: any): string[] {
  const errors: string[] = [];
  walk(manifest, rootType(manifest.apiVersion, manifest.kind), manifest.kind, 'manifest', errors);
  return errors;
}

/** Validates manifests with the packages' JSON-schema validators; one list of messages per manifest (empty = valid). */
export function validateManifests(manifests: any[]): string[][] {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'k8s-validate-'));
  try {
    const input = path.join(dir, 'manifests.json');
    fs.writeFileSync(input, JSON.stringify(manifests.map((m) => ({ module: modulePath(m.apiVersion, m.kind).replace(/\/[^/]+$/, ''), manifest: m }))));
    const r = spawnSync(process.execPath, [path.join(__dirname, 'kubernetes-validate.mjs'), input], { encoding: 'utf8', cwd: path.resolve(__dirname, '..', '..') });
    if (r.status !== 0) throw new Error(`kubernetes-validate.mjs failed: ${r.stderr}`);
    return JSON.parse(r.stdout);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
