import { Logger } from '@nestjs/common';
import { Readable } from 'node:stream';
import type { EvaluationOutcome, ImportPreview } from '@sra/contracts';
import { EvaluationService } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { IngestService } from '../../apps/api/src/ingest/ingest.service';
import { csv, ingest, PERSON_HEADER, rekey, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Loads you can see before they land (issue 11): a dry run runs the whole load and stores nothing; an upload that
 * would update existing records needs the number confirmed; a batch says what its evaluation did to the flags.
 * Every expected count below is worked by hand from the files written here.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
});
afterAll(async () => t?.close());

/** Row counts of every table of the schema: a preview must leave each one as it was. */
async function everyTableCount(except: string[] = []): Promise<Record<string, number>> {
  const tables: Array<{ name: string }> = await t.db.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`);
  const out: Record<string, number> = {};
  for (const { name } of tables.filter((x) => !except.includes(x.name))) {
    const [{ n }] = await t.db.query(`SELECT count(*)::int AS n FROM "${name}"`);
    out[name] = n;
  }
  return out;
}

function preview(kind: 'arrests', text: string, options: { dryRun?: boolean; confirmUpdates?: number | 'any' } = { dryRun: true }) {
  return t.app
    .get(IngestService)
    .load({ kind, fileName: 'preview.csv', input: Readable.from([Buffer.from(text)]), loadedBy: { userId: null, label: 'integration-test' }, source: 'cli' }, options);
}

// The records in the database before the file under preview.
const STORED = csv([
  SHORT_ARREST_HEADER,
  ['P1000001', '961000001', 'SFP-prev0001', '2024-03-09T23:40', 'SFPD', 'booked', '647(b) PC'],
  ['P1000002', '961000002', 'SFP-prev0002', '2024-03-10T10:00', 'SFPD', 'booked', '11350(a) HS'],
  ['P1000003', '961000003', 'SFP-prev0003', '2024-03-11T10:00', 'SFPD', 'cited', '211 PC/F'],
]);

// Line 2: P1000001 as stored (its time written the DataSF way): unchanged.
// Line 3: P1000002 with another custody type and charge: updated (2 columns).
// Line 4: P1000003 moved to another person: updated (the person key only).
// Lines 5, 6: new arrests.  Line 7: a time that is not one: rejected.  Line 8: P1000001 again: rejected (the first is kept).
const CORRECTIONS = csv([
  SHORT_ARREST_HEADER,
  ['P1000001', '961000001', 'SFP-prev0001', '2024/03/09 11:40:00 PM', 'SFPD', 'booked', '647(b) PC'],
  ['P1000002', '961000002', 'SFP-prev0002', '2024-03-10T10:00', 'SFPD', 'cited', '11377(a) HS'],
  ['P1000003', '961000003', 'SFP-prev9999', '2024-03-11T10:00', 'SFPD', 'cited', '211 PC/F'],
  ['P1000004', '961000004', 'SFP-prev0004', '2024-03-12T10:00', 'SFPD', 'booked', '459 PC'],
  ['P1000005', '961000005', 'SFP-prev0005', '2024-03-13T10:00', 'SFPD', 'booked', '459 PC'],
  ['P1000006', '961000006', 'SFP-prev0006', 'soon', 'SFPD', 'booked', '459 PC'],
  ['P1000001', '961000001', 'SFP-prev0001', '2024-03-09T23:40', 'SFPD', 'booked', '647(b) PC'],
]);

const EXPECTED_COUNTS = { rowsRead: 7, inserted: 2, updated: 2, unchanged: 1, rejected: 2 };

describe('a dry run', () => {
  beforeAll(async () => {
    expect(await ingest(t, 'arrests', STORED, 'stored.csv')).toMatchObject({ status: 'loaded', inserted: 3 });
  });

  it('answers the counts the load would make, the records it would change column by column, and its rejects', async () => {
    const result = (await preview('arrests', CORRECTIONS)) as ImportPreview;
    expect(result).toMatchObject({ status: 'preview', ...EXPECTED_COUNTS });
    expect(result.changes).toEqual([
      {
        line: 3,
        key: { arrest_id: 'P1000002' },
        keyHasPersonKey: false,
        changes: [
          { column: 'custody_type', from: 'booked', to: 'cited' },
          { column: 'booked_charges_statute', from: '11350(a) HS', to: '11377(a) HS' },
        ],
      },
      { line: 4, key: { arrest_id: 'P1000003' }, keyHasPersonKey: false, changes: [{ column: 'person_key', from: null, to: null, personKey: true }] },
    ]);
    expect(result.rejects).toEqual([
      { line: 7, column: 'arrest_datetime', value: 'soon', reason: expect.stringMatching(/"soon" is not a date and time/) },
      { line: 8, column: 'arrest_id', value: null, reason: 'the same arrest_id is also on line 2 (the first one is kept)' },
    ]);
  });

  it('stores nothing: every table has as many rows after as before, the stored records are untouched, and nothing is logged at info level', async () => {
    const before = await everyTableCount();
    const storedBefore = await t.db.query(`SELECT arrest_id, person_key, custody_type, booked_charges_statute, batch_id FROM arrest ORDER BY arrest_id`);
    const info = jest.spyOn(Logger.prototype, 'log');
    try {
      expect(await preview('arrests', CORRECTIONS)).toMatchObject({ status: 'preview' });
      expect(info).not.toHaveBeenCalled();
    } finally {
      info.mockRestore();
    }
    expect(await everyTableCount()).toEqual(before);
    expect(await t.db.query(`SELECT arrest_id, person_key, custody_type, booked_charges_statute, batch_id FROM arrest ORDER BY arrest_id`)).toEqual(storedBefore);
    // The new charge text was parsed inside the rolled-back transaction only.
    expect(await t.db.query(`SELECT raw FROM charge_list WHERE raw = '11377(a) HS'`)).toEqual([]);
  });

  it('never gives a person key, as written or as stored, even when the key holds one (incident persons)', async () => {
    await ingest(t, 'incident-persons', csv([[...PERSON_HEADER, 'Role Recorded Datetime'], ['961000001', 'SFP-prev0001', 'victim', '2024-03-09T23:10']]));
    const result = (await t.app.get(IngestService).load(
      {
        kind: 'incident-persons',
        fileName: 'persons.csv',
        input: Readable.from([Buffer.from(csv([[...PERSON_HEADER, 'Role Recorded Datetime'], ['961000001', 'SFP-prev0001', 'victim', '2024-03-09T23:20']]))]),
        loadedBy: { userId: null, label: 'integration-test' },
        source: 'cli',
      },
      { dryRun: true },
    )) as ImportPreview;
    expect(result).toMatchObject({ status: 'preview', updated: 1 });
    expect(result.changes).toEqual([
      {
        line: 2,
        // In the words of the file's header; the person key, part of the record's key, left out.
        key: { 'Incident Number': '961000001', 'Person Role': 'victim' },
        keyHasPersonKey: true,
        changes: [{ column: 'Role Recorded Datetime', from: '2024-03-10T07:10:00+00:00', to: '2024-03-10T07:20:00+00:00' }],
      },
    ]);
    const arrests = JSON.stringify(await preview('arrests', CORRECTIONS));
    for (const text of [JSON.stringify(result), arrests]) {
      for (const key of ['SFP-prev0001', 'SFP-prev0003', 'SFP-prev9999']) {
        expect(text).not.toContain(key);
        expect(text).not.toContain(rekey(key));
      }
    }
  });

  it('of a file refused whole says why and records no batch', async () => {
    const before = await everyTableCount();
    const result = await preview('arrests', csv([['arrest_id', 'First Name'], ['X1', 'Jane']]));
    expect(result).toMatchObject({ status: 'refused', reason: expect.stringMatching(/identify people/) });
    expect(await everyTableCount()).toEqual(before);
  });

  it('through the API: ?dryRun=true answers the preview, 422 for a refused file, and stores nothing (the audit log notes the upload)', async () => {
    const analyst = await t.signedIn('analyst');
    const before = await everyTableCount(['audit_log', 'user_session']);
    const res = await analyst.post('/api/ingest/arrests').query({ dryRun: 'true' }).attach('file', Buffer.from(CORRECTIONS), 'corrections.csv').expect(200);
    expect(res.body).toMatchObject({ status: 'preview', fileName: 'corrections.csv', ...EXPECTED_COUNTS });
    expect(res.body.changes).toHaveLength(2);
    await analyst.post('/api/ingest/arrests').query({ dryRun: 'true' }).attach('file', Buffer.from('arrest_id,Date of Birth\nX,1990-01-01\n'), 'pii.csv').expect(422);
    await analyst.post('/api/ingest/arrests').query({ dryRun: 'maybe' }).attach('file', Buffer.from(CORRECTIONS), 'x.csv').expect(400);
    expect(await everyTableCount(['audit_log', 'user_session'])).toEqual(before);
    const viewer = await t.signedIn('viewer');
    await viewer.post('/api/ingest/arrests').query({ dryRun: 'true' }).attach('file', Buffer.from(CORRECTIONS), 'x.csv').expect(403);
  });
});

describe('an upload that would update existing records', () => {
  it('is refused (409, nothing stored) without confirmation and with a wrong number, and loads with the right one', async () => {
    const analyst = await t.signedIn('analyst');
    const before = await everyTableCount(['audit_log', 'user_session']);
    const unconfirmed = await analyst.post('/api/ingest/arrests').attach('file', Buffer.from(CORRECTIONS), 'corrections.csv').expect(409);
    expect(unconfirmed.body.message).toMatch(/^This file would update 2 existing records; nothing was loaded\./);
    expect(unconfirmed.body.preview).toMatchObject({ status: 'needs-confirmation', ...EXPECTED_COUNTS });
    expect(unconfirmed.body.preview.changes.map((c: { key: { arrest_id: string } }) => c.key.arrest_id)).toEqual(['P1000002', 'P1000003']);
    const wrong = await analyst.post('/api/ingest/arrests').query({ confirmUpdates: '3' }).attach('file', Buffer.from(CORRECTIONS), 'corrections.csv').expect(409);
    expect(wrong.body.message).toMatch(/would now update 2 existing records, not the 3 confirmed/);
    await analyst.post('/api/ingest/arrests').query({ confirmUpdates: '-1' }).attach('file', Buffer.from(CORRECTIONS), 'x.csv').expect(400);
    expect(await everyTableCount(['audit_log', 'user_session'])).toEqual(before);

    const loaded = await analyst.post('/api/ingest/arrests').query({ confirmUpdates: '2' }).attach('file', Buffer.from(CORRECTIONS), 'corrections.csv').expect(200);
    expect(loaded.body).toMatchObject({ status: 'loaded', ...EXPECTED_COUNTS });
    const [row] = await t.db.query(`SELECT custody_type, booked_charges_statute, person_key FROM arrest WHERE arrest_id = 'P1000002'`);
    expect(row).toEqual({ custody_type: 'cited', booked_charges_statute: '11377(a) HS', person_key: rekey('SFP-prev0002') });
    const [moved] = await t.db.query(`SELECT person_key FROM arrest WHERE arrest_id = 'P1000003'`);
    expect(moved.person_key).toBe(rekey('SFP-prev9999'));

    // Loaded again: nothing would change, so no confirmation is needed.
    const again = await analyst.post('/api/ingest/arrests').attach('file', Buffer.from(CORRECTIONS), 'corrections.csv').expect(200);
    expect(again.body).toMatchObject({ status: 'loaded', inserted: 0, updated: 0, unchanged: 5, rejected: 2 });
  });

  it('loads from the service (the CLI) without confirmation', async () => {
    const result = await ingest(t, 'arrests', csv([SHORT_ARREST_HEADER, ['P1000004', '961000004', 'SFP-prev0004', '2024-03-12T10:00', 'SFPD', 'cited', '459 PC']]));
    expect(result).toMatchObject({ status: 'loaded', updated: 1 });
  });
});

async function outcomeOfBatch(agent: Awaited<ReturnType<TestApp['signedIn']>>, batchId: string): Promise<EvaluationOutcome> {
  for (let i = 0; i < 200; i++) {
    const res = await agent.get(`/api/import-batches/${batchId}`).expect(200);
    if (res.body.evaluation.state === 'done' || res.body.evaluation.state === 'failed') return res.body.evaluation;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('the evaluation did not finish');
}

describe('what a load did to the flags', () => {
  const incidents = csv([
    SHORT_INCIDENT_HEADER,
    ['2024-05-01T22:40', '2024-05-01T23:05', '9620013074', '962001', '962000001', '03074', 'Robbery', 'Mission'],
    ['2024-05-02T22:40', '2024-05-02T23:05', '9620023074', '962002', '962000002', '03074', 'Robbery', 'Mission'],
    ['2024-05-03T22:40', '2024-05-03T23:05', '9620033074', '962003', '962000003', '03074', 'Robbery', 'Mission'],
  ]);
  const persons = csv([PERSON_HEADER, ['962000001', 'SFP-flag0001', 'victim'], ['962000002', 'SFP-flag0002', 'victim'], ['962000003', 'SFP-flag0003', 'victim']]);
  const arrest = (id: string, n: number, charge: string) => [id, `96200000${n}`, `SFP-flag000${n}`, `2024-05-0${n}T23:40`, 'SFPD', 'booked', charge];

  it('says new, changed, withdrawn and unchanged flags on the batch page once its evaluation is done', async () => {
    await ingest(t, 'incidents', incidents);
    await ingest(t, 'incident-persons', persons);
    await ingest(t, 'arrests', csv([SHORT_ARREST_HEADER, arrest('F1', 1, '647(b) PC'), arrest('F2', 2, '647(b) PC')]));
    // A robbery victim arrested by SFPD for 647(b) within the hour: one flag under the SFPD bulletin, one under PC 647.3.
    const full = await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
    expect(full).toMatchObject({ flagsNew: 4, flagsCurrent: 4 });

    const analyst = await t.signedIn('analyst');
    // F1 corrected to a robbery charge (its 2 flags withdrawn), F2 as it was, F3 a new 647(b) arrest of the third victim (2 new flags).
    const file = csv([SHORT_ARREST_HEADER, arrest('F1', 1, '211 PC/F'), arrest('F2', 2, '647(b) PC'), arrest('F3', 3, '647(b) PC')]);
    const shown = await analyst.post('/api/ingest/arrests').query({ dryRun: 'true' }).attach('file', Buffer.from(file), 'f.csv').expect(200);
    expect(shown.body).toMatchObject({ inserted: 1, updated: 1, unchanged: 1, rejected: 0 });
    const loaded = await analyst.post('/api/ingest/arrests').query({ confirmUpdates: '1' }).attach('file', Buffer.from(file), 'f.csv').expect(200);
    const outcome = await outcomeOfBatch(analyst, loaded.body.batchId);
    // Current after: F2's 2 and F3's 2 = 4; F3's are new, F1's withdrawn. F2's row is as stored, so the load did not
    // touch its person: not evaluated, so not counted as unchanged (unchanged counts what the evaluation looked at).
    // Cases (one per arrest): F1's withdrawn, F3's new; 2 current.
    expect(outcome).toMatchObject({
      state: 'done',
      scope: 'batch',
      trigger: 'ingest',
      flags: { new: 2, changed: 0, withdrawn: 2, unchanged: 0, current: 4 },
      cases: { new: 1, changed: 0, withdrawn: 1, unchanged: 0, current: 2 },
    });
  });

  it('says "waiting" for a batch no evaluation has covered yet, and shows a full evaluation that covered it', async () => {
    const batch = await ingest(t, 'arrests', csv([SHORT_ARREST_HEADER, arrest('F4', 3, '459 PC')]));
    const analyst = await t.signedIn('analyst');
    expect((await analyst.get(`/api/import-batches/${batch.batchId}`).expect(200)).body.evaluation).toMatchObject({ state: 'waiting', flags: null });
    await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
    expect((await analyst.get(`/api/import-batches/${batch.batchId}`).expect(200)).body.evaluation).toMatchObject({
      state: 'done',
      scope: 'full',
      flags: { new: 0, changed: 0, withdrawn: 0, unchanged: 4, current: 4 },
      cases: { new: 0, changed: 0, withdrawn: 0, unchanged: 2, current: 2 },
    });
    const refused = await analyst.post('/api/ingest/arrests').attach('file', Buffer.from('[1]\n'), 'x.csv').expect(422);
    expect((await analyst.get(`/api/import-batches/${refused.body.batchId}`).expect(200)).body.evaluation).toBeNull();
  });

  it('says on the policy version what the evaluation it started did, to analysts and not to viewers', async () => {
    const admin = await t.signedIn('admin');
    const current = (await admin.get('/api/policy-versions/sfpd-psw-2017:1').expect(200)).body;
    expect(current.evaluation).toBeNull();
    // From 2024-05-02 the bulletin no longer protects 647(b) (a test edit): F2's arrest (2024-05-02) and F3's are no longer flagged under it.
    const protectedCharges = { ...current.document.protectedCharges, codes: current.document.protectedCharges.codes.filter((c: string) => c !== 'PC 647(b)') };
    await admin.post('/api/policy-versions').send({ document: { ...current.document, effectiveFrom: '2024-05-02', changeReason: 'test: without 647(b)', protectedCharges } }).expect(201);
    let outcome: EvaluationOutcome | null = null;
    for (let i = 0; i < 200 && outcome?.state !== 'done'; i++) {
      outcome = (await admin.get('/api/policy-versions/sfpd-psw-2017:2').expect(200)).body.evaluation;
      await new Promise((r) => setTimeout(r, 50));
    }
    // F2's and F3's cases stay current by their PC 647.3 flags, with one rule fewer: changed.
    expect(outcome).toMatchObject({
      state: 'done',
      trigger: 'policy-change',
      scope: 'full',
      flags: { new: 0, changed: 0, withdrawn: 2, unchanged: 2, current: 2 },
      cases: { new: 0, changed: 2, withdrawn: 0, unchanged: 0, current: 2 },
    });
    const viewer = await t.signedIn('viewer');
    expect((await viewer.get('/api/policy-versions/sfpd-psw-2017:2').expect(200)).body.evaluation).toBeNull();
  });
});
