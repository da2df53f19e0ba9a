import { IConstruct } from 'constructs';
import { EnvironmentOptions, EnvironmentProps } from './environment-props';
import { ValidationError } from '../core/errors';
import { checkBoolean, checkInteger, checkStringMap, isPlainObject } from '../core/private/input';
import { AWS_REGION_PATTERN, DNS_LABEL_PATTERN, assertMatches } from '../core/private/validation';

/** Marks Environment instances (works across copies of the library). */
const ENVIRONMENT_SYMBOL = Symbol.for('@livestreamsell/cdktf-constructs.Environment');
/** The property under which a construct carries the environment bound to it. */
const BOUND_ENVIRONMENT = Symbol.for('@livestreamsell/cdktf-constructs.boundEnvironment');

/** Protection and retention levels of production and of every other environment. */
const LEVELS = {
  production: { deletionProtection: true, preventDestroy: true, backupRetentionDays: 35, logRetentionDays: 365, kmsDeletionWindowDays: 30 },
  other: { deletionProtection: false, preventDestroy: false, backupRetentionDays: 7, logRetentionDays: 30, kmsDeletionWindowDays: 7 },
};

const DNS_LABEL = 'a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit';

/**
 * One deployment environment (a Terraform workspace of the PRD): its name, the
 * project, the AWS region, whether it is production, tags, and protection and
 * retention levels. Nothing module-specific: each module owns its sizes, plans
 * and limits and picks a default from `isProduction`.
 *
 * A construct gets its environment one way: its `environment` prop if given
 * (which then also applies to everything below it), else the one bound to the
 * nearest enclosing scope (an `EnvironmentStack`), `Environment.of(scope)`.
 *
 * @example
 * const production = Environment.production({ project: 'acme-shop', region: 'eu-central-1' });
 * const stack = new EnvironmentStack(app, 'production', { environment: production });
 */
export class Environment {
  /** A staging environment: not production, short retention, no deletion protection. */
  public static staging(options: EnvironmentOptions): Environment {
    return new Environment({ ...options, name: 'staging', production: false });
  }

  /** A production environment: deletion protection, prevent-destroy, long retention, strict checks. */
  public static production(options: EnvironmentOptions): Environment {
    return new Environment({ ...options, name: 'production', production: true });
  }

  /** A development environment (PRD 11.2): not production, for synthetic data only. */
  public static development(options: EnvironmentOptions): Environment {
    return new Environment({ ...options, name: 'development', production: false });
  }

  /**
   * An environment by name, for apps that read the name from configuration:
   * production when the name is "production" or "prod".
   */
  public static fromName(name: string, options: EnvironmentOptions): Environment {
    return new Environment({ ...options, name });
  }

  /**
   * The environment bound to the nearest enclosing scope (an `EnvironmentStack`,
   * or a construct that was given an `environment` prop). Throws a
   * `ValidationError` naming the scope when there is none.
   */
  public static of(scope: IConstruct): Environment {
    const found = Environment.tryOf(scope);
    if (!found) {
      throw new ValidationError(scope, 'environment', undefined, 'an Environment: pass `environment` in the props, or create the construct inside an EnvironmentStack');
    }
    return found;
  }

  /** Like `of`, but returns undefined when no environment is bound above `scope`. */
  public static tryOf(scope: IConstruct): Environment | undefined {
    const scopes = scope.node.scopes;
    for (let i = scopes.length - 1; i >= 0; i--) {
      const env = (scopes[i] as any)[BOUND_ENVIRONMENT];
      if (env !== undefined) return env;
    }
    return undefined;
  }

  /** True when `x` is an Environment (works across copies of the library). */
  public static isEnvironment(x: unknown): x is Environment {
    return x !== null && typeof x === 'object' && ENVIRONMENT_SYMBOL in (x as object);
  }

  /** Environment name, for example "staging". */
  public readonly name: string;
  /** Project name used in resource names and tags. */
  public readonly project: string;
  /** AWS region of the AWS resources. */
  public readonly region: string;
  /** True for production: protection levels, high availability, strict checks. */
  public readonly isProduction: boolean;
  /** Provider-side deletion protection on stateful resources. */
  public readonly deletionProtection: boolean;
  /** Terraform `prevent_destroy` on stateful resources. */
  public readonly preventDestroy: boolean;
  /** Retention of backups and noncurrent versions, days. */
  public readonly backupRetentionDays: number;
  /** Retention of logs, days. */
  public readonly logRetentionDays: number;
  /** KMS key deletion window, days. */
  public readonly kmsDeletionWindowDays: number;

  private readonly props: EnvironmentProps;
  private readonly extraTags: { [key: string]: string };

  constructor(props: EnvironmentProps) {
    Object.defineProperty(this, ENVIRONMENT_SYMBOL, { value: true });
    // Checked with a construct path by `bind`; keep whatever came in until then.
    this.props = (isPlainObject(props) ? props : {}) as EnvironmentProps;
    const p = this.props;
    this.name = p.name;
    this.project = p.project;
    this.region = p.region ?? 'us-east-1';
    this.isProduction = p.production ?? (p.name === 'production' || p.name === 'prod');
    const levels = this.isProduction === true ? LEVELS.production : LEVELS.other;
    const protection: { [key: string]: any } = isPlainObject(p.protection) ? p.protection : {};
    this.deletionProtection = protection.deletionProtection ?? levels.deletionProtection;
    this.preventDestroy = protection.preventDestroy ?? levels.preventDestroy;
    this.backupRetentionDays = protection.backupRetentionDays ?? levels.backupRetentionDays;
    this.logRetentionDays = protection.logRetentionDays ?? levels.logRetentionDays;
    this.kmsDeletionWindowDays = protection.kmsDeletionWindowDays ?? levels.kmsDeletionWindowDays;
    this.extraTags = isPlainObject(p.tags) ? (p.tags as { [key: string]: string }) : {};
  }

  /** Tags applied to every taggable resource: project, environment, managed-by, plus extras. */
  public get tags(): { [key: string]: string } {
    return { 'project': this.project, 'environment': this.name, 'managed-by': 'cdktf', ...this.extraTags };
  }

  /** `<project>-<environment>[-<suffix>]`, the base of every resource name. */
  public resourceName(suffix?: string): string {
    return [this.project, this.name, suffix].filter((s) => s !== undefined && s !== '').join('-');
  }

  /**
   * Validates the environment and makes it the environment of `scope` and
   * everything below it (`Environment.of`). Errors name `scope`'s construct path.
   */
  public bind(scope: IConstruct): Environment {
    this.validate(scope);
    Object.defineProperty(scope, BOUND_ENVIRONMENT, { value: this, configurable: true });
    return this;
  }

  /** Throws a `ValidationError` (with `scope`'s path) on the first invalid setting. */
  public validate(scope: IConstruct): void {
    const p = this.props as unknown as { [key: string]: unknown };
    if (this.name === undefined) throw new ValidationError(scope, 'environment.name', undefined, DNS_LABEL);
    assertMatches(scope, 'environment.name', this.name, DNS_LABEL_PATTERN, DNS_LABEL);
    if (this.project === undefined) {
      throw new ValidationError(scope, 'environment.project', undefined, `${DNS_LABEL}, naming your project (there is no default: resource names such as S3 buckets are global)`);
    }
    assertMatches(scope, 'environment.project', this.project, DNS_LABEL_PATTERN, DNS_LABEL);
    assertMatches(scope, 'environment.region', this.region, AWS_REGION_PATTERN, 'an AWS region name such as "us-east-1"');
    checkBoolean(scope, 'environment.production', p.production);
    checkStringMap(scope, 'environment.tags', p.tags);
    if (p.protection !== undefined && !isPlainObject(p.protection)) {
      throw new ValidationError(scope, 'environment.protection', p.protection, 'an object of protection settings');
    }
    const protection = (p.protection ?? {}) as { [key: string]: unknown };
    checkBoolean(scope, 'environment.protection.deletionProtection', protection.deletionProtection);
    checkBoolean(scope, 'environment.protection.preventDestroy', protection.preventDestroy);
    checkInteger(scope, 'environment.protection.backupRetentionDays', this.backupRetentionDays, 1, 3650);
    checkInteger(scope, 'environment.protection.logRetentionDays', this.logRetentionDays, 1, 3653);
    checkInteger(scope, 'environment.protection.kmsDeletionWindowDays', this.kmsDeletionWindowDays, 7, 30);
    const known = ['name', 'project', 'region', 'production', 'tags', 'protection'];
    for (const key of Object.keys(p)) {
      if (!known.includes(key) && p[key] !== undefined) {
        throw new ValidationError(scope, `environment.${key}`, p[key], `no such property: the properties of an Environment are ${known.map((k) => `"${k}"`).join(', ')} (module sizes, plans and hostnames are props of the modules)`);
      }
    }
    for (const key of Object.keys(protection)) {
      if (!Object.keys(LEVELS.production).includes(key) && protection[key] !== undefined) {
        throw new ValidationError(scope, `environment.protection.${key}`, protection[key], `no such property: the protection settings are ${Object.keys(LEVELS.production).map((k) => `"${k}"`).join(', ')}`);
      }
    }
  }
}
