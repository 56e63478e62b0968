import { INCIDENT_CODES } from '@sra/sfpd-data';

/** Where the seeded codes come from (libs/sfpd-data, generated from the DataSF catalog file of December 2018). */
export const DATASF_CATALOG_SOURCE =
  'DataSF catalog of SFPD incident codes as of December 2018 (sfpd-incident-codes-2018-12.csv, from "Police Department Incident Reports: 2018 to Present", wg3w-h783; public domain)';

interface Queryable {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

let seeded = false;

/**
 * Adds the DataSF catalog's codes that the `incident_code` table lacks (a new database, or a release whose generated
 * catalog grew), as provenance `catalog`. An entry already there, an admin's change included, is left as it is.
 * Idempotent and safe with several processes; once per process.
 */
export async function seedIncidentCodeCatalog(db: Queryable): Promise<void> {
  if (seeded) return;
  await db.query(
    `INSERT INTO incident_code (code, category, subcategory, description, provenance, source, added_by, added_at)
     SELECT x.code, nullif(x.category, ''), nullif(x.subcategory, ''), x.description, 'catalog', $2, 'DataSF', timestamptz '2018-12-31 00:00:00-08'
       FROM jsonb_to_recordset($1::jsonb) AS x(code text, category text, subcategory text, description text)
     ON CONFLICT (code) DO NOTHING`,
    [JSON.stringify(INCIDENT_CODES.map(([code, category, subcategory, description]) => ({ code, category, subcategory, description }))), DATASF_CATALOG_SOURCE],
  );
  seeded = true;
}
