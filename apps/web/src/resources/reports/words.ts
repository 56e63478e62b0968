import { formatDateTime as formatMoment, formatMonth as formatMonthInStyle } from '@sra/contracts';
import type { ReportCell, ReportEdition, ReportFormat, ReportVersionRecord } from '@sra/contracts';

/** Plain words and formats for the report pages. */

export const REPORT_RESOURCE = 'reports';

export const STATUS_LABELS: Readonly<Record<ReportVersionRecord['status'], string>> = {
  draft: 'Draft',
  published: 'Published',
};

export const STATUS_CHOICES = (Object.keys(STATUS_LABELS) as Array<ReportVersionRecord['status']>).map((id) => ({
  id,
  name: STATUS_LABELS[id],
}));

export const EDITION_LABELS: Readonly<Record<ReportEdition, string>> = {
  public: 'Public',
  internal: 'Internal',
};

/** What the two editions are, in one line each. */
export const EDITIONS_EXPLAINED =
  'Each report comes in two editions made from the same figures. The public edition shows totals only, with small counts hidden, and can be shared. The internal edition shows every count exactly and lists each flagged case by incident number: it stays within the task force.';

export const FORMAT_LABELS: Readonly<Record<ReportFormat, string>> = {
  pdf: 'PDF',
  csv: 'CSV',
  json: 'JSON',
};

export const FORMAT_EXPLANATIONS: Readonly<Record<ReportFormat, string>> = {
  pdf: 'The report as a printable document',
  csv: 'The tables, one spreadsheet file each, in a zip file',
  json: 'The report as data, for other programs',
};

const countFormat = new Intl.NumberFormat('en-US');

/** `2022-05` as "May 2022". */
export function formatMonth(month: string | null | undefined): string {
  if (!month) return '';
  return /^(\d{4})-(\d{2})$/.test(month) ? formatMonthInStyle(month) : month;
}

/** A moment, "Jun 6, 2022, 4:18 AM PDT" (the app's one date style). */
export function formatDateTime(value: string | null | undefined): string {
  return formatMoment(value);
}

export function formatCount(n: number): string {
  return countFormat.format(n);
}

export function isSuppressed(cell: ReportCell): cell is { suppressed: true; display: string } {
  return typeof cell === 'object' && cell !== null && cell.suppressed === true;
}

/** What a table cell shows: a number written for people, text as is, a hidden count as its `display` (`<11`). */
export function cellText(cell: ReportCell): string {
  if (cell === null) return 'none';
  if (typeof cell === 'number') return formatCount(cell);
  if (isSuppressed(cell)) return cell.display;
  return String(cell);
}

/** Why a cell is hidden, for its tooltip: a hidden count, or a rate left out because it would reveal one. */
export function suppressionExplanation(display: string, threshold: number): string {
  if (display.startsWith('<')) {
    return `Hidden to protect privacy: a count from 1 to ${threshold - 1}, or a larger count hidden too so that a total cannot give a small one away.`;
  }
  return 'Not shown: one of the counts behind this figure is hidden, and the figure would give it away.';
}

/** "Report for May 2022, version 2". */
export function reportName(record: Pick<ReportVersionRecord, 'month' | 'version'>): string {
  return `Report for ${formatMonth(record.month)}, version ${record.version}`;
}

/** The address of a stored file (same origin: the session cookie goes with it). */
export function fileUrl(apiRoot: string, id: string, edition: ReportEdition, format: ReportFormat): string {
  return `${apiRoot}/reports/${encodeURIComponent(id)}/files/${edition}/${format}`;
}

/** The latest month that has begun, `YYYY-MM`, as the server counts it (UTC): it refuses later months. */
export function currentMonth(today = new Date()): string {
  return today.toISOString().slice(0, 7);
}
