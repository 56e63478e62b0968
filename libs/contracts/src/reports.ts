import type { ReleaseSlice } from './release';
/**
 * Monthly compliance reports (issue 7). A report version is a snapshot: the data it used, the figures, the files
 * and a content hash. Both editions come from the same snapshot: `internal` (case-level, pseudonymous) and `public`
 * (aggregates only, small counts suppressed per compliance-rules.md §8).
 */
export const REPORT_EDITIONS = ['internal', 'public'] as const;
export type ReportEdition = (typeof REPORT_EDITIONS)[number];
export const REPORT_FORMATS = ['pdf', 'csv', 'json'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** Counts below this are shown as `<11` in the public edition and to viewers (§8). */
export const DEFAULT_SUPPRESSION_THRESHOLD = 11;

/** One cell of a table: a number, text, or a suppressed count (shown as `<threshold`). */
export type ReportCell = string | number | null | { suppressed: true; display: string };

export interface ReportTable {
  /** Stable name, also the CSV file name: `measures-by-agency`. */
  id: string;
  title: string;
  columns: string[];
  rows: ReportCell[][];
  /** Plain-language notes under the table (e.g. what `<11` means). */
  notes?: string[];
  /**
   * A column of long text (a case's sentence) that a printed page draws under each row across the table's width,
   * named in front of its text, rather than as a narrow column. The web page and the CSV keep it a column.
   */
  rowDetailColumn?: string;
}

export interface ReportChart {
  id: string;
  title: string;
  kind: 'line' | 'bar';
  /** x labels (months, districts...). */
  categories: string[];
  /** One series per line/bar group; null where there is no value (no eligible report, or suppressed). */
  series: Array<{ name: string; values: Array<number | null> }>;
  /** Axis unit, e.g. `%` for rates or `flags`. */
  unit: string;
  /**
   * Set when there is nothing to draw (every value hidden, or none there): the sentence said instead of the chart,
   * which is then not drawn, not even as empty axes. Absent in documents made before it existed.
   */
  nothingToDraw?: string;
}

export interface ReportSection {
  id: string;
  heading: string;
  paragraphs: string[];
  tables: ReportTable[];
  charts: ReportChart[];
}

/** A report as rendered on the page, in the PDF and as CSV: the same document everywhere. */
export interface ReportDocument {
  title: string;
  month: string;
  edition: ReportEdition;
  version: number;
  status: 'draft' | 'published';
  generatedAt: string;
  /** SHA-256 of the snapshot's data (the same for both editions): shown on the report. */
  contentHash: string;
  suppressionThreshold: number;
  sections: ReportSection[];
}

/** One stored version of a month's report (`GET /api/reports`). */
export interface ReportVersionRecord {
  /** `<month>:<version>`, e.g. `2022-05:2`. */
  id: string;
  month: string;
  version: number;
  status: 'draft' | 'published';
  /** Why this version exists when an earlier one was published (required then). */
  reason: string | null;
  generatedAt: string;
  generatedBy: string;
  publishedAt: string | null;
  publishedBy: string | null;
  contentHash: string;
  /** A newer version of the same month exists. */
  superseded: boolean;
  /**
   * Figures at a glance: the month's eligible reports (each once, whatever the rules), flagged reports and flags.
   * Null where hidden: a small count, for a role without case-level access (as in the public edition).
   */
  eligibleReports: number | null;
  flaggedReports: number | null;
  flags: number | null;
}

/** `POST /api/reports` body. */
export interface GenerateReportRequest {
  month: string;
  /** Needed when the month already has a published version. */
  reason?: string;
}

/** `POST /api/reports/:id/publish` body. */
export interface PublishReportRequest {
  reason?: string;
}

/** The figures of one rule (and agency) for one month or a whole month's breakdown row. */
export interface ReportCounts {
  eligibleReports: number;
  /** Eligible reports with a current flag at or above medium confidence that no review dismissed. */
  flaggedReports: number;
  /** Eligible reports with a flag a reviewer confirmed. */
  confirmedReports: number;
  /** The flags behind flaggedReports. */
  flags: number;
  /**
   * The cases behind flaggedReports (issue 11; absent in snapshots taken before): one per arrest or DA decision,
   * however many rules it breaches and reports it follows. The dashboard's `cases` for the same slice.
   */
  cases?: number;
  /**
   * What the rates rest on (issue 11; absent in snapshots taken before): the eligible reports, or for an acting
   * agency the eligible reports whose reporter it later acted against (docs/rules.md, "Rates and their bases").
   */
  baseReports?: number;
  /** Reports with a flag a reviewer decided (confirmed or dismissed): the confirmed rate needs one (issue 11). */
  decidedReports?: number;
}

/**
 * Everything a month's report rests on, gathered by the API in one snapshot (and stored with it), so the
 * report can be rebuilt exactly, in either edition, at any later time.
 */
export interface ReportData {
  /** The report's month, `YYYY-MM`. */
  month: string;
  /** The first month of the trend: 12 months before `month`. */
  trendFrom: string;
  /** Flags at or above this confidence count (medium). */
  threshold: 'medium';
  /** When the snapshot was taken (ISO). */
  takenAt: string;
  /**
   * Present in snapshots taken since issue 11: rates rest on `baseReports`, none on fewer than `minRateBase` reports,
   * no confirmed rate before a review. Older snapshots are drawn as they were published.
   */
  measures?: { minRateBase: number };
  /** Per report rule: its title and the month's figures, agencies together (a report counts once). */
  rules: Array<{ ruleId: string; title: string } & ReportCounts>;
  /** Per report rule and acting agency, for the month: flagged reports by that agency against the rule's eligible reports. */
  agencies: Array<{ ruleId: string; agency: string } & ReportCounts>;
  /** The month and the 12 before it, per report rule (every month, zeros included). */
  trend: Array<{ month: string; ruleId: string } & ReportCounts>;
  /** The month's eligible reports, every rule together, by police district of the report (null: unknown). */
  byDistrict: Array<{ district: string | null } & ReportCounts>;
  /** The same by incident category. */
  byCategory: Array<{ category: string | null } & ReportCounts>;
  /** The month's current flags (every confidence) by confidence and review status (zeros included). */
  flagsByConfidenceAndStatus: Array<{ confidence: 'high' | 'medium' | 'low'; reviewStatus: string; flags: number }>;
  /**
   * The month's flagged cases, for the internal edition only (no person keys, even there): one row per case since
   * issue 11 (`ReportCaseRow`), one per flag in snapshots taken before (`ReportFlagRow`, drawn as published).
   */
  cases: Array<ReportCaseRow | ReportFlagRow>;
  /**
   * The month's figures over every report rule together (issue 11; absent before): a report and a case count once,
   * as on the dashboard for the same month.
   */
  overall?: { eligibleReports: number; flaggedReports: number; confirmedReports: number; cases: number; flags: number };
  /** What the month rests on. */
  dataBasis: {
    batches: Array<{ kind: string; fileName: string; loadedAt: string; rowsRead: number; inserted: number; updated: number; rejected: number }>;
    rejectedRows: number;
    /** Arrests made in the month, and how many of them name an incident that is loaded. */
    arrests: number;
    arrestsLinked: number;
    /** The last evaluation before the snapshot. */
    evaluatedAt: string | null;
  };
  /**
   * What the public edition shows (issue 12; absent in snapshots taken before): the month's cells of the released
   * set as they were shown when the snapshot was taken. The public edition draws these and nothing else.
   */
  release?: ReleaseSlice;
  /** The policy versions in force during the month, with provenance. */
  policies: Array<{ id: string; ruleId: string; version: number; title: string; instrument: string; effectiveFrom: string; effectiveUntil: string | null; provenance: Record<string, string> }>;
}

/**
 * One flagged case of the month in the internal edition (issue 11): one arrest or DA decision against a person who
 * had reported, with every rule it breaches (of its current flags reported in the month) and the reports it follows.
 */
export interface ReportCaseRow {
  caseId: string;
  actionType: 'arrest' | 'da_decision';
  agency: string;
  actionDate: string;
  /** Each rule it breaches, with that rule's flag's confidence, in rule order. */
  rules: Array<{ ruleId: string; confidence: 'high' | 'medium' | 'low' }>;
  /** The reports (incident numbers) it follows; empty when no report was needed. */
  reportIncidentNumbers: string[];
  policeDistrict: string | null;
  incidentCategory: string | null;
  /** The charges of the action in plain words (`describeChargeList`, with the admins' descriptions at the time). */
  charges: string[];
  reviewStatus: string;
  /** The sentence of its strongest rule. */
  sentence: string;
}

/** One flag of the month, as snapshots taken before issue 11 listed them. */
export interface ReportFlagRow {
  flagId: string;
  ruleId: string;
  confidence: 'high' | 'medium' | 'low';
  agency: string;
  reportIncidentNumber: string | null;
  actionType: 'arrest' | 'da_decision';
  actionDate: string;
  policeDistrict: string | null;
  incidentCategory: string | null;
  reviewStatus: string;
  sentence: string;
}
