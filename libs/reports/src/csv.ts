/**
 * A report's tables as CSV files (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a comma,
 * a quote or a line break, quotes doubled). One file per table, named after the table's id.
 */
import type { ReportCell, ReportDocument } from '@sra/contracts';

export function reportTablesToCsv(doc: ReportDocument): Array<{ name: string; csv: string }> {
  return doc.sections.flatMap((section) =>
    section.tables.map((table) => ({
      name: `${table.id}.csv`,
      csv: [table.columns.map(csvField), ...table.rows.map((row) => row.map(cellText).map(csvField))].map((fields) => `${fields.join(',')}\r\n`).join(''),
    })),
  );
}

/** What a cell reads as: a hidden count as its display (`<11`), nothing as an empty field. */
export function cellText(cell: ReportCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  if (typeof cell === 'string') return cell;
  return cell.display;
}

// A spreadsheet runs a field starting with one of these as a formula; file names and notes come from users.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvField(text: string): string {
  const safe = FORMULA_START.test(text) && !/^-?\d+(\.\d+)?$/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
