import { IConstruct } from 'constructs';
import { PostgresConnection, SupabaseApiKeys } from './connection';

/** A Supabase database other code connects to: this construct, or one imported by attributes. */
export interface ISupabaseDatabase extends IConstruct {
  /** Project reference (the project id). */
  readonly projectRef: string;
  /** `https://<ref>.supabase.co`, the base URL of the Data API and Auth. */
  readonly apiUrl: string;
  /** Connection of the application's role (read/write rows, row-level security applies). */
  readonly applicationConnection: PostgresConnection;
  /** The project's API keys, as secrets. */
  apiKeys(): SupabaseApiKeys;
}
