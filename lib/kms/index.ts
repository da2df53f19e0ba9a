export * from './customer-managed-key-props';
export { CustomerManagedKey } from './customer-managed-key';
