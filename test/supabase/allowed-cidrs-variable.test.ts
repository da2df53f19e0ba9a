import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Environment, SupabaseDatabase } from '../../lib';
import { Template, environmentStack } from '../support/template';
import { TERRAFORM } from '../support/terraform';

/**
 * The plan-time half of the allow-list check: the synthesized
 * `supabase_allowed_cidrs` and `supabase_organization_slug` variables, with
 * their validations exactly as synthesized, evaluated by the real `terraform
 * plan` (a configuration of only those variables needs no provider, so it runs
 * offline). Each rule has a value that makes it fail.
 */

describe('supabase_allowed_cidrs and supabase_organization_slug validated by terraform plan', () => {
  const stack = environmentStack(Environment.staging({ project: 'acme-shop' }));
  new SupabaseDatabase(stack, 'Database', { auth: { siteUrl: 'https://app.example.com' } });
  const variables = Template.of(stack).json.variable;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-tfvars-'));
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_CLI_CONFIG_FILE: '/dev/null' };

  beforeAll(() => {
    const found = spawnSync(TERRAFORM, ['version'], { env, encoding: 'utf8' });
    if (found.error) throw new Error(`These tests run the real terraform (${TERRAFORM}): install Terraform >= 1.10 or set TERRAFORM. ${found.error.message}`);
    fs.writeFileSync(path.join(dir, 'main.tf.json'), JSON.stringify({
      variable: { supabase_allowed_cidrs: variables.supabase_allowed_cidrs, supabase_organization_slug: variables.supabase_organization_slug },
      output: { cidrs: { value: '${var.supabase_allowed_cidrs}' } },
    }));
    const init = spawnSync(TERRAFORM, ['init', '-input=false', '-backend=false'], { cwd: dir, env, encoding: 'utf8' });
    expect(init.status).toBe(0);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  function plan(cidrs: string[], slug = 'acme'): { ok: boolean; output: string } {
    const r = spawnSync(TERRAFORM, ['plan', '-input=false', '-no-color', `-var=supabase_allowed_cidrs=${JSON.stringify(cidrs)}`, `-var=supabase_organization_slug=${slug}`], { cwd: dir, env, encoding: 'utf8' });
    return { ok: r.status === 0, output: `${r.stdout}${r.stderr}`.replace(/\s+/g, ' ') };
  }
  const REFUSED = 'supabase_allowed_cidrs must be a non-empty list of CIDR blocks no wider than a /13 (IPv4) or a /23 (IPv6): wider blocks are internet-wide.';

  test.each([
    [['198.51.100.0/24', '2001:db8::/32']],
    [['34.0.0.0/13']],
    [['2600:1f18::/23']],
  ])('accepts %j', (cidrs) => {
    expect(plan(cidrs)).toMatchObject({ ok: true });
  });

  test.each([
    [['0.0.0.0/0']],
    [['64.0.0.0/2']],
    [['34.0.0.0/12']],
    [['::/0']],
    [['2000::/3']],
    [['2600::/22']],
    [['not-a-cidr']],
    [[]],
  ])('refuses %j', (cidrs) => {
    const result = plan(cidrs);
    expect(result.ok).toBe(false);
    expect(result.output).toContain(REFUSED);
  });

  test('refuses an organization slug that is not one', () => {
    const result = plan(['198.51.100.0/24'], 'My Org');
    expect(result.ok).toBe(false);
    expect(result.output).toContain('supabase_organization_slug must be a lowercase organization slug.');
  });
});
