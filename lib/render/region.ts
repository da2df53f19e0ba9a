import { IConstruct } from 'constructs';
import { RENDER_REGIONS } from './render-values';
import { ValidationError } from '../core/errors';
import { assertAwsRegion, assertOneOf, isToken } from '../core/private/validation';
import { Environment } from '../environment/environment';

/** AWS region -> the Render region in the same place (Render runs in these AWS/GCP regions). */
const RENDER_REGION_BY_AWS_REGION: { [awsRegion: string]: string } = {
  'us-east-1': 'virginia',
  'us-east-2': 'ohio',
  'us-west-2': 'oregon',
  'eu-central-1': 'frankfurt',
  'ap-southeast-1': 'singapore',
};

/** Where Render services run relative to the database. */
export interface RenderRegionOptions {
  /**
   * Render region (forces replacement of every service when changed).
   * @default - the Render region next to `databaseRegion` (AWS us-east-1 = "virginia")
   */
  readonly region?: string;
  /**
   * AWS region of the database (Supabase) the services talk to.
   * @default - the environment's region
   */
  readonly databaseRegion?: string;
  /**
   * Accept a Render region that is not the one next to the database. Every query
   * then crosses regions (tens of milliseconds instead of < 10 ms, PRD 3.5).
   * @default false
   */
  readonly allowRegionFarFromDatabase?: boolean;
}

/**
 * Resolves and checks the Render region: one Render knows, and the one next to
 * the database unless `allowRegionFarFromDatabase` says otherwise.
 */
export function resolveRenderRegion(scope: IConstruct, env: Environment, options: RenderRegionOptions = {}): string {
  const databaseRegion = options.databaseRegion ?? env.region;
  assertAwsRegion(scope, 'databaseRegion', databaseRegion);
  const near = isToken(databaseRegion) ? undefined : RENDER_REGION_BY_AWS_REGION[databaseRegion];
  const region = options.region ?? near;
  const allowed = RENDER_REGIONS.map((r) => JSON.stringify(r)).join(', ');
  if (region === undefined) {
    throw new ValidationError(scope, 'region', undefined, `a Render region: Render has none next to the database region "${databaseRegion}"; set "region" to one of ${allowed} and "allowRegionFarFromDatabase: true"`);
  }
  assertOneOf(scope, 'region', region, RENDER_REGIONS);
  if (!isToken(region) && region !== near && !options.allowRegionFarFromDatabase) {
    const expected = near ? `"${near}", the Render region next to the database in "${databaseRegion}"` : `a region next to the database in "${databaseRegion}" (Render has none)`;
    throw new ValidationError(scope, 'region', region, `${expected}, or "allowRegionFarFromDatabase: true" to accept cross-region latency`);
  }
  return region;
}
