import type { ImportBatchRecord, ImportKindName } from '@sra/contracts';

/** The four kinds of file, in the order the upload page offers them. */
export const IMPORT_KIND_NAMES: readonly ImportKindName[] = ['incidents', 'incident-persons', 'arrests', 'da-decisions'];

export interface ImportKindInfo {
  /** Short plain label, for tables and the select. */
  label: string;
  /** One line on what the file holds. */
  description: string;
  /** Columns the file must have (see shared/spec/import-formats.md), in plain words. */
  requiredColumns: string[];
}

/** What each file holds and which columns it needs (shared/spec/import-formats.md). */
export const IMPORT_KINDS: Readonly<Record<ImportKindName, ImportKindInfo>> = {
  incidents: {
    label: 'Incident reports',
    description:
      'SFPD incident reports exactly as DataSF exports them (dataset wg3w-h783): one row per report and incident code. A download from DataSF loads as it is.',
    requiredColumns: [
      'Row ID',
      'Incident ID',
      'Incident Number',
      'Incident Datetime',
      'Report Datetime',
      'Incident Code',
      'Incident Category',
    ],
  },
  'incident-persons': {
    label: 'Persons on incidents',
    description:
      'Who is who on an incident: one row per person and role (victim, witness, reporting party or suspect), named only by a pseudonymous person key.',
    requiredColumns: ['Incident Number', 'Person Key', 'Person Role'],
  },
  arrests: {
    label: 'Arrests',
    description:
      'Arrests and citations: one row per arrest, with the arrested person’s key, the agency, booked or cited, and the booked charges.',
    requiredColumns: [
      'arrest_id',
      'incident_number',
      'person_key',
      'arresting_agency',
      'custody_type',
      'arrest_datetime or arrest_date',
      'booked_charges_statute or list_of_booked_charges',
    ],
  },
  'da-decisions': {
    label: 'DA decisions',
    description:
      'District Attorney charging decisions: one row per decision on a person, with the action taken (charged, discharged, rejected, …) and its date.',
    requiredColumns: [
      'decision_id',
      'incident_number',
      'person_key',
      'da_action_taken',
      'action_date',
      'list_of_filed_charges (when the action is “Charged”)',
    ],
  },
};

export function isImportKindName(value: unknown): value is ImportKindName {
  return typeof value === 'string' && (IMPORT_KIND_NAMES as readonly string[]).includes(value);
}

export function kindLabel(kind: unknown): string {
  return isImportKindName(kind) ? IMPORT_KINDS[kind].label : String(kind ?? '');
}

/** Choices for the kind filter of the list. */
export const KIND_CHOICES = IMPORT_KIND_NAMES.map((kind) => ({ id: kind, name: IMPORT_KINDS[kind].label }));

export type BatchStatus = ImportBatchRecord['status'];

export const STATUS_LABELS: Readonly<Record<BatchStatus, string>> = {
  loaded: 'Loaded',
  refused: 'Refused',
  failed: 'Failed',
};

export const STATUS_CHOICES = (Object.keys(STATUS_LABELS) as BatchStatus[]).map((status) => ({
  id: status,
  name: STATUS_LABELS[status],
}));

export function statusLabel(status: unknown): string {
  return typeof status === 'string' && status in STATUS_LABELS ? STATUS_LABELS[status as BatchStatus] : String(status ?? '');
}

export const SOURCE_LABELS: Readonly<Record<ImportBatchRecord['source'], string>> = {
  http: 'Uploaded in this app',
  cli: 'Loaded from the command line on the server',
  demo: 'Generated demo data',
  datasf: 'Pulled from DataSF (wg3w-h783)',
};

export function sourceLabel(source: unknown): string {
  return typeof source === 'string' && source in SOURCE_LABELS
    ? SOURCE_LABELS[source as ImportBatchRecord['source']]
    : String(source ?? '');
}

const integerFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** A count for people: "12,345". */
export function formatCount(value: number | null | undefined): string {
  return typeof value === 'number' && Number.isFinite(value) ? integerFormat.format(value) : '';
}

/** A file size for people: "2.4 MB (2,412,345 bytes)"; small files in KB. */
export function formatFileSize(bytes: number | null | undefined): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes)) return '';
  const exact = `${integerFormat.format(bytes)} ${bytes === 1 ? 'byte' : 'bytes'}`;
  if (bytes < 1_000) return exact;
  const mb = bytes / 1_000_000;
  const size =
    mb >= 0.1
      ? `${new Intl.NumberFormat(undefined, { maximumFractionDigits: mb >= 100 ? 0 : 1 }).format(mb)} MB`
      : `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 }).format(bytes / 1_000)} KB`;
  return `${size} (${exact})`;
}

/** A duration for people: "0.4 seconds", "12 seconds", "3 minutes 5 seconds". */
export function formatSeconds(seconds: number | null | undefined): string {
  if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds < 0) return '';
  if (seconds < 0.1) return 'Less than a tenth of a second';
  if (seconds < 10) return `${new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 }).format(seconds)} seconds`;
  if (seconds < 90) return `${Math.round(seconds)} seconds`;
  const minutes = Math.floor(seconds / 60);
  const rest = Math.round(seconds - minutes * 60);
  return `${minutes} minutes${rest ? ` ${rest} seconds` : ''}`;
}

/**
 * Where in the file a refusal was found, in plain words: "On line 1 (where the header row belongs),
 * column “Name”." Empty when the server did not say.
 */
export function describeRefusalPlace(line: number | null | undefined, column: string | null | undefined): string {
  const parts: string[] = [];
  if (typeof line === 'number') parts.push(line === 1 ? 'on line 1 (where the header row belongs)' : `on line ${formatCount(line)}`);
  if (column) parts.push(`in the column “${column}”`);
  if (!parts.length) return '';
  const text = parts.join(', ');
  return `Found ${text}.`;
}

/** The ignored columns as a line: the names a batch keeps (the first 200), then how many more the file had. */
export function ignoredColumnsText(counts: { ignoredColumns: readonly string[]; ignoredColumnCount?: number }): string {
  if (counts.ignoredColumns.length === 0) return 'None';
  const more = (counts.ignoredColumnCount ?? 0) - counts.ignoredColumns.length;
  return more > 0 ? `${counts.ignoredColumns.join(', ')} and ${more.toLocaleString('en-US')} more` : counts.ignoredColumns.join(', ');
}
