import { Testing, TerraformVariable } from 'cdktf';
import { Environment, EnvironmentStack, IPublicService, KeepAliveWorker, KeepAliveWorkerProps } from '../../lib';
import { CRON_DESCRIPTION } from '../../lib/core/private/cron';
import { KEEP_ALIVE_SCRIPT } from '../../lib/networking/private/keep-alive-script';
import { Template, environmentStack } from '../support/template';

const api: IPublicService = { serviceName: 'api', originHostname: 'lss-api.onrender.com', publicHostname: 'api.livestreamsell.ai', healthCheckPath: '/health' };

function worker(props: KeepAliveWorkerProps = {}, env = Environment.production({ project: 'livestreamsell' })) {
  const stack = environmentStack(env);
  const w = new KeepAliveWorker(stack, 'KeepAlive', props);
  return { stack, worker: w };
}

describe('KeepAliveWorker', () => {
  const { stack, worker: w } = worker();
  w.addService(api);
  w.addService({ serviceName: 'dashboard', originHostname: 'lss-app.onrender.com', publicHostname: 'app.livestreamsell.ai', healthCheckPath: '/api/health' });
  const t = Template.of(stack);
  const script = t.only('cloudflare_workers_script');

  test('uploads the module script with the health URLs and timeout as plain-text bindings', () => {
    expect(script).toMatchObject({
      account_id: '${var.cloudflare_account_id}',
      script_name: 'livestreamsell-production-keepalive',
      main_module: 'keepalive.mjs',
      content: KEEP_ALIVE_SCRIPT,
      compatibility_date: '2025-01-01',
      observability: { enabled: true },
    });
    expect(script.bindings).toEqual([
      { type: 'plain_text', name: 'HEALTH_URLS', text: '["https://api.livestreamsell.ai/health","https://app.livestreamsell.ai/api/health"]' },
      { type: 'plain_text', name: 'TIMEOUT_MS', text: '10000' },
    ]);
    expect(w.healthUrls).toEqual(['https://api.livestreamsell.ai/health', 'https://app.livestreamsell.ai/api/health']);
  });

  test('a cron trigger every 5 minutes on that script', () => {
    expect(t.only('cloudflare_workers_cron_trigger')).toEqual({
      account_id: '${var.cloudflare_account_id}',
      script_name: expect.stringMatching(/^\$\{cloudflare_workers_script\..*\.script_name\}$/),
      schedules: [{ cron: '*/5 * * * *' }],
    });
  });

  test('no workers.dev URL and a non-sensitive account id variable', () => {
    expect(t.only('cloudflare_workers_script_subdomain')).toMatchObject({ enabled: false, previews_enabled: false });
    expect(t.json.variable.cloudflare_account_id).toMatchObject({ type: 'string', nullable: false });
  });

  test('schedule, timeout, name, account id and token hostnames are honoured', () => {
    const s = environmentStack();
    const host = new TerraformVariable(s, 'api_host', { type: 'string' }).stringValue;
    const k = new KeepAliveWorker(s, 'KeepAlive', { schedule: '*/10 * * * *', timeoutSeconds: 30, scriptName: 'wake-up', accountId: 'abcdefabcdefabcdefabcdefabcdef12' });
    k.addService({ ...api, publicHostname: host });
    k.addUrl('https://status.livestreamsell.ai/ping');
    const tt = Template.of(s);
    expect(tt.only('cloudflare_workers_cron_trigger').schedules).toEqual([{ cron: '*/10 * * * *' }]);
    const sc = tt.only('cloudflare_workers_script');
    expect(sc).toMatchObject({ script_name: 'wake-up', account_id: 'abcdefabcdefabcdefabcdefabcdef12' });
    expect(sc.bindings[0].text).toBe('["https://${var.api_host}/health","https://status.livestreamsell.ai/ping"]');
    expect(sc.bindings[1].text).toBe('30000');
    expect(tt.json.variable.cloudflare_account_id).toBeUndefined();
  });

  test('warns when pings are more than 14 minutes apart (Render sleeps after 15)', () => {
    const slow = worker({ schedule: '0,30 * * * *' }).worker;
    expect(slow.node.metadata.map((m) => m.data)).toEqual([expect.stringContaining('[lib:networking:keep-alive-gap] schedule "0,30 * * * *" leaves 30 minutes between pings')]);
    const nights = worker({ schedule: '*/5 8-20 * * *' }).worker;
    expect(nights.node.metadata.map((m) => m.data)).toEqual([expect.stringContaining('leaves hours or days between pings')]);
    expect(worker().worker.node.metadata).toEqual([]);
  });

  test.each<[KeepAliveWorkerProps, string]>([
    [{ schedule: 'every 5 minutes' }, `[test/KeepAlive] invalid "schedule": got "every 5 minutes"; expected ${CRON_DESCRIPTION} (it has 3 fields, not 5)`],
    [{ schedule: '*/5 * * * * *' }, '[test/KeepAlive] invalid "schedule": got "*/5 * * * * *"; expected a 5-field cron expression'],
    [{ schedule: '*/61 * * * *' }, '(minute step "61" is not a whole number from 1 to 60)'],
    [{ timeoutSeconds: 0 }, '[test/KeepAlive] invalid "timeoutSeconds": got 0; expected a whole number from 1 to 60'],
    [{ scriptName: 'Keep Alive' }, '[test/KeepAlive] invalid "scriptName": got "Keep Alive"; expected a Worker name'],
    [{ accountId: 'acct' }, '[test/KeepAlive] invalid "accountId": got "acct"; expected a Cloudflare account id: 32 lowercase hex characters'],
    [{ timeoutSeconds: NaN }, '[test/KeepAlive] invalid "timeoutSeconds": got NaN; expected a whole number from 1 to 60'],
    [{ timeoutSeconds: '10' as any }, '[test/KeepAlive] invalid "timeoutSeconds": got "10"; expected a whole number from 1 to 60'],
    [{ schedule: ['*/5 * * * *'] as any }, '[test/KeepAlive] invalid "schedule": got ["*/5 * * * *"]; expected a 5-field cron expression'],
    [{ interval: 5 } as any, '[test/KeepAlive] invalid "interval": got 5; expected no such property: the properties here are "accountId", "environment", "schedule", "scriptName", "timeoutSeconds"'],
  ])('rejects %j', (props, message) => {
    expect(() => worker(props)).toThrow(message);
  });

  test('rejects plain http, URLs without a path, credentials, and duplicates; returns what it registered', () => {
    const k = worker().worker;
    expect(() => k.addUrl('http://api.livestreamsell.ai/health')).toThrow('[test/KeepAlive] invalid "url": got "http://api.livestreamsell.ai/health"; expected an https URL with a path, such as "https://api.example.com/health" (plain http is refused)');
    expect(() => k.addUrl('https://api.livestreamsell.ai')).toThrow('invalid "url": got "https://api.livestreamsell.ai"');
    expect(() => k.addUrl('https://api.livestreamsell.ai/health?key=sk_live_0123456789abcdefghij')).toThrow(
      '[test/KeepAlive] invalid "url": got "<literal string redacted>"; expected text without credentials: it looks like a Stripe secret key',
    );
    expect(() => k.addUrl({ url: 'https://api.livestreamsell.ai/health' } as any)).toThrow('[test/KeepAlive] invalid "url": got {"url":"https://api.livestreamsell.ai/health"}; expected an https URL with a path');
    expect(k.addService(api)).toBe('https://api.livestreamsell.ai/health');
    expect(() => k.addService(api)).toThrow('[test/KeepAlive] invalid "service": got "https://api.livestreamsell.ai/health"; expected a URL test/KeepAlive does not ping yet');
    expect(() => k.addService({ ...api, healthCheckPath: 'health' })).toThrow('[test/KeepAlive] invalid "service.healthCheckPath": got "health"; expected an absolute path such as "/health" (no query string)');
  });

  test('two keep-alive Workers with one script name in one account fail naming both', () => {
    const { stack: first } = worker();
    expect(() => new KeepAliveWorker(first, 'Again')).toThrow(
      '[test/Again] invalid "scriptName": got "livestreamsell-production-keepalive"; expected a Worker name no other KeepAliveWorker of this Cloudflare account uses (test/KeepAlive already does)',
    );
    // Across stacks of the app too, as long as they read the account the same way.
    const app = first.node.root as any;
    const other = new EnvironmentStack(app, 'other', { environment: Environment.staging({ project: 'livestreamsell' }) });
    expect(() => new KeepAliveWorker(other, 'KeepAlive', { scriptName: 'livestreamsell-production-keepalive' })).toThrow('[other/KeepAlive] invalid "scriptName"');
    expect(() => new KeepAliveWorker(other, 'OtherAccount', { scriptName: 'livestreamsell-production-keepalive', accountId: 'abcdefabcdefabcdefabcdefabcdef12' })).not.toThrow();
    expect(KeepAliveWorker.isKeepAliveWorker(other.node.findChild('OtherAccount'))).toBe(true);
  });

  test('a keep-alive with nothing to ping fails synth', () => {
    const { stack: s } = worker();
    expect(() => Testing.synth(s, true)).toThrow('[test/KeepAlive] invalid "urls": got []; expected at least one health URL: register the published services with addService() or addUrl()');
  });
});
