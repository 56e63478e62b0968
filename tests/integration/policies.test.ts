import { startTestApp, type TestApp } from '../support/test-app';

/** The policy versions API: everyone reads; admins add versions; a version is never changed in place. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t?.close());

async function waitFor<T>(probe: () => Promise<T | null | undefined>, what: string, timeoutMs = 20_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('policy versions', () => {
  it('are listed to any signed-in role, with dates in force and the provenance of each list', async () => {
    const viewer = await t.signedIn('viewer');
    const res = await viewer.get('/api/policy-versions').query({ sort: JSON.stringify(['ruleId', 'ASC']) }).expect(200);
    expect(res.headers['content-range']).toBe('policy-versions 0-3/4');
    expect(res.body.map((v: { id: string }) => v.id)).toEqual(['ca-pc-647.3:1', 'ca-sb357-repeal:1', 'sfda-psw-2018:1', 'sfpd-psw-2017:1']);
    const sfpd = res.body[3];
    // A viewer is told no version's count of flags (issue 12); case-level roles are.
    expect(sfpd).toMatchObject({ ruleId: 'sfpd-psw-2017', version: 1, effectiveFrom: '2017-12-01', effectiveUntil: null, flagCount: null });
    expect(res.body.map((v: { flagCount: number | null }) => v.flagCount)).toEqual([null, null, null, null]);
    const reviewer = await t.signedIn('reviewer');
    const forReviewer = (await reviewer.get('/api/policy-versions').query({ sort: JSON.stringify(['ruleId', 'ASC']) }).expect(200)).body;
    expect(forReviewer.map((v: { flagCount: number | null }) => v.flagCount)).toEqual([0, 0, 0, 0]);
    expect(sfpd.provenance).toEqual({ qualification: 'secondary', protectedCharges: expect.stringMatching(/^(verified|secondary|inferred)$/) });
    await t.request().get('/api/policy-versions').expect(401);
  });

  it('show one version with its whole document', async () => {
    const viewer = await t.signedIn('viewer');
    const res = await viewer.get('/api/policy-versions/ca-pc-647.3:1').expect(200);
    expect(res.body.document).toMatchObject({ ruleId: 'ca-pc-647.3', version: 1, effectiveFrom: '2020-01-01' });
    expect(res.body.document.qualification.codes).toEqual(['04144', '15040', '19057']);
    await viewer.get('/api/policy-versions/ca-pc-647.3:9').expect(404);
  });

  it('refuse a new version to anyone but an admin', async () => {
    const analyst = await t.signedIn('analyst');
    const current = (await analyst.get('/api/policy-versions/ca-pc-647.3:1').expect(200)).body.document;
    await analyst.post('/api/policy-versions').send({ document: { ...current, effectiveFrom: '2031-01-01', changeReason: 'no' } }).expect(403);
  });

  it('take a new version from an admin: numbered after the latest, the earlier one ends the day before, the diff shows the change, flags are re-evaluated', async () => {
    const admin = await t.signedIn('admin', 'policy-admin@example.org');
    const current = (await admin.get('/api/policy-versions/ca-pc-647.3:1').expect(200)).body.document;
    const edited = {
      ...current,
      version: 99, // the server numbers versions
      effectiveFrom: '2030-01-01',
      changeReason: 'Add simple battery (test)',
      qualification: { ...current.qualification, codes: [...current.qualification.codes, '04134'] },
    };
    const created = await admin.post('/api/policy-versions').send({ document: edited }).expect(201);
    expect(created.body).toMatchObject({ id: 'ca-pc-647.3:2', version: 2, effectiveFrom: '2030-01-01', changeReason: 'Add simple battery (test)', createdBy: 'policy-admin@example.org' });
    expect(created.body.document.version).toBe(2);

    const list = await admin.get('/api/policy-versions').query({ filter: JSON.stringify({ ruleId: 'ca-pc-647.3' }), sort: JSON.stringify(['version', 'ASC']) }).expect(200);
    expect(list.body.map((v: { id: string; effectiveUntil: string | null }) => [v.id, v.effectiveUntil])).toEqual([
      ['ca-pc-647.3:1', '2029-12-31'],
      ['ca-pc-647.3:2', null],
    ]);
    const diff = await admin.get('/api/policy-versions/ca-pc-647.3:2/diff').query({ against: 'ca-pc-647.3:1' }).expect(200);
    expect(diff.body).toEqual(
      expect.arrayContaining([
        { path: 'qualification.codes', change: 'added', after: '04134' },
        { path: 'effectiveFrom', change: 'changed', before: '2020-01-01', after: '2030-01-01' },
      ]),
    );
    const run = await waitFor(async () => {
      const rows: Array<{ status: string; requested_by: string }> = await t.db.query(`SELECT status, requested_by FROM evaluation_run WHERE trigger = 'policy-change'`);
      return rows.find((r) => r.status === 'done');
    }, 'the re-evaluation after the policy change');
    expect(run.requested_by).toBe('policy-admin@example.org');
    const audit: Array<{ actor_email: string }> = await t.db.query(`SELECT actor_email FROM audit_log WHERE action = 'POST /api/policy-versions' AND outcome = 'success'`);
    expect(audit).toEqual([{ actor_email: 'policy-admin@example.org' }]);
  });

  it('refuse an invalid version, listing every problem, and a date not after the latest version', async () => {
    const admin = await t.signedIn('admin');
    const current = (await admin.get('/api/policy-versions/sfpd-psw-2017:1').expect(200)).body.document;
    const invalid = await admin
      .post('/api/policy-versions')
      .send({ document: { ...current, effectiveFrom: '2031-02-30', changeReason: '', protectedCharges: { ...current.protectedCharges, codes: ['PC 647(b)', 'not a code'] } } })
      .expect(400);
    const paths = invalid.body.problems.map((p: { path: string }) => p.path);
    expect(paths).toEqual(expect.arrayContaining(['effectiveFrom', 'changeReason']));
    expect(paths.some((p: string) => p.startsWith('protectedCharges.codes'))).toBe(true);

    const early = await admin.post('/api/policy-versions').send({ document: { ...current, effectiveFrom: '2017-01-01', changeReason: 'too early' } }).expect(409);
    expect(early.body.message).toMatch(/2017-12-01|after|before/);
    const sameDay = await admin.post('/api/policy-versions').send({ document: { ...current, effectiveFrom: '2017-12-01', changeReason: 'same day' } }).expect(409);
    expect(sameDay.body.message).toMatch(/already takes effect on 2017-12-01/);
    const versions: Array<{ n: number }> = await t.db.query(`SELECT count(*)::int AS n FROM policy_version WHERE rule_id = 'sfpd-psw-2017'`);
    expect(versions[0].n).toBe(1);
  });
});
