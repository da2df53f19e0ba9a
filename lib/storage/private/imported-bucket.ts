import { Construct } from 'constructs';
import { BUCKET_BRAND } from './brands';
import { BucketGrants } from './bucket-grants';
import { checkBucketName } from './bucket-name';
import { ValidationError } from '../../core/errors';
import { awsPartition } from '../../core/private/aws-account';
import { markLibraryConstruct } from '../../core/private/escape';
import { Input, checkString, isUnresolved } from '../../core/private/input';
import { AWS_REGION_PATTERN } from '../../core/private/validation';
import { Environment } from '../../environment/environment';
import { Grant } from '../../iam/grant';
import { IGrantee } from '../../iam/grantee';
import { KEY_ARN } from '../../kms/private/imported-key';
import { ISecureBucket, SecureBucketAttributes } from '../secure-bucket-props';

const BUCKET_ARN = /^arn:aws[a-z-]*:s3:::[a-z0-9.-]{3,63}$/;

/** A bucket created elsewhere: grants on its ARN (and on its key when given). */
export class ImportedBucket extends Construct implements ISecureBucket {
  public readonly bucketName: string;
  public readonly bucketArn: string;
  public readonly region: string;
  public readonly encryptionKeyArn?: string;
  private readonly grants: BucketGrants;

  constructor(scope: Construct, id: string, attrs: SecureBucketAttributes) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, BUCKET_BRAND, { value: true });
    const input = Input.of(this, attrs, 'attrs');
    const name = checkBucketName(this, input.path('bucketName'), input.raw('bucketName'));
    if (name === undefined) throw new ValidationError(this, input.path('bucketName'), undefined, 'the name of the existing bucket');
    this.bucketName = name;
    const arn = input.string('bucketArn', { pattern: BUCKET_ARN, allowed: 'an S3 bucket ARN "arn:<partition>:s3:::<bucket name>"' });
    if (arn !== undefined && !isUnresolved(arn) && !isUnresolved(name) && arn.split(':::')[1] !== name) {
      throw new ValidationError(this, input.path('bucketArn'), arn, `the ARN of bucket "${name}"`);
    }
    this.bucketArn = arn ?? `arn:${awsPartition(this)}:s3:::${name}`;
    const region = input.string('region', { pattern: AWS_REGION_PATTERN, allowed: 'an AWS region name such as "us-east-1"' }) ?? Environment.tryOf(this)?.region;
    if (region === undefined) throw new ValidationError(this, input.path('region'), undefined, 'the AWS region of the bucket (there is no environment to take it from)');
    this.region = region;
    this.encryptionKeyArn = input.string('encryptionKeyArn', { pattern: KEY_ARN, allowed: 'a KMS key ARN "arn:<partition>:kms:<region>:<account>:key/<key id>" (not an alias)' });
    const keyRegion = this.encryptionKeyArn?.split(':')[3];
    if (this.encryptionKeyArn !== undefined && !isUnresolved(this.encryptionKeyArn) && !isUnresolved(region) && keyRegion !== region) {
      throw new ValidationError(this, input.path('encryptionKeyArn'), this.encryptionKeyArn, `a key in the bucket's region "${region}", not one in "${keyRegion}"`);
    }
    input.done();
    this.grants = new BucketGrants(this, isUnresolved(name) ? id : name);
  }

  public arnForObjects(pattern: string = '*'): string {
    return `${this.bucketArn}/${checkString(this, 'pattern', pattern)}`;
  }

  public grantRead(grantee: IGrantee, prefix?: string): Grant {
    return this.grants.grant(grantee, { read: true, write: false, delete: false }, prefix);
  }

  public grantWrite(grantee: IGrantee, prefix?: string): Grant {
    return this.grants.grant(grantee, { read: false, write: true, delete: false }, prefix);
  }

  public grantReadWrite(grantee: IGrantee, prefix?: string): Grant {
    return this.grants.grant(grantee, { read: true, write: true, delete: true }, prefix);
  }
}
