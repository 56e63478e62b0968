export type ImportKindName = 'incidents' | 'incident-persons' | 'arrests' | 'da-decisions';

/** What a load did to the rows of its file. */
export interface ImportCounts {
  rowsRead: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  ignoredColumns: string[];
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
  source: 'cli' | 'http' | 'demo';
  isDemo: boolean;
  status: 'loaded' | 'refused';
  refusalReason: string | null;
  refusalLine: number | null;
  refusalColumn: string | null;
  startedAt: string;
  finishedAt: string;
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
