/**
 * The SFPD incident-code catalog as data (issue 15): seeded from DataSF's catalog, extended by admins.
 * `GET /api/incident-codes`, `GET /api/incident-codes/:code`, `POST` and `PUT` (admins only).
 */

/** Where a code's entry comes from: the DataSF catalog the app ships with, or an admin. */
export type IncidentCodeProvenance = 'catalog' | 'admin';

export interface IncidentCodeRecord {
  /** The 5-digit code (`12075`); also the id. */
  id: string;
  code: string;
  description: string;
  /** Null when no category is published for the code (shown as "no category published"). */
  category: string | null;
  subcategory: string | null;
  provenance: IncidentCodeProvenance;
  /** Where the description comes from: the DataSF catalog and its date, or the admin's source. */
  source: string;
  note: string | null;
  /** `DataSF` for the seeded catalog, else the admin's email. */
  addedBy: string;
  addedAt: string;
  /** The last admin to change the entry, if any. */
  changedBy: string | null;
  changedAt: string | null;
}

/** `POST /api/incident-codes` (admins): a code the catalog does not know. */
export interface CreateIncidentCodeRequest extends UpdateIncidentCodeRequest {
  /** Up to 5 digits; stored zero-padded (`3074` is `03074`). */
  code: string;
}

/** `PUT /api/incident-codes/:code` (admins). */
export interface UpdateIncidentCodeRequest {
  description: string;
  category?: string | null;
  subcategory?: string | null;
  /** Where the description comes from (a DataSF row, an SFPD document...). */
  source: string;
  note?: string | null;
}

/** One code of a batch's rows that the catalog did not know when the batch was loaded. */
export interface ImportUnknownCode {
  code: string;
  /** Rows of the file with this code (rejected rows not counted). */
  rows: number;
  /** The description one of those rows gave, as written; null when none. */
  descriptionInFile: string | null;
  /** The catalog's description now, when an admin has described the code since; else null. */
  describedAs: string | null;
}

/** The words shown wherever a category would appear, for a row or code with none. */
export const NO_CATEGORY_PUBLISHED = 'no category published';

/** A category as pages show it: "no category published" when DataSF publishes none for the code. */
export function categoryWords(category: string | null | undefined): string {
  return category && category.trim() !== '' ? category : NO_CATEGORY_PUBLISHED;
}
