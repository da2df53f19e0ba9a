import * as fs from 'fs';
import * as path from 'path';
import { Environment, EnvironmentOverrides } from '../lib';

/** Shape of `livestreamsell.config.json`. */
export interface AppConfig {
  readonly project: string;
  readonly region: string;
  readonly zoneName: string;
  readonly environments: { [name: string]: EnvironmentOverrides };
}

/**
 * Reads the app configuration. `LSS_CONFIG` may point at another file (for a fork
 * with its own domain); the default is the example file next to the sources.
 */
export function loadConfig(file = process.env.LSS_CONFIG ?? findDefaultConfig()): AppConfig {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as AppConfig;
}

/** stacks/livestreamsell.config.json, found from the sources (ts-jest) or the compiled app (build/app/stacks). */
function findDefaultConfig(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'stacks', CONFIG_FILE);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) return path.join(__dirname, CONFIG_FILE);
  }
}

const CONFIG_FILE = 'livestreamsell.config.json';

/** The environment `name` with the config file's overrides applied. */
export function environmentFromConfig(config: AppConfig, name: string): Environment {
  const overrides = config.environments[name] ?? {};
  return Environment.fromName(name, {
    ...overrides,
    project: config.project,
    region: config.region,
    hostnames: { zoneName: config.zoneName, ...overrides.hostnames },
  });
}
