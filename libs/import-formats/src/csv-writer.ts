/**
 * The one CSV writer: every CSV the product writes (an import's rejects, a report's tables, the CLI's flags and
 * cases) goes through `csvField`/`csvLine`, so all of them quote and neutralise alike.
 *
 * - RFC 4180: a field is quoted when it holds a comma, a double quote, a CR or a LF; quotes inside are doubled.
 * - Formulas (OWASP, "CSV Injection"): a spreadsheet runs a cell that begins with `=`, `+`, `-`, `@`, a tab or a
 *   CR as a formula (`=HYPERLINK(...)`, `@SUM(...)`, DDE). Text that begins with one of them, or with a LF, is written
 *   with a single quote in front (`'=HYPERLINK(...)`): it then reads as text, and the quote shows what was done.
 *   Text is neutralised whatever it looks like, `-3` included: text comes from files, users and notes, and a
 *   value that only looks like a number is no safer than any other.
 * - Numbers the product itself writes as numbers (a JavaScript `number` or `bigint`: counts, versions, line
 *   numbers) are written as they are, `-3` included: they cannot hold a formula, and a quote would turn a number
 *   into text in the spreadsheet. Anything else (a date from the database) is written as its text.
 * - Not used for files written to be loaded back (the synthetic generator's import files, the keying kit's output):
 *   a quote there would change the values loaded. Those use `loadableCsvField`, RFC 4180 quoting alone.
 */

/** What makes a spreadsheet read text as a formula (OWASP's list, and a LF, which some readers skip). */
const FORMULA_START = /^[=+\-@\t\r\n]/;
const NEEDS_QUOTES = /[",\r\n]/;

/**
 * One field: `null`/`undefined` as an empty field; numbers and booleans as written; anything else as its text,
 * neutralised and quoted as needed.
 */
export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  const raw = String(value);
  const text = FORMULA_START.test(raw) ? `'${raw}` : raw;
  return NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One record and its line end: CRLF as RFC 4180 writes it, or LF where a file has always used LF. */
export function csvLine(values: readonly unknown[], lineEnd: '\r\n' | '\n' = '\r\n'): string {
  let line = '';
  for (let i = 0; i < values.length; i++) line += (i > 0 ? ',' : '') + csvField(values[i]);
  return line + lineEnd;
}

/** A field of a file written to be loaded back (an import file): RFC 4180 quoting only, the value unchanged. */
export function loadableCsvField(value: string): string {
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 44 || c === 34 || c === 10 || c === 13) return `"${value.replace(/"/g, '""')}"`;
  }
  return value;
}
