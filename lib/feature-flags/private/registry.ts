import { IConstruct } from 'constructs';
import { describeValue } from '../../core/errors';

/** One flag's claim on a key in a PostHog project. */
export interface KeyClaim {
  /** The flag construct that owns the key. */
  readonly owner: IConstruct;
  /** Where the error is reported: the construct the user called (a `FeatureFlags` for its items). */
  readonly reportScope: IConstruct;
  /** The prop as the user wrote it ("key", "flags[1].key"). */
  readonly prop: string;
}

const REGISTRY = Symbol.for('@livestreamsell/cdktf-constructs.posthogFlagKeys');

/**
 * Claims flag key `key` in PostHog project `projectId` (a literal id or a token's
 * text: two stacks reading their own variable never compare equal).
 *
 * PostHog keeps keys unique per project, and an app may manage one project from
 * several stacks, so claims are kept per app (the construct tree's root). The
 * check runs at synth (`node.addValidation` on the reporting construct), when
 * every claim is known; each colliding flag names the others, so the first stack
 * to synthesize fails and nothing is written.
 */
export function claimFlagKey(projectId: string, key: string, claim: KeyClaim): void {
  const root = claim.owner.node.root as any;
  if (!root[REGISTRY]) Object.defineProperty(root, REGISTRY, { value: new Map<string, KeyClaim[]>() });
  const registry: Map<string, KeyClaim[]> = root[REGISTRY];
  const id = `${projectId}\u0000${key}`;
  const claims = registry.get(id) ?? [];
  claims.push(claim);
  registry.set(id, claims);
  claim.reportScope.node.addValidation({
    validate: () => {
      const others = claims.filter((c) => c !== claim).map((c) => c.owner.node.path);
      if (others.length === 0) return [];
      return [`invalid "${claim.prop}": got ${describeValue(key)}; expected a flag key that no other flag of the same PostHog project uses: ${others.join(', ')} has it too (PostHog keeps keys unique per project, so the apply would fail)`];
    },
  });
}

/**
 * Claims that a `FeatureFlags` hands to the flags it creates, keyed by the props
 * object it passes: their collisions are reported on the collection, as
 * `flags[i].key`, the prop the user wrote.
 */
const PARENT_CLAIMS = new WeakMap<object, Omit<KeyClaim, 'owner'>>();

/** Records that the flag created with `props` reports collisions through `claim`. */
export function setParentClaim(props: object, claim: Omit<KeyClaim, 'owner'>): void {
  PARENT_CLAIMS.set(props, claim);
}

/** The claim a parent recorded for `props`, with `owner` the flag, or undefined. */
export function parentClaimOf(props: object, owner: IConstruct): KeyClaim | undefined {
  const claim = PARENT_CLAIMS.get(props);
  return claim ? { ...claim, owner } : undefined;
}
