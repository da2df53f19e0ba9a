import { IConstruct } from 'constructs';

/**
 * The one error type the library throws for bad input.
 *
 * Every message names the construct path, the property, the value received and
 * what is allowed, so that a failing `cdktf synth` tells the user exactly what to
 * change. It is thrown while the app is being constructed, before anything is
 * written to `cdktf.out`, so no half-valid Terraform is ever emitted.
 */
export class ValidationError extends Error {
  /**
   * Formats the standard message: `[path] prop: got value; expected allowed`.
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

/** Renders a received value for an error message without dumping huge objects. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'string') return JSON.stringify(value);
  try {
    const json = JSON.stringify(value);
    return json.length > 120 ? `${json.slice(0, 117)}...` : json;
  } catch {
    return String(value);
  }
}
