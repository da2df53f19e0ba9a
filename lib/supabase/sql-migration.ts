import { ITerraformDependable } from 'cdktf';
import { Construct } from 'constructs';
import { PostgresConnection } from './connection';
import { checkConnection } from './private/connection-check';
import { libpqEnvironment } from './private/libpq';
import { parseSql, statementKind } from './private/pg-parser';
import { checkMigrationSql, psqlFile } from './private/sql-script';
import { StackFile } from './private/stack-file';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct, terraformExpression } from '../core/private/escape';
import { Input, checkList } from '../core/private/input';
import { assertNoLiteralSecret, secretValueKind } from '../core/private/secret-detection';
import { TerraformData } from '../core/terraform-data';

/** Props of `SqlMigration`. */
export interface SqlMigrationProps {
  /**
   * The SQL. It must be idempotent (it runs again whenever it changes), parse
   * with PostgreSQL's parser, and contain no psql meta-commands. Without its own
   * `BEGIN ... COMMIT` it is wrapped in one transaction; with one, that pair
   * must enclose every statement (leading `SET`s aside).
   */
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
   * so a recreated database gets it again). Plain values: never secrets.
   * @default - only the file's SHA-256
   */
  readonly triggers?: { [key: string]: string };
}

const FILE_NAME = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}\.sql$/;

/**
 * An idempotent SQL file, written into the synthesized stack
 * (`cdktf.out/stacks/<stack>/assets/<id>/<hash>/<fileName>`, only when the
 * stack is synthesized, only inside its output directory) and applied by
 * Terraform with `psql` from a `terraform_data` resource whose replacement is
 * triggered by the file's SHA-256: it runs once per change, not on every apply.
 *
 * The file is a psql script that is safe under plain `psql -f`: it sets
 * `ON_ERROR_STOP` itself and runs as one transaction, so the first error stops
 * it with the server's message and nothing of it commits. The SQL is parsed with
 * PostgreSQL's parser at synth, so a syntax error fails `cdktf synth`, not the
 * apply. The password reaches `psql` only through the provisioner's environment
 * (`PGPASSWORD`), which Terraform keeps out of its output; the machine running
 * Terraform needs `psql` on its PATH.
 *
 * @example
 * declare const db: SupabaseDatabase;
 * new SqlMigration(db, 'Seed', {
 *   sql: "INSERT INTO public.plans (name) VALUES ('free') ON CONFLICT DO NOTHING;",
 *   fileName: 'seed.sql',
 *   connection: db.migrationConnection,
 * });
 */
export class SqlMigration extends Construct {
  /** The SQL, as given. */
  public readonly sql: string;
  /** The file as written: the psql settings, then the SQL in one transaction. */
  public readonly fileContent: string;
  /** SHA-256 of the file (hex). */
  public readonly sha256: string;
  /** Path of the file relative to the synthesized stack directory. */
  public readonly filePath: string;
  /** The `terraform_data` that applies it (undefined when `apply` is false). */
  public readonly resource?: TerraformData;

  constructor(scope: Construct, id: string, props: SqlMigrationProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const input = Input.of(this, props);
    const fileName = input.requiredString('fileName', { pattern: FILE_NAME, allowed: 'a file name of letters, digits, ".", "_" or "-" ending in ".sql"' });
    const sql = input.requiredString('sql', { nonEmpty: true, allowed: 'non-empty SQL' });
    const kind = secretValueKind(sql);
    if (kind) {
      throw new ValidationError(this, 'sql', '<SQL redacted>', `SQL without literal credentials (it contains ${kind}): the file is written in plain text into the synthesized stack`);
    }
    const connection = input.has('connection') ? checkConnection(this, 'connection', input.raw('connection')) : undefined;
    const apply = input.boolean('apply') ?? true;
    const dependsOn = checkList(this, 'dependsOn', input.raw('dependsOn')) as ITerraformDependable[] | undefined;
    dependsOn?.forEach((d, i) => {
      if (d === null || typeof d !== 'object' || typeof (d as any).fqn !== 'string') {
        throw new ValidationError(this, `dependsOn[${i}]`, d, 'a Terraform resource or other dependable (it has an "fqn")');
      }
    });
    const triggers = input.stringMap('triggers', { key: { pattern: /^[a-z][a-z0-9_]{0,62}$/, allowed: 'a lowercase key of letters, digits and "_"' } });
    for (const [key, value] of Object.entries(triggers ?? {})) assertNoLiteralSecret(this, 'triggers', key, value);
    if (triggers?.sql_sha256 !== undefined) {
      throw new ValidationError(this, 'triggers.sql_sha256', triggers.sql_sha256, 'another key: "sql_sha256" is the file\'s own hash');
    }
    input.done();
    if (apply && !connection) throw new ValidationError(this, 'connection', undefined, 'a PostgresConnection to apply the SQL with (or apply: false)');

    this.sql = sql;
    this.fileContent = migrationFile(this, fileName, sql);
    const file = new StackFile(this, 'File', this.fileContent, fileName);
    this.sha256 = file.sha256;
    this.filePath = file.path;

    if (apply && connection) {
      const env = libpqEnvironment(connection, `cdktf-${fileName.replace(/\.sql$/, '')}`);
      this.resource = new TerraformData(this, 'Apply', {
        triggersReplace: { sql_sha256: this.sha256, ...triggers },
        dependsOn,
        provisioners: [{
          type: 'local-exec',
          command: `psql --no-psqlrc --quiet --echo-errors --set=ON_ERROR_STOP=1 --file="${terraformExpression('path.module')}/${this.filePath}"`,
          environment: { ...env, PGPASSWORD: connection.password.value },
        }],
      });
    }
  }
}

/**
 * The psql script: a header, `\set ON_ERROR_STOP on`, `standard_conforming_strings`
 * pinned, then the SQL in one transaction (its own, or one added here).
 */
function migrationFile(scope: Construct, fileName: string, sql: string): string {
  const shape = checkMigrationSql(scope, 'sql', sql);
  const statements = parseSql([sql])[0].statements!;
  // A last statement without ";" would swallow the COMMIT added after it ("SELECT 1 COMMIT").
  const terminated = statements[statements.length - 1].stmt_len !== undefined ? sql : `${sql.replace(/\s+$/, '')}\n;`;
  const body = shape.ownTransaction ? terminated : `BEGIN;\n${terminated.replace(/\s+$/, '')}\nCOMMIT;`;
  // The library's own SQL pins standard_conforming_strings first thing already.
  const pinned = statements[0].stmt.VariableSetStmt?.name === 'standard_conforming_strings'
    && statements[0].stmt.VariableSetStmt.args?.[0]?.A_Const?.sval?.sval === 'on';
  const script = [
    `-- ${fileName}: a psql script (psql -f ${fileName}). It stops at the first error`,
    '-- (ON_ERROR_STOP, set above) and runs in one transaction: on error nothing of it commits.',
    ...(pinned ? [] : ['SET standard_conforming_strings = on;']),
    `${body.replace(/\s+$/, '')}\n`,
  ].join('\n');
  // The file must be the user's statements and the ones added here, nothing merged.
  const expected = [...(pinned ? [] : ['VariableSetStmt']), ...(shape.ownTransaction ? [] : ['TransactionStmt']), ...statements.map(statementKind), ...(shape.ownTransaction ? [] : ['TransactionStmt'])];
  const found = parseSql([script])[0].statements?.map(statementKind);
  if (found?.join() !== expected.join()) {
    throw new ValidationError(scope, 'sql', sql, 'SQL whose statements each end with ";" (the file could not add its transaction around it)');
  }
  return psqlFile(script);
}
