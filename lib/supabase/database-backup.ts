import { Construct, IConstruct } from 'constructs';
import { PostgresConnection } from './connection';
import { checkConnection } from './private/connection-check';
import { libpqEnvironment } from './private/libpq';
import { checkSqlIdentifier } from './private/sql';
import { ContainerImage } from '../core/container-image';
import { IBackupDestination, IScheduledJobHost, ScheduledJobSpec } from '../core/contracts';
import { ValidationError } from '../core/errors';
import { assertCron } from '../core/private/cron';
import { markLibraryConstruct } from '../core/private/escape';
import { checkContainerImage } from '../core/private/image';
import { Input, checkSecret, checkString } from '../core/private/input';
import { AWS_REGION_PATTERN, DNS_LABEL_PATTERN } from '../core/private/validation';
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
   * @default - ["public"]; SupabaseDatabase.addBackup: the application schemas and "auth"
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
  /** Runs the job (for example RenderCompute). */
  readonly host: IScheduledJobHost;
  /** Receives the dumps (for example StorageBuckets.backupDestination). */
  readonly destination: IBackupDestination;
}

/** Props of `DatabaseBackup`. */
export interface DatabaseBackupProps extends AddDatabaseBackupOptions {
  /** The database to dump (a role that can read every table, bypassing RLS). */
  readonly source: PostgresConnection;
  /**
   * Environment the defaults come from.
   * @default - the environment of the enclosing EnvironmentStack
   */
  readonly environment?: Environment;
}

/**
 * A scheduled `pg_dump` of the database into the backups bucket. The job dumps
 * to a temporary file first, so a failed dump never uploads a truncated object
 * and fails the run; then it uploads with SSE-KMS using the destination's
 * write-only credentials (PutObject only: the job can neither list nor read nor
 * delete backups). Retention is the bucket's lifecycle, not the job's business.
 *
 * Custom-format dumps (`pg_restore`-able, compressed), without owners and
 * grants: Terraform recreates roles and privileges in a new project.
 *
 * @example
 * declare const db: SupabaseDatabase;
 * declare const compute: RenderCompute;
 * declare const storage: StorageBuckets;
 * new DatabaseBackup(db, 'NightlyDump', { host: compute, destination: storage.backupDestination, source: db.adminConnection });
 */
export class DatabaseBackup extends Construct {
  /** The job handed to the host. */
  public readonly spec: ScheduledJobSpec;

  constructor(scope: Construct, id: string, props: DatabaseBackupProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const input = Input.of(this, props);
    const env = environmentOf(this, input.raw('environment'));
    const schedule = input.string('schedule') ?? '17 3 * * *';
    assertCron(this, 'schedule', schedule);
    const name = input.string('jobName', { pattern: DNS_LABEL_PATTERN, allowed: 'a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit' }) ?? 'db-backup';
    const schemas = input.stringList('schemas', { unique: true }) ?? ['public'];
    if (schemas.length === 0) throw new ValidationError(this, 'schemas', schemas, 'at least one schema to dump');
    schemas.forEach((s, i) => checkSqlIdentifier(this, `schemas[${i}]`, s));
    const host = checkJobHost(this, 'host', input.raw('host'));
    const d = checkBackupDestination(this, 'destination', input.raw('destination'));
    const image = input.has('image') ? checkContainerImage(this, 'image', input.raw('image')) : undefined;
    const source = checkConnection(this, 'source', input.raw('source'));
    input.done();

    this.spec = {
      name,
      schedule,
      command: backupCommand(schemas),
      image,
      variables: {
        ...libpqEnvironment(source, env.resourceName(name)),
        BACKUP_BUCKET: d.bucketName,
        BACKUP_PREFIX: d.prefix,
        BACKUP_SSE_KMS_ARN: d.kmsKeyArn,
        AWS_REGION: d.region,
        AWS_DEFAULT_REGION: d.region,
      },
      secrets: {
        PGPASSWORD: source.password,
        AWS_ACCESS_KEY_ID: d.accessKeyId,
        AWS_SECRET_ACCESS_KEY: d.secretAccessKey,
      },
    };
    host.addScheduledJob(id, this.spec);
  }
}

function checkJobHost(scope: IConstruct, prop: string, value: unknown): IScheduledJobHost {
  if (value === null || typeof value !== 'object' || typeof (value as any).addScheduledJob !== 'function') {
    throw new ValidationError(scope, prop, value, 'an IScheduledJobHost (for example RenderCompute): an object with addScheduledJob(id, spec)');
  }
  return value as IScheduledJobHost;
}

/** Reads an `IBackupDestination` field by field (it is usually a getter of another module, not a plain object). */
function checkBackupDestination(scope: IConstruct, prop: string, value: unknown): IBackupDestination {
  if (value === null || typeof value !== 'object') {
    throw new ValidationError(scope, prop, value, 'an IBackupDestination (for example StorageBuckets.backupDestination)');
  }
  const v = value as { [key: string]: unknown };
  const text = (key: string, options: { pattern?: RegExp; allowed?: string } = {}): string => {
    if (v[key] === undefined) throw new ValidationError(scope, `${prop}.${key}`, undefined, options.allowed ?? 'a string');
    return checkString(scope, `${prop}.${key}`, v[key], { nonEmpty: true, ...options })!;
  };
  const secret = (key: string) => {
    if (v[key] === undefined) throw new ValidationError(scope, `${prop}.${key}`, undefined, 'a SecretValue');
    return checkSecret(scope, `${prop}.${key}`, v[key])!;
  };
  const destination: IBackupDestination = {
    bucketName: text('bucketName', { pattern: /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, allowed: 'an S3 bucket name' }),
    region: text('region', { pattern: AWS_REGION_PATTERN, allowed: 'an AWS region name such as "us-east-1"' }),
    prefix: checkString(scope, `${prop}.prefix`, v.prefix, { pattern: /^([A-Za-z0-9!_.*'()-]+\/)*$/, allowed: 'a key prefix ending in "/" (or "")' }) ?? '',
    kmsKeyArn: text('kmsKeyArn', { pattern: /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(key|alias)\/[A-Za-z0-9/_-]+$/, allowed: 'a KMS key ARN' }),
    accessKeyId: secret('accessKeyId'),
    secretAccessKey: secret('secretAccessKey'),
  };
  return destination;
}

/**
 * The job's shell command (POSIX sh). Every step fails the run on error; the
 * object key is `<prefix>YYYY/MM/DD/<timestamp>.dump`.
 */
function backupCommand(schemas: string[]): string {
  // Schemas are lowercase identifiers (checked): nothing in them is special to the shell.
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
