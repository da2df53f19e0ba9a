import { BucketReplication, SecureBucket, StorageClass } from '../../lib';
import { Template, environmentStack } from '../support/template';

describe('BucketReplication', () => {
  test('replicates to another region, re-encrypting with the destination key, by a role limited to that', () => {
    const stack = environmentStack();
    const data = new SecureBucket(stack, 'Data', { purpose: 'data' });
    const copy = new SecureBucket(stack, 'Copy', { purpose: 'data-copy', region: 'us-west-2' });
    new BucketReplication(stack, 'Replication', { source: data, destination: copy, storageClass: StorageClass.GLACIER_IR });
    const t = Template.of(stack);
    const repl = t.only('aws_s3_bucket_replication_configuration');
    expect(repl.rule[0].destination.storage_class).toBe('GLACIER_IR');
    expect(repl.depends_on).toHaveLength(2);
    expect(t.only('aws_iam_role').name).toBe('livestreamsell-staging-data-replication');
    expect(t.only('aws_iam_role_policy').name).toBe('replication');
  });

  test('to an imported bucket with its key ARN', () => {
    const stack = environmentStack();
    const data = new SecureBucket(stack, 'Data', { purpose: 'data' });
    const dr = SecureBucket.fromBucketAttributes(stack, 'Dr', { bucketName: 'dr-bucket', region: 'eu-west-1', encryptionKeyArn: 'arn:aws:kms:eu-west-1:111122223333:key/abc' });
    new BucketReplication(stack, 'Replication', { source: data, destination: dr });
    const repl = Template.of(stack).only('aws_s3_bucket_replication_configuration');
    expect(repl.rule[0].destination).toMatchObject({ storage_class: 'STANDARD_IA', encryption_configuration: { replica_kms_key_id: 'arn:aws:kms:eu-west-1:111122223333:key/abc' } });
    expect(repl.depends_on).toHaveLength(1);
  });

  test.each([
    ['same region', (s: any) => ({ source: s.data, destination: new SecureBucket(s.stack, 'Copy', { purpose: 'copy' }) }), '[test/Replication] invalid "destination": got "livestreamsell-staging-copy"; expected a bucket in a region other than the source bucket\'s ("us-east-1"): a same-region copy does not survive a regional outage'],
    ['destination without a key', (s: any) => ({ source: s.data, destination: SecureBucket.fromBucketAttributes(s.stack, 'Dr', { bucketName: 'dr-bucket', region: 'eu-west-1' }) }), '[test/Replication] invalid "destination": got "dr-bucket"; expected a bucket with a KMS key (replicas are re-encrypted with the destination\'s key): import it with "encryptionKeyArn"'],
    ['imported source', (s: any) => ({ source: SecureBucket.fromBucketAttributes(s.stack, 'Src', { bucketName: 'src-bucket' }), destination: s.data }), '[test/Replication] invalid "source": got <ImportedBucket instance>; expected a SecureBucket created in this app (replication is configured on the source bucket)'],
  ])('refuses %s', (_, props, message) => {
    const stack = environmentStack();
    const data = new SecureBucket(stack, 'Data', { purpose: 'data' });
    expect(() => new BucketReplication(stack, 'Replication', props({ stack, data }) as any)).toThrow(message);
  });
});
