import { DefaultPrivileges } from '@cdktf/provider-postgresql/lib/default-privileges';
import { Grant } from '@cdktf/provider-postgresql/lib/grant';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { Role } from '@cdktf/provider-postgresql/lib/role';
import { Password } from '@cdktf/provider-random/lib/password';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AccessModel, ResolvedRole } from './access-model';
import { pascal } from './sql';
import { markLibraryConstruct } from '../../core/private/escape';
import { SecretValue } from '../../core/secrets';

/** Props of the internal `DatabaseRole` construct. */
export interface DatabaseRoleProps {
  readonly role: ResolvedRole;
  readonly provider: PostgresqlProvider;
  readonly searchPath: string[];
  readonly passwordLength: number;
  /** What must exist before the role (the project settings: network and SSL). */
  readonly dependsOn: ITerraformDependable[];
}

/** Where and after what a role's grants are created. */
export interface DatabaseRoleGrantOptions {
  readonly model: AccessModel;
  readonly database: string;
  /** Name per application schema: a reference to the created schema, or the plain name. */
  readonly schemaNames: { [schema: string]: string };
  /** Name of the owner (migration) role as a reference, for default privileges. */
  readonly ownerName: string;
  /** Resources the grants need first (settings, extensions that create their schemas). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * One login role with a generated password and exactly the privileges of its
 * profile (see access-model.ts): `postgresql_grant` makes the privileges exact,
 * revoking anything granted by hand. Child ids are per concern and per schema
 * ("TablesPublic"), so adding a schema adds resources without replacing others.
 */
export class DatabaseRole extends Construct {
  /** The `postgresql_role`. */
  public readonly resource: Role;
  /** Role name (a reference, so dependents wait for the role). */
  public readonly roleName: string;
  /** Role name as a plain string. */
  public readonly plainName: string;
  /** The generated password. */
  public readonly password: SecretValue;
  /** Every grant and default privilege, for ordering. */
  public readonly grants: ITerraformDependable[] = [];
  private readonly role: ResolvedRole;
  private readonly provider: PostgresqlProvider;

  constructor(scope: Construct, id: string, props: DatabaseRoleProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const { role, provider } = props;
    this.role = role;
    this.provider = provider;
    const password = new Password(this, 'Password', { length: props.passwordLength, special: false, minLower: 2, minUpper: 2, minNumeric: 2 });
    this.password = SecretValue.fromToken(password.result);
    this.resource = new Role(this, 'Resource', {
      provider,
      name: role.name,
      login: true,
      password: password.result,
      superuser: false,
      createDatabase: false,
      createRole: false,
      replication: false,
      bypassRowLevelSecurity: false,
      inherit: true,
      connectionLimit: role.connectionLimit,
      statementTimeout: role.statementTimeoutMs,
      idleInTransactionSessionTimeout: role.idleInTransactionTimeoutMs,
      searchPath: props.searchPath,
      dependsOn: props.dependsOn,
    });
    this.roleName = this.resource.name;
    this.plainName = role.name;
  }

  /** Creates the role's grants and default privileges. Call once. */
  public grant(options: DatabaseRoleGrantOptions): void {
    const { model, database } = options;
    const profile = this.role;
    const provider = this.provider;
    const common = { provider, database, role: this.roleName, dependsOn: options.dependsOn };
    const grant = (gid: string, objectType: string, privileges: string[], schema?: string): void => {
      this.grants.push(new Grant(this, gid, { ...common, objectType, privileges, schema }));
    };
    const defaults = (gid: string, objectType: string, privileges: string[], schema: string): void => {
      this.grants.push(new DefaultPrivileges(this, gid, { ...common, owner: options.ownerName, objectType, privileges, schema }));
    };

    grant('Connect', 'database', ['CONNECT']);
    for (const schema of model.schemas) {
      const schemaName = options.schemaNames[schema];
      grant(`Schema${pascal(schema)}`, 'schema', profile.schemaPrivileges, schemaName);
      if (profile.tablePrivileges.length > 0) {
        grant(`Tables${pascal(schema)}`, 'table', profile.tablePrivileges, schemaName);
        defaults(`DefaultTables${pascal(schema)}`, 'table', profile.tablePrivileges, schemaName);
      }
      if (profile.sequencePrivileges.length > 0) {
        grant(`Sequences${pascal(schema)}`, 'sequence', profile.sequencePrivileges, schemaName);
        defaults(`DefaultSequences${pascal(schema)}`, 'sequence', profile.sequencePrivileges, schemaName);
      }
    }
    for (const schema of [...model.extensionSchemas, ...profile.supabaseSchemas]) {
      grant(`UsageSchema${pascal(schema)}`, 'schema', ['USAGE'], schema);
    }
  }
}
