/**
 * The literal names of the remote-state resources. Terraform backend blocks
 * cannot contain references, so the bootstrap stack (which creates the resources)
 * and every stack that uses them (which only names them) share these names:
 * `StateBackend.attributes`, or the defaults both derive from the project name.
 */
export interface StateBackendAttributes {
  /** S3 bucket that holds the state files. */
  readonly bucketName: string;
  /** DynamoDB table used for state locking. */
  readonly lockTableName: string;
  /** KMS key alias (with `alias/`) that encrypts state objects and the lock table. */
  readonly kmsKeyAlias: string;
  /** AWS region of the bucket and table. */
  readonly region: string;
}
