import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, DefaultTokenResolver, StringConcat, Tokenization } from 'cdktf';
import { Construct } from 'constructs';
import { Environment, EnvironmentStack, Grant, IGrantee, ISecureBucket, PolicyDocument, PolicyStatement, SecureBucket, ServiceIdentity } from '../../lib';
import { Template, environmentStack } from '../support/template';

/** The statements of every IAM policy document of a synthesized stack, by document. */
const documents = (t: Template): any[][] => Object.values(t.dataSources('aws_iam_policy_document')).map((d: any) => d.statement ?? []);

describe('grants', () => {
  test('two grants of one identity on one bucket (read a/, read-write b/) get distinct sids and synthesize', () => {
    const stack = environmentStack();
    const bucket = new SecureBucket(stack, 'Data', { purpose: 'data' });
    const x = new ServiceIdentity(stack, 'X', { serviceName: 'x' });
    const read = bucket.grantRead(x, 'a/');
    const readWrite = bucket.grantReadWrite(x, 'b/');
    const sids = [...read.sids, ...readWrite.sids];
    expect(new Set(sids).size).toBe(6);
    expect(sids.map((s) => s.replace(/[0-9a-f]{8}$/, ''))).toEqual(['DataXReadAObjects', 'DataXReadAKey', 'DataXReadAList', 'DataXReadWriteBObjects', 'DataXReadWriteBKey', 'DataXReadWriteBList']);
    const t = Template.of(stack);
    for (const statements of documents(t)) {
      const withSid = statements.filter((s) => s.sid !== undefined).map((s) => s.sid);
      expect(new Set(withSid).size).toBe(withSid.length);
    }
  });

  test('a grant returns what it added: grantee, statements, sids, resources', () => {
    const stack = environmentStack();
    const bucket = new SecureBucket(stack, 'Data', { purpose: 'data' });
    const writer = new ServiceIdentity(stack, 'Writer', { serviceName: 'writer' });
    const grant: Grant = bucket.grantWrite(writer, 'dumps/');
    expect(grant.grantee).toBe(writer);
    expect(grant.statements.map((s) => s.actions)).toEqual([
      ['s3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'],
      ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
    ]);
    expect(grant.sids).toEqual(grant.statements.map((s) => s.sid));
    const resolve = (x: unknown) => Tokenization.resolve(x, { scope: stack, preparing: false, resolver: new DefaultTokenResolver(new StringConcat()) });
    expect(resolve(grant.resources)).toEqual([
      expect.stringMatching(/^\$\{aws_s3_bucket\.Data_\w+\.arn\}\/dumps\/\*$/),
      expect.stringMatching(/^\$\{aws_kms_key\.Data_Key_\w+\.arn\}$/),
    ]);
  });

  test('the same grant twice adds nothing and returns the first grant', () => {
    const stack = environmentStack();
    const bucket = new SecureBucket(stack, 'Data', { purpose: 'data' });
    const reader = new ServiceIdentity(stack, 'Reader', { serviceName: 'reader' });
    const first = bucket.grantRead(reader, 'reports/');
    expect(bucket.grantRead(reader, 'reports/')).toBe(first);
    expect(reader.policy.statementCount).toBe(3);
  });

  test('sids depend on what the grant is, never on call order: adding a grant renames nothing', () => {
    const sidsOf = (order: Array<'read' | 'write' | 'all'>) => {
      const stack = environmentStack();
      const bucket = new SecureBucket(stack, 'Data', { purpose: 'data' });
      const x = new ServiceIdentity(stack, 'X', { serviceName: 'x' });
      const grants: { [k: string]: Grant } = {};
      for (const g of order) grants[g] = g === 'read' ? bucket.grantRead(x, 'a/') : g === 'write' ? bucket.grantWrite(x, 'b/') : bucket.grantReadWrite(x);
      return Object.fromEntries(Object.entries(grants).map(([k, v]) => [k, v.sids]));
    };
    const one = sidsOf(['read']);
    const three = sidsOf(['all', 'write', 'read']);
    expect(three.read).toEqual(one.read);
    expect(sidsOf(['write', 'read', 'all'])).toEqual(three);
  });

  describe('property: any combination of grants has unique and stable sids', () => {
    // A small deterministic PRNG (Park-Miller): the same cases on every run.
    const rng = (seed: number) => () => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    // Prefixes whose readable forms collide ("a-b/" and "ab/", "A/" and "a/"), nested ones, odd characters.
    const PREFIXES = ['', 'a/', 'b/', 'a-b/', 'ab/', 'A/', 'a/b/', 'ab/c/', 'x.y/', 'x_y/', "it's/", 'a/b/c/'];
    const ACCESS = ['read', 'write', 'readWrite'] as const;

    /** A grantee of the user's own making: its statements go to a PolicyDocument of its own. */
    class OwnRole extends Construct implements IGrantee {
      public readonly granteeName = 'own-role';
      public readonly document = new PolicyDocument(this, 'Document');
      public addToPrincipalPolicy(...statements: PolicyStatement[]): void {
        this.document.addStatements(...statements);
      }
    }

    const seen = new Map<string, string[]>();
    const CASES = 60;

    test(`${CASES} random combinations: no sid repeats within a policy, and a grant keeps its sids in every combination`, () => {
      const random = rng(20261201);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)];
      for (let c = 0; c < CASES; c++) {
        const stack = environmentStack();
        const logs = SecureBucket.fromBucketAttributes(stack, 'Logs', { bucketName: 'logs-bucket' });
        const buckets: { [id: string]: ISecureBucket } = {
          // Two buckets whose readable name is "Data" (a created one and an import), and two more imports.
          data: new SecureBucket(stack, 'Data', { purpose: 'data', accessLogsBucket: logs }),
          dataCopy: SecureBucket.fromBucketAttributes(stack, 'DataCopy', { bucketName: 'data', encryptionKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/abcd-0000' }),
          partner: SecureBucket.fromBucketAttributes(stack, 'Partner', { bucketName: 'partner-bucket', encryptionKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/abcd-1234' }),
          plain: SecureBucket.fromBucketAttributes(stack, 'Plain', { bucketName: 'plain-bucket' }),
        };
        const grantees: { [id: string]: IGrantee } = {
          api: new ServiceIdentity(stack, 'Api', { serviceName: 'api' }),
          apiJob: new ServiceIdentity(stack, 'ApiJob', { serviceName: 'api-job' }),
          ops: ServiceIdentity.fromIdentityAttributes(stack, 'Ops', { groupName: 'ops' }),
          own: new OwnRole(stack, 'Own'),
        };
        // Every identity is granted something (an identity granted nothing fails synth).
        const base = SecureBucket.fromBucketAttributes(stack, 'Base', { bucketName: 'base-bucket' });
        for (const who of Object.values(grantees)) base.grantRead(who);
        const count = 1 + Math.floor(random() * 14);
        for (let g = 0; g < count; g++) {
          const [b, who, access, prefix] = [pick(Object.keys(buckets)), pick(Object.keys(grantees)), pick(ACCESS), pick(PREFIXES)];
          const bucket = buckets[b];
          const grant = access === 'read' ? bucket.grantRead(grantees[who], prefix) : access === 'write' ? bucket.grantWrite(grantees[who], prefix) : bucket.grantReadWrite(grantees[who], prefix);
          const key = JSON.stringify([b, who, access, prefix]);
          // Stable: the same grant has the same sids whatever else was granted, in whatever order.
          if (seen.has(key)) expect(grant.sids).toEqual(seen.get(key));
          else seen.set(key, grant.sids);
        }
        // Every grantee's (and bucket's) document passes the policy document's own duplicate check
        // (it would have thrown above); synthesize a share of the cases to see the sids in the JSON too.
        if (c % 10 === 0) {
          for (const statements of documents(Template.of(stack))) {
            const sids = statements.map((s) => s.sid).filter((s) => s !== undefined);
            expect(new Set(sids).size).toBe(sids.length);
          }
        }
      }
      // The readable part of a sid may repeat ("a-b/" and "ab/"); the whole sid never does.
      const all = [...seen.entries()];
      const sidOwners = new Map<string, string>();
      for (const [key, sids] of all) {
        const [, who] = JSON.parse(key);
        for (const sid of sids) {
          const owner = sidOwners.get(`${who}:${sid}`);
          expect(owner === undefined || owner === key).toBe(true);
          sidOwners.set(`${who}:${sid}`, key);
        }
      }
      expect(seen.size).toBeGreaterThan(120);
    });
  });

  describe('terraform validate (offline) of a stack with several grants', () => {
    const TOOL = path.resolve(__dirname, '../../../shared/tools/tf-validate/tf-validate-offline.sh');
    const hasTerraform = spawnSync(process.env.TERRAFORM ?? 'terraform', ['version'], { stdio: 'ignore' }).status === 0;
    const runnable = hasTerraform && fs.existsSync(TOOL);
    const maybe = runnable ? test : test.skip;
    if (!runnable) console.warn(`terraform validate skipped: ${hasTerraform ? `${TOOL} not found` : 'no terraform binary'}`);

    function validate(tamper?: (stack: EnvironmentStack) => void): { status: number | null; output: string } {
      const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'lss-grants-'));
      try {
        const app = new App({ outdir });
        const stack = new EnvironmentStack(app, 'grants', { environment: Environment.staging({ project: 'acme' }) });
        const data = new SecureBucket(stack, 'Data', { purpose: 'data' });
        const partner = SecureBucket.fromBucketAttributes(stack, 'Partner', { bucketName: 'partner-bucket', encryptionKeyArn: 'arn:aws:kms:us-east-1:111122223333:key/abcd-1234' });
        const x = new ServiceIdentity(stack, 'X', { serviceName: 'x' });
        const ops = ServiceIdentity.fromIdentityAttributes(stack, 'Ops', { groupName: 'ops' });
        data.grantRead(x, 'a/');
        data.grantReadWrite(x, 'b/');
        data.grantWrite(ops, 'dumps/');
        partner.grantReadWrite(x, 'shared/');
        data.encryptionKey.grantDecrypt(ops);
        tamper?.(stack);
        app.synth();
        const run = spawnSync('sh', [TOOL, outdir], { encoding: 'utf8', env: { ...process.env, TFSTUB_NODE_MODULES: path.resolve(__dirname, '../../node_modules') } });
        return { status: run.status, output: `${run.stdout}${run.stderr}` };
      } finally {
        fs.rmSync(outdir, { recursive: true, force: true });
      }
    }

    maybe('is valid', () => {
      const { status, output } = validate();
      expect(output).toMatch(/VALID\s+.*grants/);
      expect(status).toBe(0);
    }, 120_000);

    maybe('fails on a policy document with an attribute that does not exist (the check can fail)', () => {
      const { status, output } = validate((stack) => {
        const doc = stack.node.findAll().find((c) => c.node.path === 'grants/X/PolicyDocument/Resource') as any;
        doc.addOverride('statement.0.sidd', 'typo');
      });
      expect(output).toContain('INVALID');
      expect(status).toBe(1);
    }, 120_000);
  });
});
