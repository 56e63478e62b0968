import * as fs from 'node:fs';
import * as path from 'node:path';
import { REPO_ROOT } from '../support/paths';
import {
  ARREST_HEADER,
  csv,
  DA_HEADER,
  INCIDENT_HEADER,
  incidentRow,
  ingest,
  PERSON_HEADER,
  rekey,
  tableCounts,
  TEST_PERSON_KEY_SECRET,
} from '../support/ingest-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET, AUDIT_MAX_IMPORT_BYTES: String(200 * 1024 * 1024) });
});
afterAll(async () => t?.close());

const REAL_MONTH = path.resolve(REPO_ROOT, '../shared/data/sfpd-incident-reports-2018-12.csv');
const FIXTURE = path.join(REPO_ROOT, 'tests/fixtures/datasf-incidents-2018-12-first-200.csv');

async function rejectsOf(batchId: string): Promise<Array<{ line: number; column_name: string | null; value: string | null; reason: string }>> {
  return t.db.query(`SELECT line, column_name, value, reason FROM import_reject WHERE batch_id = $1 ORDER BY line`, [batchId]);
}

describe('DataSF exports load as they are', () => {
  it('loads the real December 2018 month with zero rejected rows, and a second time with every row unchanged', async () => {
    if (!fs.existsSync(REAL_MONTH)) throw new Error(`${REAL_MONTH} is missing: the shared data lives beside the repository`);
    const first = await ingest(t, 'incidents', fs.readFileSync(REAL_MONTH), 'sfpd-incident-reports-2018-12.csv', 65_536);
    expect(first).toMatchObject({ status: 'loaded', rowsRead: 11_884, inserted: 11_884, updated: 0, unchanged: 0, rejected: 0, ignoredColumns: [] });
    const [{ numbers }] = await t.db.query(`SELECT count(DISTINCT incident_number)::int AS numbers FROM incident_report_row`);
    expect(numbers).toBe(8_766);
    // 2018/12/01 12:25:00 AM in San Francisco is 08:25 UTC
    const [row] = await t.db.query(`SELECT to_char(incident_datetime AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI') AS utc, incident_code, filed_online FROM incident_report_row WHERE row_id = '74339603074'`);
    expect(row).toEqual({ utc: '2018-12-01 08:25', incident_code: '03074', filed_online: null });

    const again = await ingest(t, 'incidents', fs.readFileSync(REAL_MONTH), 'sfpd-incident-reports-2018-12.csv', 65_536);
    expect(again).toMatchObject({ status: 'loaded', rowsRead: 11_884, inserted: 0, updated: 0, unchanged: 11_884, rejected: 0 });
  });
});

describe('what every import accepts', () => {
  it('reads both datetime styles, pads codes, matches column names loosely, and accepts a BOM with CRLF', async () => {
    const header = ['incident_datetime', 'REPORT DATETIME', 'row_id', 'IncidentID', 'incident number', 'Incident_Code', 'incident category', 'Some New Region Column'];
    const text =
      '\uFEFF' +
      [header, ['2024-03-09T22:40', '2024-03-09 23:05:00', '9000003074', '900000', '240158822', '3074', 'Robbery', 'x'], ['2024/03/10 02:40:00 AM', '2024/03/10 03:05:00 PM', '9000104134', '900001', '240158823', '04134', 'Assault', 'y']]
        .map((r) => r.join(','))
        .join('\r\n') +
      '\r\n';
    const result = await ingest(t, 'incidents', text);
    expect(result).toMatchObject({ status: 'loaded', inserted: 2, rejected: 0, ignoredColumns: ['Some New Region Column'] });
    const rows = await t.db.query(
      `SELECT row_id, incident_code, to_char(incident_datetime AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM-DD HH24:MI') AS local, to_char(report_datetime AT TIME ZONE 'America/Los_Angeles', 'YYYY-MM-DD HH24:MI') AS reported
         FROM incident_report_row WHERE row_id IN ('9000003074', '9000104134') ORDER BY row_id`,
    );
    expect(rows).toEqual([
      { row_id: '9000003074', incident_code: '03074', local: '2024-03-09 22:40', reported: '2024-03-09 23:05' },
      { row_id: '9000104134', incident_code: '04134', local: '2024-03-10 03:40', reported: '2024-03-10 15:05' },
    ]);
  });
});

describe('files refused whole: nothing stored but the batch record saying why', () => {
  const goodIncidents = csv([INCIDENT_HEADER, incidentRow({ rowId: '8100003074', number: '810000001' })]);
  const cases: Array<[string, 'incidents' | 'arrests' | 'incident-persons', string | Buffer, RegExp]> = [
    ['an empty file', 'incidents', '', /^The file is empty\.$/],
    ['a header only', 'incidents', csv([INCIDENT_HEADER]), /header row but no data rows/],
    ['a binary file', 'incidents', Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00]), /not a CSV text file: it contains binary data/],
    ['JSON', 'incidents', '[{"Row ID": "1"}]\n', /looks like JSON, not CSV/],
    ['the wrong kind for the header', 'arrests', goodIncidents, /looks like a file of SFPD incident reports \("incidents"\), not arrests and citations/],
    ['missing required columns', 'incidents', csv([INCIDENT_HEADER.filter((c) => c !== 'Report Datetime'), incidentRow({ rowId: '1', number: '2' }).slice(1)]), /Required columns are missing: "Report Datetime"/],
    ['duplicated column names', 'incidents', csv([[...INCIDENT_HEADER, 'incident_number'], [...incidentRow({ rowId: '8100003074', number: '810000001' }), '810000001']]), /Columns appear twice: "Incident Number" and "incident_number"/],
    ['PII columns', 'arrests', csv([[...ARREST_HEADER, 'First Name', 'Date of Birth'], ['A1', '1', 'SFP-aaaaaaa', '2024-03-09T23:40', '', 'SFPD', 'booked', '647(b) PC/M', '', 'Jane', '1990-01-01']]), /columns that identify people \("First Name", "Date of Birth"\)/],
    ['an unterminated quote', 'incidents', `${INCIDENT_HEADER.join(',')}\n${incidentRow({ rowId: '8100003074', number: '810000001' }).join(',')}\n"2024/03/09 10:40:00 PM,unclosed\n`, /^Line 3, column "Incident Datetime": a quoted value is never closed/],
    [
      'a quote never closed, caught at the 64 KiB limit of a value',
      'incidents',
      `${INCIDENT_HEADER.join(',')}\n${incidentRow({ rowId: '8100003074', number: '810000001' }).join(',')}\n${incidentRow({ rowId: '8100103074', number: '810000002' }).slice(0, 7).join(',')},"Robbery - ${'and so on, '.repeat(10_000)}`,
      /^Line 3, column "Incident Subcategory": a value is longer than 65,536 bytes \(64 KiB\), the most one value may hold\. The quote \("\) opened on line 3 in column "Incident Subcategory" is still open/,
    ],
    [
      'a row over the 1 MiB limit of a row',
      'incidents',
      `${INCIDENT_HEADER.join(',')}\n${incidentRow({ rowId: '8100003074', number: '810000001' }).join(',')}\n${`${'y'.repeat(60_000)},`.repeat(20)}\n`,
      /^Line 3: the row that starts on this line is longer than 1,048,576 bytes \(1 MiB\), the most one row may hold/,
    ],
    ['Latin-1 bytes', 'incidents', Buffer.concat([Buffer.from(`${INCIDENT_HEADER.join(',')}\n`), Buffer.from(incidentRow({ rowId: '8100003074', number: '810000001', sub: 'Caf\u00e9' }).join(','), 'latin1'), Buffer.from('\n')]), /^Line 2, column "Incident Subcategory": byte 0xE9 is not valid UTF-8.*Latin-1/],
  ];

  it.each(cases)('%s', async (_name, kind, content, message) => {
    const before = await tableCounts(t.db);
    const result = await ingest(t, kind, content);
    expect(result.status).toBe('refused');
    expect(result.reason).toMatch(message);
    expect(await tableCounts(t.db)).toEqual(before);
    const [batch] = await t.db.query(`SELECT status, refusal_reason, rows_read, inserted FROM import_batch WHERE id = $1`, [result.batchId]);
    expect(batch).toMatchObject({ status: 'refused', rows_read: 0, inserted: 0 });
    expect(batch.refusal_reason).toMatch(message);
  });

  it('a value over its limit: the batch record says the line and column where it began', async () => {
    // Line 2 holds a line break inside its quoted category, so the third row begins on line 4.
    const content = `${INCIDENT_HEADER.join(',')}\n${incidentRow({ rowId: '8100003074', number: '810000001', category: '"Rob\nbery"' }).join(',')}\n${incidentRow({ rowId: '8100103074', number: '810000002' }).slice(0, 7).join(',')},"${'z'.repeat(70_000)}`;
    const result = await ingest(t, 'incidents', content, 'open-quote.csv');
    expect(result).toMatchObject({ status: 'refused', line: 4, column: 'Incident Subcategory', fileName: 'open-quote.csv' });
    const [batch] = await t.db.query(`SELECT status, file_name, refusal_line, refusal_column FROM import_batch WHERE id = $1`, [result.batchId]);
    expect(batch).toEqual({ status: 'refused', file_name: 'open-quote.csv', refusal_line: 4, refusal_column: 'Incident Subcategory' });
  });

  // Issue 13, Faults 5: the refusal's structured column is set, not only its message.
  it('a Latin-1 refusal names its column in the column field too', async () => {
    const file = Buffer.concat([Buffer.from(`${INCIDENT_HEADER.join(',')}\n`), Buffer.from(incidentRow({ rowId: '8100003074', number: '810000001', sub: 'Caf\u00e9' }).join(','), 'latin1'), Buffer.from('\n')]);
    const result = await ingest(t, 'incidents', file);
    expect(result).toMatchObject({ status: 'refused', line: 2, column: 'Incident Subcategory' });
    const [batch] = await t.db.query(`SELECT refusal_line, refusal_column FROM import_batch WHERE id = $1`, [result.batchId]);
    expect(batch).toEqual({ refusal_line: 2, refusal_column: 'Incident Subcategory' });
    const analyst = await t.signedIn('analyst');
    const res = await analyst.post('/api/ingest/incidents').attach('file', file, 'latin1.csv').expect(422);
    expect(res.body).toMatchObject({ status: 'refused', line: 2, column: 'Incident Subcategory' });
    expect((await analyst.get(`/api/import-batches/${res.body.batchId}`).expect(200)).body).toMatchObject({ refusalLine: 2, refusalColumn: 'Incident Subcategory' });
  });

  // Issue 13, Security 7: punctuation and short forms do not get a personal column past the check.
  it.each(['E-mail', 'D.O.B.', 'Phone#', 'Street-Address', 'Tel', 'Cell'])('an upload with a "%s" column is refused whole: nothing stored, the column not dropped', async (column) => {
    const analyst = await t.signedIn('analyst');
    const before = await tableCounts(t.db);
    const file = csv([[...ARREST_HEADER, column], ['PII-A1', '1', 'SFP-aaaaaaa', '2024-03-09T23:40', '', 'SFPD', 'booked', '647(b) PC/M', '', 'x']]);
    const preview = await analyst.post('/api/ingest/arrests?dryRun=true').attach('file', Buffer.from(file), 'pii.csv').expect(422);
    expect(preview.body).toMatchObject({ status: 'refused', rowsRead: 0, inserted: 0 });
    const res = await analyst.post('/api/ingest/arrests').attach('file', Buffer.from(file), 'pii.csv').expect(422);
    expect(res.body).toMatchObject({ status: 'refused', rowsRead: 0, inserted: 0, ignoredColumns: [] });
    expect(res.body.reason).toContain(`columns that identify people ("${column}")`);
    expect(await tableCounts(t.db)).toEqual(before);
    const [batch] = await t.db.query(`SELECT status, rows_read, inserted, ignored_columns FROM import_batch WHERE id = $1`, [res.body.batchId]);
    expect(batch).toMatchObject({ status: 'refused', rows_read: 0, inserted: 0 });
    expect(batch.ignored_columns ?? []).toEqual([]);
    expect(await t.db.query(`SELECT 1 FROM arrest WHERE arrest_id = 'PII-A1'`)).toEqual([]);
  });

  it('a file over the size limit', async () => {
    const small = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET, AUDIT_MAX_IMPORT_BYTES: '1000' });
    try {
      const big = csv([INCIDENT_HEADER, ...Array.from({ length: 40 }, (_, i) => incidentRow({ rowId: `77${String(i).padStart(6, '0')}03074`, number: `7700${i}` }))]);
      const result = await ingest(small, 'incidents', big);
      expect(result).toMatchObject({ status: 'refused' });
      expect(result.reason).toMatch(/limit is 1000 bytes|larger than the limit of 1000 bytes/);
      expect((await tableCounts(small.db)).incident_report_row).toBe(0);
      // an upload says its size up front: refused (422) without being read
      const analyst = await small.signedIn('analyst');
      const res = await analyst.post('/api/ingest/incidents').attach('file', Buffer.from(big), 'big.csv').expect(422);
      expect(res.body.reason).toMatch(/limit is 1000 bytes/);
    } finally {
      await small.close();
    }
  });
});

describe('a header of 100,000 unknown columns (issue 13, Faults 5)', () => {
  it('loads, keeping the first 200 names in the batch record and the count of all', async () => {
    // Short names: a header is a row, and a row over 1 MiB refuses the file (Faults 1); this one is about 790 KB.
    const extra = Array.from({ length: 100_000 }, (_, i) => `c${i + 1}`);
    const file = csv([
      [...INCIDENT_HEADER, ...extra],
      [...incidentRow({ rowId: '8300003074', number: '830000001' }), ...extra.map(() => '')],
    ]);
    const analyst = await t.signedIn('analyst');
    const res = await analyst.post('/api/ingest/incidents').attach('file', Buffer.from(file), 'wide.csv').expect(200);
    expect(res.body).toMatchObject({ status: 'loaded', inserted: 1, ignoredColumnCount: 100_000 });
    expect(res.body.ignoredColumns).toEqual(extra.slice(0, 200));
    const [batch] = await t.db.query(`SELECT cardinality(ignored_columns) AS kept, ignored_column_count FROM import_batch WHERE id = $1`, [res.body.batchId]);
    expect(batch).toEqual({ kept: 200, ignored_column_count: 100_000 });
    const record = (await analyst.get(`/api/import-batches/${res.body.batchId}`).expect(200)).body;
    expect(record).toMatchObject({ ignoredColumnCount: 100_000 });
    expect(record.ignoredColumns).toEqual(extra.slice(0, 200));
  });
});

describe('bad rows are rejected with line, column and reason; the good rows load', () => {
  it('incidents: bad dates, a bad code, too many and too few fields, a 20 KB value, a duplicated Row ID', async () => {
    const rows = [
      INCIDENT_HEADER.join(','),
      incidentRow({ rowId: '8200003074', number: '820000001' }).join(','), // line 2: good
      incidentRow({ rowId: '8200103074', number: '820000002', at: '2024/02/30 10:40:00 PM' }).join(','), // line 3: no such day
      incidentRow({ rowId: '8200203074', number: '820000003', reported: 'yesterday' }).join(','), // line 4
      incidentRow({ rowId: '8200303074', number: '820000004', code: '3O74' }).join(','), // line 5: letter O
      [...incidentRow({ rowId: '8200403074', number: '820000005' }), 'extra'].join(','), // line 6
      incidentRow({ rowId: '8200503074', number: '820000006' }).slice(0, 5).join(','), // line 7
      incidentRow({ rowId: '8200603074', number: '820000007', sub: 'x'.repeat(20_000) }).join(','), // line 8: over 10,000 bytes, under the 64 KiB that refuses the file
      incidentRow({ rowId: '8200003074', number: '820000001' }).join(','), // line 9: same Row ID as line 2
      incidentRow({ rowId: '8200703074', number: '820000008', at: '2024-03-09 13:99' }).join(','), // line 10
      incidentRow({ rowId: '8200803074', number: '820000009' }).join(','), // line 11: good
    ];
    const result = await ingest(t, 'incidents', rows.join('\n') + '\n', 'bad-rows.csv', 4096);
    expect(result).toMatchObject({ status: 'loaded', rowsRead: 10, inserted: 2, rejected: 8 });
    const rejects = await rejectsOf(result.batchId);
    expect(rejects).toEqual([
      { line: 3, column_name: 'Incident Datetime', value: '2024/02/30 10:40:00 PM', reason: '"2024/02/30 10:40:00 PM" is not a date and time (use 2024-03-09T22:40 or 2024/03/09 10:40:00 PM)' },
      { line: 4, column_name: 'Report Datetime', value: 'yesterday', reason: '"yesterday" is not a date and time (use 2024-03-09T22:40 or 2024/03/09 10:40:00 PM)' },
      { line: 5, column_name: 'Incident Code', value: '3O74', reason: '"3O74" is not an incident code (up to five digits)' },
      { line: 6, column_name: null, value: null, reason: 'the row has 10 fields; the header has 9' },
      { line: 7, column_name: null, value: null, reason: 'the row has 5 fields; the header has 9' },
      { line: 8, column_name: 'Incident Subcategory', value: null, reason: 'the value is longer than 10,000 bytes' },
      { line: 9, column_name: 'Row ID', value: null, reason: 'the same Row ID is also on line 2 (the first one is kept)' },
      { line: 10, column_name: 'Incident Datetime', value: '2024-03-09 13:99', reason: '"2024-03-09 13:99" is not a date and time (use 2024-03-09T22:40 or 2024/03/09 10:40:00 PM)' },
    ]);
    const loaded = await t.db.query(`SELECT row_id FROM incident_report_row WHERE row_id LIKE '820%' ORDER BY row_id`);
    expect(loaded.map((r: { row_id: string }) => r.row_id)).toEqual(['8200003074', '8200803074']);
  });

  it('persons: unknown roles, and person keys that are malformed or look like an SSN or a phone number (never stored)', async () => {
    const result = await ingest(
      t,
      'incident-persons',
      csv([
        PERSON_HEADER,
        ['830000001', 'SFP-victim01', 'Victim'],
        ['830000001', 'SFP-witness1', 'reporting_party'],
        ['830000001', 'SFP-other01', 'bystander'],
        ['830000001', '123-45-6789', 'victim'],
        ['830000001', '415-555-0199', 'victim'],
        ['830000001', 'Jane Doe', 'victim'],
      ]),
    );
    expect(result).toMatchObject({ status: 'loaded', inserted: 2, rejected: 4 });
    const rejects = await rejectsOf(result.batchId);
    expect(rejects).toEqual([
      { line: 4, column_name: 'Person Role', value: 'bystander', reason: 'unknown Person Role "bystander" (one of: victim, witness, reporting party, suspect)' },
      { line: 5, column_name: 'Person Key', value: null, reason: 'Person Key looks like a Social Security number; keys must be pseudonymous; the value is not kept' },
      { line: 6, column_name: 'Person Key', value: null, reason: 'Person Key looks like a phone number; keys must be pseudonymous; the value is not kept' },
      { line: 7, column_name: 'Person Key', value: null, reason: 'Person Key is not a pseudonymous key (6 to 128 of A-Z a-z 0-9 . _ : -); the value is not kept' },
    ]);
    const stored = await t.db.query(`SELECT person_key, person_role FROM incident_person WHERE incident_number = '830000001' ORDER BY person_role`);
    expect(stored).toEqual([
      { person_key: rekey('SFP-witness1'), person_role: 'reporting party' },
      { person_key: rekey('SFP-victim01'), person_role: 'victim' },
    ]);
    const everything = JSON.stringify(await t.db.query(`SELECT * FROM import_reject`)) + JSON.stringify(await t.db.query(`SELECT * FROM incident_person`));
    for (const secretish of ['123-45-6789', '415-555-0199', 'Jane Doe', 'SFP-victim01']) expect(everything).not.toContain(secretish);
  });

  it('arrests: an arrest dated before its incident, no time at all, an unknown custody type; charges parsed at load', async () => {
    await ingest(t, 'incidents', csv([INCIDENT_HEADER, incidentRow({ rowId: '8400003074', number: '840000001', at: '2024/03/09 10:40:00 PM' })]));
    const result = await ingest(
      t,
      'arrests',
      csv([
        ARREST_HEADER,
        ['A8400001', '840000001', 'SFP-arrested1', '2024-03-09T23:40', '', 'SFPD', 'booked', '"647(b) PC/M;148(a)(1) PC/M"', ''],
        ['A8400002', '840000001', 'SFP-arrested2', '', '2024-03-01', 'SFPD', 'cited', '', '647B'],
        ['A8400003', '840000001', 'SFP-arrested3', '', '', 'SFPD', 'booked', '647(b) PC', ''],
        ['A8400004', '840000001', 'SFP-arrested4', '2024-03-10 01:00', '', 'sfso', 'detained', '647(b) PC', ''],
        ['A8400005', '849999999', 'SFP-arrested5', '2024/03/10 01:00:00 AM', '', 'CHP', 'Cited', '', '"11377A,PROSTITUTION"'],
      ]),
    );
    expect(result).toMatchObject({ status: 'loaded', inserted: 2, rejected: 3, unparsedCharges: 1 });
    expect(await rejectsOf(result.batchId)).toEqual([
      { line: 3, column_name: 'arrest_date', value: '2024-03-01', reason: 'the arrest (2024-03-01) is before its incident 840000001 (2024-03-09)' },
      { line: 4, column_name: 'arrest_datetime', value: null, reason: 'arrest_datetime or arrest_date is needed' },
      { line: 5, column_name: 'custody_type', value: 'detained', reason: 'unknown custody_type "detained" (one of: booked, cited)' },
    ]);
    const arrests = await t.db.query(`SELECT arrest_id, arresting_agency, custody_type, arrest_date::text AS day FROM arrest WHERE arrest_id LIKE 'A84%' ORDER BY arrest_id`);
    expect(arrests).toEqual([
      { arrest_id: 'A8400001', arresting_agency: 'SFPD', custody_type: 'booked', day: '2024-03-09' },
      { arrest_id: 'A8400005', arresting_agency: 'CHP', custody_type: 'cited', day: '2024-03-10' },
    ]);
    const [parsed] = await t.db.query(`SELECT charges, unparsed FROM charge_list WHERE raw = '647(b) PC/M;148(a)(1) PC/M'`);
    expect(parsed.unparsed).toEqual([]);
    expect(parsed.charges.map((c: { codeBook: string; section: string; subdivisions: string[]; level: string }) => [c.codeBook, c.section, c.subdivisions.join(''), c.level])).toEqual([
      ['PC', '647', 'b', 'M'],
      ['PC', '148', 'a1', 'M'],
    ]);
    const [kept] = await t.db.query(`SELECT charges, unparsed FROM charge_list WHERE raw = '11377A,PROSTITUTION'`);
    expect(kept.charges).toEqual([expect.objectContaining({ codeBook: 'HS', codeBookInferred: true, section: '11377', subdivisions: ['a'] })]);
    expect(kept.unparsed).toEqual([expect.stringMatching(/^PROSTITUTION: /)]);
  });

  it('DA decisions: unknown actions, missing filed charges for a Charged decision, bad dates', async () => {
    const result = await ingest(
      t,
      'da-decisions',
      csv([
        DA_HEADER,
        ['D8500001', '850000001', 'SFP-defendant1', 'charged', '2024-03-11', 'A8400001', '647B/M/0'],
        ['D8500002', '850000001', 'SFP-defendant1', 'Dismissed by magic', '2024-03-11', '', ''],
        ['D8500003', '850000001', 'SFP-defendant1', 'Charged', '2024-03-11', '', ''],
        ['D8500004', '850000001', 'SFP-defendant1', 'Rejected', '03/11/2024', '', ''],
        ['D8500005', '850000001', 'SFP-defendant1', 'Referred to Other Agency', '2024/03/12', '', ''],
      ]),
    );
    expect(result).toMatchObject({ status: 'loaded', inserted: 2, rejected: 3 });
    expect((await rejectsOf(result.batchId)).map((r) => [r.line, r.column_name, r.reason])).toEqual([
      [3, 'da_action_taken', 'unknown da_action_taken "Dismissed by magic" (one of: Charged, Discharged, Rejected, Diverted, Motion to Revoke, Referred for Further Investigation, Referred to Other Agency)'],
      [4, 'list_of_filed_charges', 'a Charged decision needs list_of_filed_charges (or filed_charges_statute)'],
      [5, 'action_date', '"03/11/2024" is not a date (use 2024-03-09 or 2024/03/09)'],
    ]);
    const stored = await t.db.query(`SELECT decision_id, da_action_taken, action_date::text AS day FROM da_decision WHERE decision_id LIKE 'D85%' ORDER BY decision_id`);
    expect(stored).toEqual([
      { decision_id: 'D8500001', da_action_taken: 'Charged', day: '2024-03-11' },
      { decision_id: 'D8500005', da_action_taken: 'Referred to Other Agency', day: '2024-03-12' },
    ]);
  });
});

describe('loading again', () => {
  it('changes nothing the second time, and a corrected row updates with its earlier values kept in history', async () => {
    const original = csv([INCIDENT_HEADER, incidentRow({ rowId: '8600003074', number: '860000001' }), incidentRow({ rowId: '8600103074', number: '860000002' })]);
    const first = await ingest(t, 'incidents', original);
    expect(first).toMatchObject({ inserted: 2, updated: 0, unchanged: 0 });
    expect(await ingest(t, 'incidents', original)).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });

    const corrected = csv([INCIDENT_HEADER, incidentRow({ rowId: '8600003074', number: '860000001', district: 'Tenderloin' }), incidentRow({ rowId: '8600103074', number: '860000002' })]);
    const third = await ingest(t, 'incidents', corrected);
    expect(third).toMatchObject({ inserted: 0, updated: 1, unchanged: 1 });
    const [now] = await t.db.query(`SELECT police_district, batch_id FROM incident_report_row WHERE row_id = '8600003074'`);
    expect(now).toEqual({ police_district: 'Tenderloin', batch_id: third.batchId });
    const history = await t.db.query(`SELECT record_kind, record_key, batch_id, replaced_by_batch, old_values->>'police_district' AS district FROM record_history WHERE record_key = '8600003074'`);
    expect(history).toEqual([{ record_kind: 'incidents', record_key: '8600003074', batch_id: first.batchId, replaced_by_batch: third.batchId, district: 'Mission' }]);
  });

  it('compares by value, not by spelling: the same time written ISO-style is unchanged, as are rows stored without a row hash', async () => {
    const dataSf = csv([INCIDENT_HEADER, incidentRow({ rowId: '8650003074', number: '865000001', at: '2024/03/09 10:40:00 PM', reported: '2024/03/09 11:05:00 PM' })]);
    const iso = csv([INCIDENT_HEADER, incidentRow({ rowId: '8650003074', number: '865000001', at: '2024-03-09T22:40', reported: '2024-03-09 23:05' })]);
    const first = await ingest(t, 'incidents', dataSf);
    expect(first).toMatchObject({ inserted: 1 });
    const [{ hash: firstHash }] = await t.db.query(`SELECT row_hash::text AS hash FROM incident_report_row WHERE row_id = '8650003074'`);
    expect(await ingest(t, 'incidents', iso)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    // As a row loaded before row hashes existed:
    await t.db.query(`UPDATE incident_report_row SET row_hash = NULL WHERE row_id = '8650003074'`);
    expect(await ingest(t, 'incidents', dataSf)).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM record_history WHERE record_key = '8650003074'`);
    expect(n).toBe(0);
    expect(firstHash).toMatch(/^-?\d+$/);
  });

  it('two overlapping files loaded at the same time give the same result as one after the other', async () => {
    const a = csv([INCIDENT_HEADER, ...[0, 1, 2, 3].map((i) => incidentRow({ rowId: `870${i}003074`, number: `87000000${i}` }))]);
    const b = csv([INCIDENT_HEADER, ...[2, 3, 4, 5].map((i) => incidentRow({ rowId: `870${i}003074`, number: `87000000${i}` }))]);
    const [ra, rb] = await Promise.all([ingest(t, 'incidents', a, 'a.csv'), ingest(t, 'incidents', b, 'b.csv')]);
    // whichever ran first inserted 4, the other inserted 2 and found 2 unchanged
    expect([ra.inserted, rb.inserted].sort()).toEqual([2, 4]);
    expect(ra.unchanged + rb.unchanged).toBe(2);
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM incident_report_row WHERE row_id LIKE '870%'`);
    expect(n).toBe(6);
  });
});

describe('person keys', () => {
  it('are re-keyed the same way in every file, so one person links across agencies', async () => {
    await ingest(t, 'incident-persons', csv([PERSON_HEADER, ['880000001', 'SFP-link0001', 'victim']]));
    await ingest(t, 'arrests', csv([ARREST_HEADER, ['A8800001', '880000001', 'SFP-link0001', '2024-03-09T23:40', '', 'SFPD', 'booked', '647(b) PC/M', '']]));
    const [joined] = await t.db.query(`SELECT p.person_key FROM incident_person p JOIN arrest a USING (person_key) WHERE a.arrest_id = 'A8800001'`);
    expect(joined.person_key).toBe(rekey('SFP-link0001'));
    expect(joined.person_key).not.toContain('SFP-link0001');
  });
});

describe('the DataSF fixture in the repository', () => {
  it('loads its 200 rows through the upload endpoint for an analyst, and is refused to a viewer', async () => {
    const analyst = await t.signedIn('analyst');
    const res = await analyst.post('/api/ingest/incidents').attach('file', fs.readFileSync(FIXTURE), 'datasf-first-200.csv').expect(200);
    expect(res.body).toMatchObject({ status: 'loaded', rowsRead: 200, rejected: 0, fileName: 'datasf-first-200.csv' });
    const [batch] = await t.db.query(`SELECT source, loaded_by, sha256 FROM import_batch WHERE id = $1`, [res.body.batchId]);
    expect(batch.source).toBe('http');
    expect(batch.loaded_by).toMatch(/^analyst-\d+@example\.org$/);
    expect(batch.sha256).toMatch(/^[0-9a-f]{64}$/);
    const [audit] = await t.db.query(`SELECT target_type, target_id, status_code FROM audit_log WHERE action = 'POST /api/ingest/:kind' AND outcome = 'success' ORDER BY id DESC LIMIT 1`);
    expect(audit).toEqual({ target_type: 'Ingest', target_id: res.body.batchId, status_code: 200 });

    const viewer = await t.signedIn('viewer');
    await viewer.post('/api/ingest/incidents').attach('file', fs.readFileSync(FIXTURE), 'x.csv').expect(403);
    await t.request().post('/api/ingest/incidents').attach('file', fs.readFileSync(FIXTURE), 'x.csv').expect(401);
  });

  it('answers 422 with the reason for a refused upload, and serves batches and rejects to analysts', async () => {
    const analyst = await t.signedIn('analyst');
    const refused = await analyst.post('/api/ingest/arrests').attach('file', fs.readFileSync(FIXTURE), 'wrong-kind.csv').expect(422);
    expect(refused.body).toMatchObject({ status: 'refused' });
    expect(refused.body.reason).toMatch(/looks like a file of SFPD incident reports/);
    await analyst.post('/api/ingest/nonsense').attach('file', Buffer.from('a\n1\n'), 'x.csv').expect(400);
    // A body that is not multipart is refused before it is read (issue 13: only uploads take multipart, only JSON elsewhere).
    const notMultipart = await analyst.post('/api/ingest/incidents').send({ not: 'multipart' }).expect(415);
    expect(notMultipart.body.message).toMatch(/multipart\/form-data/);

    const bad = await analyst
      .post('/api/ingest/incidents')
      .attach('file', Buffer.from(csv([INCIDENT_HEADER, incidentRow({ rowId: '8900003074', number: '890000001', at: 'soon' })])), 'bad.csv')
      .expect(200);
    const list = await analyst.get('/api/import-batches').query({ filter: JSON.stringify({ status: 'refused' }), sort: '["startedAt","DESC"]' }).expect(200);
    expect(list.body[0]).toMatchObject({ id: refused.body.batchId, status: 'refused', fileName: 'wrong-kind.csv' });
    expect(list.headers['content-range']).toMatch(/^import-batches 0-\d+\/\d+$/);
    const rejects = await analyst.get('/api/import-rejects').query({ filter: JSON.stringify({ batchId: bad.body.batchId }) }).expect(200);
    expect(rejects.body).toEqual([expect.objectContaining({ line: 2, column: 'Incident Datetime', value: 'soon' })]);
    const download = await analyst.get(`/api/import-batches/${bad.body.batchId}/rejects.csv`).expect(200);
    expect(download.headers['content-type']).toMatch(/^text\/csv/);
    expect(download.text).toBe('line,column,value,reason\n2,Incident Datetime,soon,"""soon"" is not a date and time (use 2024-03-09T22:40 or 2024/03/09 10:40:00 PM)"\n');
    const viewer = await t.signedIn('viewer');
    await viewer.get('/api/import-batches').expect(403);
  });
});
