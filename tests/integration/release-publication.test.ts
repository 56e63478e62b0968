import type { ReleaseSlice } from '@sra/contracts';
import { parseCellId, ReleaseService } from '../../apps/api/src/compliance/release/release.service';
import { DemoService } from '../../apps/api/src/demo/demo.service';
import { TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Publishing is part of releasing (issue 12): a published report's cells are public from then on, every later
 * released set is built around them, and a publication whose cells would, with everything already public, let a
 * hidden count be worked out is refused.
 */

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
  await t.app.get(DemoService).load(8000, () => undefined);
}, 300_000);
afterAll(async () => t?.close());

/** An equality of the released set holding exactly two hidden counts, one of them small. */
async function pairOfHidden(): Promise<{ other: string; otherValue: number }> {
  const release = await t.app.get(ReleaseService).current();
  for (const c of release.constraints) {
    if (c.sense !== 'eq') continue;
    const hidden = c.terms.map(([id]) => id).filter((id) => release.hidden.has(id));
    if (hidden.length !== 2) continue;
    const [a, b] = hidden as [string, string];
    const small = [a, b].find((id) => (release.values.get(id) as number) < 11);
    if (!small) continue;
    const other = small === a ? b : a;
    return { other, otherValue: release.values.get(other) as number };
  }
  throw new Error('no equality with two hidden counts in this city');
}

describe('publishing a report', () => {
  it('is audited with everything already public: a report that would show the partner of a hidden count is refused', async () => {
    const { other, otherValue } = await pairOfHidden();
    const release = t.app.get(ReleaseService);
    // The partner shown: the small count is then the difference of two shown numbers.
    const leaky: ReleaseSlice = { month: parseCellId(other).period.slice(0, 7), cells: [[other, otherValue]] };
    const verdict = await release.auditPublication(leaky);
    expect(verdict.passed).toBe(false);
    expect(verdict.failures).toBeGreaterThanOrEqual(1);
    // The report's own slice passes.
    const editor = await t.signedIn('analyst');
    const month = '2021-03';
    const { body: draft } = await editor.post('/api/reports').send({ month }).expect(201);
    expect((await release.auditPublication((await t.db.query(`SELECT data->'release' AS s FROM report_version WHERE id = $1`, [draft.id]))[0].s)).passed).toBe(true);

    // A draft whose stored cells show that partner (as a report generated before the data changed could) is not published.
    const [{ data }] = await t.db.query(`SELECT data FROM report_version WHERE id = $1`, [draft.id]);
    data.release = { month, cells: [...data.release.cells, [other, otherValue]] };
    await t.db.query(
      `INSERT INTO report_version (id, month, version, status, generated_at, generated_by, data, content_hash, suppression_threshold)
       VALUES ($1, $2, 2, 'draft', now(), 'test', $3, $4, 11)`,
      [`${month}:2`, month, data, 'b'.repeat(64)],
    );
    const refused = await editor.post(`/api/reports/${encodeURIComponent(`${month}:2`)}/publish`).send({}).expect(409);
    expect(refused.body.message).toMatch(/would let \d+ hidden counts? be worked out from what is already public/);
    expect((await t.db.query(`SELECT status FROM report_version WHERE id = $1`, [`${month}:2`]))[0].status).toBe('draft');
  });

  it('makes its shown cells public: later released sets keep them shown, and are built and audited around them', async () => {
    const editor = await t.signedIn('analyst');
    const month = '2020-11';
    const { body: draft } = await editor.post('/api/reports').send({ month }).expect(201);
    await editor.post(`/api/reports/${encodeURIComponent(draft.id)}/publish`).send({}).expect(201);
    const [{ slice }] = (await t.db.query(`SELECT data->'release' AS slice FROM report_version WHERE id = $1`, [draft.id])) as Array<{ slice: ReleaseSlice }>;
    const shown = slice.cells.filter(([, v]) => v !== null);
    expect(shown.length).toBeGreaterThan(20);

    // A review changes counts elsewhere: the released set is rebuilt, and every cell the report showed is still shown.
    const reviewer = await t.signedIn('reviewer');
    const [flag] = (await reviewer.get('/api/flags').query({ range: '[0,0]', sort: JSON.stringify(['reportAt', 'DESC']) }).expect(200)).body as Array<{ id: string }>;
    await reviewer.patch(`/api/reviews/${flag!.id}`).send({ status: 'not_a_violation', note: 'test: the charge came first' }).expect(200);
    const rebuilt = await t.app.get(ReleaseService).current();
    expect(rebuilt.audit.passed).toBe(true);
    for (const [id, value] of shown) {
      if (rebuilt.values.get(id) === value) expect(rebuilt.hidden.has(id)).toBe(false);
    }
  });
});
