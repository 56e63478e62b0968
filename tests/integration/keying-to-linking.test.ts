import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EvaluationService } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { csv, ingest, SHORT_INCIDENT_HEADER, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Issue 16 from one end to the other: two agencies key their own extracts (names, dates of birth, sex) with the
 * bundled keying kit under their shared linkage secret, the project loads the two keyed files, and the server links
 * the reporters to the arrests. Three robberies reported 2024-04-12 21:10, each victim arrested by SFPD 40 minutes
 * later under the same incident for PC 647(b) (worked example 1: high confidence, direct nexus). How each agency
 * wrote the person, worked by hand from docs/keying.md:
 * - 983000001: the police wrote "O'Brien, Mary Ann, 03/04/1990 (MM/DD), Female"; the arrest desk "OBRIEN, MARY,
 *   1990-03-04, F". Punctuation and case fold away, a middle name is not part of the key: the same exact key, high.
 * - 983000002: "Garcia, José, 1985-12-31, M" against "Garsia, Jose, 1985-12-31, M": a typo in the surname changes
 *   the exact key. The SLK-581 letters (surname 2, 3, 5: A R I; given 2, 3: O S; the date; the sex; the surname's
 *   first letter G) are the same, and so is the surname's first six letters with one letter left out (GARIA), a
 *   sound key: an approximate link by slk and sound, one step down (medium), reason approximate_link.
 * - 983000003: "Li, Wen, 1979-07-07, F" against "Torres, Ana, 1992-01-15, F": two people; no flag.
 */
const root = path.resolve(__dirname, '../..');
const bundle = path.join(root, 'dist/keying/keying-kit.cjs');
const LINKAGE_SECRET = 'linkage secret the two agencies agreed on, 2024';

let t: TestApp;
let dir: string;

/** Runs the bundled kit as an agency would; returns the keyed file's text. */
function key(name: string, config: object, extract: string[][]): string {
  const configFile = path.join(dir, `${name}.json`);
  const input = path.join(dir, `${name}.csv`);
  const output = path.join(dir, `${name}.keyed.csv`);
  fs.writeFileSync(configFile, JSON.stringify(config));
  fs.writeFileSync(input, csv(extract));
  const r = spawnSync(process.execPath, [bundle, '--config', configFile, '--in', input, '--out', output], {
    encoding: 'utf8',
    env: { ...process.env, KEYING_SECRET: LINKAGE_SECRET, KEYING_SECRET_FILE: undefined },
  });
  expect(r.stderr).toMatch(/3 rows read .* 3 written/);
  expect(r.status).toBe(0);
  return fs.readFileSync(output, 'utf8');
}

const POLICE_EXTRACT = [
  ['INCIDENT_NO', 'LAST_NAME', 'FIRST_NAME', 'DOB', 'SEX', 'ROLE', 'HOME_ADDRESS'],
  ['983000001', "O'Brien", 'Mary Ann', '03/04/1990', 'Female', 'victim', '1 Example St'],
  ['983000002', 'Garcia', 'José', '12/31/1985', 'Male', 'victim', '2 Example St'],
  ['983000003', 'Li', 'Wen', '07/07/1979', 'Female', 'victim', '3 Example St'],
];
const POLICE_CONFIG = {
  kind: 'incident-persons',
  identity: { surname: 'LAST_NAME', givenNames: 'FIRST_NAME', dateOfBirth: 'DOB', dateFormat: 'MM/DD/YYYY', sex: 'SEX' },
  columns: { 'Incident Number': 'INCIDENT_NO', 'Person Role': 'ROLE' },
};
const ARRESTS_EXTRACT = [
  ['ARREST_NO', 'INCIDENT', 'SURNAME', 'GIVEN', 'BIRTH_DATE', 'GENDER', 'ARRESTED_AT', 'AGENCY', 'CUSTODY', 'CHARGES', 'BOOKING_NO'],
  ['KL-A1', '983000001', 'OBRIEN', 'MARY', '1990-03-04', 'F', '2024-04-12T21:50', 'SFPD', 'booked', '647(b) PC', 'B100'],
  ['KL-A2', '983000002', 'Garsia', 'Jose', '1985-12-31', 'M', '2024-04-12T21:50', 'SFPD', 'booked', '647(b) PC', 'B200'],
  ['KL-A3', '983000003', 'Torres', 'Ana', '1992-01-15', 'F', '2024-04-12T21:50', 'SFPD', 'booked', '647(b) PC', 'B300'],
];
const ARRESTS_CONFIG = {
  kind: 'arrests',
  identity: { surname: 'SURNAME', givenNames: 'GIVEN', dateOfBirth: 'BIRTH_DATE', dateFormat: 'YYYY-MM-DD', sex: 'GENDER' },
  columns: {
    arrest_id: 'ARREST_NO',
    incident_number: 'INCIDENT',
    arrest_datetime: 'ARRESTED_AT',
    arresting_agency: 'AGENCY',
    custody_type: 'CUSTODY',
    booked_charges_statute: 'CHARGES',
  },
};

beforeAll(async () => {
  execFileSync(process.execPath, [path.join(root, 'tools/build-keying.cjs')], { stdio: 'ignore' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sra-keying-to-linking-'));
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
}, 180_000);
afterAll(async () => {
  await t?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('agency extracts keyed by the kit, loaded and linked by the server', () => {
  let persons: string;
  let arrests: string;
  beforeAll(async () => {
    persons = key('police', POLICE_CONFIG, POLICE_EXTRACT);
    arrests = key('arrests', ARRESTS_CONFIG, ARRESTS_EXTRACT);
    const incidents = csv([
      SHORT_INCIDENT_HEADER,
      ...['983000001', '983000002', '983000003'].map((n, i) => ['2024-04-12T20:40', '2024-04-12T21:10', `${n}03074`, `98300${i + 1}`, n, '03074', 'Robbery', 'Mission']),
    ]);
    expect(await ingest(t, 'incidents', incidents)).toMatchObject({ status: 'loaded', inserted: 3, rejected: 0 });
    expect(await ingest(t, 'incident-persons', persons, 'police.keyed.csv')).toMatchObject({ status: 'loaded', inserted: 3, rejected: 0 });
    expect(await ingest(t, 'arrests', arrests, 'arrests.keyed.csv')).toMatchObject({ status: 'loaded', inserted: 3, rejected: 0 });
    await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
  });

  it('sends the server no name, date of birth, sex, address or booking number', () => {
    for (const text of [persons, arrests]) {
      for (const value of ["O'Brien", 'OBRIEN', 'Mary', 'MARY', 'Garcia', 'Garsia', 'José', 'Jose', 'Torres', 'Wen', '03/04/1990', '1990-03-04', '1985-12-31', 'Example St', 'B100', 'Female']) {
        expect(text).not.toContain(value);
      }
    }
    expect(persons.split('\n')[0]).toBe('Incident Number,Person Role,Person Key,Person Link Keys');
  });

  it('links the same person written two ways exactly (high), a misspelt surname approximately (medium, slk and sound), and two people not at all', async () => {
    const flags: Array<{ action_id: string; rule_id: string; confidence: string; reasons: string[]; link_kinds: string[] | null }> = await t.db.query(
      `SELECT action_id, rule_id, confidence, reasons, link_kinds FROM flag
        WHERE status = 'current' AND report_incident_number LIKE '98300000%' ORDER BY action_id, rule_id`,
    );
    expect(flags.map((f) => ({ ...f, reasons: [...f.reasons].sort() }))).toEqual([
      ...['ca-pc-647.3', 'sfpd-psw-2017'].map((rule_id) => ({
        action_id: 'KL-A1',
        rule_id,
        confidence: 'high',
        reasons: ['all_charges_protected', 'direct_nexus'],
        link_kinds: null,
      })),
      ...['ca-pc-647.3', 'sfpd-psw-2017'].map((rule_id) => ({
        action_id: 'KL-A2',
        rule_id,
        confidence: 'medium',
        reasons: ['all_charges_protected', 'approximate_link', 'direct_nexus'],
        link_kinds: ['slk', 'sound'],
      })),
    ]);
  });
});
