import { TerraformStack, Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { describeValue, pathOf } from '../../core/errors';

/**
 * Names that must be unique, caught at synth with a message naming both
 * constructs: Kubernetes objects per namespace and kind (two apps named "api" in
 * one namespace, an app "api-canary" next to the canary of "api"), cluster-scoped
 * objects per kind (namespaces, ClusterIssuers) and Grafana dashboard uids.
 *
 * Claims are kept per stack (a stack talks to one cluster through its provider).
 * The first claim of a name wins; each later one adds a validation error to its
 * own construct, so `synth` fails before anything is written.
 */

interface Claim {
  readonly owner: IConstruct;
  readonly prop: string;
}

interface Registry {
  readonly claims: Map<string, Claim>;
  readonly conflicts: Map<IConstruct, string[]>;
}

const REGISTRY = Symbol.for('@livestreamsell/cdktf-constructs.k8sNameClaims');

function registryOf(scope: IConstruct): Registry {
  const stack = TerraformStack.of(scope) as any;
  if (!stack[REGISTRY]) stack[REGISTRY] = { claims: new Map(), conflicts: new Map() } as Registry;
  return stack[REGISTRY];
}

/** Where a claimed name must be unique. */
export interface ClaimScope {
  /** Key of the scope ("namespace/shop", "cluster", "grafana"). */
  readonly key: string;
  /** The scope in words, for messages ('namespace "shop"', "the cluster"). */
  readonly description: string;
}

/** Namespaced objects. */
export const inNamespace = (namespace: string): ClaimScope => ({ key: `namespace/${namespace}`, description: `namespace "${namespace}"` });
/** Cluster-scoped objects. */
export const CLUSTER: ClaimScope = { key: 'cluster', description: 'the cluster' };
/** Grafana dashboards (uids are global to a Grafana instance). */
export const GRAFANA: ClaimScope = { key: 'grafana', description: 'Grafana' };

/** Wording of a collision message. */
export interface ClaimOptions {
  /** What the name is called ("name", "uid"). */
  readonly noun?: string;
  /** How to resolve a collision, appended to the message. */
  readonly hint?: string;
}

/**
 * Claims `name` for an object of `kind` in `where`, for the construct `owner`
 * whose prop `prop` the name comes from. A second claim by the same owner and
 * prop is the same object (the canary reuses the stable TLS Secret); any other
 * second claim is a collision. Unresolved tokens cannot be compared and are skipped.
 */
export function claimName(owner: IConstruct, prop: string, where: ClaimScope, kind: string, name: string, options: ClaimOptions = {}): void {
  if (Token.isUnresolved(name) || Token.isUnresolved(where.key)) return;
  const registry = registryOf(owner);
  const key = `${where.key}\u0000${kind}\u0000${name}`;
  const first = registry.claims.get(key);
  if (first === undefined) {
    registry.claims.set(key, { owner, prop });
    return;
  }
  if (first.owner === owner && first.prop === prop) return;
  const other = first.owner === owner ? `its own "${first.prop}"` : `${pathOf(first.owner)} (its "${first.prop}")`;
  const noun = options.noun ?? 'name';
  const hint = options.hint ? `; ${options.hint}` : '';
  addConflict(registry, owner, `invalid "${prop}": got ${describeValue(name)}; expected a ${kind} ${noun} not already used in ${where.description}: ${other} already creates the ${kind} "${name}" there${hint}`);
}

function addConflict(registry: Registry, owner: IConstruct, message: string): void {
  let list = registry.conflicts.get(owner);
  if (list === undefined) {
    list = [];
    registry.conflicts.set(owner, list);
    const messages = list;
    owner.node.addValidation({ validate: () => [...messages] });
  }
  list.push(message);
}
