import { csv, INCIDENT_HEADER, incidentRow, ingest, PERSON_HEADER, rekey, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * A large first load into an empty table takes the bulk path: keys, indexes and
 * the foreign key to the batch are set aside and built again, and building the
 * primary key is what proves the file held no key twice. A file loaded again
 * takes the merge path, where a filter of keys seen points the database at the
 * few lines that may repeat one. Both must reject repeated keys exactly as a
 * small file does. (A database of its own: the incident table starts empty.)
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
});
afterAll(async () => t?.close());

const ROWS = 50_010; // above the bulk threshold of 50,000 rows
const rowId = (i: number) => `9${String(i).padStart(7, '0')}03074`;

/** Lines 2..ROWS+1; line 4 repeats line 2's Row ID (other category), line 7 has no such day, the last line repeats line 3's. */
function largeFile(): string {
  const rows = [INCIDENT_HEADER];
  for (let i = 0; i < ROWS; i++) {
    const line = i + 2;
    if (line === 4) rows.push(incidentRow({ rowId: rowId(0), number: '900000004', category: 'Assault' }));
    else if (line === 7) rows.push(incidentRow({ rowId: rowId(i), number: '900000007', at: '2024/02/30 10:40:00 PM' }));
    else if (line === ROWS + 1) rows.push(incidentRow({ rowId: rowId(1), number: '900000099' }));
    else rows.push(incidentRow({ rowId: rowId(i), number: String(900000000 + i) }));
  }
  return csv(rows);
}

const EXPECTED_REJECTS = [
  { line: 4, column_name: 'Row ID', value: null, reason: 'the same Row ID is also on line 2 (the first one is kept)' },
  { line: 7, column_name: 'Incident Datetime', value: '2024/02/30 10:40:00 PM', reason: '"2024/02/30 10:40:00 PM" is not a date and time (use 2024-03-09T22:40 or 2024/03/09 10:40:00 PM)' },
  { line: ROWS + 1, column_name: 'Row ID', value: null, reason: 'the same Row ID is also on line 3 (the first one is kept)' },
];

async function rejectsOf(batchId: string) {
  return t.db.query(`SELECT line, column_name, value, reason FROM import_reject WHERE batch_id = $1 ORDER BY line`, [batchId]);
}

async function constraintsAndIndexes(): Promise<string[]> {
  const constraints: Array<{ def: string }> = await t.db.query(
    `SELECT contype::text || ' ' || pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE conrelid = 'incident_report_row'::regclass ORDER BY 1`,
  );
  const indexes: Array<{ def: string }> = await t.db.query(`SELECT indexdef AS def FROM pg_indexes WHERE tablename = 'incident_report_row' ORDER BY 1`);
  return [...constraints, ...indexes].map((r) => r.def);
}

describe('a large first load into an empty table', () => {
  let before: string[];
  const file = largeFile();

  it('rejects repeated keys (the first kept) and restores every key, index and foreign key', async () => {
    before = await constraintsAndIndexes();
    expect(before).toEqual(expect.arrayContaining(['p PRIMARY KEY (row_id)', 'f FOREIGN KEY (batch_id) REFERENCES import_batch(id)']));
    const result = await ingest(t, 'incidents', file, 'large.csv', 1 << 16);
    expect(result).toMatchObject({ status: 'loaded', rowsRead: ROWS, inserted: ROWS - 3, updated: 0, unchanged: 0, rejected: 3 });
    expect(await rejectsOf(result.batchId)).toEqual(EXPECTED_REJECTS);
    const [kept] = await t.db.query(`SELECT incident_number, incident_category FROM incident_report_row WHERE row_id = $1`, [rowId(0)]);
    expect(kept).toEqual({ incident_number: '900000000', incident_category: 'Robbery' });
    expect(await constraintsAndIndexes()).toEqual(before);
  });

  it('loaded again, changes nothing and rejects the same lines', async () => {
    const again = await ingest(t, 'incidents', file, 'large.csv', 1 << 16);
    expect(again).toMatchObject({ status: 'loaded', rowsRead: ROWS, inserted: 0, updated: 0, unchanged: ROWS - 3, rejected: 3 });
    expect(await rejectsOf(again.batchId)).toEqual(EXPECTED_REJECTS);
    expect(await constraintsAndIndexes()).toEqual(before);
  });

  it('still refuses a row whose batch does not exist (the foreign key is back)', async () => {
    await expect(
      t.db.query(
        `INSERT INTO incident_report_row (row_id, incident_id, incident_number, incident_datetime, report_datetime, incident_code, incident_category, batch_id)
         VALUES ('x1', 'x', 'x', now(), now(), '03074', 'Robbery', '00000000-0000-0000-0000-000000000000')`,
      ),
    ).rejects.toThrow(/foreign key/);
  });
});

describe('keys of several columns', () => {
  it('are compared as stored: a role spelled differently is the same role, so the second row is a repeat', async () => {
    const result = await ingest(
      t,
      'incident-persons',
      csv([PERSON_HEADER, ['910000001', 'SFP-victim77', 'Victim'], ['910000001', 'SFP-victim77', 'witness'], ['910000001', 'SFP-victim77', 'VICTIM']]),
    );
    expect(result).toMatchObject({ status: 'loaded', inserted: 2, rejected: 1 });
    expect(await rejectsOf(result.batchId)).toEqual([
      { line: 4, column_name: 'Incident Number, Person Key and Person Role', value: null, reason: 'the same Incident Number, Person Key and Person Role is also on line 2 (the first one is kept)' },
    ]);
    const stored = await t.db.query(`SELECT person_role FROM incident_person WHERE incident_number = '910000001' AND person_key = $1 ORDER BY 1`, [rekey('SFP-victim77')]);
    expect(stored).toEqual([{ person_role: 'victim' }, { person_role: 'witness' }]);
  });
});
