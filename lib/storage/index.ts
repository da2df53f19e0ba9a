export * from './bucket-name';
export * from './bucket-replication';
export * from './cors-rule';
export * from './lifecycle-rule';
export * from './perms';
export * from './secure-bucket';
export * from './storage-buckets';
