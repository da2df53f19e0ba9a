import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { DISTINCT_ID } from './filters';
import { ValidationError } from '../../core/errors';
import { Input, checkString } from '../../core/private/input';
import { secretValueKind } from '../../core/private/secret-detection';

/** PostHog's own rule for flag keys (posthog/api/feature_flag.py `validate_key`). */
export const FLAG_KEY_PATTERN = /^[A-Za-z0-9_-]+$/;
/** PostHog stores keys in a varchar(400). */
export const FLAG_KEY_MAX_LENGTH = 400;
const FLAG_KEY_ALLOWED = 'a PostHog flag key (letters, digits, "-" and "_", such as "new-checkout")';

/** A PostHog project (environment) id: the number in `/project/<id>` of the PostHog URL. */
const PROJECT_ID_PATTERN = /^[1-9][0-9]{0,18}$/;

/**
 * The most beta testers one flag lists by id. Every id is written into the
 * flag's filters and sent to every SDK that evaluates flags locally; a larger
 * group belongs in a person property (`betaTesterProperty`) set by the app.
 */
export const MAX_BETA_TESTERS = 1000;
/** Printable text on one line: no control characters, no lone UTF-16 surrogates. */
const PRINTABLE = /^(?:[^\u0000-\u001f\u007f\ud800-\udfff]|[\ud800-\udbff][\udc00-\udfff])+$/;

/** PostHog personal API keys ("phx_..."): the credential this provider runs with. */
const POSTHOG_PERSONAL_KEY = /\bphx_[A-Za-z0-9]{20,}/;

/** One flag's settings, checked. */
export interface ResolvedFlag {
  readonly key: string;
  readonly description?: string;
  readonly rolloutPercentage: number;
  readonly betaTesterIds?: string[];
  readonly betaTesterProperty: string;
  readonly killed: boolean;
}

/**
 * Reads the options of one flag (the props of `FeatureFlag`, or one item of
 * `FeatureFlags.flags`, whose reader names props `flags[2].key`). Reads only the
 * flag options: the caller reads its own props and calls `done()`.
 */
export function readFlagOptions(input: Input): ResolvedFlag {
  const scope = input.scope;
  const key = input.requiredString('key', { pattern: FLAG_KEY_PATTERN, allowed: FLAG_KEY_ALLOWED, maxLength: FLAG_KEY_MAX_LENGTH });
  if (Token.isUnresolved(key)) {
    throw new ValidationError(scope, input.path('key'), key, `a literal flag key (the application asks PostHog for the flag by this name), not a token: ${FLAG_KEY_ALLOWED}`);
  }
  const description = readText(scope, input.path('description'), input.string('description', { allowed: 'a string (the flag\'s description in PostHog)' }));
  const rolloutPercentage = input.integer('rolloutPercentage', 0, 100) ?? 0;
  const betaTesterProperty = input.string('betaTesterProperty', {
    pattern: PRINTABLE,
    allowed: 'the name of a person property such as "distinct_id" or "email" (printable text on one line)',
    maxLength: 400,
  }) ?? DISTINCT_ID;
  const betaTesterIds = readIds(input);
  const killed = input.boolean('killed') ?? false;
  return { key, description, rolloutPercentage, betaTesterIds, betaTesterProperty, killed };
}

/** `betaTesterIds`: unique, printable, non-empty ids; a list token passes. */
function readIds(input: Input): string[] | undefined {
  const ids = input.stringList('betaTesterIds', {
    maxItems: MAX_BETA_TESTERS,
    unique: true,
    pattern: PRINTABLE,
    allowed: 'a user id as the app identifies users to PostHog (non-empty printable text on one line)',
  });
  if (ids === undefined || Token.isUnresolved(ids)) return ids;
  ids.forEach((id, i) => {
    if (!Token.isUnresolved(id) && id.trim() === '') {
      throw new ValidationError(input.scope, `${input.path('betaTesterIds')}[${i}]`, id, 'a user id as the app identifies users to PostHog (not blank)');
    }
    readText(input.scope, `${input.path('betaTesterIds')}[${i}]`, id);
  });
  return ids;
}

/** Free text that lands in the configuration: never a credential. */
function readText(scope: IConstruct, prop: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const kind = POSTHOG_PERSONAL_KEY.test(value) ? 'a PostHog personal API key (phx_...)' : secretValueKind(value);
  if (kind) {
    throw new ValidationError(scope, prop, '<literal string redacted>', `text without credentials: the value looks like ${kind}, and flag settings are stored in plain text (in PostHog and in the Terraform state)`);
  }
  return value;
}

/** The `projectId` prop: a PostHog project id, or a token. */
export function readProjectId(input: Input): string {
  return input.requiredString('projectId', {
    pattern: PROJECT_ID_PATTERN,
    allowed: 'a PostHog project id: the number in the project\'s URL (https://us.posthog.com/project/12345), as a string such as "12345", or a token',
  });
}

/** A method argument that must be a flag key. */
export function checkFlagKey(scope: IConstruct, prop: string, value: unknown): string {
  const key = checkString(scope, prop, value, { pattern: FLAG_KEY_PATTERN, allowed: FLAG_KEY_ALLOWED, maxLength: FLAG_KEY_MAX_LENGTH });
  if (key === undefined) throw new ValidationError(scope, prop, value, FLAG_KEY_ALLOWED);
  return key;
}
