import { IConstruct } from 'constructs';
import { ValidationError } from '../errors';
import { isToken } from './validation';

/**
 * A small, strict validator for classic 5-field cron expressions
 * (`minute hour day-of-month month day-of-week`), shared by every construct that
 * schedules something (the keep-alive Worker, Render cron jobs, Kubernetes CronJobs).
 *
 * Accepted in each field: `*`, numbers, ranges `a-b`, steps `*\/n` and `a-b/n`,
 * and comma-separated lists of those. Months also take `JAN`-`DEC` and days of the
 * week `SUN`-`SAT` (case-insensitive), as single values or range ends. Day of week
 * takes 0-7, 0 and 7 both meaning Sunday. Macros (`@hourly`), seconds fields and
 * vendor extensions (`L`, `W`, `#`, `?`) are refused on purpose: they are not
 * portable between Cloudflare, Render and Kubernetes.
 */

/** One field of a cron expression: its name, numeric bounds and optional names. */
interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** Value of names[0]. */
  readonly namesBase?: number;
}

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day-of-month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS, namesBase: 1 },
  { name: 'day-of-week', min: 0, max: 7, names: DAYS, namesBase: 0 },
];

/** What a cron expression must look like, for error messages. */
export const CRON_DESCRIPTION = 'a 5-field cron expression "minute hour day-of-month month day-of-week" (UTC) using numbers, "*", ranges "a-b", steps "*/n" or "a-b/n", lists "a,b", JAN-DEC and SUN-SAT';

/** A parsed cron expression: the values each field matches, sorted. */
export interface CronSchedule {
  readonly minutes: number[];
  readonly hours: number[];
  readonly daysOfMonth: number[];
  readonly months: number[];
  /** 0-6, Sunday = 0 (a 7 in the expression is folded into 0). */
  readonly daysOfWeek: number[];
}

/** Thrown by `parseCron` with the reason; `assertCron` turns it into a ValidationError. */
export class CronSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CronSyntaxError';
    Object.setPrototypeOf(this, CronSyntaxError.prototype);
  }
}

/** Parses a 5-field cron expression; throws `CronSyntaxError` saying which field is wrong and why. */
export function parseCron(expression: string): CronSchedule {
  const parts = expression.trim().split(/\s+/);
  if (expression.trim() === '' || parts.length !== FIELDS.length) {
    throw new CronSyntaxError(`it has ${expression.trim() === '' ? 0 : parts.length} fields, not 5`);
  }
  const values = parts.map((part, i) => parseField(part, FIELDS[i]));
  return {
    minutes: values[0],
    hours: values[1],
    daysOfMonth: values[2],
    months: values[3],
    daysOfWeek: [...new Set(values[4].map((d) => d % 7))].sort((a, b) => a - b),
  };
}

/** True when `expression` is a valid 5-field cron expression. */
export function isValidCron(expression: string): boolean {
  try {
    parseCron(expression);
    return true;
  } catch (e) {
    if (e instanceof CronSyntaxError) return false;
    throw e;
  }
}

/** Asserts a valid 5-field cron expression; tokens are skipped. */
export function assertCron(scope: IConstruct, prop: string, value: string | undefined): void {
  if (value === undefined || isToken(value)) return;
  try {
    parseCron(value);
  } catch (e) {
    if (!(e instanceof CronSyntaxError)) throw e;
    throw new ValidationError(scope, prop, value, `${CRON_DESCRIPTION} (${e.message})`);
  }
}

function parseField(text: string, field: CronField): number[] {
  const values = new Set<number>();
  for (const item of text.split(',')) {
    if (item === '') throw new CronSyntaxError(`${field.name} has an empty list item in "${text}"`);
    const [rangeText, stepText, ...rest] = item.split('/');
    if (rest.length > 0) throw new CronSyntaxError(`${field.name} item "${item}" has more than one "/"`);
    let [from, to] = [field.min, field.max];
    if (rangeText !== '*') {
      const bounds = rangeText.split('-');
      if (bounds.length > 2) throw new CronSyntaxError(`${field.name} item "${item}" is not a value or a range "a-b"`);
      from = parseValue(bounds[0], field, item);
      to = bounds.length === 2 ? parseValue(bounds[1], field, item) : from;
      if (from > to) throw new CronSyntaxError(`${field.name} range "${rangeText}" runs backwards`);
      if (stepText !== undefined && bounds.length === 1) {
        throw new CronSyntaxError(`${field.name} item "${item}" steps from a single value; use "*/n" or "a-b/n"`);
      }
    }
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText) || Number(stepText) < 1 || Number(stepText) > field.max - field.min + 1) {
        throw new CronSyntaxError(`${field.name} step "${stepText}" is not a whole number from 1 to ${field.max - field.min + 1}`);
      }
      step = Number(stepText);
    }
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return [...values].sort((a, b) => a - b);
}

function parseValue(text: string, field: CronField, item: string): number {
  if (/^\d+$/.test(text)) {
    const n = Number(text);
    if (n < field.min || n > field.max) {
      throw new CronSyntaxError(`${field.name} ${n} is outside ${field.min}-${field.max}`);
    }
    return n;
  }
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index < 0) {
    const names = field.names ? ` or ${field.names[0]}-${field.names[field.names.length - 1]}` : '';
    throw new CronSyntaxError(`${field.name} "${text}" in "${item}" is not a number${names}`);
  }
  return index + (field.namesBase ?? 0);
}
