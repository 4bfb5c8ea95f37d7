import { checkDateFormat, parseBoolean, parseDate, parseNumber } from '../../src/import/convert/value-parsers';
import { delimiterOfHeader } from '../../src/import/source/detect-delimiter';

describe('value parsers', () => {
  it.each([
    ['42', 42],
    [' -1.5 ', -1.5],
    ['.5', 0.5],
    ['1e3', 1000],
  ])('parseNumber accepts %j', (text, expected) => {
    expect(parseNumber(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['', 'abc', '1,5', '0x10', 'Infinity', '12abc', '1e999'])('parseNumber rejects %j', (text) => {
    expect(parseNumber(text).ok).toBe(false);
  });

  it('parseNumber hints at decimal commas', () => {
    expect(parseNumber('1,5')).toEqual({ ok: false, reason: 'not a number (write decimals with a point, not a comma)' });
  });

  it('parseBoolean reads common words', () => {
    expect(['true', 'YES', '1', 'y'].map((word) => parseBoolean(word))).toEqual(Array(4).fill({ ok: true, value: true }));
    expect(['false', 'No', '0', 'n'].map((word) => parseBoolean(word))).toEqual(Array(4).fill({ ok: true, value: false }));
    expect(parseBoolean('maybe').ok).toBe(false);
  });

  it('parseDate handles formats and epochs', () => {
    expect(parseDate('29/02/2012', 'dd/MM/yyyy')).toEqual({ ok: true, value: Date.UTC(2012, 1, 29) });
    expect(parseDate('2014-02-28', null)).toEqual({ ok: true, value: Date.UTC(2014, 1, 28) });
    expect(parseDate('2014-02-28T10:00:00+02:00', 'iso')).toEqual({ ok: true, value: Date.UTC(2014, 1, 28, 8) });
    expect(parseDate('1700000000', 'epoch-s')).toEqual({ ok: true, value: 1_700_000_000_000 });
    expect(parseDate('29/02/2013', 'dd/MM/yyyy').ok).toBe(false);
    expect(parseDate('2014-02-30', null).ok).toBe(false);
    expect(parseDate('1.5', 'epoch-ms').ok).toBe(false);
  });

  it('checkDateFormat catches mm for months', () => {
    expect(checkDateFormat('dd/MM/yyyy')).toBeNull();
    expect(checkDateFormat('dd/mm/yyyy')).toContain('write MM for the month');
    expect(checkDateFormat('hello')).toContain('cannot round-trip a date');
  });

  it.each([
    ['a;b;c', ';'],
    ['a,b,c', ','],
    ['a\tb\tc', '\t'],
    ['"x;y",b,c\n1;2;3;4;5', ','],
    ['\uFEFFsingle', ','],
  ])('delimiterOfHeader(%j)', (header, expected) => {
    expect(delimiterOfHeader(header)).toBe(expected);
  });
});
