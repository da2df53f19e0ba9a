import { IConstruct } from 'constructs';
import { checkInteger, checkOneOf, checkString, isUnresolved } from './input';
import { ValidationError } from '../errors';

/**
 * Input checks shared by every construct. Each one throws a `ValidationError`
 * that names the construct path, the property, the value and what is allowed.
 * Values that are unresolved tokens (Terraform variables, references) cannot be
 * checked at synth time and are skipped, as aws-cdk does.
 */

/** True when the value is a cdktf token whose value is only known at plan time. */
export function isToken(value: unknown): boolean {
  return isUnresolved(value);
}

/** A whole number in [min, max]. */
export function assertInteger(scope: IConstruct, prop: string, value: number | undefined, min: number, max: number): void {
  checkInteger(scope, prop, value, min, max);
}

/** One of a fixed list of strings. */
export function assertOneOf<T extends string>(scope: IConstruct, prop: string, value: string | undefined, allowed: readonly T[]): void {
  checkOneOf(scope, prop, value, allowed);
}

/** A string that matches a pattern; `allowed` describes the pattern in words. */
export function assertMatches(scope: IConstruct, prop: string, value: string | undefined, pattern: RegExp, allowed: string): void {
  checkString(scope, prop, value, { pattern, allowed });
}

/** A non-empty string (after trimming). */
export function assertNotEmpty(scope: IConstruct, prop: string, value: string | undefined): void {
  if (value === undefined) throw new ValidationError(scope, prop, value, 'a non-empty string');
  checkString(scope, prop, value, { nonEmpty: true });
}

/** `lower <= upper` for two related numeric props (min/max pairs). */
export function assertOrdered(scope: IConstruct, lowerProp: string, lower: number | undefined, upperProp: string, upper: number | undefined): void {
  if (lower === undefined || upper === undefined || isToken(lower) || isToken(upper)) return;
  if (lower > upper) {
    throw new ValidationError(scope, `${lowerProp}`, lower, `a value no greater than "${upperProp}" (${upper})`);
  }
}

/** AWS region names such as `us-east-1` or `eu-central-2`. */
export const AWS_REGION_PATTERN = /^(us|eu|ap|sa|ca|me|af|il|mx)(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-\d$/;

/** Asserts an AWS region name. */
export function assertAwsRegion(scope: IConstruct, prop: string, value: string | undefined): void {
  assertMatches(scope, prop, value, AWS_REGION_PATTERN, 'an AWS region name such as "us-east-1"');
}

/** RFC 1123 DNS label: lowercase letters, digits and hyphens, 1-63 characters. */
export const DNS_LABEL_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Asserts an RFC 1123 DNS label (Kubernetes names, environment and project names). */
export function assertDnsLabel(scope: IConstruct, prop: string, value: string | undefined): void {
  assertMatches(scope, prop, value, DNS_LABEL_PATTERN, 'a DNS label: 1-63 lowercase letters, digits or "-", starting and ending with a letter or digit');
}

/** A fully qualified hostname such as `api.example.com` (lowercase, at least two labels). */
export const HOSTNAME_PATTERN = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Asserts a hostname. */
export function assertHostname(scope: IConstruct, prop: string, value: string | undefined): void {
  assertMatches(scope, prop, value, HOSTNAME_PATTERN, 'a lowercase hostname such as "api.example.com"');
}
