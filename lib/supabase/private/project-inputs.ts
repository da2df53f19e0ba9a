import { Annotations, Token } from 'cdktf';
import { Construct } from 'constructs';
import { SUPABASE_ROLES } from './access-model';
import { checkPlainText } from './connection-check';
import { SUPABASE_DATABASE } from './imported-database';
import { ResolvedPolicy } from './row-level-security-sql';
import { ValidationError, describeValue } from '../../core/errors';
import { checkEnumLike } from '../../core/private/enum-like';
import { terraformExpression } from '../../core/private/escape';
import { Input } from '../../core/private/input';
import { stackVariable } from '../../core/private/variables';
import { Environment } from '../../environment/environment';
import { SupabaseRegion } from '../supabase-region';

const REGIONS = 'SupabaseRegion.US_EAST_1, SupabaseRegion.EU_CENTRAL_1, ... or SupabaseRegion.of("<code>")';
/** The regions this library knows (the static members of SupabaseRegion). */
const KNOWN_REGIONS = Object.values(SupabaseRegion).filter((v): v is SupabaseRegion => v instanceof SupabaseRegion);

/** `region`, or the environment's region when Supabase offers it. */
export function resolveRegion(scope: Construct, input: Input, env: Environment): SupabaseRegion {
  const set = checkEnumLike<SupabaseRegion>(scope, 'region', input.raw('region'), 'SupabaseRegion', REGIONS);
  if (set) return set;
  const fromEnvironment = KNOWN_REGIONS.find((r) => r.value === env.region);
  if (!fromEnvironment) {
    throw new ValidationError(scope, 'region', env.region, `a Supabase region: the environment's region is not one Supabase offers (${KNOWN_REGIONS.map((r) => r.value).join(', ')}); set "region", for example SupabaseRegion.US_EAST_1, or SupabaseRegion.of("<code>") for a region newer than this library`);
  }
  return fromEnvironment;
}

/** `organizationSlug`, or the stack variable `supabase_organization_slug`. */
export function resolveOrganization(scope: Construct, input: Input): string {
  const slug = checkPlainText(input, 'organizationSlug', { nonEmpty: true, pattern: /^[a-z0-9][a-z0-9-]{0,63}$/, allowed: 'a Supabase organization slug: lowercase letters, digits and "-"' });
  if (slug !== undefined) return slug;
  return stackVariable(scope, 'supabase_organization_slug', {
    type: 'string',
    nullable: false,
    description: 'Supabase organization slug (Dashboard > Organization settings). Cannot change after the project is created.',
    validation: [{
      condition: terraformExpression('can(regex("^[a-z0-9][a-z0-9-]*$", var.supabase_organization_slug))'),
      errorMessage: 'supabase_organization_slug must be a lowercase organization slug.',
    }],
  }).stringValue;
}

/** The stack variable `supabase_allowed_cidrs`, validated at plan by the same bound as the synth-time check. */
export function allowedCidrsVariable(scope: Construct): string[] {
  return stackVariable(scope, 'supabase_allowed_cidrs', {
    type: 'list(string)',
    nullable: false,
    description: 'Public CIDR blocks allowed to reach Supabase Postgres: the platform egress ranges and the Terraform runner.',
    validation: [{
      // The plan-time form of the synth-time address-space check: no block wider than a /13 (IPv4) or a /23 (IPv6).
      condition: terraformExpression('length(var.supabase_allowed_cidrs) > 0 && alltrue([for c in var.supabase_allowed_cidrs : can(cidrhost(c, 0)) && try(tonumber(split("/", c)[1]) >= (strcontains(c, ":") ? 23 : 13), false)])'),
      errorMessage: 'supabase_allowed_cidrs must be a non-empty list of CIDR blocks no wider than a /13 (IPv4) or a /23 (IPv6): wider blocks are internet-wide.',
    }],
  }).listValue;
}

/** What the project-name collision check reads of each database. */
interface NamedDatabase {
  readonly projectName: string;
  readonly organizationSlug: string;
}

/** Other databases of the app that create a project of the same name (in the same organization, or one unknown at synth). */
export function projectNameCollisions(self: Construct & NamedDatabase): string[] {
  if (Token.isUnresolved(self.projectName)) return [];
  const sameOrganization = (other: string) => Token.isUnresolved(other) || Token.isUnresolved(self.organizationSlug) || other === self.organizationSlug;
  return self.node.root.node.findAll()
    .filter((c) => c !== self && SUPABASE_DATABASE in c && typeof (c as any).organizationSlug === 'string')
    .map((c) => c as Construct & NamedDatabase)
    .filter((c) => c.projectName === self.projectName && sameOrganization(c.organizationSlug))
    .map((other) => `invalid "projectName": got ${describeValue(self.projectName)}; expected a Supabase project name used by one database of the app only: ${other.node.path} creates a project ${JSON.stringify(self.projectName)} too (set "projectName" on one of them)`);
}

/** Warns about policy roles that neither the construct nor Supabase creates. */
export function warnOnUnknownPolicyRoles(scope: Construct, policies: ResolvedPolicy[], ownRoles: string[]): void {
  const known = new Set([...SUPABASE_ROLES, ...ownRoles]);
  const unknown = [...new Set(policies.flatMap((p) => p.roles).filter((r) => !known.has(r)))];
  if (unknown.length > 0) {
    Annotations.of(scope).addWarning(`[lib:supabase:policy-roles] row-level security names roles this construct does not create and Supabase does not provide: ${unknown.join(', ')}. Create them before the policies are applied.`);
  }
}

/**
 * A synthetic-data database is never production, and nobody from the internet
 * can create an account in it (an account is a real person's e-mail address).
 */
export function assertSyntheticDataOnly(scope: Construct, env: Environment, input: Input, authJson: string): void {
  if (env.isProduction) {
    throw new ValidationError(scope, 'syntheticDataOnly', true, `false in production (environment "${env.name}"): a production database holds real data`);
  }
  if (JSON.parse(authJson).disable_signup !== true) {
    throw new ValidationError(scope, 'auth.signUp', (input.props.auth as { signUp?: unknown }).signUp, 'SignUpPolicy.INVITE_ONLY with syntheticDataOnly: open sign-ups would let real people put their own data into a synthetic-data database');
  }
}
