import type { ImportUnknownCode } from './incident-codes';

export type ImportKindName = 'incidents' | 'incident-persons' | 'arrests' | 'da-decisions';

/** What a load did to the rows of its file. */
export interface ImportCounts {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Columns of the file that are kept nowhere: the first 200 names, each cut to 100 characters. */
  ignoredColumns: string[];
  /** How many columns are kept nowhere, all of them (more than `ignoredColumns` lists when over 200). */
  ignoredColumnCount: number;
  /** Rows whose charges hold an item that could not be parsed (kept raw). */
  unparsedCharges: number;
}

/** What one load did: the CLI prints it as JSON, the API returns it, the Imports page shows it. */
export interface ImportBatchResult extends ImportCounts {
  batchId: string;
  kind: ImportKindName;
  fileName: string;
  status: 'loaded' | 'refused';
  /** Why a file was refused whole, and where. */
  reason?: string;
  line?: number | null;
  column?: string | null;
  seconds: number;
}

export interface ImportBatchRecord extends ImportCounts {
  id: string;
  kind: ImportKindName;
  fileName: string;
  sha256: string | null;
  sizeBytes: number | null;
  loadedBy: string;
  source: 'cli' | 'http' | 'demo' | 'datasf';
  isDemo: boolean;
  /** `failed`: the load stopped on a database error (out of disk space, the database away...); nothing of it was stored. */
  status: 'loaded' | 'refused' | 'failed';
  /** Why the file was refused whole, or why its load failed, in plain words (never a value of the file). */
  refusalReason: string | null;
  refusalLine: number | null;
  refusalColumn: string | null;
  startedAt: string;
  finishedAt: string;
  /** Incidents: the codes of the file's rows that the incident-code catalog did not know, most rows first (one batch's page; not in lists). */
  unknownCodes?: ImportUnknownCode[];
  /** What the load's evaluation did to the flags (one batch's page; not in lists). Null for a refused file. */
  evaluation?: EvaluationOutcome | null;
}

export interface ImportRejectRecord {
  id: string;
  batchId: string;
  line: number;
  column: string | null;
  value: string | null;
  reason: string;
}

/** `GET /api/app-info` */
export interface AppInfo {
  /** Synthetic demo records are loaded: every page says so. */
  demoData: boolean;
}

/** One column of an existing record that a load would change. A person key's values are never shown. */
export interface ImportPreviewColumnChange {
  column: string;
  from: string | null;
  to: string | null;
  /** The column is a person key: it changes, and neither value is given. */
  personKey?: true;
}

/** An existing record a load would change: its key (never a person key) and what changes. */
export interface ImportPreviewChange {
  /** The file line that would change it. */
  line: number;
  /** The record's key, by column (a person key in the key is left out: see `keyHasPersonKey`). */
  key: Record<string, string>;
  keyHasPersonKey: boolean;
  changes: ImportPreviewColumnChange[];
}

export interface ImportPreviewReject {
  line: number;
  column: string | null;
  value: string | null;
  reason: string;
}

/**
 * What a load would do, found by running it whole and rolling it back (nothing stored): the counts it would
 * make, a sample of the existing records it would change and its first rejects. `needs-confirmation` is the
 * answer to a load that would update existing records without saying it accepts that number of updates.
 */
export interface ImportPreview extends ImportCounts {
  kind: ImportKindName;
  fileName: string;
  status: 'preview' | 'needs-confirmation' | 'refused';
  /** Why the file would be refused whole, and where. */
  reason?: string;
  line?: number | null;
  column?: string | null;
  /** Up to `PREVIEW_SAMPLE` existing records the load would change, in file order. */
  changes: ImportPreviewChange[];
  /** Up to `PREVIEW_SAMPLE` rejects, in file order. */
  rejects: ImportPreviewReject[];
  seconds: number;
}

/** How many changed records and rejects a preview lists. */
export const PREVIEW_SAMPLE = 20;

/**
 * What happened in one evaluation run to the flags, or to the cases (one per arrest or DA decision against a person
 * who had reported, issue 11), of the people it evaluated: new, changed, withdrawn, unchanged; and how many are
 * current in the whole database afterwards.
 */
export interface EvaluationFlagCounts {
  new: number;
  changed: number;
  withdrawn: number;
  /** Current before and after this run, and left as they were (in its scope: the people it evaluated). */
  unchanged: number;
  current: number;
}

/**
 * The outcome of the evaluation that followed a load or a policy change, as the batch page, the Policies page
 * and the CLI show it. `waiting`: none has started yet (or the batch was loaded with --no-evaluate);
 * `running`: the flags are being brought up to date; `done` with its counts; `failed` with its error.
 */
export interface EvaluationOutcome {
  state: 'waiting' | 'running' | 'done' | 'failed';
  runId: string | null;
  trigger: string | null;
  scope: 'full' | 'batch' | null;
  startedAt: string | null;
  finishedAt: string | null;
  error: string | null;
  flags: EvaluationFlagCounts | null;
  /** The same for cases: what a task force reviews. Null for runs from before cases existed. */
  cases: EvaluationFlagCounts | null;
}

/** The DataSF pull (issue 15): its settings, set by an admin, and the state of its last pull. */
export interface DataSfPullSettings {
  /** Whether the server pulls on its own, every `intervalHours`. */
  enabled: boolean;
  intervalHours: number;
  /** DataSF's address (`https://data.sfgov.org`); the pull reads `<baseUrl>/resource/wg3w-h783.csv`. */
  baseUrl: string;
  /** The first pull (no watermark yet) asks for reports from this day on (`YYYY-MM-DD`); null: the whole dataset. */
  firstSince: string | null;
}

export interface DataSfPullState extends DataSfPullSettings {
  state: 'never' | 'running' | 'succeeded' | 'failed';
  /** What the last pull did, or why it failed, in plain words. */
  message: string | null;
  /** The latest `data_as_of` loaded: the next pull asks for rows published after it. */
  watermark: string | null;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastSucceededAt: string | null;
  lastBatchId: string | null;
  /** When the server pulls next on its own (null when the schedule is off). */
  nextRunAt: string | null;
  updatedBy: string | null;
}
