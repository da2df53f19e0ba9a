import { IConstruct } from 'constructs';
import { ValidationError, pathOf } from '../../core/errors';
import { isUnresolved } from '../../core/private/input';

/**
 * Names that must be unique beyond one construct: S3 bucket names (global), IAM
 * user, group and role names (per account), KMS aliases and DynamoDB tables (per
 * account and region). Two constructs of one app that claim the same name would
 * fail at apply (or, worse, one would silently take over the other's resource), so
 * the second claim fails synth naming both constructs.
 *
 * The registry lives on the construct tree's root (the App) under a `Symbol.for`
 * key: it spans every stack of the app and is shared by two copies of the library.
 * Names that are tokens are only known at plan time and are not checked.
 */
const REGISTRY = Symbol.for('@livestreamsell/cdktf-constructs.uniqueNames');

/** One claim of a name. */
export interface NameClaim {
  /** What the name is, with its article, for the message ("an S3 bucket name", "a KMS alias"). */
  readonly kind: string;
  /** The name as the user sees it. */
  readonly name: string;
  /** The prop that sets the name (reported on the claiming construct). */
  readonly prop: string;
  /** Why it must be unique, and how to fix it. */
  readonly why: string;
  /**
   * Uniqueness scope beyond the name, for example the region of a KMS alias.
   * @default - the name alone
   */
  readonly scope?: string;
}

/** Claims `claim.name` for `owner`; throws a ValidationError naming both constructs when another construct has it. */
export function claimUniqueName(owner: IConstruct, claim: NameClaim): void {
  if (isUnresolved(claim.name) || (claim.scope !== undefined && isUnresolved(claim.scope))) return;
  const root = owner.node.root as unknown as { [REGISTRY]?: Map<string, { owner: IConstruct; prop: string }> };
  let registry = root[REGISTRY];
  if (registry === undefined) {
    registry = new Map();
    Object.defineProperty(root, REGISTRY, { value: registry });
  }
  const key = `${claim.kind}\u0000${claim.scope ?? ''}\u0000${claim.name}`;
  const holder = registry.get(key);
  if (holder === undefined) {
    registry.set(key, { owner, prop: claim.prop });
    return;
  }
  // The same claim again, or the child of a module that claimed its children's names
  // first (to report them under its own props): one claim.
  if ((holder.owner === owner && holder.prop === claim.prop) || (holder.owner !== owner && owner.node.scopes.includes(holder.owner))) return;
  const where = claim.scope ? ` in ${claim.scope}` : '';
  const by = holder.owner === owner ? `"${holder.prop}" of this construct` : `[${pathOf(holder.owner)}]`;
  throw new ValidationError(owner, claim.prop, claim.name, `${claim.kind} not already used${where} by ${by}: ${claim.why}`);
}
