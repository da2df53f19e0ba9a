import { IConstruct } from 'constructs';

/**
 * The one error type the library throws for bad input.
 *
 * Every message names the construct path, the property, the value received and
 * what is allowed, so that a failing `cdktf synth` tells the user exactly what to
 * change. It is thrown while the app is being constructed (or, for checks that
 * need the whole tree, by a validation before anything is written), so no
 * half-valid Terraform is ever emitted.
 */
export class ValidationError extends Error {
  /**
   * Formats the standard message: `[path] invalid "prop": got <value>; expected <allowed>`.
   */
  public static format(path: string, prop: string, value: unknown, allowed: string): string {
    return `[${path}] invalid "${prop}": got ${describeValue(value)}; expected ${allowed}`;
  }

  /** The construct path the error refers to. */
  public readonly path: string;
  /** The property that holds the bad value. */
  public readonly property: string;

  constructor(scope: IConstruct | string, prop: string, value: unknown, allowed: string) {
    const path = typeof scope === 'string' ? scope : pathOf(scope);
    super(ValidationError.format(path, prop, value, allowed));
    this.name = 'ValidationError';
    this.path = path;
    this.property = prop;
    Object.setPrototypeOf(this, ValidationError.prototype);
  }
}

/**
 * jsii cannot export a subclass of `Error` to other languages, so the package root
 * exports this helper instead of the class itself.
 */
export class Errors {
  /** True when `x` is a `ValidationError` thrown by this library (bad input). */
  public static isValidationError(x: any): boolean {
    return x instanceof Error && x.name === 'ValidationError';
  }
}

/** The construct path as users see it in `cdktf synth` output (never empty). */
export function pathOf(scope: IConstruct): string {
  return scope.node.path || scope.node.id || '<app>';
}

/** Longest rendering of a value in a message; longer ones are cut with "...". */
const MAX_VALUE_LENGTH = 120;

/**
 * Renders a received value for an error message: strings quoted, `NaN`,
 * `Infinity` and `-Infinity` as such (JSON would print `null`), functions and
 * class instances by kind, and anything long cut to 120 characters.
 */
export function describeValue(value: unknown): string {
  return truncate(render(value, 0));
}

function render(value: unknown, depth: number): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'function') return `<function ${value.name || 'anonymous'}>`;
  if (typeof value === 'symbol') return value.toString();
  if (depth > 3) return '...';
  if (Array.isArray(value)) return `[${value.map((v) => render(v, depth + 1)).join(',')}]`;
  const proto = Object.getPrototypeOf(value);
  if (proto !== null && proto !== Object.prototype) {
    const name = (value as object).constructor?.name;
    return `<${name || 'object'} instance>`;
  }
  const entries = Object.entries(value as object).map(([k, v]) => `${JSON.stringify(k)}:${render(v, depth + 1)}`);
  return `{${entries.join(',')}}`;
}

function truncate(text: string): string {
  return text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 3)}...` : text;
}
