/**
 * Deterministic names of the remote-state resources. Terraform backend blocks
 * cannot contain references, so the bootstrap stack (which creates the resources)
 * and every stack that uses them (which only names them) derive the same literal
 * names from the project name.
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

/** The default names for a project: `<project>-shared-tfstate`, `<project>-shared-tflock`. */
export function defaultStateBackendAttributes(project: string, region: string): StateBackendAttributes {
  return {
    bucketName: `${project}-shared-tfstate`,
    lockTableName: `${project}-shared-tflock`,
    kmsKeyAlias: `alias/${project}-shared-tfstate`,
    region,
  };
}
