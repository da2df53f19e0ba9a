import { IConstruct } from 'constructs';
import { assertRoleName, assertSqlIdentifier, quoteIdent, quoteIdentList, quoteLiteral } from './sql';
import { DatabaseRoleSettings } from './supabase-database-props';
import { ValidationError } from '../core/errors';
import { assertInteger } from '../core/private/validation';
import { Environment } from '../environment/environment';

/**
 * The database access model of SupabaseDatabase, defined once and rendered twice:
 * to `@cdktf/provider-postgresql` resources (what Terraform applies) and to SQL
 * (the migration file, and what the test suite runs on a real PostgreSQL to prove
 * that the privileges do what this file says).
 */

/** What one role may do in each application schema. */
interface RoleProfile {
  readonly id: string;
  readonly suffix: string;
  readonly connectionLimit: number;
  readonly statementTimeoutSeconds: number;
  /** Privileges on the schema itself. */
  readonly schema: string[];
  /** Privileges on every table (existing, and future ones created by the migration role). */
  readonly tables: string[];
  /** Privileges on every sequence (identity and serial columns). */
  readonly sequences: string[];
  /** Supabase schemas the role may use (USAGE only: `auth` for `auth.uid()` in policies). */
  readonly supabaseSchemas: string[];
}

/**
 * Least privilege by role, the table a reviewer reads:
 *
 * | role        | schema        | tables                          | sequences     | auth schema |
 * |-------------|---------------|---------------------------------|---------------|-------------|
 * | application | USAGE         | SELECT, INSERT, UPDATE, DELETE  | SELECT, USAGE | USAGE       |
 * | analytics   | USAGE         | SELECT                          | -             | -           |
 * | migration   | USAGE, CREATE | (owns what it creates)          | (owns)        | -           |
 *
 * No role is superuser, creates databases or roles, replicates or bypasses RLS;
 * the application cannot TRUNCATE or change the schema, analytics cannot write.
 * USAGE on `auth` lets the application's sessions evaluate `auth.uid()` in
 * row-level security policies; it grants no access to auth tables.
 */
const PROFILES: { [kind: string]: RoleProfile } = {
  application: { id: 'ApplicationRole', suffix: 'app', connectionLimit: 20, statementTimeoutSeconds: 30, schema: ['USAGE'], tables: ['SELECT', 'INSERT', 'UPDATE', 'DELETE'], sequences: ['SELECT', 'USAGE'], supabaseSchemas: ['auth'] },
  analytics: { id: 'AnalyticsRole', suffix: 'analytics', connectionLimit: 5, statementTimeoutSeconds: 300, schema: ['USAGE'], tables: ['SELECT'], sequences: [], supabaseSchemas: [] },
  migration: { id: 'MigrationRole', suffix: 'migrator', connectionLimit: 3, statementTimeoutSeconds: 900, schema: ['USAGE', 'CREATE'], tables: [], sequences: [], supabaseSchemas: [] },
};

/** Role kinds in the order they are created. */
export const ROLE_KINDS = ['migration', 'application', 'analytics'] as const;

/** Schemas that extensions are installed into when none is given (Supabase's layout). */
const EXTENSION_SCHEMAS: { [extension: string]: string } = {
  supabase_vault: 'vault',
  pg_graphql: 'graphql',
  pgsodium: 'pgsodium',
};
const DEFAULT_EXTENSION_SCHEMA = 'extensions';

/** One resolved role. */
export interface ResolvedRole {
  readonly kind: string;
  readonly id: string;
  readonly name: string;
  readonly connectionLimit: number;
  readonly statementTimeoutMs: number;
  readonly idleInTransactionTimeoutMs: number;
  readonly schemaPrivileges: string[];
  readonly tablePrivileges: string[];
  readonly sequencePrivileges: string[];
  readonly supabaseSchemas: string[];
}

/** The resolved access model. */
export interface AccessModel {
  readonly extensions: { name: string; schema: string }[];
  /** Application schemas (grants apply to each). */
  readonly schemas: string[];
  /** Application schemas to create (all but "public", which always exists). */
  readonly createdSchemas: string[];
  /** Extension schemas the roles may use (all but Vault's). */
  readonly extensionSchemas: string[];
  /** Migration, application, analytics. */
  readonly roles: ResolvedRole[];
  /** The role that owns new tables (the migration role). */
  readonly owner: string;
  /** search_path of the roles: the application schemas, then "extensions". */
  readonly searchPath: string[];
}

/** Inputs of `resolveAccessModel`. */
export interface AccessModelInput {
  readonly extensions: string[];
  readonly schemas: string[];
  readonly roles: { [kind: string]: DatabaseRoleSettings | undefined };
}

/** Validates the inputs (errors name the prop) and applies the defaults. */
export function resolveAccessModel(scope: IConstruct, environment: Environment, input: AccessModelInput): AccessModel {
  input.extensions.forEach((e, i) => assertSqlIdentifier(scope, `extensions[${i}]`, e));
  if (input.schemas.length === 0) {
    throw new ValidationError(scope, 'schemas', input.schemas, 'at least one application schema (for example ["public"])');
  }
  input.schemas.forEach((s, i) => {
    assertSqlIdentifier(scope, `schemas[${i}]`, s);
    if (s.startsWith('pg_') || ['information_schema', 'auth', 'storage', 'vault', 'extensions', 'realtime', 'graphql', 'graphql_public', 'supabase_functions'].includes(s)) {
      throw new ValidationError(scope, `schemas[${i}]`, s, 'an application schema, not one that PostgreSQL or Supabase manages');
    }
  });
  const project = environment.project.replace(/-/g, '_');
  const roles = ROLE_KINDS.map((kind) => {
    const profile = PROFILES[kind];
    const settings = input.roles[kind] ?? {};
    const prop = `${kind}Role`;
    const name = settings.name ?? `${project}_${profile.suffix}`;
    assertRoleName(scope, `${prop}.name`, name);
    const connectionLimit = settings.connectionLimit ?? profile.connectionLimit;
    assertInteger(scope, `${prop}.connectionLimit`, connectionLimit, 1, 1000);
    const statementTimeout = settings.statementTimeoutSeconds ?? profile.statementTimeoutSeconds;
    assertInteger(scope, `${prop}.statementTimeoutSeconds`, statementTimeout, 0, 86400);
    const idle = settings.idleInTransactionTimeoutSeconds ?? 60;
    assertInteger(scope, `${prop}.idleInTransactionTimeoutSeconds`, idle, 0, 86400);
    return {
      kind,
      id: profile.id,
      name,
      connectionLimit,
      statementTimeoutMs: statementTimeout * 1000,
      idleInTransactionTimeoutMs: idle * 1000,
      schemaPrivileges: profile.schema,
      tablePrivileges: profile.tables,
      sequencePrivileges: profile.sequences,
      supabaseSchemas: profile.supabaseSchemas,
    };
  });
  const names = roles.map((r) => r.name);
  const duplicate = names.find((n, i) => names.indexOf(n) !== i);
  if (duplicate) {
    throw new ValidationError(scope, 'roles', names, 'three distinct names for the application, analytics and migration roles');
  }
  const extensions = [...new Set(input.extensions)].map((name) => ({ name, schema: EXTENSION_SCHEMAS[name] ?? DEFAULT_EXTENSION_SCHEMA }));
  const schemas = [...new Set(input.schemas)];
  return {
    extensions,
    schemas,
    createdSchemas: schemas.filter((s) => s !== 'public'),
    extensionSchemas: [...new Set(extensions.map((e) => e.schema))].filter((s) => s !== 'vault'),
    roles,
    owner: roles.find((r) => r.kind === 'migration')!.name,
    searchPath: [...schemas, DEFAULT_EXTENSION_SCHEMA],
  };
}

/**
 * Renders the access model to idempotent SQL: extensions, roles (without
 * passwords: Terraform sets them, or the operator with `ALTER ROLE ... PASSWORD`),
 * schemas, grants and default privileges, in one transaction. Privileges are only
 * ever granted here; the Terraform path (postgresql_grant) also revokes extras.
 */
export function renderAccessSql(model: AccessModel): string {
  const out = [
    '-- Database access (extensions, roles, schemas, grants), generated by @livestreamsell/cdktf-constructs (SupabaseDatabase).',
    '-- Idempotent: applying it again leaves the database unchanged. Role passwords are not part of it.',
    'BEGIN;',
  ];
  if (model.extensions.length > 0) out.push('', '-- extensions');
  for (const schema of new Set(model.extensions.map((e) => e.schema))) {
    out.push(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)};`);
  }
  for (const e of model.extensions) {
    out.push(`CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name)} WITH SCHEMA ${quoteIdent(e.schema)};`);
  }
  for (const role of model.roles) {
    out.push('', `-- role ${role.name} (${role.kind})`);
    // SUPERUSER, REPLICATION and BYPASSRLS can only be set at CREATE time by a
    // non-superuser (ALTER ROLE naming them needs superuser even to turn them
    // off): create with them off, and refuse a pre-existing role that has them.
    out.push(
      'DO $lss$',
      'BEGIN',
      `  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${quoteLiteral(role.name)}) THEN`,
      `    CREATE ROLE ${quoteIdent(role.name)} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;`,
      '  END IF;',
      `  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${quoteLiteral(role.name)} AND (rolsuper OR rolreplication OR rolbypassrls)) THEN`,
      `    RAISE EXCEPTION 'role % already exists with SUPERUSER, REPLICATION or BYPASSRLS; a superuser must remove them first', ${quoteLiteral(role.name)};`,
      '  END IF;',
      'END',
      '$lss$;',
    );
    out.push(`ALTER ROLE ${quoteIdent(role.name)} WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT CONNECTION LIMIT ${role.connectionLimit};`);
    out.push(`ALTER ROLE ${quoteIdent(role.name)} SET statement_timeout = ${role.statementTimeoutMs};`);
    out.push(`ALTER ROLE ${quoteIdent(role.name)} SET idle_in_transaction_session_timeout = ${role.idleInTransactionTimeoutMs};`);
    out.push(`ALTER ROLE ${quoteIdent(role.name)} SET search_path = ${quoteIdentList(model.searchPath)};`);
    out.push(
      'DO $lss$',
      'BEGIN',
      `  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), ${quoteLiteral(role.name)});`,
      'END',
      '$lss$;',
    );
  }
  // ALTER DEFAULT PRIVILEGES FOR ROLE needs membership in the owner role.
  out.push(
    '',
    '-- the applying user must be a member of the owner role to set its default privileges',
    'DO $lss$',
    'BEGIN',
    `  IF NOT pg_catalog.pg_has_role(current_user, ${quoteLiteral(model.owner)}, 'MEMBER') THEN`,
    `    EXECUTE format('GRANT %I TO %I', ${quoteLiteral(model.owner)}, current_user);`,
    '  END IF;',
    'END',
    '$lss$;',
  );
  for (const schema of model.createdSchemas) {
    out.push('', `-- schema ${schema}`, `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)} AUTHORIZATION ${quoteIdent(model.owner)};`);
  }
  for (const schema of model.schemas) {
    out.push('', `-- grants in ${schema}`);
    for (const role of model.roles) {
      const r = quoteIdent(role.name);
      const s = quoteIdent(schema);
      out.push(`GRANT ${role.schemaPrivileges.join(', ')} ON SCHEMA ${s} TO ${r};`);
      if (role.tablePrivileges.length > 0) {
        out.push(`GRANT ${role.tablePrivileges.join(', ')} ON ALL TABLES IN SCHEMA ${s} TO ${r};`);
        out.push(`ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(model.owner)} IN SCHEMA ${s} GRANT ${role.tablePrivileges.join(', ')} ON TABLES TO ${r};`);
      }
      if (role.sequencePrivileges.length > 0) {
        out.push(`GRANT ${role.sequencePrivileges.join(', ')} ON ALL SEQUENCES IN SCHEMA ${s} TO ${r};`);
        out.push(`ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(model.owner)} IN SCHEMA ${s} GRANT ${role.sequencePrivileges.join(', ')} ON SEQUENCES TO ${r};`);
      }
    }
  }
  out.push('', '-- extension and Supabase schemas (vector, pgcrypto; auth.uid() in policies)');
  for (const schema of model.extensionSchemas) {
    out.push(`GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${quoteIdentList(model.roles.map((r) => r.name))};`);
  }
  for (const role of model.roles) {
    for (const schema of role.supabaseSchemas) {
      out.push(`GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${quoteIdent(role.name)};`);
    }
  }
  out.push('', 'COMMIT;', '');
  return out.join('\n');
}
