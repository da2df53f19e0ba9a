export * from './bucket-replication';
export * from './cors-rule';
export * from './lifecycle-rule';
export * from './object-lock';
export * from './secure-bucket';
export * from './secure-bucket-props';
export * from './storage-buckets';
export * from './storage-class';
