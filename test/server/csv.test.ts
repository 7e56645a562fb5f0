/**
 * CSV cells (OWASP "CSV Injection", RFC 4180): a cell a spreadsheet would run as a formula gets a
 * leading `'`; a cell with a quote, comma or line break is quoted with its quotes doubled.
 */
import { describe, expect, it } from 'vitest';
import { csvCell, csvRows } from '../../server/services/csv.js';

describe('csvCell', () => {
  it.each([
    ['=1+1', "'=1+1"],
    ['+1', "'+1"],
    ['-1', "'-1"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', "\"'\rx\""],
    ['=HYPERLINK("http://e.example","x")', `"'=HYPERLINK(""http://e.example"",""x"")"`],
  ])('neutralises %j', (value, cell) => expect(csvCell(value)).toBe(cell));

  it.each([
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['two\nlines', '"two\nlines"'],
    ['a=1', 'a=1'],
    ['x-1', 'x-1'],
    ['', ''],
  ])('keeps %j as data', (value, cell) => expect(csvCell(value)).toBe(cell));

  it('writes null and undefined as empty, numbers and booleans as text', () => {
    expect([null, undefined, 3, true].map(csvCell)).toEqual(['', '', '3', 'true']);
  });

  it('ends every record with CRLF', () => {
    expect(csvRows([['a', 'b'], ['c', '=d']])).toBe("a,b\r\nc,'=d\r\n");
  });
});
