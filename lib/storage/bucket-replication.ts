import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { S3BucketReplicationConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-replication-configuration';
import { Construct } from 'constructs';
import { SecureBucket } from './secure-bucket';
import { ValidationError } from '../core/errors';
import { markLibraryConstruct } from '../core/private/escape';
import { PolicyDocument } from '../iam/policy-document';

/** Props of `BucketReplication`. */
export interface BucketReplicationProps {
  /** The bucket replicated from. */
  readonly source: SecureBucket;
  /** The bucket replicated to (another region: a disaster-recovery copy). */
  readonly destination: SecureBucket;
  /** Region of the source bucket, to refuse a same-region "replica". */
  readonly sourceRegion: string;
  /**
   * Storage class of the replicas.
   * @default "STANDARD_IA"
   */
  readonly storageClass?: string;
}

/**
 * Cross-region replication of a `SecureBucket` for disaster recovery: every
 * SSE-KMS object (and delete marker) is copied to a hardened bucket in another
 * region and re-encrypted with that bucket's own key, by a role allowed to do
 * exactly that and nothing more.
 */
export class BucketReplication extends Construct {
  /** The role S3 assumes to replicate. */
  public readonly role: IamRole;
  /** The replication configuration. */
  public readonly resource: S3BucketReplicationConfigurationA;

  constructor(scope: Construct, id: string, props: BucketReplicationProps) {
    super(scope, id);
    markLibraryConstruct(this);
    const { source, destination } = props;
    const destinationRegion = destination.region ?? props.sourceRegion;
    if (destinationRegion === props.sourceRegion) {
      throw new ValidationError(this, 'replicationRegion', destinationRegion, `a region other than the source bucket's ("${props.sourceRegion}"): a same-region copy does not survive a regional outage`);
    }
    const env = source.environment;
    const assume = new PolicyDocument(this, 'AssumeRolePolicy', [{
      actions: ['sts:AssumeRole'],
      principals: [{ type: 'Service', identifiers: ['s3.amazonaws.com'] }],
    }]);
    this.role = new IamRole(this, 'Role', {
      name: `${source.bucketName.slice(0, 52)}-replication`,
      assumeRolePolicy: assume.json,
      tags: env.tags,
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
      { sid: 'EncryptReplicas', actions: ['kms:Encrypt', 'kms:GenerateDataKey'], resources: [destination.encryptionKey.keyArn] },
    ]);
    new IamRolePolicy(this, 'RolePolicy', { name: 'replication', role: this.role.id, policy: permissions.json });

    this.resource = new S3BucketReplicationConfigurationA(this, 'Resource', {
      // S3 refuses a replication configuration until versioning is on.
      dependsOn: [source.versioning, destination.versioning],
      bucket: source.resource.id,
      region: source.region,
      role: this.role.arn,
      rule: [{
        id: 'disaster-recovery',
        status: 'Enabled',
        filter: { prefix: '' },
        deleteMarkerReplication: { status: 'Enabled' },
        sourceSelectionCriteria: { sseKmsEncryptedObjects: { status: 'Enabled' } },
        destination: {
          bucket: destination.bucketArn,
          storageClass: props.storageClass ?? 'STANDARD_IA',
          encryptionConfiguration: { replicaKmsKeyId: destination.encryptionKey.keyArn },
        },
      }],
    });
  }
}
