import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';

const BRAND = Symbol.for('@livestreamsell/cdktf-constructs.enumLike');

/**
 * Enum-like classes (`RenderPlan.STANDARD`, `StorageClass.GLACIER_IR`) instead of
 * string unions: typed in every jsii language, documented per value, and open for
 * values newer than the library through `of(...)`. Each instance is branded with
 * its class name under a `Symbol.for` key, so a check works across copies of the
 * library and a plain string from JSON is reported instead of crashing.
 */
export function brandEnumLike(instance: object, typeName: string): void {
  Object.defineProperty(instance, BRAND, { value: typeName });
}

/** True when `x` is an instance of the enum-like class `typeName`. */
export function isEnumLike(x: unknown, typeName: string): boolean {
  return x !== null && typeof x === 'object' && (x as any)[BRAND] === typeName;
}

/**
 * Checks an enum-like prop; `examples` lists the static members for the message
 * (for example `RenderPlan.STARTER, RenderPlan.STANDARD or RenderPlan.of("...")`).
 */
export function checkEnumLike<T>(scope: IConstruct, prop: string, value: unknown, typeName: string, examples: string): T | undefined {
  if (value === undefined) return undefined;
  if (!isEnumLike(value, typeName)) {
    throw new ValidationError(scope, prop, value, `${/^[AEIOU]/.test(typeName) ? 'an' : 'a'} ${typeName}: ${examples}`);
  }
  return value as T;
}
