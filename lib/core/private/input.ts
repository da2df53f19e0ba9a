import { Token } from 'cdktf';
import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { SecretValue } from '../secrets';

/**
 * The input layer: every public prop is read through here before it is used.
 *
 * Users call the library from JavaScript and from JSON configuration, where
 * TypeScript's types do not exist: a boolean may arrive as the string "false", a
 * list as a string, a secret as a plain `{ value }` object, a number as `NaN`.
 * Each reader checks the runtime type and range and throws the library's one
 * `ValidationError` (`[path] invalid "prop": got <value>; expected <allowed>`)
 * naming the prop as the user spelled it (nested props as `auth.siteUrl`, list
 * items as `rules[2].id`). Unresolved tokens (Terraform variables, references)
 * pass the type check and skip the value checks, which only plan time can do.
 *
 * @example
 * const input = Input.of(this, props);
 * const name = input.string('name', { pattern: DNS_LABEL_PATTERN, allowed: 'a DNS label' });
 * const unsafe = input.boolean('unsafeAllowAllIps') ?? false;
 * input.done(); // refuses keys nobody read (typos in JSON config)
 */
export class Input {
  /**
   * A reader for `props`, which must be undefined or a plain object.
   * @param prefix prop path of `props` itself, for nested readers ("auth")
   */
  public static of(scope: IConstruct, props: unknown, prefix = ''): Input {
    if (props !== undefined && props !== null && !isPlainObject(props)) {
      throw new ValidationError(scope, prefix || 'props', props, 'an object of properties');
    }
    return new Input(scope, (props ?? {}) as { [key: string]: unknown }, prefix);
  }

  private readonly read = new Set<string>();

  private constructor(
    /** The construct errors are reported on. */
    public readonly scope: IConstruct,
    /** The raw props. */
    public readonly props: { readonly [key: string]: unknown },
    private readonly prefix: string,
  ) {}

  /** The full prop path of `name` for messages ("auth.siteUrl"). */
  public path(name: string): string {
    return this.prefix ? `${this.prefix}.${name}` : name;
  }

  /** The raw value of `name`, marked as read (for values checked elsewhere). */
  public raw(name: string): unknown {
    this.read.add(name);
    return this.props[name];
  }

  /** True when `name` is set (not undefined). */
  public has(name: string): boolean {
    return this.props[name] !== undefined;
  }

  /** A string; see `checkString` for the options. */
  public string(name: string, options: StringOptions = {}): string | undefined {
    return checkString(this.scope, this.path(name), this.raw(name), options);
  }

  /** A string that must be set. */
  public requiredString(name: string, options: StringOptions = {}): string {
    const value = this.string(name, options);
    if (value === undefined) throw new ValidationError(this.scope, this.path(name), undefined, options.allowed ?? 'a string');
    return value;
  }

  /** A boolean: `true` or `false`, never the strings "true"/"false" or 0/1. */
  public boolean(name: string): boolean | undefined {
    return checkBoolean(this.scope, this.path(name), this.raw(name));
  }

  /** A whole number in [min, max] (tokens pass). */
  public integer(name: string, min: number, max: number): number | undefined {
    return checkInteger(this.scope, this.path(name), this.raw(name), min, max);
  }

  /** A finite number in [min, max] (tokens pass). */
  public number(name: string, min: number, max: number): number | undefined {
    return checkNumber(this.scope, this.path(name), this.raw(name), min, max);
  }

  /** One of a fixed set of strings. */
  public oneOf<T extends string>(name: string, allowed: readonly T[]): T | undefined {
    return checkOneOf(this.scope, this.path(name), this.raw(name), allowed);
  }

  /** A list of strings, each checked with `options`. */
  public stringList(name: string, options: ListOptions & StringOptions = {}): string[] | undefined {
    return checkStringList(this.scope, this.path(name), this.raw(name), options);
  }

  /** A map of strings (`{ KEY: "value" }`), keys and values checked. */
  public stringMap(name: string, options: MapOptions = {}): { [key: string]: string } | undefined {
    return checkStringMap(this.scope, this.path(name), this.raw(name), options);
  }

  /** A `SecretValue` (a branded instance, never a plain object or string). */
  public secret(name: string): SecretValue | undefined {
    return checkSecret(this.scope, this.path(name), this.raw(name));
  }

  /** A map of `SecretValue`s. */
  public secretMap(name: string, options: MapOptions = {}): { [key: string]: SecretValue } | undefined {
    const map = checkMap(this.scope, this.path(name), this.raw(name), options);
    if (map === undefined) return undefined;
    return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, checkSecret(this.scope, `${this.path(name)}.${k}`, v)!]));
  }

  /** A nested props object, read with its own reader (prop paths "name.x"). */
  public object(name: string): Input | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    return Input.of(this.scope, value, this.path(name));
  }

  /** A nested props object, or an empty reader when it is not set. */
  public objectOrEmpty(name: string): Input {
    return this.object(name) ?? new Input(this.scope, {}, this.path(name));
  }

  /** A list of nested props objects (prop paths "name[i].x"). */
  public objectList(name: string, options: ListOptions = {}): Input[] | undefined {
    const value = this.raw(name);
    const list = checkList(this.scope, this.path(name), value, options);
    return list?.map((item, i) => Input.of(this.scope, item, `${this.path(name)}[${i}]`));
  }

  /** A map of nested props objects (prop paths "name.key.x"). */
  public objectMap(name: string, options: MapOptions = {}): { [key: string]: Input } | undefined {
    const map = checkMap(this.scope, this.path(name), this.raw(name), options);
    if (map === undefined) return undefined;
    return Object.fromEntries(Object.entries(map).map(([k, v]) => [k, Input.of(this.scope, v, `${this.path(name)}.${k}`)]));
  }

  /**
   * An instance recognized by `is` (a `Symbol.for` type guard such as
   * `SecureBucket.isSecureBucket`), described as `what` in the message.
   */
  public instance<T>(name: string, is: (x: unknown) => x is T, what: string): T | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!is(value)) throw new ValidationError(this.scope, this.path(name), value, what);
    return value;
  }

  /**
   * Refuses every key that no reader asked for: a misspelt prop in JSON
   * configuration (`unsafeAllowAllIP`) must fail, not be ignored.
   * @param alsoKnown keys read elsewhere (forwarded to a child construct)
   */
  public done(...alsoKnown: string[]): void {
    const known = new Set([...this.read, ...alsoKnown]);
    for (const key of Object.keys(this.props)) {
      if (!known.has(key) && this.props[key] !== undefined) {
        const list = [...known].sort().map((k) => `"${k}"`).join(', ');
        throw new ValidationError(this.scope, this.path(key), this.props[key], `no such property: the properties here are ${list || 'none'}`);
      }
    }
  }
}

/** Options of string checks. */
export interface StringOptions {
  /** A pattern the whole value must match (literal values only). */
  readonly pattern?: RegExp;
  /** What is allowed, in words, for the message. */
  readonly allowed?: string;
  /** Refuse "" and whitespace-only values. */
  readonly nonEmpty?: boolean;
  /** Longest accepted value. */
  readonly maxLength?: number;
}

/** Options of list checks. */
export interface ListOptions {
  /** Fewest items. */
  readonly minItems?: number;
  /** Most items. */
  readonly maxItems?: number;
  /** Refuse repeated items (strings compared as written). */
  readonly unique?: boolean;
}

/** Options of map checks. */
export interface MapOptions {
  /** Checks of each key. */
  readonly key?: StringOptions;
  /** Checks of each value (string maps only). */
  readonly value?: StringOptions;
}

/** True for `{}`-style objects (not arrays, class instances, tokens or null). */
export function isPlainObject(value: unknown): value is { [key: string]: unknown } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** True when the value is a cdktf token whose value is only known at plan time. */
export function isUnresolved(value: unknown): boolean {
  return (typeof value === 'string' || typeof value === 'number' || Array.isArray(value)) && Token.isUnresolved(value);
}

/** Checks a string (or token); returns it, or undefined when not set. */
export function checkString(scope: IConstruct, prop: string, value: unknown, options: StringOptions = {}): string | undefined {
  if (value === undefined) return undefined;
  const allowed = options.allowed ?? 'a string';
  if (typeof value !== 'string') throw new ValidationError(scope, prop, value, allowed);
  if (Token.isUnresolved(value)) return value;
  if (options.nonEmpty && value.trim() === '') throw new ValidationError(scope, prop, value, options.allowed ?? 'a non-empty string');
  if (options.maxLength !== undefined && value.length > options.maxLength) {
    throw new ValidationError(scope, prop, value, `${allowed} of at most ${options.maxLength} characters`);
  }
  if (options.pattern && !options.pattern.test(value)) throw new ValidationError(scope, prop, value, allowed);
  return value;
}

/** Checks a boolean. */
export function checkBoolean(scope: IConstruct, prop: string, value: unknown): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') {
    const hint = typeof value === 'string' ? ' (a boolean, not a string)' : '';
    throw new ValidationError(scope, prop, value, `true or false${hint}`);
  }
  return value;
}

/** Checks a finite number in [min, max]; number tokens pass. */
export function checkNumber(scope: IConstruct, prop: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new ValidationError(scope, prop, value, `a number from ${min} to ${max}`);
  if (Token.isUnresolved(value)) return value;
  if (!Number.isFinite(value) || value < min || value > max) throw new ValidationError(scope, prop, value, `a number from ${min} to ${max}`);
  return value;
}

/** Checks a whole number in [min, max]; number tokens pass. */
export function checkInteger(scope: IConstruct, prop: string, value: unknown, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const allowed = `a whole number from ${min} to ${max}`;
  if (typeof value !== 'number') throw new ValidationError(scope, prop, value, allowed);
  if (Token.isUnresolved(value)) return value;
  if (!Number.isInteger(value) || value < min || value > max) throw new ValidationError(scope, prop, value, allowed);
  return value;
}

/** Checks one of a fixed set of strings. */
export function checkOneOf<T extends string>(scope: IConstruct, prop: string, value: unknown, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && Token.isUnresolved(value)) return value as T;
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new ValidationError(scope, prop, value, `one of ${allowed.map((a) => JSON.stringify(a)).join(', ')}`);
  }
  return value as T;
}

/** Checks a list (a real array, never a string spread into characters). */
export function checkList(scope: IConstruct, prop: string, value: unknown, options: ListOptions = {}): unknown[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new ValidationError(scope, prop, value, 'a list');
  if (Token.isUnresolved(value)) return value;
  if (options.minItems !== undefined && value.length < options.minItems) {
    throw new ValidationError(scope, prop, value, `a list of at least ${options.minItems} item${options.minItems === 1 ? '' : 's'}`);
  }
  if (options.maxItems !== undefined && value.length > options.maxItems) {
    throw new ValidationError(scope, prop, value, `a list of at most ${options.maxItems} items`);
  }
  if (options.unique) {
    const seen = new Set<unknown>();
    value.forEach((item, i) => {
      if (seen.has(item)) throw new ValidationError(scope, `${prop}[${i}]`, item, 'a value not already in the list');
      seen.add(item);
    });
  }
  return value;
}

/** Checks a list of strings; each item is reported as `prop[i]`. */
export function checkStringList(scope: IConstruct, prop: string, value: unknown, options: ListOptions & StringOptions = {}): string[] | undefined {
  const list = checkList(scope, prop, value, options);
  if (list === undefined || Token.isUnresolved(list)) return list as string[] | undefined;
  return list.map((item, i) => checkString(scope, `${prop}[${i}]`, item, { ...options, allowed: options.allowed ?? 'a string' }) as string);
}

/** Checks a map (a plain object); keys checked with `options.key`. */
export function checkMap(scope: IConstruct, prop: string, value: unknown, options: MapOptions = {}): { [key: string]: unknown } | undefined {
  if (value === undefined) return undefined;
  if (!isPlainObject(value)) throw new ValidationError(scope, prop, value, 'a map of names to values');
  for (const key of Object.keys(value)) checkString(scope, `${prop}.${key}`, key, { ...options.key, allowed: options.key?.allowed ?? 'a key' });
  return value;
}

/** Checks a map of strings. */
export function checkStringMap(scope: IConstruct, prop: string, value: unknown, options: MapOptions = {}): { [key: string]: string } | undefined {
  const map = checkMap(scope, prop, value, options);
  if (map === undefined) return undefined;
  for (const [key, item] of Object.entries(map)) checkString(scope, `${prop}.${key}`, item, options.value);
  return map as { [key: string]: string };
}

/** Checks a `SecretValue`: a branded instance, never a plain `{ value }` object or a string. */
export function checkSecret(scope: IConstruct, prop: string, value: unknown): SecretValue | undefined {
  if (value === undefined) return undefined;
  if (!SecretValue.isSecretValue(value)) {
    throw new ValidationError(scope, prop, typeof value === 'string' ? '<string redacted>' : '<non-SecretValue redacted>', 'a SecretValue (SecretValue.fromVariable, SecretValue.fromToken or a construct\'s secret attribute), never a plain string or object');
  }
  return value;
}
