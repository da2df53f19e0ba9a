import { DbInstance } from '@cdktf/provider-aws/lib/db-instance';
import { IamAccessKey } from '@cdktf/provider-aws/lib/iam-access-key';
import { Aspects, LocalBackend, TerraformOutput, TerraformStack, TerraformVariable, Testing } from 'cdktf';
import { ruleIds, userStack } from './support';
import { SecretValue, SecurityChecks } from '../../lib';

describe('secrets rules', () => {
  test('a literal password or API key fails; a sensitive variable passes', () => {
    const { stack, checks } = userStack();
    new DbInstance(stack, 'Db', { instanceClass: 'db.t3.micro', engine: 'postgres', password: 'hunter2hunter2', username: 'app' });
    expect(ruleIds(stack, checks)).toContain('LSS-SEC-001');
    const ok = userStack();
    new DbInstance(ok.stack, 'Db', { instanceClass: 'db.t3.micro', engine: 'postgres', password: SecretValue.fromVariable(ok.stack, 'db_password').value, username: 'app' });
    expect(ruleIds(ok.stack, ok.checks)).not.toContain('LSS-SEC-001');
  });

  test('a secret-looking variable must be sensitive', () => {
    const { stack, checks } = userStack();
    new TerraformVariable(stack, 'stripe_api_token', { type: 'string' });
    expect(ruleIds(stack, checks)).toEqual(['LSS-SEC-002']);
  });

  test('an output that carries a secret must be sensitive', () => {
    const { stack, checks } = userStack();
    const key = new IamAccessKey(stack, 'Key', { user: 'someone' });
    new TerraformOutput(stack, 'secret', { value: key.secret });
    new TerraformOutput(stack, 'token_from_var', { value: SecretValue.fromVariable(stack, 'token').value });
    new TerraformOutput(stack, 'fine', { value: key.secret, sensitive: true });
    checks.check(stack);
    expect(checks.findings.map((f) => f.address).sort()).toEqual(['output.secret', 'output.token_from_var']);
  });
});

describe('state rule', () => {
  test('local state is a finding; an encrypted, locked S3 backend is not', () => {
    const stack = new TerraformStack(Testing.app(), 'local');
    new LocalBackend(stack, { path: 'x.tfstate' });
    const checks = new SecurityChecks();
    Aspects.of(stack).add(checks);
    expect(ruleIds(stack, checks)).toEqual(['LSS-STATE-001']);
    const ok = userStack();
    expect(ruleIds(ok.stack, ok.checks)).toEqual([]);
  });
});

describe('SecurityChecks', () => {
  test('fails synth with rule id, resource path and fix, before anything is written', () => {
    const { stack } = userStack();
    new DbInstance(stack, 'Db', { instanceClass: 'db.t3.micro', engine: 'postgres', password: 'hunter2hunter2' });
    expect(() => Testing.synth(stack, true)).toThrow(/\[LSS-SEC-001\] user\/Db \(aws_db_instance\.Db\): "password" holds a literal value\. Fix: Pass secrets as SecretValue/);
  });

  test('warnOnly turns a rule into a warning', () => {
    const stack = new TerraformStack(Testing.app(), 'local');
    const checks = new SecurityChecks({ warnOnly: ['LSS-STATE-001'] });
    Aspects.of(stack).add(checks);
    expect(checks.check(stack)).toEqual([]);
    expect(checks.findings[0]).toMatchObject({ ruleId: 'LSS-STATE-001', level: 'warning' });
  });

  test('suppressions need a known rule id and a real reason', () => {
    const stack = new TerraformStack(Testing.app(), 's');
    expect(() => SecurityChecks.suppress(stack, 'LSS-NOPE', 'because it is a test of the suppressions')).toThrow('[s] invalid "ruleId": got "LSS-NOPE"; expected a rule id of SecurityChecks.rules()');
    expect(() => SecurityChecks.suppress(stack, 'LSS-S3-001', 'ok')).toThrow('[s] invalid "reason": got "ok"; expected a reason of at least 20 characters');
    expect(() => new SecurityChecks({ warnOnly: ['LSS-X'] })).toThrow('[SecurityChecks] invalid "warnOnly": got "LSS-X"');
  });

  test('the catalogue documents every rule with a fix', () => {
    const rules = SecurityChecks.rules();
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    for (const r of rules) expect(r.fix.length).toBeGreaterThan(10);
  });
});
