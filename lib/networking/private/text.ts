import { IConstruct } from 'constructs';
import { ValidationError } from '../../core/errors';
import { ListOptions, StringOptions, checkString, checkStringList } from '../../core/private/input';
import { secretValueKind } from '../../core/private/secret-detection';

/**
 * Free text that reaches the Terraform JSON (descriptions, rule expressions,
 * paths, URLs): a string, checked with `options`, that does not carry a literal
 * credential. Template sequences (`${`, `%{`) are allowed: they are escaped at
 * synth by the library's literal escaping, so Terraform never evaluates them.
 */
export function checkText(scope: IConstruct, prop: string, value: unknown, options: StringOptions = {}): string | undefined {
  const text = checkString(scope, prop, value, options);
  if (text === undefined) return undefined;
  const kind = secretValueKind(text);
  if (kind !== undefined) {
    throw new ValidationError(scope, prop, '<literal string redacted>', `text without credentials: it looks like ${kind}, and literal secrets never go into the configuration`);
  }
  return text;
}

/** Like `checkText`, for a value that must be set. */
export function requiredText(scope: IConstruct, prop: string, value: unknown, options: StringOptions = {}): string {
  const text = checkText(scope, prop, value, options);
  if (text === undefined) throw new ValidationError(scope, prop, undefined, options.allowed ?? 'a string');
  return text;
}

/** A required string (not free text: names, ids, hostnames). */
export function requiredString(scope: IConstruct, prop: string, value: unknown, options: StringOptions = {}): string {
  const text = checkString(scope, prop, value, options);
  if (text === undefined) throw new ValidationError(scope, prop, undefined, options.allowed ?? 'a string');
  return text;
}

/** A list of free-text items (`checkText` on each, reported as `prop[i]`). */
export function checkTextList(scope: IConstruct, prop: string, value: unknown, options: ListOptions & StringOptions = {}): string[] | undefined {
  const list = checkStringList(scope, prop, value, options);
  if (list === undefined || !Array.isArray(list)) return list;
  list.forEach((item, i) => checkText(scope, `${prop}[${i}]`, item));
  return list;
}
