import { csv, DA_HEADER, ingest, PERSON_HEADER, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER } from './ingest-helpers';
import type { TestApp } from './test-app';

/*
 * The dashboard's hand-made city (tests/integration/dashboard.test.ts tells it in full). Five robbery victims, 2024:
 *   980000001 Mission    03-05  DP-1 arrested by SFPD the same evening for 647(b): high under sfpd-psw-2017 and ca-pc-647.3 (2 flags)
 *   980000002 Tenderloin 03-12  DP-2 charged by the DA (Charged, 647B/M/0) on 03-14: high under sfda-psw-2018 (1 flag, agency SFDA)
 *   980000003 Mission    04-02  DP-3 arrested by SFPD for 11377(a) HS/M and 459 PC/F: low under both arrest rules (2 flags)
 *   980000004 Tenderloin 05-02  DP-4 arrested by SFPD on 05-03 for 459 PC/F only: not protected, no flag
 *   980000005 Bayview    05-10  DP-5 nothing
 * Load tests/support/agency-base-city.ts too for the dashboard's whole data set; evaluate after.
 */
export async function loadFiveReportCity(t: TestApp): Promise<void> {
  const report = (n: number, day: string, district: string) => [`${day}T20:00`, `${day}T21:00`, `D10${n}03074`, `D10${n}`, `98000000${n}`, '03074', 'Robbery', district];
  await ingest(
    t,
    'incidents',
    csv([
      SHORT_INCIDENT_HEADER,
      report(1, '2024-03-05', 'Mission'),
      report(2, '2024-03-12', 'Tenderloin'),
      report(3, '2024-04-02', 'Mission'),
      report(4, '2024-05-02', 'Tenderloin'),
      report(5, '2024-05-10', 'Bayview'),
    ]),
  );
  await ingest(t, 'incident-persons', csv([PERSON_HEADER, ...[1, 2, 3, 4, 5].map((n) => [`98000000${n}`, `DP-00000${n}`, 'victim'])]));
  await ingest(
    t,
    'arrests',
    csv([
      SHORT_ARREST_HEADER,
      ['DA-1', '980000001', 'DP-000001', '2024-03-05T22:00', 'SFPD', 'booked', '647(b) PC'],
      ['DA-3', '980000003', 'DP-000003', '2024-04-02T22:00', 'SFPD', 'booked', '11377(a) HS/M;459 PC/F'],
      ['DA-4', '980000004', 'DP-000004', '2024-05-03T10:00', 'SFPD', 'booked', '459 PC/F'],
    ]),
  );
  await ingest(t, 'da-decisions', csv([DA_HEADER, ['DD-2', '980000002', 'DP-000002', 'Charged', '2024-03-14', '', '647B/M/0']]));
}
