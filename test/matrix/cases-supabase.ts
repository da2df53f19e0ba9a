import { BadInput, staging } from './support';
import {
  RowLevelSecurity, SupabaseDatabase, SupabaseDatabaseProps,
} from '../../lib';

const TENANT = RowLevelSecurity.sellerOwnsRows({ table: 'campaigns', roles: ['authenticated'] });
const db = (props: Partial<SupabaseDatabaseProps>): BadInput[1] => (app) => new SupabaseDatabase(staging(app), 'Database', { allowedCidrs: ['203.0.113.0/24'], ...props, auth: { siteUrl: 'https://app.livestreamsell.ai', ...props.auth } } as SupabaseDatabaseProps);

export const SUPABASE_BAD_INPUTS: BadInput[] = [
  // --- Supabase ---
  ['supabase: unknown instance size', db({ instanceSize: 'huge' }), '[staging/Database] invalid "instanceSize": got "huge"; expected one of "nano", "micro", "small"'],
  ['supabase: unknown region', db({ region: 'us-central-1' }), '[staging/Database] invalid "region": got "us-central-1"; expected one of "ap-east-1"'],
  ['supabase: password too short', db({ passwordLength: 3 }), '[staging/Database] invalid "passwordLength": got 3; expected a whole number from 16 to 128'],
  ['supabase: SQL injection through a role name', db({ applicationRole: { name: 'app"; DROP ROLE postgres; --' } }), '[staging/Database] invalid "applicationRole.name": got "app\\"; DROP ROLE postgres; --"; expected a lowercase SQL identifier'],
  ['supabase: policy command MERGE', db({ rowLevelSecurity: [{ ...TENANT, command: 'MERGE' }] }), '[staging/Database] invalid "rowLevelSecurity[0].command": got "MERGE"; expected one of "SELECT", "INSERT", "UPDATE", "DELETE", "ALL"'],
  ['supabase: CIDR that is not one', db({ allowedCidrs: ['203.0.113.0/33'] }), '[staging/Database] invalid "allowedCidrs[0]": got "203.0.113.0/33"; expected a public IPv4 ("203.0.113.0/24") or IPv6 ("2001:db8::/32") CIDR block with no host bits set'],
  ['supabase: database open to the internet', db({ allowedCidrs: ['0.0.0.0/0'] }), '[staging/Database] invalid "allowedCidrs[0]": got "0.0.0.0/0"'],
];
