import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { Construct } from 'constructs';
import { SECURE_BUCKET, isAnyBucket, isOwnedBucket } from './private/brands';
import { SecureBucket } from './secure-bucket';
import { ISecureBucket } from './secure-bucket-props';
import { StorageClass } from './storage-class';
import { ValidationError } from '../core/errors';
import { checkEnumLike } from '../core/private/enum-like';
import { markLibraryConstruct } from '../core/private/escape';
import { Input, isUnresolved } from '../core/private/input';
import { PolicyDocument } from '../iam/policy-document';
import { claimUniqueName } from '../iam/private/unique-names';

/** Props of `BucketReplication`. */
export interface BucketReplicationProps {
  /** The bucket replicated from (created in this app: replication is configured on it). */
  readonly source: SecureBucket;
  /** The bucket replicated to, in another region (a disaster-recovery copy), with a KMS key. */
  readonly destination: ISecureBucket;
  /**
   * Storage class of the replicas.
   * @default StorageClass.STANDARD_IA
   */
  readonly storageClass?: StorageClass;
}

/**
 * Cross-region replication of a `SecureBucket` for disaster recovery: every
 * SSE-KMS object (and delete marker) is copied to a hardened bucket in another
 * region and re-encrypted with that bucket's own key, by a role allowed to do
 * exactly that and nothing more.
 *
 * @example
 * declare const stack: EnvironmentStack;
 * const data = new SecureBucket(stack, 'Data', { purpose: 'data' });
 * const copy = new SecureBucket(stack, 'DataCopy', { purpose: 'data-copy', region: 'us-west-2' });
 * new BucketReplication(stack, 'DataReplication', { source: data, destination: copy });
 */
export class BucketReplication extends Construct {
  /** The role S3 assumes to replicate. */
  public readonly role: IamRole;
  /** The replication configuration. */
  public readonly resource: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: BucketReplicationProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const input = Input.of(this, props);
    const source = input.instance('source', isOwnedBucket, 'a SecureBucket created in this app (replication is configured on the source bucket)');
    const destination = input.instance('destination', isAnyBucket, SECURE_BUCKET);
    const storageClass = checkEnumLike<StorageClass>(this, 'storageClass', input.raw('storageClass'), 'StorageClass', 'StorageClass.STANDARD_IA, StorageClass.GLACIER_IR, ... or StorageClass.of("...")') ?? StorageClass.STANDARD_IA;
    input.done();
    if (!source) throw new ValidationError(this, 'source', undefined, 'a SecureBucket created in this app');
    if (!destination) throw new ValidationError(this, 'destination', undefined, SECURE_BUCKET);
    if (!isUnresolved(destination.region) && !isUnresolved(source.region) && destination.region === source.region) {
      throw new ValidationError(this, 'destination', destination.bucketName, `a bucket in a region other than the source bucket's ("${source.region}"): a same-region copy does not survive a regional outage`);
    }
    const destinationKeyArn = destination.encryptionKeyArn;
    if (!destinationKeyArn) throw new ValidationError(this, 'destination', destination.bucketName, 'a bucket with a KMS key (replicas are re-encrypted with the destination\'s key): import it with "encryptionKeyArn"');

    const assume = new PolicyDocument(this, 'AssumeRolePolicy', [{
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'Service', identifiers: ['s3.amazonaws.com'] }],
    }]);
    const roleName = isUnresolved(source.bucketName) ? undefined : `${source.bucketName.slice(0, 52)}-replication`;
    if (roleName) claimUniqueName(this, { kind: 'an IAM role name', name: roleName, prop: 'source', why: 'IAM names are unique in an AWS account: replicate each bucket once' });
    this.role = new IamRole(this, 'Role', {
      name: roleName,
      assumeRolePolicy: assume.json,
      tags: source.environment.tags,
    });
    const permissions = new PolicyDocument(this, 'RolePolicyDocument', [
      { sid: 'ReadSourceConfig', actions: ['s3:GetReplicationConfiguration', 's3:ListBucket'], resources: [source.bucketArn] },
      {
        sid: 'ReadSourceVersions',
        actions: ['s3:GetObjectVersionForReplication', 's3:GetObjectVersionAcl', 's3:GetObjectVersionTagging', 's3:GetObjectRetention', 's3:GetObjectLegalHold'],
        resources: [source.arnForObjects()],
      },
      { sid: 'WriteReplicas', actions: ['s3:ReplicateObject', 's3:ReplicateDelete', 's3:ReplicateTags', 's3:ObjectOwnerOverrideToBucketOwner'], resources: [destination.arnForObjects()] },
      { sid: 'DecryptSource', actions: ['kms:Decrypt'], resources: [source.encryptionKey.keyArn] },
      { sid: 'EncryptReplicas', actions: ['kms:Encrypt', 'kms:GenerateDataKey'], resources: [destinationKeyArn] },
    ]);
    new IamRolePolicy(this, 'RolePolicy', { name: 'replication', role: this.role.id, policy: permissions.json });

    this.resource = new S3BucketReplicationConfigurationA(this, 'Resource', {
      // S3 refuses a replication configuration until versioning is on.
      dependsOn: isOwnedBucket(destination) ? [source.versioning, destination.versioning] : [source.versioning],
      bucket: source.resource.id,
      region: source._explicitRegion,
      role: this.role.arn,
      rule: [{
        id: 'disaster-recovery',
        status: 'Enabled',
        filter: { prefix: '' },
        deleteMarkerReplication: { status: 'Enabled' },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
        destination: {
          bucket: destination.bucketArn,
          storageClass: storageClass.value,
          encryptionConfiguration: { replicaKmsKeyId: destinationKeyArn },
        },
      }],
    });
  }
}
