/** Brand of every bucket of the library, created or imported. */
export const BUCKET_BRAND = Symbol.for('@livestreamsell/cdktf-constructs.SecureBucket');
/** Brand of the buckets this app creates (they have versioning, a policy and a resource). */
export const OWNED_BUCKET_BRAND = Symbol.for('@livestreamsell/cdktf-constructs.SecureBucket.owned');

/** True for any bucket of the library, created or imported (`SecureBucket.isSecureBucket`). */
export function isAnyBucket(x: unknown): x is import('../secure-bucket-props').ISecureBucket {
  return x !== null && typeof x === 'object' && (x as any)[BUCKET_BRAND] === true;
}

/** Words for messages. */
export const SECURE_BUCKET = 'an ISecureBucket (a SecureBucket, or SecureBucket.fromBucketAttributes(...))';
export const CUSTOMER_MANAGED_KEY = 'an ICustomerManagedKey (a CustomerManagedKey, or CustomerManagedKey.fromKeyArn(...))';

/** True for a bucket this app creates (a SecureBucket, from this copy of the library or another). */
export function isOwnedBucket(x: unknown): x is import('../secure-bucket').SecureBucket {
  return x !== null && typeof x === 'object' && (x as any)[OWNED_BUCKET_BRAND] === true;
}
