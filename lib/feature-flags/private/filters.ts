import { Fn, IResolvable, Op, Token } from 'cdktf';

/**
 * The `filters` JSON of a `posthog_feature_flag`: who the flag is on for.
 *
 * PostHog evaluates a boolean flag as the OR of its condition sets (`groups`);
 * inside a set, every property must match, then `rollout_percentage` keeps that
 * share of the matching users (by a stable hash of the flag key and the distinct
 * id). The library writes at most two sets, always in this order:
 *
 * | set | properties                                                           | rollout_percentage |
 * |-----|----------------------------------------------------------------------|--------------------|
 * | 0   | none (every user)                                                    | the flag's rollout (0 by default: nobody) |
 * | 1   | `{ key: <property>, type: "person", operator: "exact", value: [ids] }` | 100 (every listed user) |
 *
 * Set 1 exists only when beta testers are listed (or come from a token). Set 0
 * comes first because the provider copies its top-level `rollout_percentage`
 * into `groups[0]` on every create and update: the construct sets that
 * attribute to the same number, so the two never disagree.
 *
 * The text is the canonical form the provider stores in state (Go's
 * `json.Marshal`: keys sorted, no spaces, `<`, `>`, `&`, U+2028 and U+2029
 * escaped), so a plan after an apply shows no difference. Tokens (a Terraform
 * list of ids, a rollout from a variable) are inserted as Terraform expressions:
 * `jsonencode(...)` writes the same canonical form.
 */
export interface FlagTargeting {
  /** Share of all users (0-100, or a number token). */
  readonly rolloutPercentage: number;
  /** Beta testers' user ids (literal list or a list token); undefined or [] for none. */
  readonly betaTesterIds?: string[];
  /** The person property holding the user id ("distinct_id"). */
  readonly betaTesterProperty: string;
}

/** The property every PostHog evaluation path fills with the user's distinct id. */
export const DISTINCT_ID = 'distinct_id';

/** True when the targeting has a beta-tester condition set. */
export function hasBetaTesters(t: FlagTargeting): boolean {
  return t.betaTesterIds !== undefined && (Token.isUnresolved(t.betaTesterIds) || t.betaTesterIds.length > 0);
}

/**
 * Whether the targeting reaches anyone: a boolean for literal values, else the
 * Terraform expression (`rollout >= 1 || length(ids) >= 1`) decided at plan time,
 * so that an empty list of beta testers from a variable leaves the flag inactive.
 */
export function targetsAnyone(t: FlagTargeting): boolean | IResolvable {
  const rolloutIsToken = Token.isUnresolved(t.rolloutPercentage);
  const idsAreToken = t.betaTesterIds !== undefined && Token.isUnresolved(t.betaTesterIds);
  if (!rolloutIsToken && t.rolloutPercentage > 0) return true;
  if (!idsAreToken && hasBetaTesters(t)) return true;
  // `>= 1` rather than `> 0`: cdktf 0.21's Op renders a literal 0 operand as "undefined".
  const terms: IResolvable[] = [];
  if (rolloutIsToken) terms.push(Op.gte(t.rolloutPercentage, 1));
  if (idsAreToken) terms.push(Op.gte(Fn.lengthOf(t.betaTesterIds), 1));
  if (terms.length === 0) return false;
  return terms.length === 1 ? terms[0] : Op.or(terms[0], terms[1]);
}

/** The `filters` JSON text (canonical, tokens as Terraform expressions). */
export function renderFilters(t: FlagTargeting): string {
  const groups: unknown[] = [{ properties: [], rollout_percentage: numberOrToken(t.rolloutPercentage) }];
  if (hasBetaTesters(t)) {
    const ids = Token.isUnresolved(t.betaTesterIds) ? new Raw(Fn.jsonencode(t.betaTesterIds)) : t.betaTesterIds!;
    groups.push({
      properties: [{ key: t.betaTesterProperty, operator: 'exact', type: 'person', value: ids }],
      rollout_percentage: 100,
    });
  }
  return canonicalJson({ groups });
}

/** Text inserted as is (a token's string form). */
class Raw {
  constructor(public readonly text: string) {}
}

function numberOrToken(n: number): unknown {
  return Token.isUnresolved(n) ? new Raw(Token.asString(n)) : n;
}

/** Go `encoding/json` output for plain JSON values: sorted keys, compact, HTML-safe strings. */
export function canonicalJson(value: unknown): string {
  if (value instanceof Raw) return value.text;
  if (value === null) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  switch (typeof value) {
    case 'string': return quote(value);
    case 'boolean': return String(value);
    case 'number':
      if (!Number.isFinite(value)) throw new Error(`canonicalJson: ${value} is not a JSON number`);
      return String(value);
    case 'object': {
      const o = value as { [key: string]: unknown };
      return `{${Object.keys(o).sort().map((k) => `${quote(k)}:${canonicalJson(o[k])}`).join(',')}}`;
    }
    default:
      throw new Error(`canonicalJson: cannot encode a ${typeof value}`);
  }
}

/** A JSON string as Go writes it (control characters never reach here: ids refuse them). */
function quote(text: string): string {
  return JSON.stringify(text).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
