import { Extension } from '@cdktf/provider-postgresql/lib/extension';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { Schema } from '@cdktf/provider-postgresql/lib/schema';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Annotations, Fn, Op } from 'cdktf';
import { Construct } from 'constructs';
import { AccessModel, renderAccessSql, resolveAccessModel } from './access-model';
import { PostgresConnection, SupabaseApiKeys } from './connection';
import { AddDatabaseBackupOptions, DatabaseBackup } from './database-backup';
import { DatabaseRole } from './database-role';
import { postgresConnection } from './libpq';
import { RowLevelSecurityPolicy } from './row-level-security';
import { renderRowLevelSecuritySql } from './row-level-security-sql';
import { pascal } from './sql';
import { SqlMigration } from './sql-migration';
import { DEFAULT_EXTENSIONS, SUPABASE_INSTANCE_SIZES, SUPABASE_REGIONS, SupabaseDatabaseProps } from './supabase-database-props';
import { UNRESTRICTED_CIDRS, renderApiSettings, renderAuthSettings, renderNetworkSettings, renderPostgresSettings } from './supabase-settings-render';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { protectFromDestroy } from '../core/private/lifecycle';
import { ensureProvider } from '../core/private/providers';
import { assertHostname, assertInteger, assertMatches, assertNotEmpty, assertOneOf } from '../core/private/validation';
import { stackVariable } from '../core/private/variables';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { DataSupabaseApikeys } from '../providers/supabase/gen/data-supabase-apikeys';
import { Project } from '../providers/supabase/gen/project';
import { SupabaseProvider } from '../providers/supabase/gen/provider';
import { Settings } from '../providers/supabase/gen/settings';

/** Roles Supabase creates in every project, which policies may name. */
const SUPABASE_ROLES = ['anon', 'authenticated', 'service_role', 'postgres'];
const MIN_PASSWORD_LENGTH = 16;

/**
 * The LiveStreamSell database on Supabase (PRD 3.5, 11.3 `modules/database`):
 *
 * - `supabase_project` ("Resource") in us-east-1, sized per environment, with a
 *   generated `postgres` password (or a sensitive variable), never a literal;
 * - `supabase_settings` ("Settings") from typed inputs: Data API, Auth, Postgres
 *   parameters, a CIDR allow-list and SSL enforcement, always on;
 * - inside Postgres (`@cdktf/provider-postgresql`, connected with the project's
 *   own attributes): extensions, schemas, three least-privilege login roles
 *   (application, analytics, migration) with exact grants and default privileges;
 * - row-level security declared in TypeScript, applied by `psql` from Terraform
 *   and also written, with the rest of the access model, as an idempotent
 *   migration file (`migrationSql`) for your own tooling.
 *
 * Connection details leave the construct only as `PostgresConnection`s whose
 * password and URI are `SecretValue`s.
 *
 * @example
 * const db = new SupabaseDatabase(stack, 'Database', {
 *   rowLevelSecurity: [RowLevelSecurity.sellerOwnsRows({ table: 'campaigns', roles: ['authenticated', 'livestreamsell_app'] })],
 * });
 * db.addBackup('Backup', { host: compute, destination: buckets.backups });
 */
export class SupabaseDatabase extends Construct {
  /** The environment the defaults came from. */
  public readonly environment: Environment;
  /** The `supabase_project` (also `node.defaultChild`). Use `addOverride` for anything not covered. */
  public readonly resource: Project;
  /** The `supabase_settings`. */
  public readonly settings: Settings;
  /** Project reference (the project id), a token. */
  public readonly projectRef: string;
  /** `https://<ref>.supabase.co`, the base URL of the Data API and Auth. */
  public readonly apiUrl: string;
  /** Region of the project. */
  public readonly region: string;
  /** Instance size of the project. */
  public readonly instanceSize: string;
  /** The `postgres` (admin) connection: for Terraform and backups only. */
  public readonly adminConnection: PostgresConnection;
  /** Connection of the application role (read/write rows). */
  public readonly applicationConnection: PostgresConnection;
  /** Connection of the read-only analytics role. */
  public readonly analyticsConnection: PostgresConnection;
  /** Connection of the migration role (owns the tables). */
  public readonly migrationConnection: PostgresConnection;
  /** Name of the application role (a reference: dependents wait for the role). */
  public readonly applicationRoleName: string;
  /** Name of the analytics role. */
  public readonly analyticsRoleName: string;
  /** Name of the migration role. */
  public readonly migrationRoleName: string;
  /** The row-level security SQL (empty when no policies are declared). */
  public readonly rowLevelSecuritySql: string;
  /** Extensions, roles, schemas, grants and default privileges as idempotent SQL (what the postgresql resources manage). */
  public readonly accessSql: string;
  /**
   * Everything inside Postgres as one idempotent SQL file (`accessSql` then
   * `rowLevelSecuritySql`), for your own migration tooling: apply it after the
   * migrations that create the tables. Also written to the synthesized stack.
   */
  public readonly migrationSql: string;
  /** The postgresql provider bound to this project (aliased, one per database). */
  public readonly postgresProvider: PostgresqlProvider;

  private readonly model: AccessModel;

  constructor(scope: Construct, id: string, props: SupabaseDatabaseProps = {}) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = this.environment = environmentOf(this, props.environment);

    this.region = props.region ?? env.region;
    assertOneOf(this, 'region', this.region, SUPABASE_REGIONS);
    this.instanceSize = props.instanceSize ?? (env.isProduction ? 'small' : 'micro');
    assertOneOf(this, 'instanceSize', this.instanceSize, SUPABASE_INSTANCE_SIZES);
    const passwordLength = props.passwordLength ?? 32;
    assertInteger(this, 'passwordLength', passwordLength, MIN_PASSWORD_LENGTH, 128);
    const projectName = props.projectName ?? env.resourceName();
    assertMatches(this, 'projectName', projectName, /^[A-Za-z0-9][A-Za-z0-9 _-]{0,62}$/, '1-63 letters, digits, spaces, "_" or "-"');
    if (props.poolerHost !== undefined) assertHostname(this, 'poolerHost', props.poolerHost);
    if (props.unsafeAllowAllIps && env.isProduction && !props.acknowledgeUnsafeInProduction) {
      throw new ValidationError(this, 'unsafeAllowAllIps', true, `false in production ("${env.name}"): a database reachable from any address needs acknowledgeUnsafeInProduction: true as well`);
    }
    this.model = resolveAccessModel(this, env, {
      extensions: props.extensions ?? DEFAULT_EXTENSIONS,
      schemas: props.schemas ?? ['public'],
      roles: { application: props.applicationRole, analytics: props.analyticsRole, migration: props.migrationRole },
    });
    const policies = props.rowLevelSecurity ?? [];
    this.rowLevelSecuritySql = policies.length > 0
      ? renderRowLevelSecuritySql(this, 'rowLevelSecurity', policies, { force: props.forceRowLevelSecurity ?? false })
      : '';
    this.accessSql = renderAccessSql(this.model);
    this.migrationSql = this.accessSql + (this.rowLevelSecuritySql ? `\n${this.rowLevelSecuritySql}` : '');
    this.warnOnUnknownPolicyRoles(policies);
    const network = renderNetworkSettings(this, this.allowedCidrs(props), props.unsafeAllowAllIps ?? false);
    const settingsJson = {
      api: renderApiSettings(this, props.api),
      auth: renderAuthSettings(this, env, props.auth),
      database: renderPostgresSettings(this, props.database),
    };

    ensureProvider(this, 'supabase', (stack, pid) => new SupabaseProvider(stack, pid, {}));
    ensureProvider(this, 'random', (stack, pid) => new RandomProvider(stack, pid, {}));

    // --- the project ---------------------------------------------------------
    let adminPassword = props.databasePassword;
    if (!adminPassword) {
      const generated = new Password(this, 'Password', { length: passwordLength, special: false, minLower: 2, minUpper: 2, minNumeric: 2 });
      adminPassword = SecretValue.fromToken(generated.result);
    }
    this.resource = new Project(this, 'Resource', {
      name: projectName,
      organizationId: this.organizationSlug(props),
      region: this.region,
      instanceSize: this.instanceSize,
      databasePassword: adminPassword.value,
      // A password from a variable cannot be measured at synth: Terraform checks it at plan.
      lifecycle: props.databasePassword ? {
        precondition: [{
          condition: Op.gte(Fn.lengthOf(adminPassword.value), MIN_PASSWORD_LENGTH),
          errorMessage: `The Supabase database password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
        }],
      } : undefined,
    });
    protectFromDestroy(this.resource, props.preventDestroy ?? env.preventDestroy);
    this.node.defaultChild = this.resource;
    this.projectRef = this.resource.id;
    this.apiUrl = `https://${this.projectRef}.supabase.co`;

    this.settings = new Settings(this, 'Settings', {
      projectRef: this.projectRef,
      api: settingsJson.api,
      auth: settingsJson.auth,
      database: settingsJson.database,
      network,
      sslEnforcement: true,
    });

    // --- inside Postgres -------------------------------------------------------
    const host = props.poolerHost ?? `db.${this.projectRef}.supabase.co`;
    const user = (role: string) => (props.poolerHost ? `${role}.${this.projectRef}` : role);
    const connect = (role: string, password: SecretValue) => postgresConnection(host, 5432, 'postgres', user(role), password, 'require');
    this.adminConnection = connect('postgres', adminPassword);

    this.postgresProvider = new PostgresqlProvider(this, 'PostgresProvider', {
      alias: this.node.path.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase(),
      host,
      port: 5432,
      database: 'postgres',
      username: this.adminConnection.username,
      password: adminPassword.value,
      sslmode: 'require',
      connectTimeout: 15,
      // Supabase's "postgres" role is not a real superuser.
      superuser: false,
    });

    const protect = props.preventDestroy ?? env.preventDestroy;
    const extensions = this.model.extensions.map((e) => {
      const ext = new Extension(this, `Extension${pascal(e.name)}`, {
        provider: this.postgresProvider,
        name: e.name,
        schema: e.schema,
        database: 'postgres',
        // Never drop objects that use an extension (vector columns, Vault secrets).
        dropCascade: false,
        dependsOn: [this.settings],
      });
      protectFromDestroy(ext, protect);
      return ext;
    });

    // Roles first (the migration role owns the schemas), then schemas, then grants.
    const provider = this.postgresProvider;
    const searchPath = this.model.searchPath;
    const roles = this.model.roles.map((role) => new DatabaseRole(this, role.id, {
      role, provider, searchPath, passwordLength, dependsOn: [this.settings],
    }));
    const roleOf = (kind: string) => roles[this.model.roles.findIndex((r) => r.kind === kind)];
    const [migration, application, analytics] = [roleOf('migration'), roleOf('application'), roleOf('analytics')];
    const schemaNames: { [schema: string]: string } = {};
    for (const schema of this.model.schemas) {
      schemaNames[schema] = schema === 'public' ? schema : new Schema(this, `Schema${pascal(schema)}`, {
        provider: this.postgresProvider,
        name: schema,
        owner: migration.roleName,
        database: 'postgres',
        ifNotExists: true,
        dropCascade: false,
        dependsOn: [this.settings],
      }).name;
    }
    for (const role of roles) {
      role.grant({ model: this.model, database: 'postgres', schemaNames, ownerName: migration.roleName, dependsOn: [this.settings, ...extensions] });
    }
    this.migrationRoleName = migration.roleName;
    this.applicationRoleName = application.roleName;
    this.analyticsRoleName = analytics.roleName;
    // Plain names in connections: the pooler's "<role>.<ref>" and URIs need no reference.
    this.migrationConnection = connect(migration.plainName, migration.password);
    this.applicationConnection = connect(application.plainName, application.password);
    this.analyticsConnection = connect(analytics.plainName, analytics.password);

    // --- row-level security and the migration file -------------------------------
    new SqlMigration(this, 'MigrationFile', { sql: this.migrationSql, fileName: 'database.sql', apply: false });
    if (this.rowLevelSecuritySql) {
      new SqlMigration(this, 'RowLevelSecurity', {
        sql: this.rowLevelSecuritySql,
        fileName: 'row-level-security.sql',
        connection: this.adminConnection,
        apply: props.applyRowLevelSecurity ?? true,
        dependsOn: [...roles.map((r) => r.resource), ...roles.flatMap((r) => r.grants), ...extensions],
        triggers: { project: this.projectRef },
      });
    }
  }

  /**
   * Adds the nightly `pg_dump` of this database to `host` (RenderCompute), writing
   * to `destination` (the StorageBuckets backups bucket) with its write-only
   * credentials. Retention is the bucket's lifecycle.
   */
  public addBackup(id: string, options: AddDatabaseBackupOptions): DatabaseBackup {
    return new DatabaseBackup(this, id, {
      // Auth users are the sellers the rows belong to: dump them with the data.
      schemas: [...this.model.schemas, 'auth'],
      ...options,
      environment: this.environment,
      source: this.adminConnection,
    });
  }

  /**
   * The project's API keys (the `supabase_apikeys` data source, created on first
   * call), for the dashboard (`NEXT_PUBLIC_SUPABASE_ANON_KEY`) and the backend.
   */
  public apiKeys(): SupabaseApiKeys {
    const keys = (this.node.tryFindChild('ApiKeys') as DataSupabaseApikeys | undefined)
      ?? new DataSupabaseApikeys(this, 'ApiKeys', { projectRef: this.projectRef });
    return {
      anonKey: SecretValue.fromToken(keys.anonKey),
      publishableKey: SecretValue.fromToken(keys.publishableKey),
      serviceRoleKey: SecretValue.fromToken(keys.serviceRoleKey),
    };
  }

  private organizationSlug(props: SupabaseDatabaseProps): string {
    if (props.organizationSlug !== undefined) {
      assertNotEmpty(this, 'organizationSlug', props.organizationSlug);
      assertMatches(this, 'organizationSlug', props.organizationSlug, /^[a-z0-9][a-z0-9-]{0,63}$/, 'a Supabase organization slug: lowercase letters, digits and "-"');
      return props.organizationSlug;
    }
    const variable = stackVariable(this, 'supabase_organization_slug', {
      type: 'string',
      nullable: false,
      description: 'Supabase organization slug (Dashboard > Organization settings). Cannot change after the project is created.',
      validation: [{ condition: '${can(regex("^[a-z0-9][a-z0-9-]*$", var.supabase_organization_slug))}', errorMessage: 'supabase_organization_slug must be a lowercase organization slug.' }],
    });
    return variable.stringValue;
  }

  private allowedCidrs(props: SupabaseDatabaseProps): string[] {
    if (props.unsafeAllowAllIps) return UNRESTRICTED_CIDRS;
    if (props.allowedCidrs !== undefined) return props.allowedCidrs;
    const variable = stackVariable(this, 'supabase_allowed_cidrs', {
      type: 'list(string)',
      nullable: false,
      description: 'Public CIDR blocks allowed to reach Supabase Postgres: the platform egress ranges and the Terraform runner.',
      validation: [{
        condition: '${length(var.supabase_allowed_cidrs) > 0 && alltrue([for c in var.supabase_allowed_cidrs : can(cidrhost(c, 0)) && !contains(["0.0.0.0/0", "::/0"], c)])}',
        errorMessage: 'supabase_allowed_cidrs must be a non-empty list of CIDR blocks, without 0.0.0.0/0 or ::/0.',
      }],
    });
    return variable.listValue;
  }

  private warnOnUnknownPolicyRoles(policies: RowLevelSecurityPolicy[]): void {
    const known = new Set([...SUPABASE_ROLES, ...this.model.roles.map((r) => r.name)]);
    const unknown = [...new Set(policies.flatMap((p) => p.roles).filter((r) => !known.has(r)))];
    if (unknown.length > 0) {
      Annotations.of(this).addWarning(`[lss:supabase:policy-roles] row-level security names roles this construct does not create and Supabase does not provide: ${unknown.join(', ')}. Create them before the policies are applied.`);
    }
  }
}
