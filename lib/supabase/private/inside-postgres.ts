import { Extension } from '@cdktf/provider-postgresql/lib/extension';
import { PostgresqlProvider } from '@cdktf/provider-postgresql/lib/provider';
import { Schema } from '@cdktf/provider-postgresql/lib/schema';
import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { AccessModel } from './access-model';
import { DatabaseRole } from './database-role';
import { pascal } from './sql';
import { protectFromDestroy } from '../../core/private/lifecycle';
import { PostgresConnection } from '../connection';

/** What `buildInsidePostgres` creates in the database. */
export interface InsidePostgres {
  /** The postgresql provider bound to the database (aliased, one per database). */
  readonly provider: PostgresqlProvider;
  /** The extensions' resources. */
  readonly extensions: Extension[];
  /** The three roles, by kind ("application", "analytics", "migration"). */
  readonly roles: { [kind: string]: DatabaseRole };
  /** Every role, grant and default privilege, for ordering what needs them. */
  readonly dependables: ITerraformDependable[];
}

/** Options of `buildInsidePostgres`. */
export interface InsidePostgresOptions {
  readonly model: AccessModel;
  /** How Terraform connects (the admin role) and with which password token. */
  readonly admin: PostgresConnection;
  readonly passwordLength: number;
  /** `prevent_destroy` on the extensions and created schemas. */
  readonly protect: boolean;
  /** What must exist first (the project's settings: network and SSL). */
  readonly dependsOn: ITerraformDependable[];
}

/**
 * The inside of a Supabase Postgres, as `@cdktf/provider-postgresql` resources
 * under `scope` (child ids are a contract): the aliased provider
 * ("PostgresProvider"), extensions ("Extension<Name>"), the three login roles
 * (their kind's id), application schemas ("Schema<Name>"), and each role's
 * exact grants and default privileges.
 */
export function buildInsidePostgres(scope: Construct, o: InsidePostgresOptions): InsidePostgres {
  const provider = new PostgresqlProvider(scope, 'PostgresProvider', {
    alias: scope.node.path.replace(/[^A-Za-z0-9]+/g, '_').toLowerCase(),
    host: o.admin.host,
    port: o.admin.port,
    database: o.admin.database,
    username: o.admin.username,
    password: o.admin.password.value,
    sslmode: o.admin.sslMode,
    connectTimeout: 15,
    // Supabase's "postgres" role is not a real superuser.
    superuser: false,
  });
  const extensions = o.model.extensions.map((e) => {
    const ext = new Extension(scope, `Extension${pascal(e.name)}`, {
      provider,
      name: e.name,
      schema: e.schema,
      database: 'postgres',
      // Never drop objects that use an extension (vector columns, Vault secrets).
      dropCascade: false,
      dependsOn: o.dependsOn,
    });
    protectFromDestroy(ext, o.protect);
    return ext;
  });

  // Roles first (the migration role owns the schemas), then schemas, then grants.
  const searchPath = o.model.searchPath;
  const list = o.model.roles.map((role) => new DatabaseRole(scope, role.id, {
    role, provider, searchPath, passwordLength: o.passwordLength, dependsOn: o.dependsOn,
  }));
  const roles: { [kind: string]: DatabaseRole } = {};
  o.model.roles.forEach((r, i) => { roles[r.kind] = list[i]; });
  const migration = roles.migration;
  const schemaNames: { [schema: string]: string } = {};
  for (const schema of o.model.schemas) {
    if (schema === 'public') {
      schemaNames[schema] = schema;
      continue;
    }
    const created = new Schema(scope, `Schema${pascal(schema)}`, {
      provider,
      name: schema,
      owner: migration.roleName,
      database: 'postgres',
      ifNotExists: true,
      dropCascade: false,
      dependsOn: o.dependsOn,
    });
    protectFromDestroy(created, o.protect);
    schemaNames[schema] = created.name;
  }
  for (const role of list) {
    role.grant({ model: o.model, database: 'postgres', schemaNames, ownerName: migration.roleName, dependsOn: [...o.dependsOn, ...extensions] });
  }
  return { provider, extensions, roles, dependables: [...list.map((r) => r.resource), ...list.flatMap((r) => r.grants), ...extensions] };
}
