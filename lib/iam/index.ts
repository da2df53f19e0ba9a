export * from './grant';
export * from './grantee';
export * from './policy-document';
export * from './service-identity';
