import { csv, ingest, PERSON_HEADER, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER } from './ingest-helpers';
import type { TestApp } from './test-app';

/*
 * A hand-made month for the bases of agency rates (issue 11), January 2023, police district Richmond:
 *   30 robbery reports (incidents 9700000NN, NN = 01..30), victim BP-0000NN, reported 2023-01-NN... (one a day,
 *   day = NN, reported 21:00); every one eligible under the three report rules.
 *   BP-01, BP-02: arrested by SFPD in the same incident an hour after the report, for 647(b): flagged (high) under
 *                 sfpd-psw-2017 and ca-pc-647.3 (4 flags, 2 flagged reports).
 *   BP-03..BP-24: arrested by SFPD the next day under another incident for 459 PC/F (burglary, felony): not
 *                 protected, no flag, but SFPD acted against them (22 reporters).
 *   BP-25..BP-29: arrested by BART the next day under another incident for 459 PC/F: no flag (5 reporters).
 *   BP-30:        arrested by BART in the same incident an hour after the report, for 647(b): flagged (high) under
 *                 ca-pc-647.3 only (the SFPD bulletin audits SFPD arrests only).
 * Worked by hand, all rules together, threshold medium:
 *   overall:  30 eligible, base 30, 3 flagged reports (BP-01, BP-02, BP-30) -> rate 1 - 3/30 = 0.9.
 *   SFPD:     base 24 (BP-01..BP-24), 2 flagged, 4 flags -> rate 1 - 2/24 (the old base, 30 eligible, gave 1 - 2/30).
 *   BART:     base 6 (BP-25..BP-30), 1 flagged, 1 flag -> under 20: no rate, "too few" (the old base gave 1 - 1/30).
 */
export const AGENCY_BASE_MONTH = '2023-01';

const nn = (n: number) => String(n).padStart(2, '0');

export async function loadAgencyBaseMonth(t: TestApp): Promise<void> {
  const ids = Array.from({ length: 30 }, (_, i) => i + 1);
  await ingest(
    t,
    'incidents',
    csv([
      SHORT_INCIDENT_HEADER,
      ...ids.map((n) => [`2023-01-${nn(n)}T20:00`, `2023-01-${nn(n)}T21:00`, `B1${nn(n)}03074`, `B1${nn(n)}`, `9700000${nn(n)}`, '03074', 'Robbery', 'Richmond']),
    ]),
    'agency-base-incidents.csv',
  );
  await ingest(t, 'incident-persons', csv([PERSON_HEADER, ...ids.map((n) => [`9700000${nn(n)}`, `BP-0000${nn(n)}`, 'victim'])]), 'agency-base-persons.csv');
  const nextDay = (n: number) => (n === 31 ? '2023-02-01' : `2023-01-${nn(n)}`);
  await ingest(
    t,
    'arrests',
    csv([
      SHORT_ARREST_HEADER,
      ...ids.map((n) => {
        if (n <= 2) return [`BA-${nn(n)}`, `9700000${nn(n)}`, `BP-0000${nn(n)}`, `2023-01-${nn(n)}T22:00`, 'SFPD', 'booked', '647(b) PC'];
        if (n === 30) return [`BA-${nn(n)}`, `9700000${nn(n)}`, `BP-0000${nn(n)}`, `2023-01-${nn(n)}T22:00`, 'BART', 'booked', '647(b) PC'];
        return [`BA-${nn(n)}`, `9710000${nn(n)}`, `BP-0000${nn(n)}`, `${nextDay(n + 1)}T15:00`, n <= 24 ? 'SFPD' : 'BART', 'booked', '459 PC/F'];
      }),
    ]),
    'agency-base-arrests.csv',
  );
}
