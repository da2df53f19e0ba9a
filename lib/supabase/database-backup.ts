import { Construct } from 'constructs';
import { PostgresConnection } from './connection';
import { libpqEnvironment } from './libpq';
import { assertSqlIdentifier } from './sql';
import { ContainerImage } from '../core/container-image';
import { IBackupDestination, IScheduledJobHost, ScheduledJobSpec } from '../core/contracts';
import { ValidationError } from '../core/errors';
import { assertCron } from '../core/private/cron';
import { markLibraryConstruct } from '../core/private/escape';
import { checkContainerImage } from '../core/private/image';
import { assertDnsLabel, isToken } from '../core/private/validation';
import { Environment } from '../environment/environment';
import { environmentOf } from '../environment/private/resolve';

/** Options of a database backup job. */
export interface DatabaseBackupOptions {
  /**
   * Cron schedule, 5 fields, UTC.
   * @default "17 3 * * *" (03:17 UTC nightly, off the top of the hour when schedulers are busiest)
   */
  readonly schedule?: string;
  /**
   * Schemas to dump (`pg_dump --schema`). Supabase's internal schemas are left
   * out on purpose: the `postgres` role cannot read all of them, and a new
   * project recreates them.
   * @default ["public"] (SupabaseDatabase.addBackup: the application schemas and "auth")
   */
  readonly schemas?: string[];
  /**
   * Image of the job, pinned by tag or digest. It must provide `pg_dump` of the
   * server's major version (or newer) and the AWS CLI v2.
   * @default - the host's default job image
   */
  readonly image?: ContainerImage;
  /**
   * Job name, a DNS label; the host prefixes it with "<project>-<environment>-".
   * @default "db-backup"
   */
  readonly jobName?: string;
}

/** Options of `SupabaseDatabase.addBackup`. */
export interface AddDatabaseBackupOptions extends DatabaseBackupOptions {
  /** Runs the job (RenderCompute). */
  readonly host: IScheduledJobHost;
  /** Receives the dumps (the StorageBuckets backups bucket). */
  readonly destination: IBackupDestination;
}

/** Props of `DatabaseBackup`. */
export interface DatabaseBackupProps extends AddDatabaseBackupOptions {
  /** The database to dump (a role that can read every table, bypassing RLS). */
  readonly source: PostgresConnection;
  /**
   * Environment the defaults come from.
   * @default - Environment.of(this)
   */
  readonly environment?: Environment;
}


/**
 * A scheduled `pg_dump` of the database into the backups bucket (production-
 * readiness checklist: "Backup Strategy"). The job dumps to a temporary file
 * first, so a failed dump never uploads a truncated object and fails the run;
 * then it uploads with SSE-KMS using the destination's write-only credentials
 * (PutObject only: the job can neither list nor read nor delete backups).
 * Retention is the bucket's lifecycle, not the job's business.
 *
 * Custom-format dumps (`pg_restore`-able, compressed), without owners and
 * grants: Terraform recreates roles and privileges in a new project.
 *
 * @example
 * new DatabaseBackup(stack, 'Backup', { host: compute, destination: buckets.backups, source: db.adminConnection });
 */
export class DatabaseBackup extends Construct {
  /** The job handed to the host. */
  public readonly spec: ScheduledJobSpec;

  constructor(scope: Construct, id: string, props: DatabaseBackupProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const env = environmentOf(this, props.environment);
    const schedule = props.schedule ?? '17 3 * * *';
    assertCron(this, 'schedule', schedule);
    const name = props.jobName ?? 'db-backup';
    assertDnsLabel(this, 'jobName', name);
    const schemas = props.schemas ?? ['public'];
    if (schemas.length === 0) throw new ValidationError(this, 'schemas', schemas, 'at least one schema to dump');
    schemas.forEach((s, i) => assertSqlIdentifier(this, `schemas[${i}]`, s));
    const d = props.destination;
    if (!isToken(d.prefix) && d.prefix !== '' && !d.prefix.endsWith('/')) {
      throw new ValidationError(this, 'destination.prefix', d.prefix, 'a key prefix ending in "/" (or "")');
    }
    const image = props.image === undefined ? undefined : checkContainerImage(this, 'image', props.image);

    this.spec = {
      name,
      schedule,
      command: backupCommand(schemas),
      image,
      variables: {
        ...libpqEnvironment(props.source, env.resourceName(name)),
        BACKUP_BUCKET: d.bucketName,
        BACKUP_PREFIX: d.prefix,
        BACKUP_SSE_KMS_ARN: d.kmsKeyArn,
        AWS_REGION: d.region,
        AWS_DEFAULT_REGION: d.region,
      },
      secrets: {
        PGPASSWORD: props.source.password,
        AWS_ACCESS_KEY_ID: d.accessKeyId,
        AWS_SECRET_ACCESS_KEY: d.secretAccessKey,
      },
    };
    props.host.addScheduledJob(id, this.spec);
  }
}

/**
 * The job's shell command (POSIX sh). Every step fails the run on error; the
 * object key is `<prefix>YYYY/MM/DD/<timestamp>.dump`.
 */
function backupCommand(schemas: string[]): string {
  const schemaArgs = schemas.map((s) => `--schema='${s}'`).join(' ');
  // No "${" anywhere: the command travels inside Terraform JSON, where "${" starts an interpolation.
  return [
    'set -eu',
    'for tool in pg_dump aws; do command -v "$tool" >/dev/null 2>&1 || { echo "db-backup: $tool not found in the job image" >&2; exit 127; }; done',
    'key="$BACKUP_PREFIX$(date -u +%Y/%m/%d/%Y%m%dT%H%M%SZ).dump"',
    'tmp=$(mktemp)',
    'trap \'rm -f "$tmp"\' EXIT',
    `pg_dump --format=custom --compress=6 --no-owner --no-privileges ${schemaArgs} --file="$tmp"`,
    'aws s3 cp "$tmp" "s3://$BACKUP_BUCKET/$key" --sse aws:kms --sse-kms-key-id "$BACKUP_SSE_KMS_ARN" --only-show-errors',
    'echo "db-backup: wrote s3://$BACKUP_BUCKET/$key ($(wc -c < "$tmp") bytes)"',
  ].join('\n');
}
