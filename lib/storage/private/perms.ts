/**
 * Action lists of the bucket grants. No wildcards: every action is named, so a
 * grant never reaches beyond what its name says.
 */
export const BUCKET_LIST_ACTIONS = ['s3:ListBucket', 's3:GetBucketLocation'];
export const OBJECT_READ_ACTIONS = ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'];
/** Write without delete: what a backup job gets, so a leaked key cannot erase backups. */
export const OBJECT_WRITE_ACTIONS = ['s3:PutObject', 's3:PutObjectTagging', 's3:AbortMultipartUpload', 's3:ListMultipartUploadParts'];
export const OBJECT_DELETE_ACTIONS = ['s3:DeleteObject', 's3:DeleteObjectTagging'];
