/**
 * A report's tables as CSV files, written by the product's one CSV writer (`csvLine` of @sra/import-formats: RFC 4180,
 * CRLF line ends, text that a spreadsheet would run as a formula written behind a single quote). One file per table,
 * named after the table's id. Counts stay numbers; a hidden count is its display (`<11`).
 */
import type { ReportCell, ReportDocument } from '@sra/contracts';
import { csvLine } from '@sra/import-formats';

export function reportTablesToCsv(doc: ReportDocument): Array<{ name: string; csv: string }> {
  return doc.sections.flatMap((section) =>
    section.tables.map((table) => ({
      name: `${table.id}.csv`,
      csv: [table.columns, ...table.rows.map((row) => row.map(cellValue))].map((fields) => csvLine(fields)).join(''),
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

/** What a cell is written as: numbers stay numbers (never neutralised), the rest as its text. */
function cellValue(cell: ReportCell): string | number {
  return typeof cell === 'number' ? cell : cellText(cell);
}
