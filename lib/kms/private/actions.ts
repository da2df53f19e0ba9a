/** Actions a service needs to encrypt and decrypt with a key. */
export const KMS_ENCRYPT_DECRYPT_ACTIONS = ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];
/** Actions needed to read objects encrypted with a key. */
export const KMS_DECRYPT_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];
/** Actions needed to write objects encrypted with a key. */
export const KMS_ENCRYPT_ACTIONS = ['kms:Encrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'];

/** The KMS actions of an access: read needs decrypt, write needs encrypt (data keys), both need both. */
export function kmsActionsFor(access: { read: boolean; write: boolean }): string[] {
  if (access.read && access.write) return KMS_ENCRYPT_DECRYPT_ACTIONS;
  return access.read ? KMS_DECRYPT_ACTIONS : KMS_ENCRYPT_ACTIONS;
}
