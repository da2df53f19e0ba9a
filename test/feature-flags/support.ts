import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdktf';
import { Environment, EnvironmentStack } from '../../lib';

/** Staging and production of the test project, without the AWS provider (flags need none). */
export const STAGING = Environment.staging({ project: 'acme' });
export const PRODUCTION = Environment.production({ project: 'acme' });

/** A fresh app with one stack. */
export function flagStack(environment: Environment = STAGING, id = 'test'): EnvironmentStack {
  return new EnvironmentStack(Testing.app(), id, { environment, awsProvider: false });
}

/** The message of the error `fn` throws. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, none was thrown');
}

/** Synthesized JSON with validations on (collisions are validations). */
export function synth(stack: EnvironmentStack): any {
  return JSON.parse(Testing.synth(stack, true));
}

/** The posthog_feature_flag resources of a synthesized stack, keyed by flag key. */
export function flagsByKey(json: any): { [key: string]: any } {
  return Object.fromEntries(Object.values<any>(json.resource?.posthog_feature_flag ?? {}).map((r) => [r.key, r]));
}

// ----------------------------------------------------------------- provider schema
/**
 * Checks the synthesized `posthog_*` resources and the provider block against
 * schemas/posthog.schema.json (the provider's `terraform providers schema -json`),
 * the way the provider would: known attributes, required ones present, no
 * computed-only attribute set, the Terraform types, plus what the provider's Go
 * code adds (`rollout_percentage` is an Int64Attribute: a whole number).
 */
const SCHEMA = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'schemas', 'posthog.schema.json'), 'utf8'));
const PROVIDER_SCHEMA = SCHEMA.provider_schemas['registry.terraform.io/posthog/posthog'];
const META = new Set(['//', 'provider', 'depends_on', 'lifecycle', 'count', 'for_each', 'connection', 'provisioner']);
const isReference = (v: unknown) => typeof v === 'string' && /^\$\{[^}]*\}$/.test(v);

function typeProblem(type: unknown, value: unknown): string | undefined {
  if (isReference(value)) return undefined;
  if (type === 'string') return typeof value === 'string' ? undefined : 'a string is required';
  if (type === 'bool') return typeof value === 'boolean' ? undefined : 'a bool is required';
  if (type === 'number') return typeof value === 'number' && Number.isFinite(value) ? undefined : 'a number is required';
  if (Array.isArray(type) && (type[0] === 'set' || type[0] === 'list')) {
    if (!Array.isArray(value)) return `a ${type[0]} is required`;
    return value.map((v) => typeProblem(type[1], v)).find(Boolean);
  }
  return `unsupported schema type ${JSON.stringify(type)}`;
}

function blockProblems(where: string, block: any, value: any, problems: string[]): void {
  const attrs = block.attributes ?? {};
  for (const [name, v] of Object.entries<any>(value ?? {})) {
    if (META.has(name)) continue;
    const a = attrs[name];
    if (!a) {
      problems.push(`${where}.${name}: unknown attribute`);
      continue;
    }
    if (a.computed && !a.optional && !a.required) problems.push(`${where}.${name}: read-only (computed) attribute is set`);
    const t = typeProblem(a.type, v);
    if (t) problems.push(`${where}.${name}: ${t}`);
  }
  for (const [name, a] of Object.entries<any>(attrs)) {
    if (a.required && (value ?? {})[name] === undefined) problems.push(`${where}.${name}: required attribute missing`);
  }
}

/** Every schema problem of the stack's PostHog provider and resources (empty when all conform). */
export function posthogSchemaProblems(json: any): string[] {
  const problems: string[] = [];
  for (const [i, config] of [].concat(json.provider?.posthog ?? []).entries()) blockProblems(`provider.posthog[${i}]`, PROVIDER_SCHEMA.provider.block, config, problems);
  for (const [type, resources] of Object.entries<any>(json.resource ?? {})) {
    if (!type.startsWith('posthog_')) continue;
    const schema = PROVIDER_SCHEMA.resource_schemas[type];
    if (!schema) {
      problems.push(`${type}: unknown resource type`);
      continue;
    }
    for (const [id, r] of Object.entries<any>(resources)) {
      blockProblems(`${type}.${id}`, schema.block, r, problems);
      if (type === 'posthog_feature_flag' && typeof r.rollout_percentage === 'number' && !Number.isInteger(r.rollout_percentage)) {
        problems.push(`${type}.${id}.rollout_percentage: a whole number is required (Int64Attribute)`);
      }
    }
  }
  return problems;
}

// ----------------------------------------------------------------- PostHog filters
/** The operators PostHog accepts in flag conditions (FEATURE_FLAG_SUPPORTED_OPERATORS, the ones a person condition can use). */
const FLAG_OPERATORS = new Set(['exact', 'is_not', 'icontains', 'not_icontains', 'regex', 'not_regex', 'gt', 'gte', 'lt', 'lte', 'is_set', 'is_not_set', 'is_date_before', 'is_date_after', 'is_date_exact', 'semver_eq', 'semver_gt', 'semver_lt']);

/**
 * What PostHog's API accepts in `filters` of a person-aggregated boolean flag
 * (posthog/api/feature_flag.py `validate_filters`): at least one condition set on
 * create; each set's `rollout_percentage` a finite number from 0 to 100 or null;
 * properties of type person, cohort or flag with a supported operator; a
 * `variant` only with multivariate variants. Returns the problems (empty when valid).
 */
export function filtersShapeProblems(text: string): string[] {
  let filters: any;
  try {
    filters = JSON.parse(text);
  } catch (e) {
    return [`not JSON: ${(e as Error).message}`];
  }
  const problems: string[] = [];
  if (filters === null || typeof filters !== 'object' || Array.isArray(filters)) return ['filters must be an object'];
  const groups = filters.groups;
  if (!Array.isArray(groups) || groups.length === 0) problems.push('Feature flags must have at least one condition set (group).');
  for (const [g, group] of (Array.isArray(groups) ? groups : []).entries()) {
    const rp = group.rollout_percentage;
    if (rp !== undefined && rp !== null && (typeof rp !== 'number' || !Number.isFinite(rp) || rp < 0 || rp > 100)) problems.push(`groups[${g}].rollout_percentage must be between 0 and 100, got ${JSON.stringify(rp)}`);
    if (group.variant !== undefined && group.variant !== null && !filters.multivariate) problems.push(`groups[${g}].variant: variant override does not exist`);
    if (group.aggregation_group_type_index !== undefined && group.aggregation_group_type_index !== null) problems.push(`groups[${g}]: group-aggregated condition in a person flag`);
    const properties = group.properties ?? [];
    if (!Array.isArray(properties)) problems.push(`groups[${g}].properties must be a list`);
    for (const [p, prop] of (Array.isArray(properties) ? properties : []).entries()) {
      const where = `groups[${g}].properties[${p}]`;
      if (typeof prop.key !== 'string' || prop.key === '') problems.push(`${where}.key must be a non-empty string`);
      if (!['person', 'cohort', 'flag'].includes(prop.type)) problems.push(`${where}.type: person-aggregated conditions can only use person, cohort, and flag properties`);
      if (prop.operator !== undefined && !FLAG_OPERATORS.has(prop.operator)) problems.push(`${where}.operator: Unsupported operator for feature flags: ${prop.operator}`);
      if (prop.operator === 'exact' && !(typeof prop.value === 'string' || (Array.isArray(prop.value) && prop.value.every((v: unknown) => typeof v === 'string')))) {
        problems.push(`${where}.value: exact takes a string or a list of strings`);
      }
    }
  }
  return problems;
}

/**
 * Who a boolean flag is on for, evaluated the way PostHog does for a person flag
 * (posthog/models/feature_flag/flag_matching.py `is_condition_match` and `get_hash`):
 * the OR of the condition sets; a set matches when all its `exact` properties
 * match and the user's hash of "<key>.<distinct id>" falls under its rollout.
 * Person properties are `{ distinct_id, ...props }`, as PostHog fills them.
 */
export function posthogEvaluates(flag: { key: string; active: boolean; filters: string }, distinctId: string, props: { [k: string]: string } = {}): boolean {
  if (!flag.active) return false;
  const person: { [k: string]: string } = { distinct_id: distinctId, ...props };
  return JSON.parse(flag.filters).groups.some((group: any) => {
    const matches = (group.properties ?? []).every((p: any) => p.operator === 'exact' && [].concat(p.value).includes(person[p.key] as never));
    if (!matches) return false;
    const rollout = group.rollout_percentage;
    return rollout === undefined || rollout === null || hashOf(flag.key, distinctId) <= rollout / 100;
  });
}

/** PostHog's bucketing hash: the first 15 hex digits of sha1("<key>.<id>") over 0xFFFFFFFFFFFFFFF. */
function hashOf(key: string, distinctId: string): number {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const hex = require('crypto').createHash('sha1').update(`${key}.${distinctId}`).digest('hex').slice(0, 15);
  return parseInt(hex, 16) / 0xFFFFFFFFFFFFFFF;
}
