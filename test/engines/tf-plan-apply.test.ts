// The generator of scripts/tf-plan-apply.js (the offline plan/apply runner that CI runs
// with `npm run plan:tf`): what it writes for a stack, on a small hand-made stack.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const runner = require('../../scripts/tf-plan-apply.js');

const stack = {
  terraform: {
    required_providers: { aws: { source: 'aws', version: '6.25.0' }, postgresql: { source: 'cyrilgdn/postgresql' } },
    backend: { s3: { bucket: 'b', key: 'k', region: 'us-east-1' } },
  },
  provider: { aws: [{ region: 'eu-west-1' }], postgresql: [{ alias: 'app_db', host: 'db' }] },
  variable: {
    render_owner_id: { type: 'string' },
    supabase_allowed_cidrs: { type: 'list(string)' },
    replicas: { type: 'number' },
    kubeconfig_path: { type: 'string', default: '~/.kube/config' },
  },
  data: {
    aws_availability_zones: { Azs: { state: 'available' } },
    terraform_remote_state: { 'cross-stack-reference-input-shared': { backend: 's3', config: {} } },
  },
  resource: {
    aws_s3_bucket: { Bucket: { bucket: 'x', lifecycle: { prevent_destroy: true } } },
    aws_subnet: { Subnet: { availability_zone: '${element(data.aws_availability_zones.Azs.names, 0)}', tags: { p: '${data.terraform_remote_state.cross-stack-reference-input-shared.outputs.project_id}' } } },
    terraform_data: {
      Sql: { provisioner: [{ 'local-exec': { command: 'psql --file="${path.module}/a.sql"' } }] },
    },
  },
};

describe('tf-plan-apply test file', () => {
  const file: string = runner.testFileFor(stack);

  test('has a mock provider per provider configuration, aliases included', () => {
    expect(file).toMatch(/mock_provider "aws" \{\n {2}mock_data "aws_availability_zones"/);
    expect(file).toContain('mock_provider "postgresql" {\n  alias = "app_db"\n}');
  });

  test('mocks the availability zones of the provider region (the default mock list is empty)', () => {
    expect(file).toContain('"eu-west-1a"');
    expect(file).toContain('"eu-west-1f"');
  });

  test('overrides terraform_remote_state with a value for every output read', () => {
    expect(file).toContain('target = data.terraform_remote_state.cross-stack-reference-input-shared');
    expect(file).toMatch(/"project_id" = "mock-project_id"/);
  });

  test('gives every variable without a default a value of its type, from its name', () => {
    expect(file).toContain('render_owner_id = "tea-mock0000000000"');
    expect(file).toMatch(/supabase_allowed_cidrs = \[\n {4}"203\.0\.113\.0\/24",\n {2}\]/);
    expect(file).toContain('replicas = 1');
    expect(file).not.toContain('kubeconfig_path');
  });

  test('plans, then applies (terraform test destroys at the end)', () => {
    expect(file).toMatch(/run "plan" \{\n {2}command = plan\n\}\n\nrun "apply" \{\n {2}command = apply\n\}/);
  });

  test('falls back to us-east-1 zones when the region is not a literal', () => {
    expect(runner.testFileFor({ variable: { v: { type: 'string' } }, provider: { aws: [{ region: '${var.r}' }] }, data: { aws_availability_zones: { A: {} } } })).toContain('"us-east-1a"');
  });
});

describe('tf-plan-apply stack copy', () => {
  test('drops prevent_destroy so that the test can tear the stack down, and counts it', () => {
    const { doc, removed } = runner.withoutPreventDestroy(stack);
    expect(removed).toBe(1);
    expect(doc.resource.aws_s3_bucket.Bucket.lifecycle).toBeUndefined();
    expect(stack.resource.aws_s3_bucket.Bucket.lifecycle.prevent_destroy).toBe(true);
  });

  test('finds the programs local-exec provisioners run, for stand-ins on PATH', () => {
    expect(runner.localExecPrograms(stack)).toEqual(['psql']);
    expect(runner.standInScript('psql')).toContain('--file=*');
  });

  test('broken copies cover the failures validate cannot see', () => {
    expect(runner.MUTATIONS.map((m: { name: string }) => m.name)).toEqual([
      'az-index-out-of-range',
      'count-on-apply-time-value',
      'for-each-on-apply-time-value',
      'number-attribute-given-a-string',
      'bad-cidrsubnet',
      'jsondecode-of-generated-value',
      'variable-fails-validation',
      'local-exec-sql-file-missing',
      'cycle',
    ]);
  });
});
