import { RenderRegion } from './render-enums';

/** Where Render resources run relative to the database. */
export interface RenderRegionOptions {
  /**
   * Render region (changing it replaces every resource).
   * @default - the Render region next to `databaseRegion` (AWS us-east-1 = RenderRegion.VIRGINIA)
   */
  readonly region?: RenderRegion;
  /**
   * AWS region of the database the services talk to.
   * @default - the environment's region
   */
  readonly databaseRegion?: string;
  /**
   * Accept a Render region that is not the one next to the database. Every query
   * then crosses regions (tens of milliseconds instead of a few).
   * @default false
   */
  readonly allowRegionFarFromDatabase?: boolean;
}
