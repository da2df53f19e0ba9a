import { App, Testing } from 'cdktf';
import { buildApp } from '../../stacks/main';
import { bucketViolations } from '../support/bucket-checks';
import { Template } from '../support/template';

/** Snapshot of every stack of the LiveStreamSell app, plus the invariants of each. */
describe('LiveStreamSell app', () => {
  const app: App = buildApp(Testing.app());
  const stacks = app.node.children.map((c) => c.node.id).sort();

  test('has the bootstrap, render-project, staging, production, kubernetes-platform and kubernetes stacks', () => {
    expect(stacks).toEqual(['bootstrap', 'kubernetes', 'kubernetes-platform', 'production', 'render-project', 'staging']);
  });

  test.each(['bootstrap', 'render-project', 'staging', 'production', 'kubernetes-platform', 'kubernetes'])('%s stack matches its snapshot', (id) => {
    const stack = app.node.findChild(id) as any;
    expect(JSON.parse(Testing.synth(stack, true))).toMatchSnapshot();
  });

  test('staging and production keep their state in different keys of the same locked, encrypted bucket', () => {
    const backend = (id: string) => JSON.parse(Testing.synth(app.node.findChild(id) as any)).terraform.backend.s3;
    expect(backend('staging').key).not.toEqual(backend('production').key);
    for (const id of ['staging', 'production', 'kubernetes-platform', 'kubernetes']) {
      expect(backend(id)).toMatchObject({ encrypt: true, dynamodb_table: 'livestreamsell-shared-tflock', bucket: 'livestreamsell-shared-tfstate' });
    }
  });
});

describe('LiveStreamSell app: every bucket of every stack is hardened', () => {
  const app: App = buildApp(Testing.app());
  test.each(['bootstrap', 'staging', 'production'])('%s', (id) => {
    const t = Template.of(app.node.findChild(id) as any);
    expect(t.count('aws_s3_bucket')).toBeGreaterThan(1);
    expect(bucketViolations(t)).toEqual([]);
  });
});

describe('bootstrap state migration', () => {
  test('the bootstrapRemoteState context moves the bootstrap stack onto the bucket it created', () => {
    const app = buildApp(Testing.app({ context: { bootstrapRemoteState: true } }));
    const backend = JSON.parse(Testing.synth(app.node.findChild('bootstrap') as any, true)).terraform.backend;
    expect(backend.s3).toMatchObject({ bucket: 'livestreamsell-shared-tfstate', key: 'livestreamsell/shared/bootstrap.tfstate', encrypt: true, dynamodb_table: 'livestreamsell-shared-tflock' });
  });
});
