import { Extension } from '@cdktf/provider-postgresql/lib/extension';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { Schema } from '@cdktf/provider-postgresql/lib/schema';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Annotations, Fn, Op, Token } from 'cdktf';
import { Construct } from 'constructs';
import { PostgresConnection, SupabaseApiKeys } from './connection';
import { AddDatabaseBackupOptions, DatabaseBackup } from './database-backup';
import { AccessModel, SUPABASE_ROLES, addAccessStatements, renderAccessSql, resolveAccessModel } from './private/access-model';
import { checkPlainText } from './private/connection-check';
import { DatabaseRole } from './private/database-role';
import { ImportedSupabaseDatabase, SUPABASE_DATABASE, apiKeysOf } from './private/imported-database';
import { postgresConnection } from './private/libpq';
import { UNRESTRICTED_CIDRS, renderNetworkSettings } from './private/network';
import { ResolvedPolicy, addRowLevelSecurityStatements, renderRowLevelSecuritySql, resolvePolicies } from './private/row-level-security-sql';
import { renderApiSettings, renderAuthSettings, renderPostgresSettings } from './private/settings-render';
import { pascal } from './private/sql';
import { SqlScript } from './private/sql-script';
import { SqlMigration } from './sql-migration';
import { ISupabaseDatabase } from './supabase-database-contract';
import { SupabaseDatabaseAttributes, SupabaseDatabaseProps } from './supabase-database-props';
import { SupabaseInstanceSize, SupabaseRegion } from './supabase-region';
import { ValidationError, describeValue } from '../core/errors';
import { checkEnumLike } from '../core/private/enum-like';
import { markLibraryConstruct, terraformExpression } from '../core/private/escape';
import { Input, checkString } from '../core/private/input';
import { protectFromDestroy } from '../core/private/lifecycle';
import { ensureProvider } from '../core/private/providers';
import { assertUnsafeAllowed } from '../core/private/unsafe';
import { HOSTNAME_PATTERN } from '../core/private/validation';
import { stackVariable } from '../core/private/variables';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { Project } from '../providers/supabase/gen/project';
import { SupabaseProvider } from '../providers/supabase/gen/provider';
import { Settings } from '../providers/supabase/gen/settings';

const MIN_PASSWORD_LENGTH = 16;
const DEFAULT_EXTENSIONS = ['pgcrypto', 'pg_stat_statements'];
const REGIONS = 'SupabaseRegion.US_EAST_1, SupabaseRegion.EU_CENTRAL_1, ... or SupabaseRegion.of("<code>")';
/** The regions this library knows (the static members of SupabaseRegion). */
const KNOWN_REGIONS = Object.values(SupabaseRegion).filter((v): v is SupabaseRegion => v instanceof SupabaseRegion);
/** Keys of `AddDatabaseBackupOptions`. */
const BACKUP_OPTION_KEYS = ['host', 'destination', 'schedule', 'schemas', 'image', 'jobName'];
const SIZES = 'SupabaseInstanceSize.MICRO, SupabaseInstanceSize.SMALL, ... or SupabaseInstanceSize.of("<name>")';

/**
 * A Supabase project with its database locked down:
 *
 * - `supabase_project` ("Resource"), sized per environment, with a generated
 *   `postgres` password (or a sensitive variable), never a literal;
 * - `supabase_settings` ("Settings") from typed inputs: Data API, Auth, Postgres
 *   parameters, an address-space-checked allow-list, and SSL enforcement, always on;
 * - inside Postgres (`@cdktf/provider-postgresql`, connected with the project's
 *   own attributes): extensions, schemas, three least-privilege login roles
 *   (application, analytics, migration) with exact grants and default privileges;
 * - row-level security declared in TypeScript, checked with PostgreSQL's parser,
 *   applied by `psql` from Terraform and also written, with the rest of the
 *   access model, as an idempotent psql script for your own tooling.
 *
 * Connection details leave the construct only as `PostgresConnection`s whose
 * password and URI are `SecretValue`s.
 *
 * @example
 * declare const stack: EnvironmentStack;
 * const db = new SupabaseDatabase(stack, 'Database', {
 *   auth: { siteUrl: 'https://app.example.com' },
 *   allowedCidrs: ['198.51.100.0/24'],
 *   rowLevelSecurity: [RowLevelSecurity.ownRowsOnly({ table: 'orders', ownerColumn: 'customer_id', roles: ['authenticated'] })],
 * });
 */
export class SupabaseDatabase extends Construct implements ISupabaseDatabase {
  /** True when `x` is a Supabase database of this library (works across copies of the library). */
  public static isSupabaseDatabase(x: unknown): x is ISupabaseDatabase {
    return x !== null && typeof x === 'object' && SUPABASE_DATABASE in (x as object);
  }

  /**
   * A database created elsewhere (another stack, another tool), for the code
   * that connects to it: its API keys are looked up by project reference.
   */
  public static fromDatabaseAttributes(scope: Construct, id: string, attrs: SupabaseDatabaseAttributes): ISupabaseDatabase {
    return new ImportedSupabaseDatabase(scope, id, attrs);
  }

  /** The environment the defaults came from. */
  public readonly environment: Environment;
  /** The `supabase_project` (also `node.defaultChild`). Use `addOverride` for anything not covered. */
  public readonly resource: Project;
  /** The `supabase_settings`. */
  public readonly settings: Settings;
  /** Supabase project name. */
  public readonly projectName: string;
  /** Organization slug (a token when it comes from the Terraform variable). */
  public readonly organizationSlug: string;
  /** Project reference (the project id), a token. */
  public readonly projectRef: string;
  /** `https://<ref>.supabase.co`, the base URL of the Data API and Auth. */
  public readonly apiUrl: string;
  /** Region of the project. */
  public readonly region: SupabaseRegion;
  /** Instance size of the project. */
  public readonly instanceSize: SupabaseInstanceSize;
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
   * Everything inside Postgres as idempotent SQL in one transaction (the
   * statements of `accessSql`, then those of `rowLevelSecuritySql`), for your own migration tooling: apply it after the
   * migrations that create the tables. Also written to the synthesized stack as
   * a psql script (`database.sql`).
   */
  public readonly migrationSql: string;
  /** The postgresql provider bound to this project (aliased, one per database). */
  public readonly postgresProvider: PostgresqlProvider;

  private readonly model: AccessModel;

  constructor(scope: Construct, id: string, props: SupabaseDatabaseProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, SUPABASE_DATABASE, { value: true });
    const input = Input.of(this, props);
    const env = this.environment = environmentOf(this, input.raw('environment'));

    // --- inputs ----------------------------------------------------------------
    this.region = this.resolveRegion(input, env);
    this.instanceSize = checkEnumLike<SupabaseInstanceSize>(this, 'instanceSize', input.raw('instanceSize'), 'SupabaseInstanceSize', SIZES)
      ?? (env.isProduction ? SupabaseInstanceSize.SMALL : SupabaseInstanceSize.MICRO);
    const passwordLength = input.integer('passwordLength', MIN_PASSWORD_LENGTH, 128) ?? 32;
    this.projectName = checkPlainText(input, 'projectName', { pattern: /^[A-Za-z0-9][A-Za-z0-9 _-]{0,62}$/, allowed: '1-63 letters, digits, spaces, "_" or "-"' }) ?? env.resourceName();
    this.organizationSlug = this.resolveOrganization(input);
    const poolerHost = checkPlainText(input, 'poolerHost', { pattern: HOSTNAME_PATTERN, allowed: 'a lowercase hostname such as "aws-0-us-east-1.pooler.supabase.com"' });
    const databasePassword = input.secret('databasePassword');
    const unsafeAllowAllIps = input.boolean('unsafeAllowAllIps') ?? false;
    assertUnsafeAllowed(this, env, 'unsafeAllowAllIps', unsafeAllowAllIps, input.raw('acknowledgeUnsafeInProduction'),
      'a database reachable from any address on the internet');
    const allowedCidrs = input.stringList('allowedCidrs', { unique: true });
    if (unsafeAllowAllIps && allowedCidrs !== undefined) {
      throw new ValidationError(this, 'allowedCidrs', allowedCidrs, 'no allowedCidrs with unsafeAllowAllIps: true (which allows every address): remove one of them');
    }
    const schemas = input.stringList('schemas', { unique: true }) ?? ['public'];
    if (schemas.length === 0) throw new ValidationError(this, 'schemas', schemas, 'at least one application schema (for example ["public"])');
    this.model = resolveAccessModel(this, env, {
      extensions: input.stringList('extensions', { unique: true }) ?? DEFAULT_EXTENSIONS,
      schemas,
      roles: { application: input.objectOrEmpty('applicationRole'), analytics: input.objectOrEmpty('analyticsRole'), migration: input.objectOrEmpty('migrationRole') },
    });
    const policies = resolvePolicies(this, 'rowLevelSecurity', input.objectList('rowLevelSecurity') ?? []);
    const applyRowLevelSecurity = input.boolean('applyRowLevelSecurity') ?? true;
    const force = input.boolean('forceRowLevelSecurity') ?? false;
    const protect = input.boolean('preventDestroy') ?? (env.preventDestroy || env.deletionProtection);
    const settingsJson = {
      api: renderApiSettings(this, input.objectOrEmpty('api')),
      auth: renderAuthSettings(this, env, input.object('auth')),
      database: renderPostgresSettings(input.objectOrEmpty('database')),
    };
    const network = unsafeAllowAllIps
      ? JSON.stringify({ restrictions: UNRESTRICTED_CIDRS })
      : renderNetworkSettings(this, 'allowedCidrs', allowedCidrs ?? this.allowedCidrsVariable());
    input.done();

    this.rowLevelSecuritySql = policies.length > 0 ? renderRowLevelSecuritySql(this, 'rowLevelSecurity', policies, { force }) : '';
    this.accessSql = renderAccessSql(this, this.model);
    const everything = new SqlScript([
      'Everything inside Postgres (extensions, roles, schemas, grants, row-level security), generated by SupabaseDatabase.',
      'Idempotent: applying it again leaves the database unchanged. Apply it after the migrations that create the tables.',
    ]);
    addAccessStatements(everything, this.model);
    if (policies.length > 0) addRowLevelSecurityStatements(everything, policies, { force });
    this.migrationSql = everything.finish(this, 'migrationSql');
    this.warnOnUnknownPolicyRoles(policies);
    this.node.addValidation({ validate: () => this.projectNameCollisions() });

    ensureProvider(this, 'supabase', (stack, pid) => new SupabaseProvider(stack, pid, {}));
    ensureProvider(this, 'random', (stack, pid) => new RandomProvider(stack, pid, {}));

    // --- the project ---------------------------------------------------------
    const adminPassword = databasePassword ?? SecretValue.fromToken(
      new Password(this, 'Password', { length: passwordLength, special: false, minLower: 2, minUpper: 2, minNumeric: 2 }).result,
    );
    this.resource = new Project(this, 'Resource', {
      name: this.projectName,
      organizationId: this.organizationSlug,
      region: this.region.value,
      instanceSize: this.instanceSize.value,
      databasePassword: adminPassword.value,
      // A password from a variable cannot be measured at synth: Terraform checks it at plan.
      lifecycle: databasePassword ? {
        precondition: [{
          condition: Op.gte(Fn.lengthOf(adminPassword.value), MIN_PASSWORD_LENGTH),
          errorMessage: `The Supabase database password must have at least ${MIN_PASSWORD_LENGTH} characters.`,
        }],
      } : undefined,
    });
    protectFromDestroy(this.resource, protect);
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
    const host = poolerHost ?? `db.${this.projectRef}.supabase.co`;
    const user = (role: string) => (poolerHost ? `${role}.${this.projectRef}` : role);
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

    const provider = this.postgresProvider;
    const extensions = this.model.extensions.map((e) => {
      const ext = new Extension(this, `Extension${pascal(e.name)}`, {
        provider,
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
    const searchPath = this.model.searchPath;
    const roles = this.model.roles.map((role) => new DatabaseRole(this, role.id, {
      role, provider, searchPath, passwordLength, dependsOn: [this.settings],
    }));
    const roleOf = (kind: string) => roles[this.model.roles.findIndex((r) => r.kind === kind)];
    const [migration, application, analytics] = [roleOf('migration'), roleOf('application'), roleOf('analytics')];
    const schemaNames: { [schema: string]: string } = {};
    for (const schema of this.model.schemas) {
      if (schema === 'public') {
        schemaNames[schema] = schema;
        continue;
      }
      const created = new Schema(this, `Schema${pascal(schema)}`, {
        provider,
        name: schema,
        owner: migration.roleName,
        database: 'postgres',
        ifNotExists: true,
        dropCascade: false,
        dependsOn: [this.settings],
      });
      protectFromDestroy(created, protect);
      schemaNames[schema] = created.name;
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
        apply: applyRowLevelSecurity,
        dependsOn: [...roles.map((r) => r.resource), ...roles.flatMap((r) => r.grants), ...extensions],
        triggers: { project: this.projectRef },
      });
    }
  }

  /**
   * Adds the nightly `pg_dump` of this database to `options.host` (for example
   * RenderCompute), writing to `options.destination` (for example
   * StorageBuckets.backupDestination) with its write-only credentials. Dumps the
   * application schemas and "auth" (the users the rows belong to) unless
   * `options.schemas` says otherwise. Retention is the bucket's lifecycle.
   */
  public addBackup(id: string, options: AddDatabaseBackupOptions): DatabaseBackup {
    checkString(this, 'id', id, { pattern: /^[A-Za-z][A-Za-z0-9]{0,62}$/, allowed: 'a construct id of letters and digits, starting with a letter' });
    if (id === undefined) throw new ValidationError(this, 'id', id, 'a construct id such as "Backup"');
    const input = Input.of(this, options);
    BACKUP_OPTION_KEYS.forEach((k) => input.raw(k));
    input.done();
    return new DatabaseBackup(this, id, {
      ...options,
      schemas: options.schemas ?? [...this.model.schemas, 'auth'],
      source: this.adminConnection,
    });
  }

  /**
   * The project's API keys (the `supabase_apikeys` data source, created on first
   * call), for a browser app (the anon or publishable key) and the backend.
   */
  public apiKeys(): SupabaseApiKeys {
    return apiKeysOf(this, this.projectRef);
  }

  private resolveRegion(input: Input, env: Environment): SupabaseRegion {
    const set = checkEnumLike<SupabaseRegion>(this, 'region', input.raw('region'), 'SupabaseRegion', REGIONS);
    if (set) return set;
    const fromEnvironment = KNOWN_REGIONS.find((r) => r.value === env.region);
    if (!fromEnvironment) {
      throw new ValidationError(this, 'region', env.region, `a Supabase region: the environment's region is not one Supabase offers (${KNOWN_REGIONS.map((r) => r.value).join(', ')}); set "region", for example SupabaseRegion.US_EAST_1, or SupabaseRegion.of("<code>") for a region newer than this library`);
    }
    return fromEnvironment;
  }

  private resolveOrganization(input: Input): string {
    const slug = checkPlainText(input, 'organizationSlug', { nonEmpty: true, pattern: /^[a-z0-9][a-z0-9-]{0,63}$/, allowed: 'a Supabase organization slug: lowercase letters, digits and "-"' });
    if (slug !== undefined) return slug;
    return stackVariable(this, 'supabase_organization_slug', {
      type: 'string',
      nullable: false,
      description: 'Supabase organization slug (Dashboard > Organization settings). Cannot change after the project is created.',
      validation: [{
        condition: terraformExpression('can(regex("^[a-z0-9][a-z0-9-]*$", var.supabase_organization_slug))'),
        errorMessage: 'supabase_organization_slug must be a lowercase organization slug.',
      }],
    }).stringValue;
  }

  private allowedCidrsVariable(): string[] {
    return stackVariable(this, 'supabase_allowed_cidrs', {
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

  /** Other databases of the app that create a project of the same name (in the same organization, or one unknown at synth). */
  private projectNameCollisions(): string[] {
    if (Token.isUnresolved(this.projectName)) return [];
    const sameOrganization = (other: string) => Token.isUnresolved(other) || Token.isUnresolved(this.organizationSlug) || other === this.organizationSlug;
    return this.node.root.node.findAll()
      .filter((c): c is SupabaseDatabase => c !== this && SupabaseDatabase.isSupabaseDatabase(c) && (c as SupabaseDatabase).projectName === this.projectName
        && sameOrganization((c as SupabaseDatabase).organizationSlug))
      .map((other) => `invalid "projectName": got ${describeValue(this.projectName)}; expected a Supabase project name used by one database of the app only: ${other.node.path} creates a project ${JSON.stringify(this.projectName)} too (set "projectName" on one of them)`);
  }

  private warnOnUnknownPolicyRoles(policies: ResolvedPolicy[]): void {
    const known = new Set([...SUPABASE_ROLES, ...this.model.roles.map((r) => r.name)]);
    const unknown = [...new Set(policies.flatMap((p) => p.roles).filter((r) => !known.has(r)))];
    if (unknown.length > 0) {
      Annotations.of(this).addWarning(`[lib:supabase:policy-roles] row-level security names roles this construct does not create and Supabase does not provide: ${unknown.join(', ')}. Create them before the policies are applied.`);
    }
  }
}
