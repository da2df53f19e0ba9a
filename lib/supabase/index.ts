// Supabase: constructs, their props, contracts and enum-like classes. Helpers live in private/.
export * from './connection';
export * from './connection-budget';
export * from './database-backup';
export * from './row-level-security';
export * from './sql-migration';
export * from './supabase-database';
export * from './supabase-database-contract';
export * from './supabase-database-props';
export * from './supabase-edge-functions';
export * from './supabase-region';
export * from './supabase-settings';
