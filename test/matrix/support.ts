import { App } from 'cdktf';
import { Environment, EnvironmentStack } from '../../lib';

/** [case name, app builder, exact expected error]. */
export type BadInput = [string, (app: App) => void, string];

/** A staging stack of the test project. */
export const staging = (app: App, id = 'staging') => new EnvironmentStack(app, id, { environment: Environment.staging({ project: 'livestreamsell' }) });
/** A production stack of the test project. */
export const production = (app: App, id = 'production') => new EnvironmentStack(app, id, { environment: Environment.production({ project: 'livestreamsell' }) });
