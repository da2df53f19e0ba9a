import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { Password } from '@cdktf/provider-random/lib/password';
import { RandomProvider } from '@cdktf/provider-random/lib/provider';
import { Fn, Op } from 'cdktf';
import { Construct } from 'constructs';
import { PostgresConnection, SupabaseApiKeys } from './connection';
import { DatabaseConnectionConsumer, DatabaseConnectionMode, DatabaseConnectionOptions, DatabaseRoleKind } from './connection-budget';
import { AddDatabaseBackupOptions, DatabaseBackup } from './database-backup';
import { AccessModel, addAccessStatements, renderAccessSql, resolveAccessModel } from './private/access-model';
import { ResolvedConsumer, databaseBudgetErrors, resolveConsumer } from './private/connection-budget';
import { checkPlainText } from './private/connection-check';
import { DatabaseRole } from './private/database-role';
import { ImportedSupabaseDatabase, SUPABASE_DATABASE, apiKeysOf } from './private/imported-database';
import { buildInsidePostgres } from './private/inside-postgres';
import { postgresConnection } from './private/libpq';
import { UNRESTRICTED_CIDRS, renderNetworkSettings } from './private/network';
import { poolerHostOf } from './private/pooler';
import { allowedCidrsVariable, assertSyntheticDataOnly, projectNameCollisions, resolveOrganization, resolveRegion, warnOnUnknownPolicyRoles } from './private/project-inputs';
import { addRowLevelSecurityStatements, renderRowLevelSecuritySql, resolvePolicies } from './private/row-level-security-sql';
import { renderApiSettings, renderAuthSettings, renderPostgresSettings } from './private/settings-render';
import { SqlScript } from './private/sql-script';
import { ResolvedTenantSecrets, addTenantSecretsStatements, renderTenantSecretsSql, resolveTenantSecrets } from './private/tenant-secrets-sql';
import { SqlMigration } from './sql-migration';
import { ISupabaseDatabase } from './supabase-database-contract';
import { SupabaseDatabaseAttributes, SupabaseDatabaseProps } from './supabase-database-props';
import { SupabaseInstanceSize, SupabaseRegion } from './supabase-region';
import { ValidationError } from '../core/errors';
import { checkEnumLike } from '../core/private/enum-like';
import { markLibraryConstruct } from '../core/private/escape';
import { Input, checkList, checkString } from '../core/private/input';
import { protectFromDestroy } from '../core/private/lifecycle';
import { ensureProvider } from '../core/private/providers';
import { assertUnsafeAllowed } from '../core/private/unsafe';
import { HOSTNAME_PATTERN } from '../core/private/validation';
import { SecretValue } from '../core/secrets';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';
import { Project } from '../providers/supabase/gen/project';
import { SupabaseProvider } from '../providers/supabase/gen/provider';
import { Settings } from '../providers/supabase/gen/settings';

const MIN_PASSWORD_LENGTH = 16;
const DEFAULT_EXTENSIONS = ['pgcrypto', 'pg_stat_statements'];
/** Keys of `AddDatabaseBackupOptions`. */
const BACKUP_OPTION_KEYS = ['host', 'destination', 'schedule', 'schemas', 'image', 'jobName'];
const SIZES = 'SupabaseInstanceSize.MICRO, SupabaseInstanceSize.SMALL, ... or SupabaseInstanceSize.of("<name>")';
const MODES = 'DatabaseConnectionMode.TRANSACTION_POOLER, DatabaseConnectionMode.SESSION_POOLER or DatabaseConnectionMode.DIRECT';
const KINDS = 'DatabaseRoleKind.APPLICATION, DatabaseRoleKind.ANALYTICS or DatabaseRoleKind.MIGRATION';

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
 *   access model, as an idempotent psql script for your own tooling;
 * - optionally, tenant secrets in Supabase Vault (`tenantSecrets`): accessor
 *   functions through which the application role reaches only the secrets of
 *   the tenant of its transaction;
 * - connections through the shared pooler (`connection()`, found with
 *   `data.supabase_pooler`) and a connection budget checked at synth for the
 *   consumers declared with `connectionConsumers` / `addConnectionConsumer`.
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
 *   pooler: { poolSize: 15 },
 * });
 * const api = db.addConnectionConsumer({ name: 'api', maxInstances: 10, connectionsPerInstance: 5 });
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
  /** Connection of the application role (read/write rows), through `poolerHost` (session mode) or the direct host. */
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
  /** The tenant-secrets (Vault accessor) SQL (empty without `tenantSecrets`). */
  public readonly tenantSecretsSql: string;
  /** Schema of the tenant-secret accessors (undefined without `tenantSecrets`). */
  public readonly tenantSecretsSchema?: string;
  /** Extensions, roles, schemas, grants and default privileges as idempotent SQL (what the postgresql resources manage). */
  public readonly accessSql: string;
  /**
   * Everything inside Postgres as idempotent SQL in one transaction (the
   * statements of `accessSql`, then those of `rowLevelSecuritySql`, then those
   * of `tenantSecretsSql`), for your own migration tooling: apply it after the
   * migrations that create the tables. Also written to the synthesized stack as
   * a psql script (`database.sql`).
   */
  public readonly migrationSql: string;
  /** The postgresql provider bound to this project (aliased, one per database). */
  public readonly postgresProvider: PostgresqlProvider;
  /** True when the project holds synthetic data only (`syntheticDataOnly`). */
  public readonly syntheticDataOnly: boolean;

  private readonly model: AccessModel;
  private readonly roles: { [kind: string]: DatabaseRole };
  private readonly consumers: ResolvedConsumer[] = [];
  private readonly pooledConnections = new Map<string, PostgresConnection>();
  private readonly poolSize?: number;
  private readonly maxClientConnections?: number;

  constructor(scope: Construct, id: string, props: SupabaseDatabaseProps) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, SUPABASE_DATABASE, { value: true });
    const input = Input.of(this, props);
    const env = this.environment = environmentOf(this, input.raw('environment'));

    // --- inputs ----------------------------------------------------------------
    this.region = resolveRegion(this, input, env);
    this.instanceSize = checkEnumLike<SupabaseInstanceSize>(this, 'instanceSize', input.raw('instanceSize'), 'SupabaseInstanceSize', SIZES)
      ?? (env.isProduction ? SupabaseInstanceSize.SMALL : SupabaseInstanceSize.MICRO);
    const passwordLength = input.integer('passwordLength', MIN_PASSWORD_LENGTH, 128) ?? 32;
    this.projectName = checkPlainText(input, 'projectName', { pattern: /^[A-Za-z0-9][A-Za-z0-9 _-]{0,62}$/, allowed: '1-63 letters, digits, spaces, "_" or "-"' }) ?? env.resourceName();
    this.organizationSlug = resolveOrganization(this, input);
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
    const extensions = input.stringList('extensions', { unique: true }) ?? DEFAULT_EXTENSIONS;
    this.model = resolveAccessModel(this, env, {
      extensions,
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
    this.syntheticDataOnly = input.boolean('syntheticDataOnly') ?? false;
    if (this.syntheticDataOnly) assertSyntheticDataOnly(this, env, input, settingsJson.auth);
    const network = unsafeAllowAllIps
      ? JSON.stringify({ restrictions: UNRESTRICTED_CIDRS })
      : renderNetworkSettings(this, 'allowedCidrs', allowedCidrs ?? allowedCidrsVariable(this));
    const secrets = input.object('tenantSecrets');
    const tenantSecrets: ResolvedTenantSecrets | undefined = secrets
      ? resolveTenantSecrets(this, secrets, { extensions, schemas, exposed: (JSON.parse(settingsJson.api).db_schema as string).split(',') })
      : undefined;
    const pooler = input.object('pooler');
    this.poolSize = pooler?.integer('poolSize', 1, 1000);
    if (pooler && this.poolSize === undefined) throw new ValidationError(this, 'pooler.poolSize', undefined, 'the Supavisor pool size of the project (Database settings, Connection pooling), 1-1000');
    this.maxClientConnections = pooler?.integer('maxClientConnections', 1, 1_000_000);
    pooler?.done();
    (checkList(this, 'connectionConsumers', input.raw('connectionConsumers')) ?? [])
      .forEach((c, i) => this.consumers.push(resolveConsumer(this, `connectionConsumers[${i}]`, c, this.consumers)));
    input.done();

    this.rowLevelSecuritySql = policies.length > 0 ? renderRowLevelSecuritySql(this, 'rowLevelSecurity', policies, { force }) : '';
    this.accessSql = renderAccessSql(this, this.model);
    const applicationRole = this.model.roles.find((r) => r.kind === 'application')!.name;
    this.tenantSecretsSql = tenantSecrets ? renderTenantSecretsSql(this, tenantSecrets, applicationRole) : '';
    this.tenantSecretsSchema = tenantSecrets?.schema;
    const everything = new SqlScript([
      'Everything inside Postgres (extensions, roles, schemas, grants, row-level security, tenant secrets), generated by SupabaseDatabase.',
      'Idempotent: applying it again leaves the database unchanged. Apply it after the migrations that create the tables.',
    ]);
    addAccessStatements(everything, this.model);
    if (policies.length > 0) addRowLevelSecurityStatements(everything, policies, { force });
    if (tenantSecrets) addTenantSecretsStatements(everything, tenantSecrets, applicationRole);
    this.migrationSql = everything.finish(this, 'migrationSql');
    warnOnUnknownPolicyRoles(this, policies, this.model.roles.map((r) => r.name));
    this.node.addValidation({ validate: () => projectNameCollisions(this) });
    this.node.addValidation({ validate: () => this.budgetErrors() });

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
    const inside = buildInsidePostgres(this, { model: this.model, admin: this.adminConnection, passwordLength, protect, dependsOn: [this.settings] });
    this.postgresProvider = inside.provider;
    this.roles = inside.roles;
    const { migration, application, analytics } = inside.roles;
    this.migrationRoleName = migration.roleName;
    this.applicationRoleName = application.roleName;
    this.analyticsRoleName = analytics.roleName;
    // Plain names in connections: the pooler's "<role>.<ref>" and URIs need no reference.
    this.migrationConnection = connect(migration.plainName, migration.password);
    this.applicationConnection = connect(application.plainName, application.password);
    this.analyticsConnection = connect(analytics.plainName, analytics.password);

    // --- SQL files: the migration file, row-level security, tenant secrets ------------
    new SqlMigration(this, 'MigrationFile', { sql: this.migrationSql, fileName: 'database.sql', apply: false });
    if (this.rowLevelSecuritySql) {
      new SqlMigration(this, 'RowLevelSecurity', {
        sql: this.rowLevelSecuritySql,
        fileName: 'row-level-security.sql',
        connection: this.adminConnection,
        apply: applyRowLevelSecurity,
        dependsOn: inside.dependables,
        triggers: { project: this.projectRef },
      });
    }
    if (this.tenantSecretsSql) {
      // Needs only the roles and the Vault extension, not the application's tables.
      new SqlMigration(this, 'TenantSecrets', {
        sql: this.tenantSecretsSql,
        fileName: 'tenant-secrets.sql',
        connection: this.adminConnection,
        dependsOn: inside.dependables,
        triggers: { project: this.projectRef },
      });
    }
  }

  /**
   * The connection of one role in one mode. Through the shared pooler (the
   * default, transaction mode on port 6543; or session mode on 5432) the host
   * comes from `data.supabase_pooler` (child "Pooler") and the user is
   * "<role>.<project ref>"; `DIRECT` is `db.<ref>.supabase.co:5432`. Declare
   * who uses it with `addConnectionConsumer`, so the budget is checked.
   */
  public connection(options: DatabaseConnectionOptions = {}): PostgresConnection {
    const input = Input.of(this, options, 'options');
    const role = checkEnumLike<DatabaseRoleKind>(this, input.path('role'), input.raw('role'), 'DatabaseRoleKind', KINDS) ?? DatabaseRoleKind.APPLICATION;
    const mode = checkEnumLike<DatabaseConnectionMode>(this, input.path('mode'), input.raw('mode'), 'DatabaseConnectionMode', MODES) ?? DatabaseConnectionMode.TRANSACTION_POOLER;
    input.done();
    return this.connectionOf(role, mode);
  }

  /**
   * Declares a consumer of the database (a service with `maxInstances` x
   * `connectionsPerInstance` connections) for the connection budget checked at
   * synth, and returns the connection it uses (its role, its mode).
   */
  public addConnectionConsumer(consumer: DatabaseConnectionConsumer): PostgresConnection {
    const c = resolveConsumer(this, `connectionConsumers[${this.consumers.length}]`, consumer, this.consumers);
    this.consumers.push(c);
    return this.connectionOf(c.role, c.mode);
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

  private connectionOf(role: DatabaseRoleKind, mode: DatabaseConnectionMode): PostgresConnection {
    const key = `${role.value}/${mode.value}`;
    const known = this.pooledConnections.get(key);
    if (known) return known;
    const r = this.roles[role.value];
    const direct = mode.value === DatabaseConnectionMode.DIRECT.value;
    const host = direct ? `db.${this.projectRef}.supabase.co` : poolerHostOf(this, this.projectRef);
    const connection = postgresConnection(host, mode.port, 'postgres', direct ? r.plainName : `${r.plainName}.${this.projectRef}`, r.password, 'require');
    this.pooledConnections.set(key, connection);
    return connection;
  }

  private budgetErrors(): string[] {
    return databaseBudgetErrors(this, {
      instanceSize: this.instanceSize.value,
      consumers: this.consumers,
      roles: this.model.roles,
      poolSize: this.poolSize,
      maxClientConnections: this.maxClientConnections,
    });
  }
}
