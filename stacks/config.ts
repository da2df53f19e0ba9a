import * as fs from 'fs';
import * as path from 'path';
import { Environment } from '../lib';

/** The public hostnames of one environment of the app. */
export interface HostsConfig {
  /** The Cloudflare zone (apex domain) the environment's stack owns. */
  readonly zoneName: string;
  /** Hostname of the FastAPI backend. */
  readonly apiHostname: string;
  /** Hostname of the Next.js dashboard. */
  readonly dashboardHostname: string;
}

/** Shape of `livestreamsell.config.json`. */
export interface AppConfig {
  readonly project: string;
  readonly region: string;
  readonly environments: { [name: string]: HostsConfig };
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

/** The environment `name` (production when the name is "production"). */
export function environmentFromConfig(config: AppConfig, name: string): Environment {
  return Environment.fromName(name, { project: config.project, region: config.region });
}

/** The hostnames of environment `name`; fails naming the file's missing entry. */
export function hostsFromConfig(config: AppConfig, name: string): HostsConfig {
  const hosts = config.environments[name];
  if (!hosts) throw new Error(`livestreamsell.config.json: no "environments.${name}" entry with zoneName, apiHostname and dashboardHostname`);
  return hosts;
}
