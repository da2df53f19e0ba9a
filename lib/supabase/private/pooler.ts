import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { terraformExpression } from '../../core/private/escape';
import { ensureProvider } from '../../core/private/providers';
import { DataSupabasePooler } from '../../providers/supabase/gen/data-supabase-pooler';
import { SupabaseProvider } from '../../providers/supabase/gen/provider';

/**
 * The shared pooler's hostname, from `data.supabase_pooler` (child "Pooler",
 * created once). The provider returns a map of pool mode to connection string
 * (`postgres://postgres.<ref>:[YOUR-PASSWORD]@<host>:6543/postgres` for
 * "transaction"); the host is the part after "@". Supavisor serves session
 * mode on port 5432 of the same host. A project without a transaction-mode
 * string fails the plan on the data source's postcondition, naming the fix.
 */
export function poolerHostOf(scope: Construct, projectRef: string): string {
  ensureProvider(scope, 'supabase', (stack, pid) => new SupabaseProvider(stack, pid, {}));
  const pooler = (scope.node.tryFindChild('Pooler') as DataSupabasePooler | undefined) ?? new DataSupabasePooler(scope, 'Pooler', {
    projectRef,
    lifecycle: {
      postcondition: [{
        condition: terraformExpression('can(regex("@[^:/?]+", self.url["transaction"]))'),
        errorMessage: 'data.supabase_pooler returned no transaction-mode connection string ("url.transaction") for this project: check Database settings, Connection pooling in the Supabase dashboard.',
      }],
    },
  });
  return Token.asString(Fn.element(Fn.regex('@([^:/?]+)', pooler.url.lookup('transaction')), 0));
}
