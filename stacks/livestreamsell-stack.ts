import { Construct } from 'constructs';
import { EnvironmentStack, SupabaseDatabase } from '../lib';
import { AppConfig, environmentFromConfig } from './config';
import { addDatabase } from './database';

/**
 * One environment of the LiveStreamSell app (staging or production): networking,
 * compute, database and storage, on encrypted and locked remote state.
 */
export class LiveStreamSellStack extends EnvironmentStack {
  /** Supabase Postgres and Auth (see database.ts). */
  public readonly database: SupabaseDatabase;

  constructor(scope: Construct, id: string, config: AppConfig, environmentName: string) {
    super(scope, id, { environment: environmentFromConfig(config, environmentName) });
    this.database = addDatabase(this);
  }
}
