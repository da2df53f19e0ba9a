import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Client } from 'pg';
import {
  DatabaseBackup, DatabaseBackupProps, Environment, IBackupDestination, IScheduledJobHost, PostgresConnection,
  ScheduledJobSpec, SecretValue, SupabaseDatabase,
} from '../../lib';
import { describeWithPostgres, PostgresServer, startPostgres } from '../support/postgres';
import { environmentStack } from '../support/template';

/** Stand-in for RenderCompute: records the jobs it is asked to run. */
class FakeJobHost implements IScheduledJobHost {
  public readonly jobs: Array<{ id: string; spec: ScheduledJobSpec }> = [];
  public addScheduledJob(id: string, spec: ScheduledJobSpec): void {
    this.jobs.push({ id, spec });
  }
}

/** Stand-in for the StorageBuckets backups bucket. */
function fakeDestination(scope: Parameters<typeof SecretValue.fromVariable>[0], overrides: Partial<IBackupDestination> = {}): IBackupDestination {
  return {
    bucketName: 'acme-shop-staging-backups',
    region: 'us-east-1',
    prefix: 'postgres/',
    kmsKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e',
    accessKeyId: SecretValue.fromVariable(scope, 'backup_access_key_id'),
    secretAccessKey: SecretValue.fromVariable(scope, 'backup_secret_access_key'),
    ...overrides,
  };
}

function connectionTo(server: PostgresServer, password: SecretValue): PostgresConnection {
  return { host: server.host, port: server.port, database: 'shop', username: server.superuser, password, sslMode: 'require', uri: password };
}

describe('DatabaseBackup', () => {
  test('SupabaseDatabase.addBackup hands a nightly pg_dump job to the host, secrets as SecretValues', () => {
    const stack = environmentStack(Environment.production({ project: 'acme-shop' }));
    const db = new SupabaseDatabase(stack, 'Database', { auth: { siteUrl: 'https://app.example.com' }, allowedCidrs: ['198.51.100.0/24'], schemas: ['public', 'app'] });
    const host = new FakeJobHost();
    const backup = db.addBackup('Backup', { host, destination: fakeDestination(stack) });
    expect(host.jobs).toHaveLength(1);
    const { id, spec } = host.jobs[0];
    expect(id).toBe('Backup');
    expect(spec).toBe(backup.spec);
    expect(spec).toMatchObject({ name: 'db-backup', schedule: '17 3 * * *', image: undefined });
    expect(spec.variables).toEqual({
      PGHOST: db.adminConnection.host,
      PGPORT: '5432',
      PGDATABASE: 'postgres',
      PGUSER: 'postgres',
      PGSSLMODE: 'require',
      PGCONNECT_TIMEOUT: '15',
      PGAPPNAME: 'acme-shop-production-db-backup',
      BACKUP_BUCKET: 'acme-shop-staging-backups',
      BACKUP_PREFIX: 'postgres/',
      BACKUP_SSE_KMS_ARN: 'arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e',
      AWS_REGION: 'us-east-1',
      AWS_DEFAULT_REGION: 'us-east-1',
    });
    expect(Object.keys(spec.secrets!).sort()).toEqual(['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'PGPASSWORD']);
    expect(spec.secrets!.PGPASSWORD).toBe(db.adminConnection.password);
    expect(Object.values(spec.secrets!).every((v) => SecretValue.isSecretValue(v))).toBe(true);
    expect(spec.command).toContain("pg_dump --format=custom --compress=6 --no-owner --no-privileges --schema='public' --schema='app' --schema='auth' --file=\"$tmp\"");
    expect(spec.command).toContain('aws s3 cp "$tmp" "s3://$BACKUP_BUCKET/$key" --sse aws:kms --sse-kms-key-id "$BACKUP_SSE_KMS_ARN"');
    // The command travels inside Terraform JSON: "${" would start an interpolation there.
    expect(spec.command).not.toContain('${');
  });

  test('schedule, schemas, image and name can be set', () => {
    const stack = environmentStack(Environment.staging({ project: 'acme-shop' }));
    const host = new FakeJobHost();
    new DatabaseBackup(stack, 'Backup', {
      host,
      destination: fakeDestination(stack),
      source: connectionTo({ host: 'db', port: 5432, superuser: 'postgres' } as PostgresServer, SecretValue.fromVariable(stack, 'pw')),
      schedule: '0 */6 * * *',
      schemas: ['app'],
      image: { repository: 'ghcr.io/acme/db-tools', tag: '17-2' },
      jobName: 'pg-dump',
    });
    expect(host.jobs[0].spec).toMatchObject({ name: 'pg-dump', schedule: '0 */6 * * *', image: { repository: 'ghcr.io/acme/db-tools', tag: '17-2' } });
    expect(host.jobs[0].spec.command).toContain("--schema='app' --file");
  });

  const stackFor = () => environmentStack(Environment.staging({ project: 'acme-shop' }));
  const bad: Array<[string, (s: ReturnType<typeof stackFor>) => Partial<DatabaseBackupProps>, string]> = [
    ['a 6-field schedule', () => ({ schedule: '0 0 3 * * *' }), '[test/Backup] invalid "schedule": got "0 0 3 * * *"; expected a 5-field cron expression "minute hour day-of-month month day-of-week" (UTC) using numbers, "*", ranges "a-b", steps "*/n" or "a-b/n", lists "a,b", JAN-DEC and SUN-SAT (it has 6 fields, not 5)'],
    ['a job name that is not a DNS label', () => ({ jobName: 'DB_Backup' }), '[test/Backup] invalid "jobName": got "DB_Backup"; expected a DNS label'],
    ['an injected schema', () => ({ schemas: ["public'; rm -rf / #"] }), '[test/Backup] invalid "schemas[0]": got "public\'; rm -rf / #"; expected a lowercase SQL identifier'],
    ['no schema', () => ({ schemas: [] }), '[test/Backup] invalid "schemas": got []; expected at least one schema to dump'],
    ['a prefix without a slash', (s) => ({ destination: fakeDestination(s, { prefix: 'postgres' }) }), '[test/Backup] invalid "destination.prefix": got "postgres"; expected a key prefix ending in "/" (or "")'],
    ['an image with a tag in the repository', () => ({ image: { repository: 'ghcr.io/acme/db-tools:17', tag: '17' } }), '[test/Backup] invalid "image.repository": got "ghcr.io/acme/db-tools:17"; expected an image repository without tag or digest'],
    ['a mutable image tag', () => ({ image: { repository: 'ghcr.io/acme/db-tools', tag: 'latest' } }), '[test/Backup] invalid "image.tag": got "latest"; expected a version tag or a digest'],
    ['schemas as a string', () => ({ schemas: 'public' as any }), '[test/Backup] invalid "schemas": got "public"; expected a list'],
    ['a host without addScheduledJob', () => ({ host: {} as any }), '[test/Backup] invalid "host": got {}; expected an IScheduledJobHost (for example RenderCompute): an object with addScheduledJob(id, spec)'],
    ['a destination with a plain-string key', (s) => ({ destination: { ...fakeDestination(s), secretAccessKey: 'wJalrXUtnFEMI' as any } }), '[test/Backup] invalid "destination.secretAccessKey": got "<string redacted>"; expected a SecretValue'],
    ['a destination region that is not one', (s) => ({ destination: fakeDestination(s, { region: 'virginia' }) }), '[test/Backup] invalid "destination.region": got "virginia"; expected an AWS region name such as "us-east-1"'],
    ['a source password as { value }', (s) => ({ source: { ...connectionTo({ host: 'db', port: 5432, superuser: 'postgres' } as PostgresServer, SecretValue.fromVariable(s, 'pw2')), password: { value: 'x' } as any } }), '[test/Backup] invalid "source.password": got "<non-SecretValue redacted>"; expected a SecretValue'],
    ['a misspelt prop', () => ({ schedul: '0 3 * * *' } as any), '[test/Backup] invalid "schedul": got "0 3 * * *"; expected no such property'],
  ];
  test.each(bad)('rejects %s', (_what, props, message) => {
    const stack = stackFor();
    const base: DatabaseBackupProps = {
      host: new FakeJobHost(),
      destination: fakeDestination(stack),
      source: connectionTo({ host: 'db', port: 5432, superuser: 'postgres' } as PostgresServer, SecretValue.fromVariable(stack, 'pw')),
    };
    expect(() => new DatabaseBackup(stack, 'Backup', { ...base, ...props(stack) })).toThrow(message);
  });
});

describeWithPostgres('DatabaseBackup command on a real PostgreSQL', () => {
  let server: PostgresServer;
  let work: string;

  beforeAll(async () => {
    server = await startPostgres({ ssl: true });
    await server.createDatabase('shop');
    const c: Client = await server.connect(server.superuser, 'shop');
    await c.query(`CREATE SCHEMA app; CREATE TABLE app.campaigns (id int PRIMARY KEY, name text);
      INSERT INTO app.campaigns VALUES (1, 'spring'), (2, 'summer'); CREATE TABLE public.not_dumped (id int);`);
    await c.end();
    work = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-backup-'));
    // Stand-in for the AWS CLI: `aws s3 cp SRC s3://BUCKET/KEY ...` copies into $FAKE_S3.
    fs.mkdirSync(path.join(work, 'bin'));
    fs.writeFileSync(path.join(work, 'bin', 'aws'), [
      '#!/bin/sh',
      '[ "$1 $2" = "s3 cp" ] || { echo "fake aws: unexpected $*" >&2; exit 2; }',
      'echo "$*" > "$FAKE_S3/args"',
      'dst=${4#s3://}',
      'mkdir -p "$FAKE_S3/$(dirname "$dst")" && cp "$3" "$FAKE_S3/$dst"',
    ].join('\n'), { mode: 0o755 });
  });

  afterAll(() => {
    server?.stop();
    if (work) fs.rmSync(work, { recursive: true, force: true });
  });

  function run(schemas: string[], extraEnv: { [k: string]: string } = {}) {
    const stack = environmentStack(Environment.staging({ project: 'acme-shop' }));
    const host = new FakeJobHost();
    new DatabaseBackup(stack, 'Backup', { host, destination: fakeDestination(stack), source: connectionTo(server, SecretValue.fromVariable(stack, 'pw')), schemas });
    const spec = host.jobs[0].spec;
    const s3 = fs.mkdtempSync(path.join(work, 's3-'));
    const env = {
      ...process.env,
      ...spec.variables,
      PATH: `${path.join(work, 'bin')}:${server.binDir}:${process.env.PATH}`,
      PGPASSWORD: 'x',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
      FAKE_S3: s3,
      ...extraEnv,
    };
    return { result: spawnSync('/bin/sh', ['-c', spec.command], { env, encoding: 'utf8' }), s3 };
  }

  test('dumps the chosen schemas over TLS and uploads one SSE-KMS object under the prefix', () => {
    const { result, s3 } = run(['app']);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const keyMatch = /^db-backup: wrote s3:\/\/acme-shop-staging-backups\/(postgres\/\d{4}\/\d{2}\/\d{2}\/\d{8}T\d{6}Z\.dump) \(\d+ bytes\)$/.exec(result.stdout.trim());
    expect(keyMatch).not.toBeNull();
    const dump = path.join(s3, 'acme-shop-staging-backups', keyMatch![1]);
    const args = fs.readFileSync(path.join(s3, 'args'), 'utf8');
    expect(args).toContain('--sse aws:kms --sse-kms-key-id arn:aws:kms:us-east-1:111122223333:key/0b1c2d3e');
    const list = spawnSync(path.join(server.binDir, 'pg_restore'), ['--list', dump], { encoding: 'utf8' });
    expect(list.status).toBe(0);
    expect(list.stdout).toMatch(/TABLE DATA app campaigns/);
    expect(list.stdout).not.toMatch(/not_dumped/);
  });

  test('a failing dump fails the job and uploads nothing', () => {
    const { result, s3 } = run(['app'], { PGDATABASE: 'missing' });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain('database "missing" does not exist');
    expect(fs.readdirSync(s3)).toEqual([]);
  });

  test('a job image without the AWS CLI fails with a clear message', () => {
    const { result } = run(['app'], { PATH: server.binDir });
    expect(result.status).toBe(127);
    expect(result.stderr).toBe('db-backup: aws not found in the job image\n');
  });
});
