import { Construct } from 'constructs';
import { checkConnection } from './connection-check';
import { markLibraryConstruct } from '../../core/private/escape';
import { Input } from '../../core/private/input';
import { ensureProvider } from '../../core/private/providers';
import { SecretValue } from '../../core/secrets';
import { DataSupabaseApikeys } from '../../providers/supabase/gen/data-supabase-apikeys';
import { SupabaseProvider } from '../../providers/supabase/gen/provider';
import { PostgresConnection, SupabaseApiKeys } from '../connection';
import { ISupabaseDatabase } from '../supabase-database-contract';
import { SupabaseDatabaseAttributes } from '../supabase-database-props';

/** Brand of every Supabase database of the library, created or imported (works across copies). */
export const SUPABASE_DATABASE = Symbol.for('@livestreamsell/cdktf-constructs.SupabaseDatabase');

/** The `supabase_apikeys` data source of `scope` (child "ApiKeys", created once). */
export function apiKeysOf(scope: Construct, projectRef: string): SupabaseApiKeys {
  ensureProvider(scope, 'supabase', (stack, pid) => new SupabaseProvider(stack, pid, {}));
  const keys = (scope.node.tryFindChild('ApiKeys') as DataSupabaseApikeys | undefined) ?? new DataSupabaseApikeys(scope, 'ApiKeys', { projectRef });
  return {
    anonKey: SecretValue.fromToken(keys.anonKey),
    publishableKey: SecretValue.fromToken(keys.publishableKey),
    serviceRoleKey: SecretValue.fromToken(keys.serviceRoleKey),
  };
}

/** `SupabaseDatabase.fromDatabaseAttributes`. */
export class ImportedSupabaseDatabase extends Construct implements ISupabaseDatabase {
  public readonly projectRef: string;
  public readonly apiUrl: string;
  public readonly applicationConnection: PostgresConnection;

  constructor(scope: Construct, id: string, attrs: SupabaseDatabaseAttributes) {
    super(scope, id);
    markLibraryConstruct(this);
    Object.defineProperty(this, SUPABASE_DATABASE, { value: true });
    const input = Input.of(this, attrs);
    this.projectRef = input.requiredString('projectRef', { nonEmpty: true, pattern: /^[a-z0-9]{20}$/, allowed: 'a Supabase project reference (20 lowercase letters and digits) or a token' });
    this.applicationConnection = checkConnection(this, 'applicationConnection', input.raw('applicationConnection'));
    input.done();
    this.apiUrl = `https://${this.projectRef}.supabase.co`;
  }

  public apiKeys(): SupabaseApiKeys {
    return apiKeysOf(this, this.projectRef);
  }
}
