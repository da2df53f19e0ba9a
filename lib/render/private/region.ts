import { checkRenderEnum } from './enums';
import { RENDER_REGIONS, RENDER_REGION_BY_AWS_REGION } from './values';
import { ValidationError } from '../../core/errors';
import { Input } from '../../core/private/input';
import { AWS_REGION_PATTERN, isToken } from '../../core/private/validation';
import { Environment } from '../../environment/environment';

const REGION_MEMBERS = RENDER_REGIONS.map((r) => `RenderRegion.${r.toUpperCase()}`).join(', ');

/**
 * Reads `region`, `databaseRegion` and `allowRegionFarFromDatabase` (RenderRegionOptions)
 * and returns the Render region: the one next to the database unless
 * `allowRegionFarFromDatabase` says otherwise.
 */
export function resolveRenderRegion(input: Input, env: Environment): string {
  const scope = input.scope;
  const databaseRegion = input.string('databaseRegion', { pattern: AWS_REGION_PATTERN, allowed: 'an AWS region name such as "us-east-1"' }) ?? env.region;
  const allowFar = input.boolean('allowRegionFarFromDatabase') ?? false;
  const region = checkRenderEnum(scope, input.path('region'), input.raw('region'), 'RenderRegion');
  const near = isToken(databaseRegion) ? undefined : RENDER_REGION_BY_AWS_REGION[databaseRegion];
  if (region === undefined) {
    if (near === undefined) {
      throw new ValidationError(scope, input.path('region'), undefined, `a RenderRegion: Render has none next to the database region "${databaseRegion}"; set "region" (${REGION_MEMBERS}) and "allowRegionFarFromDatabase: true"`);
    }
    return near;
  }
  if (region !== near && !allowFar) {
    const expected = near
      ? `RenderRegion.${near.toUpperCase()}, the Render region next to the database in "${databaseRegion}"`
      : `a region next to the database in "${databaseRegion}" (Render has none)`;
    throw new ValidationError(scope, input.path('region'), region, `${expected}, or "allowRegionFarFromDatabase: true" to accept cross-region latency`);
  }
  return region;
}
