import { CronExpressionError, parseCronExpression } from '../../src/scheduler';

function rejectionOf(expression: string): CronExpressionError {
  try {
    parseCronExpression(expression);
  } catch (error) {
    if (error instanceof CronExpressionError) {
      return error;
    }
    throw error;
  }
  throw new Error(`expected '${expression}' to be rejected`);
}

describe('parseCronExpression', () => {
  it('parses lists, ranges and steps', () => {
    const fields = parseCronExpression('0,30 8-10 */10 1-12/6 *');

    expect(fields.minutes).toEqual([0, 30]);
    expect(fields.hours).toEqual([8, 9, 10]);
    expect([...fields.daysOfMonth].sort((a, b) => a - b)).toEqual([1, 11, 21, 31]);
    expect([...fields.months].sort((a, b) => a - b)).toEqual([1, 7]);
    expect(fields.dayOfMonthRestricted).toBe(true);
    expect(fields.dayOfWeekRestricted).toBe(false);
  });

  it('reads a start with a step as running to the end', () => {
    expect(parseCronExpression('5/20 * * * *').minutes).toEqual([5, 25, 45]);
  });

  it('accepts month and weekday names in any case', () => {
    const fields = parseCronExpression('0 9 * JAN,dec Mon-Fri');

    expect([...fields.months].sort((a, b) => a - b)).toEqual([1, 12]);
    expect([...fields.daysOfWeek].sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('treats 7 as Sunday', () => {
    const fields = parseCronExpression('0 9 * * 5-7');

    expect([...fields.daysOfWeek].sort()).toEqual([0, 5, 6]);
  });

  it('counts a full weekday list as unrestricted', () => {
    expect(parseCronExpression('0 9 1 * 0-6').dayOfWeekRestricted).toBe(false);
    expect(parseCronExpression('0 9 1 * 1-7').dayOfWeekRestricted).toBe(false);
  });

  it('expands macros', () => {
    expect(parseCronExpression('@weekly').source).toBe('@weekly');
    expect(parseCronExpression('@daily').hours).toEqual([0]);
    expect([...parseCronExpression('@weekly').daysOfWeek]).toEqual([0]);
  });

  it.each([
    ['0 9 * *', null, 'expected 5 fields'],
    ['0 9 * * * *', null, 'found 6'],
    ['60 9 * * *', 'minute', '60 is out of range 0-59'],
    ['0 24 * * *', 'hour', '24 is out of range 0-23'],
    ['0 9 0 * *', 'day-of-month', '0 is out of range 1-31'],
    ['0 9 * 13 *', 'month', '13 is out of range 1-12'],
    ['0 9 * * 8', 'day-of-week', '8 is out of range 0-7'],
    ['0 9 * * funday', 'day-of-week', "'funday' is not a number in 0-7, or one of sun mon"],
    ['*/0 9 * * *', 'minute', "step '0' must be a positive whole number"],
    ['0 22-2 * * *', 'hour', 'list both parts instead'],
    ['0 9 1,,2 * *', 'day-of-month', 'empty list item'],
    ['0 9 1-2-3 * *', 'day-of-month', 'a range has one dash'],
    ['0 9 31 2,4 *', 'day-of-month', 'never occurs'],
    ['@reboot', null, 'unknown macro'],
  ])('rejects %s', (expression, field, reason) => {
    const error = rejectionOf(expression);

    expect(error.field).toBe(field);
    expect(error.message).toContain(`'${expression}'`);
    expect(error.message).toContain(reason);
  });

  it('accepts 29 February', () => {
    expect([...parseCronExpression('0 9 29 2 *').daysOfMonth]).toEqual([29]);
  });
});
