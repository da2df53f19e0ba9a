import { StateBackendAttributes } from '../state-names';

/** The default names for a project: `<project>-shared-tfstate`, `<project>-shared-tflock`. */
export function defaultStateBackendAttributes(project: string, region: string): StateBackendAttributes {
  return {
    bucketName: `${project}-shared-tfstate`,
    lockTableName: `${project}-shared-tflock`,
    kmsKeyAlias: `alias/${project}-shared-tfstate`,
    region,
  };
}

/** DynamoDB table names. */
export const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;
export const TABLE_NAME_ALLOWED = 'a DynamoDB table name: 3-255 letters, digits, "_", "-" or "."';
