import { IConstruct } from 'constructs';
import { checkRoleName, checkSqlIdentifier, quoteIdent, quoteIdentList, quoteLiteral } from './sql';
import { SqlScript } from './sql-script';
import { ValidationError, pathOf } from '../../core/errors';
import { Input } from '../../core/private/input';
import { Environment } from '../../environment/environment';

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
  /** The prop that names it ("applicationRole.name"). */
  readonly prop: string;
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

/** Inputs of `resolveAccessModel`: the props, already type-checked as lists. */
export interface AccessModelInput {
  readonly extensions: string[];
  readonly schemas: string[];
  /** The raw role settings props, by kind. */
  readonly roles: { [kind: string]: Input };
}

/**
 * Roles every Supabase project already has: a role of this construct must not
 * take one of their names (it would take over Supabase's own role).
 */
export const SUPABASE_ROLES = [
  'anon', 'authenticated', 'service_role', 'postgres', 'authenticator', 'dashboard_user', 'pgbouncer', 'pgsodium_keyholder',
  'pgsodium_keyiduser', 'pgsodium_keymaker', 'supabase_admin', 'supabase_auth_admin', 'supabase_functions_admin',
  'supabase_read_only_user', 'supabase_realtime_admin', 'supabase_replication_admin', 'supabase_storage_admin',
];

/** Schemas PostgreSQL or Supabase manage: never application schemas. */
export const MANAGED_SCHEMAS = [
  'information_schema', 'auth', 'storage', 'vault', 'extensions', 'realtime', 'graphql', 'graphql_public', 'supabase_functions',
  'supabase_migrations', 'pgsodium', 'pgsodium_masks', 'net', 'cron', 'pgbouncer',
];

/** Validates the inputs (errors name the prop) and applies the defaults. */
export function resolveAccessModel(scope: IConstruct, environment: Environment, input: AccessModelInput): AccessModel {
  input.extensions.forEach((e, i) => checkSqlIdentifier(scope, `extensions[${i}]`, e));
  input.schemas.forEach((s, i) => {
    checkSqlIdentifier(scope, `schemas[${i}]`, s);
    if (s.startsWith('pg_') || MANAGED_SCHEMAS.includes(s)) {
      throw new ValidationError(scope, `schemas[${i}]`, s, 'an application schema, not one that PostgreSQL or Supabase manages');
    }
  });
  const project = environment.project.replace(/-/g, '_');
  const roles = ROLE_KINDS.map((kind) => {
    const profile = PROFILES[kind];
    const settings = input.roles[kind];
    const name = settings.string('name') ?? `${project}_${profile.suffix}`;
    checkRoleName(scope, settings.path('name'), name);
    if (SUPABASE_ROLES.includes(name)) {
      throw new ValidationError(scope, settings.path('name'), name, `a role name Supabase does not already use (${SUPABASE_ROLES.map((r) => JSON.stringify(r)).join(', ')} are Supabase's own roles)`);
    }
    const connectionLimit = settings.integer('connectionLimit', 1, 1000) ?? profile.connectionLimit;
    const statementTimeout = settings.integer('statementTimeoutSeconds', 0, 86400) ?? profile.statementTimeoutSeconds;
    const idle = settings.integer('idleInTransactionTimeoutSeconds', 0, 86400) ?? 60;
    settings.done();
    return {
      kind,
      id: profile.id,
      prop: settings.path('name'),
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
  roles.forEach((role, i) => {
    const other = roles.slice(0, i).find((r) => r.name === role.name);
    if (other) {
      throw new ValidationError(scope, role.prop, role.name, `a name of one role only: ${pathOf(scope)}/${other.id} ("${other.prop}") and ${pathOf(scope)}/${role.id} ("${role.prop}") would both be ${JSON.stringify(role.name)}`);
    }
  });
  const extensions = input.extensions.map((name) => ({ name, schema: EXTENSION_SCHEMAS[name] ?? DEFAULT_EXTENSION_SCHEMA }));
  const schemas = input.schemas;
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
 * Every name is validated and quoted; the result is verified with PostgreSQL's
 * parser to be exactly the statements below.
 */
export function renderAccessSql(scope: IConstruct, model: AccessModel): string {
  const sql = new SqlScript([
    'Database access (extensions, roles, schemas, grants), generated by SupabaseDatabase.',
    'Idempotent: applying it again leaves the database unchanged. Role passwords are not part of it.',
  ]);
  addAccessStatements(sql, model);
  return sql.finish(scope, 'accessSql');
}

/** Adds the statements of `renderAccessSql` to `sql`. */
export function addAccessStatements(sql: SqlScript, model: AccessModel): void {
  if (model.extensions.length > 0) sql.comment('extensions');
  for (const schema of new Set(model.extensions.map((e) => e.schema))) {
    sql.add('CreateSchemaStmt', `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)};`);
  }
  for (const e of model.extensions) {
    sql.add('CreateExtensionStmt', `CREATE EXTENSION IF NOT EXISTS ${quoteIdent(e.name)} WITH SCHEMA ${quoteIdent(e.schema)};`);
  }
  for (const role of model.roles) {
    const r = quoteIdent(role.name);
    sql.comment(`role ${role.name} (${role.kind})`);
    // SUPERUSER, REPLICATION and BYPASSRLS can only be set at CREATE time by a
    // non-superuser (ALTER ROLE naming them needs superuser even to turn them
    // off): create with them off, and refuse a pre-existing role that has them.
    sql.add('DoStmt', [
      'DO $lss$',
      'BEGIN',
      `  IF NOT EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${quoteLiteral(role.name)}) THEN`,
      `    CREATE ROLE ${r} WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS INHERIT;`,
      '  END IF;',
      `  IF EXISTS (SELECT 1 FROM pg_catalog.pg_roles WHERE rolname = ${quoteLiteral(role.name)} AND (rolsuper OR rolreplication OR rolbypassrls)) THEN`,
      `    RAISE EXCEPTION 'role % already exists with SUPERUSER, REPLICATION or BYPASSRLS; a superuser must remove them first', ${quoteLiteral(role.name)};`,
      '  END IF;',
      'END',
      '$lss$;',
    ].join('\n'));
    sql.add('AlterRoleStmt', `ALTER ROLE ${r} WITH LOGIN NOCREATEDB NOCREATEROLE INHERIT CONNECTION LIMIT ${role.connectionLimit};`);
    sql.add('AlterRoleSetStmt', `ALTER ROLE ${r} SET statement_timeout = ${role.statementTimeoutMs};`);
    sql.add('AlterRoleSetStmt', `ALTER ROLE ${r} SET idle_in_transaction_session_timeout = ${role.idleInTransactionTimeoutMs};`);
    sql.add('AlterRoleSetStmt', `ALTER ROLE ${r} SET search_path = ${quoteIdentList(model.searchPath)};`);
    sql.add('DoStmt', [
      'DO $lss$',
      'BEGIN',
      `  EXECUTE format('GRANT CONNECT ON DATABASE %I TO %I', current_database(), ${quoteLiteral(role.name)});`,
      'END',
      '$lss$;',
    ].join('\n'));
  }
  // ALTER DEFAULT PRIVILEGES FOR ROLE needs membership in the owner role.
  sql.comment('the applying user must be a member of the owner role to set its default privileges');
  sql.add('DoStmt', [
    'DO $lss$',
    'BEGIN',
    `  IF NOT pg_catalog.pg_has_role(current_user, ${quoteLiteral(model.owner)}, 'MEMBER') THEN`,
    `    EXECUTE format('GRANT %I TO %I', ${quoteLiteral(model.owner)}, current_user);`,
    '  END IF;',
    'END',
    '$lss$;',
  ].join('\n'));
  for (const schema of model.createdSchemas) {
    sql.comment(`schema ${schema}`);
    sql.add('CreateSchemaStmt', `CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)} AUTHORIZATION ${quoteIdent(model.owner)};`);
  }
  for (const schema of model.schemas) {
    sql.comment(`grants in ${schema}`);
    const s = quoteIdent(schema);
    for (const role of model.roles) {
      const r = quoteIdent(role.name);
      sql.add('GrantStmt', `GRANT ${role.schemaPrivileges.join(', ')} ON SCHEMA ${s} TO ${r};`);
      if (role.tablePrivileges.length > 0) {
        sql.add('GrantStmt', `GRANT ${role.tablePrivileges.join(', ')} ON ALL TABLES IN SCHEMA ${s} TO ${r};`);
        sql.add('AlterDefaultPrivilegesStmt', `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(model.owner)} IN SCHEMA ${s} GRANT ${role.tablePrivileges.join(', ')} ON TABLES TO ${r};`);
      }
      if (role.sequencePrivileges.length > 0) {
        sql.add('GrantStmt', `GRANT ${role.sequencePrivileges.join(', ')} ON ALL SEQUENCES IN SCHEMA ${s} TO ${r};`);
        sql.add('AlterDefaultPrivilegesStmt', `ALTER DEFAULT PRIVILEGES FOR ROLE ${quoteIdent(model.owner)} IN SCHEMA ${s} GRANT ${role.sequencePrivileges.join(', ')} ON SEQUENCES TO ${r};`);
      }
    }
  }
  sql.comment('extension and Supabase schemas (vector, pgcrypto; auth.uid() in policies)');
  for (const schema of model.extensionSchemas) {
    sql.add('GrantStmt', `GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${quoteIdentList(model.roles.map((r) => r.name))};`);
  }
  for (const role of model.roles) {
    for (const schema of role.supabaseSchemas) {
      sql.add('GrantStmt', `GRANT USAGE ON SCHEMA ${quoteIdent(schema)} TO ${quoteIdent(role.name)};`);
    }
  }
}
