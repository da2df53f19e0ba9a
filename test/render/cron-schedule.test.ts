import { TerraformVariable } from 'cdktf';
import { errorOf } from './fixtures';
import { assertCronSchedule, cronScheduleError } from '../../lib/render/cron-schedule';
import { environmentStack } from '../support/template';

describe('cron schedule check', () => {
  test.each([
    '0 3 * * *',
    '*/5 * * * *',
    '0 0-23/2 * * MON-FRI',
    '15,45 8 1 JAN,jul 0',
    '0 12 * * 7',
    '  30   4 *  * *  ',
    '0 0 31 12 6',
  ])('accepts %p', (schedule) => {
    expect(cronScheduleError(schedule)).toBeUndefined();
  });

  test.each([
    ['@daily', '1 field(s) instead of 5'],
    ['0 3 * *', '4 field(s) instead of 5'],
    ['0 0 3 * * *', '6 field(s) instead of 5'],
    ['60 * * * *', 'minute: "60" is outside 0-59'],
    ['0 24 * * *', 'hour: "24" is outside 0-23'],
    ['0 0 0 * *', 'day of month: "0" is outside 1-31'],
    ['0 0 * 13 *', 'month: "13" is outside 1-12'],
    ['0 0 * * 8', 'day of week: "8" is outside 0-7'],
    ['0 0 * * FOO', 'day of week: "FOO" is outside 0-7'],
    ['*/0 * * * *', 'minute: step "0" must be a whole number from 1 to 59'],
    ['0 5-1 * * *', 'hour: range "5-1" is reversed'],
    ['0 1-2-3 * * *', 'hour: "1-2-3" is not a value or range'],
    ['0 1/2/3 * * *', 'hour: "1/2/3" is not a value, range or step'],
    ['0 1,,2 * * *', 'hour: "" is not a value, range or step'],
  ])('refuses %p (%s)', (schedule, reason) => {
    expect(cronScheduleError(schedule)).toBe(reason);
  });

  test('assertCronSchedule throws a ValidationError naming path, prop, value and format', () => {
    const stack = environmentStack();
    expect(errorOf(() => assertCronSchedule(stack, 'schedule', '0 25 * * *'))).toBe(
      '[test] invalid "schedule": got "0 25 * * *"; expected a 5-field cron expression "minute hour day-of-month month day-of-week" in UTC, for example "0 3 * * *" (hour: "25" is outside 0-23)',
    );
  });

  test('skips tokens', () => {
    const stack = environmentStack();
    const v = new TerraformVariable(stack, 'schedule', { type: 'string' });
    expect(() => assertCronSchedule(stack, 'schedule', v.stringValue)).not.toThrow();
  });
});
