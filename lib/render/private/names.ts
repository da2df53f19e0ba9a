import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { describeValue } from '../../core/errors';

/** "AiWorker" -> "ai-worker", "Api" -> "api". */
export function kebabCase(id: string): string {
  return id.replace(/([a-z0-9])([A-Z])/g, '$1-$2').replace(/[^A-Za-z0-9]+/g, '-').replace(/^-|-$/g, '').toLowerCase();
}

/** Names Render keeps unique per workspace (owner), and custom domains, which point at one service. */
export type RenderNameKind = 'service' | 'env group' | 'Key Value' | 'registry credential' | 'custom domain';

interface Claim {
  /** The construct that owns the name (a service, an env group). */
  readonly owner: IConstruct;
  /** Where the error is reported: the construct the user called. */
  readonly reportScope: IConstruct;
  /** The prop as the user wrote it ("workers.Worker.name"). */
  readonly prop: string;
  /** The value the user wrote (the logical name), for the message. */
  readonly value: string;
}

const REGISTRY = Symbol.for('@livestreamsell/cdktf-constructs.renderWorkspaceNames');

/**
 * Claims `name` (a Render name, or a custom domain) of kind `kind` for `owner`.
 *
 * Render names are unique per workspace, and one app deploys into one
 * workspace, so the claims are kept per app (the construct tree's root): two
 * services named alike in two `RenderCompute`s, or in two stacks, collide too.
 * The check runs at synth (`node.addValidation` on `reportScope`), when every
 * claim is known, and each of the colliding constructs reports the other, so the
 * first stack to synthesize already fails and nothing is written.
 * Unresolved tokens (a domain from a Terraform variable) cannot be compared and pass.
 */
export function claimRenderName(kind: RenderNameKind, name: string, claim: Claim): void {
  if (Token.isUnresolved(name)) return;
  const root = claim.owner.node.root as any;
  if (!root[REGISTRY]) Object.defineProperty(root, REGISTRY, { value: new Map<string, Claim[]>() });
  const registry: Map<string, Claim[]> = root[REGISTRY];
  const key = `${kind}\u0000${name}`;
  const claims = registry.get(key) ?? [];
  claims.push(claim);
  registry.set(key, claims);
  claim.reportScope.node.addValidation({
    validate: () => {
      const others = claims.filter((c) => c !== claim).map((c) => c.owner.node.path);
      if (others.length === 0) return [];
      const renderName = name === claim.value ? '' : ` (Render name ${JSON.stringify(name)})`;
      const allowed = kind === 'custom domain'
        ? `a domain no other web service claims: ${others.join(', ')} claims it too (a custom domain points at one service)`
        : `${kind === 'env group' ? 'an' : 'a'} ${kind} name${renderName} no other ${kind} of the Render workspace uses: ${others.join(', ')} has it too (Render names are unique per workspace, so the apply would fail)`;
      return [`invalid "${claim.prop}": got ${describeValue(claim.value)}; expected ${allowed}`];
    },
  });
}
