import { IConstruct } from 'constructs';
import { ValidationError } from '../core/errors';
import { isToken } from '../core/validation';

/**
 * A minimal check of 5-field cron schedules (minute hour day-of-month month
 * day-of-week, UTC), the format Render cron jobs take. Render only rejects a bad
 * schedule at apply time, after the other resources of the plan were created, so
 * it is checked at synth. (A shared lib/core/cron.ts will replace this one.)
 */

interface CronField {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
}

const FIELDS: readonly CronField[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] },
  // 0 and 7 are both Sunday.
  { name: 'day of week', min: 0, max: 7, names: ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'] },
];

/** Parses one value of a field (a number or, for month and weekday, a name); undefined if invalid. */
function parseValue(field: CronField, text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) {
    const n = Number(text);
    return n >= field.min && n <= field.max ? n : undefined;
  }
  const index = field.names?.indexOf(text.toUpperCase()) ?? -1;
  if (index < 0) return undefined;
  return field.name === 'month' ? index + 1 : index;
}

/** Why one field is invalid, or undefined when it is valid. */
function fieldError(field: CronField, text: string): string | undefined {
  for (const item of text.split(',')) {
    const [range, step, extra] = item.split('/');
    if (extra !== undefined || range === '') return `"${item}" is not a value, range or step`;
    if (step !== undefined && (!/^\d{1,2}$/.test(step) || Number(step) < 1 || Number(step) > field.max)) {
      return `step "${step}" must be a whole number from 1 to ${field.max}`;
    }
    if (range === '*') continue;
    const bounds = range.split('-');
    if (bounds.length > 2) return `"${range}" is not a value or range`;
    const values = bounds.map((b) => parseValue(field, b));
    if (values.some((v) => v === undefined)) return `"${range}" is outside ${field.min}-${field.max}`;
    if (values.length === 2 && values[0]! > values[1]!) return `range "${range}" is reversed`;
  }
  return undefined;
}

/**
 * Why `schedule` is not a valid 5-field cron expression, or undefined when it is.
 * Supports `*`, values, ranges `a-b`, steps `x/n`, lists `a,b` and month and
 * weekday names; macros such as `@daily` and 6-field (seconds) forms are refused.
 */
export function cronScheduleError(schedule: string): string | undefined {
  const parts = schedule.trim().split(/\s+/);
  if (parts.length !== FIELDS.length) return `${parts.length} field(s) instead of 5`;
  for (let i = 0; i < FIELDS.length; i++) {
    const error = fieldError(FIELDS[i], parts[i]);
    if (error) return `${FIELDS[i].name}: ${error}`;
  }
  return undefined;
}

/** Throws a `ValidationError` when `schedule` is not a 5-field cron expression (tokens are skipped). */
export function assertCronSchedule(scope: IConstruct, prop: string, schedule: string): void {
  if (isToken(schedule)) return;
  const error = cronScheduleError(schedule);
  if (error) {
    throw new ValidationError(scope, prop, schedule, `a 5-field cron expression "minute hour day-of-month month day-of-week" in UTC, for example "0 3 * * *" (${error})`);
  }
}
