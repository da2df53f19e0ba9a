import { Testing, TerraformStack, TerraformVariable } from 'cdktf';
import { CRON_DESCRIPTION, assertCron, isValidCron, parseCron } from '../../lib/core/private/cron';

describe('parseCron', () => {
  test('expands "*/5 * * * *" to every fifth minute of every hour', () => {
    const s = parseCron('*/5 * * * *');
    expect(s.minutes).toEqual([0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
    expect(s.hours).toHaveLength(24);
    expect(s.daysOfMonth).toHaveLength(31);
    expect(s.months).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(s.daysOfWeek).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  test('handles lists, ranges, ranged steps and surrounding whitespace', () => {
    const s = parseCron('  0,30 9-17/4 1,15 * *  ');
    expect(s.minutes).toEqual([0, 30]);
    expect(s.hours).toEqual([9, 13, 17]);
    expect(s.daysOfMonth).toEqual([1, 15]);
  });

  test('takes month and day names in any case, alone and as range ends', () => {
    const s = parseCron('0 3 * jan-MAR,Dec MON-fri');
    expect(s.months).toEqual([1, 2, 3, 12]);
    expect(s.daysOfWeek).toEqual([1, 2, 3, 4, 5]);
  });

  test('folds day-of-week 7 into Sunday (0)', () => {
    expect(parseCron('0 0 * * 7').daysOfWeek).toEqual([0]);
    expect(parseCron('0 0 * * 0,7').daysOfWeek).toEqual([0]);
    expect(parseCron('0 0 * * 5-7').daysOfWeek).toEqual([0, 5, 6]);
  });

  test('deduplicates overlapping list items', () => {
    expect(parseCron('0-10/5,5,10 * * * *').minutes).toEqual([0, 5, 10]);
  });

  test.each([
    ['', 'it has 0 fields, not 5'],
    ['* * * *', 'it has 4 fields, not 5'],
    ['0 * * * * *', 'it has 6 fields, not 5'],
    ['@hourly', 'it has 1 fields, not 5'],
    ['60 * * * *', 'minute 60 is outside 0-59'],
    ['* 24 * * *', 'hour 24 is outside 0-23'],
    ['* * 0 * *', 'day-of-month 0 is outside 1-31'],
    ['* * * 13 *', 'month 13 is outside 1-12'],
    ['* * * * 8', 'day-of-week 8 is outside 0-7'],
    ['*/0 * * * *', 'minute step "0" is not a whole number from 1 to 60'],
    ['*/61 * * * *', 'minute step "61" is not a whole number from 1 to 60'],
    ['*/x * * * *', 'minute step "x" is not a whole number from 1 to 60'],
    ['5/10 * * * *', 'minute item "5/10" steps from a single value; use "*/n" or "a-b/n"'],
    ['*/5/2 * * * *', 'minute item "*/5/2" has more than one "/"'],
    ['30-10 * * * *', 'minute range "30-10" runs backwards'],
    ['1-2-3 * * * *', 'minute item "1-2-3" is not a value or a range "a-b"'],
    ['1,,2 * * * *', 'minute has an empty list item in "1,,2"'],
    ['* * * FOO *', 'month "FOO" in "FOO" is not a number or JAN-DEC'],
    ['* * * * MON-XYZ', 'day-of-week "XYZ" in "MON-XYZ" is not a number or SUN-SAT'],
    ['MON * * * *', 'minute "MON" in "MON" is not a number'],
    ['* * L * *', 'day-of-month "L" in "L" is not a number'],
    ['* * * * 5#3', 'day-of-week "5#3" in "5#3" is not a number or SUN-SAT'],
    ['* * ? * *', 'day-of-month "?" in "?" is not a number'],
    ['-1 * * * *', 'minute "" in "-1" is not a number'],
  ])('rejects %j: %s', (expression, reason) => {
    expect(isValidCron(expression)).toBe(false);
    expect(() => parseCron(expression)).toThrow(reason);
  });
});

describe('assertCron', () => {
  const stack = new TerraformStack(Testing.app(), 'cron');

  test('throws a ValidationError with path, property, value, the allowed syntax and the reason', () => {
    expect(() => assertCron(stack, 'schedule', '*/5 * * *')).toThrow(
      `[cron] invalid "schedule": got "*/5 * * *"; expected ${CRON_DESCRIPTION} (it has 4 fields, not 5)`,
    );
  });

  test('passes valid expressions, undefined and tokens', () => {
    expect(() => assertCron(stack, 'schedule', '*/5 * * * *')).not.toThrow();
    expect(() => assertCron(stack, 'schedule', undefined)).not.toThrow();
    const v = new TerraformVariable(stack, 'schedule', { type: 'string' });
    expect(() => assertCron(stack, 'schedule', v.stringValue)).not.toThrow();
  });
});
