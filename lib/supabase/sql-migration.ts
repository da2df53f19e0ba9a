import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { AssetType, ITerraformDependable, TerraformAsset } from 'cdktf';
import { Construct } from 'constructs';
import { PostgresConnection } from './connection';
import { libpqEnvironment } from './libpq';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct, terraformExpression } from '../core/private/escape';
import { assertMatches } from '../core/private/validation';
import { TerraformData } from '../core/terraform-data';

/** Props of `SqlMigration`. */
export interface SqlMigrationProps {
  /** The SQL. It must be idempotent: it runs again whenever it changes. */
  readonly sql: string;
  /** File name of the migration in the synthesized stack, ending in ".sql". */
  readonly fileName: string;
  /**
   * Where to apply it; required unless `apply` is false.
   * @default - none
   */
  readonly connection?: PostgresConnection;
  /**
   * Apply the file from Terraform. When false the file is still written, for
   * your own migration tooling.
   * @default true
   */
  readonly apply?: boolean;
  /**
   * Resources that must exist first (roles the SQL grants to, extensions it uses).
   * @default - none
   */
  readonly dependsOn?: ITerraformDependable[];
  /**
   * Extra values that re-run the SQL when they change (for example the project id,
   * so a recreated database gets it again).
   * @default - only the SQL's SHA-256
   */
  readonly triggers?: { [key: string]: string };
}

/**
 * An idempotent SQL file, written into the synthesized stack
 * (`cdktf.out/stacks/<stack>/assets/<id>/<hash>/<fileName>`) and applied by
 * Terraform with `psql` from a `terraform_data` resource whose replacement is
 * triggered by the file's SHA-256: it runs once per change, not on every apply.
 *
 * `psql` runs with `ON_ERROR_STOP`, so the first error stops the run with the
 * server's message and a non-zero exit, failing the apply; the SQL's own
 * transaction rolls back. The password reaches `psql` only through the
 * provisioner's environment (`PGPASSWORD`), which Terraform keeps out of its
 * output; the machine running Terraform needs `psql` on its PATH.
 *
 * @example
 * new SqlMigration(this, 'Rls', { sql, fileName: 'row-level-security.sql', connection: db.adminConnection });
 */
export class SqlMigration extends Construct {
  /** The SQL. */
  public readonly sql: string;
  /** SHA-256 of the SQL (hex). */
  public readonly sha256: string;
  /** The file in the synthesized stack. */
  public readonly asset: TerraformAsset;
  /** The `terraform_data` that applies it (undefined when `apply` is false). */
  public readonly resource?: TerraformData;

  constructor(scope: Construct, id: string, props: SqlMigrationProps) {
    super(scope, id);
    markLibraryConstruct(this);
    assertMatches(this, 'fileName', props.fileName, /^[A-Za-z0-9_.-]+\.sql$/, 'a file name of letters, digits, ".", "_" or "-" ending in ".sql"');
    if (props.sql.trim() === '') throw new ValidationError(this, 'sql', props.sql, 'non-empty SQL');
    this.sql = props.sql;
    this.sha256 = crypto.createHash('sha256').update(props.sql).digest('hex');

    // TerraformAsset copies a file that exists when it is constructed; the SQL is
    // known now, so it is staged in a private temp directory named by its hash.
    const staging = path.join(os.tmpdir(), 'lss-sql', this.sha256);
    fs.mkdirSync(staging, { recursive: true, mode: 0o700 });
    const file = path.join(staging, props.fileName);
    fs.writeFileSync(file, props.sql, { mode: 0o600 });
    this.asset = new TerraformAsset(this, 'File', { path: file, type: AssetType.FILE });

    if (props.apply ?? true) {
      if (!props.connection) throw new ValidationError(this, 'connection', undefined, 'a PostgresConnection to apply the SQL with (or apply: false)');
      const env = libpqEnvironment(props.connection, `cdktf-${props.fileName.replace(/\.sql$/, '')}`);
      this.resource = new TerraformData(this, 'Apply', {
        triggersReplace: { sql_sha256: this.sha256, ...props.triggers },
        dependsOn: props.dependsOn,
        provisioners: [{
          type: 'local-exec',
          command: `psql --no-psqlrc --quiet --echo-errors --set=ON_ERROR_STOP=1 --file="${terraformExpression('path.module')}/${this.asset.path}"`,
          environment: { ...env, PGPASSWORD: props.connection.password.value },
        }],
      });
    }
  }
}
