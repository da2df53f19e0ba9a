import { App, TerraformStack, Testing } from 'cdktf';
import { SecurityChecks } from '../../lib';
import { buildApp } from '../../stacks/main';

/**
 * Invariants of every stack of the LiveStreamSell app: what must stay true
 * whatever the modules change inside (no whole-app snapshot: its 10,000 lines
 * were never read). Each module's own tests hold its details.
 */
const STACKS = ['bootstrap', 'render-project', 'staging', 'production', 'development', 'kubernetes-platform', 'kubernetes'];

const app: App = buildApp(Testing.app());
const stackOf = (id: string) => app.node.findChild(id) as TerraformStack;
const synthCache = new Map<string, any>();
/** The stack's JSON, synthesized with validations on (so SecurityChecks findings fail it). */
function json(id: string): any {
  if (!synthCache.has(id)) synthCache.set(id, JSON.parse(Testing.synth(stackOf(id), true)));
  return synthCache.get(id);
}
const resources = (id: string, type: string): any[] => Object.values(json(id).resource?.[type] ?? {});
const counts = (id: string) => Object.fromEntries(Object.entries<any>(json(id).resource ?? {}).map(([type, byId]) => [type, Object.keys(byId).length]).sort());

describe('LiveStreamSell app', () => {
  test('has the bootstrap, render-project, staging, production, development, kubernetes-platform and kubernetes stacks', () => {
    expect(app.node.children.map((c) => c.node.id).sort()).toEqual([...STACKS].sort());
  });

  test.each(STACKS)('%s: zero SecurityChecks findings (suppressions only where documented)', (id) => {
    const checks = new SecurityChecks();
    expect(checks.check(stackOf(id))).toEqual([]);
    const suppressed = checks.findings.filter((f) => f.suppressedBecause).map((f) => f.ruleId);
    expect(suppressed).toEqual(id === 'bootstrap' ? ['LSS-STATE-001'] : []);
  });

  test.each(STACKS)('%s: resource counts per type', (id) => {
    expect(counts(id)).toMatchSnapshot();
  });

  test('each stack keeps its state under its own key of the one locked, encrypted bucket', () => {
    const keys = new Set<string>();
    for (const id of STACKS.filter((s) => s !== 'bootstrap')) {
      const s3 = json(id).terraform.backend.s3;
      expect(s3).toMatchObject({ encrypt: true, dynamodb_table: 'livestreamsell-shared-tflock', bucket: 'livestreamsell-shared-tfstate', kms_key_id: 'alias/livestreamsell-shared-tfstate' });
      keys.add(s3.key);
    }
    expect([...keys].sort()).toEqual([
      'livestreamsell/development/development.tfstate',
      'livestreamsell/production/kubernetes-platform.tfstate',
      'livestreamsell/production/kubernetes.tfstate',
      'livestreamsell/production/production.tfstate',
      'livestreamsell/shared/render-project.tfstate',
      'livestreamsell/staging/staging.tfstate',
    ]);
    expect(json('bootstrap').terraform.backend.local).toEqual({ path: 'terraform.bootstrap.tfstate' });
  });

  test.each(['staging', 'production'])('%s: the modules are wired by reference, not by copied values', (id) => {
    // The backend env group's DATABASE_URL is the Supabase application role's connection.
    const backend = resources(id, 'render_env_group').find((g) => g.name.endsWith('-backend'));
    expect(backend.env_vars.DATABASE_URL.value).toMatch(/^postgresql:\/\/livestreamsell_app\.\$\{supabase_project\.[^}]+\.id\}:\$\{urlencode\(random_password\.[^}]+\.result\)\}@\$\{element\(regex\("@\(\[\^:\/\?\]\+\)", data\.supabase_pooler\.[^}]+\)\}:6543\/postgres\?sslmode=require$/);
    // Every public Render service is a proxied Cloudflare record pointing at the service's own URL.
    const records = resources(id, 'cloudflare_dns_record').filter((r) => !r.name.startsWith('www.'));
    expect(records).toHaveLength(resources(id, 'render_web_service').length);
    for (const r of records) expect(r).toMatchObject({ proxied: true, content: expect.stringMatching(/^\$\{trimprefix\(render_web_service\.[^.]+\.url, "https:\/\/"\)\}$/) });
    // The keep-alive pings each public hostname at the service's own health path.
    const urls = JSON.parse(resources(id, 'cloudflare_workers_script')[0].bindings.find((b: any) => b.name === 'HEALTH_URLS').text);
    const services = resources(id, 'render_web_service');
    expect(urls.sort()).toEqual(services.map((s) => `https://${s.custom_domains[0].name}${s.health_check_path}`).sort());
    // The nightly backup writes with the backup identity's keys into the backups bucket.
    const job = resources(id, 'render_cron_job').find((j) => j.name.endsWith('-db-backup'));
    expect(job.env_vars.AWS_ACCESS_KEY_ID.value).toMatch(/^\$\{aws_iam_access_key\.Storage_BackupIdentity_[^}]+\.id\}$/);
    expect(job.env_vars.BACKUP_BUCKET.value).toBe(`livestreamsell-${id}-backups`);
  });

  test('production differs from staging where the PRD says: protection, scale, replicas', () => {
    const prevent = (id: string) => Object.values<any>(json(id).resource).flatMap((byId) => Object.values<any>(byId)).filter((r) => r.lifecycle?.prevent_destroy);
    // Backups outlive mistakes in every environment; everything else is protected in production only.
    expect(prevent('staging').map((r) => r.bucket ?? r.description).sort()).toEqual(['livestreamsell-staging-backups', 'livestreamsell-staging-backups (managed by cdktf)']);
    expect(prevent('production').length).toBeGreaterThan(10);
    const api = (id: string) => resources(id, 'render_web_service').find((s) => s.name.endsWith('-api'));
    expect(api('production').autoscaling).toMatchObject({ min: 1, max: 10 });
    expect(api('staging').autoscaling).toMatchObject({ min: 1, max: 2 });
    expect(resources('production', 'aws_s3_bucket_replication_configuration')).toHaveLength(1);
    expect(resources('staging', 'aws_s3_bucket_replication_configuration')).toHaveLength(0);
  });
});

describe('bootstrap state migration', () => {
  test('the bootstrapRemoteState context moves the bootstrap stack onto the bucket it created', () => {
    const migrated = buildApp(Testing.app({ context: { bootstrapRemoteState: true } }));
    const backend = JSON.parse(Testing.synth(migrated.node.findChild('bootstrap') as any, true)).terraform.backend;
    expect(backend.s3).toMatchObject({ bucket: 'livestreamsell-shared-tfstate', key: 'livestreamsell/shared/bootstrap.tfstate', encrypt: true, dynamodb_table: 'livestreamsell-shared-tflock' });
  });
});
