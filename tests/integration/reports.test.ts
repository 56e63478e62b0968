import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { unzipSync, strFromU8 } from 'fflate';
import type { ReportDocument } from '@sra/contracts';
import { EvaluationService } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { ReportsScheduler } from '../../apps/api/src/reports/reports.scheduler';
import { renderReportPdf } from '../../apps/api/src/reports/pdf/report-pdf';
import { buildReportDocument } from '../../libs/reports/src/document';
import { CASE_SENTENCE_1, CASE_SENTENCE_2, mayCasesReport } from '../../libs/reports/src/fixtures';
import { csv, DA_HEADER, ingest, PERSON_HEADER, rekey, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { binary, expectWellMadePdf, pdfPages, pdfText } from '../support/files';
import { childEnv, runCli, tempDir } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';


/*
 * Monthly compliance reports on hand-made data (a database of its own). March 2024, three robbery victims:
 *   981000001 Mission    KP-1 arrested by SFPD the same evening for 647(b): high under sfpd-psw-2017 and ca-pc-647.3
 *   981000002 Mission    KP-2 nothing
 *   981000003 Tenderloin KP-3 charged by the DA (647B/M/0): high under sfda-psw-2018
 * April 2024: 981000004 Bayview, KP-4, nothing (a month for the scheduler).
 * Worked by hand: each report rule has 3 eligible reports and 1 flagged report in March. Issue 11: KA-1 breaches two
 * rules (the SFPD bulletin and PC 647.3): one case with two flags; KD-3 one case with one flag. The month: 3 eligible
 * reports, 2 flagged reports, 2 cases, 3 flags.
 */
let t: TestApp;
type Agent = Awaited<ReturnType<TestApp['signedIn']>>;
let analyst: Agent;
let reviewer: Agent;
let viewer: Agent;
const INCIDENT_NUMBERS = ['981000001', '981000002', '981000003', '981000004', '981000005'];
const PERSONS = ['KP-000001', 'KP-000002', 'KP-000003', 'KP-000004', 'KP-000005'];

beforeAll(async () => {
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET, AUDIT_REPORT_SCHEDULER: 'false' });
  const row = (n: number, day: string, district: string) => [`${day}T20:00`, `${day}T21:00`, `K10${n}03074`, `K10${n}`, `98100000${n}`, '03074', 'Robbery', district];
  await ingest(
    t,
    'incidents',
    csv([
      SHORT_INCIDENT_HEADER,
      row(1, '2024-03-05', 'Mission'),
      row(2, '2024-03-12', 'Mission'),
      row(3, '2024-03-19', 'Tenderloin'),
      row(4, '2024-04-02', 'Bayview'),
    ]),
  );
  await ingest(t, 'incident-persons', csv([PERSON_HEADER, ...[1, 2, 3, 4].map((n) => [`98100000${n}`, `KP-00000${n}`, 'victim'])]));
  await ingest(
    t,
    'arrests',
    csv([
      SHORT_ARREST_HEADER,
      ['KA-1', '981000001', 'KP-000001', '2024-03-05T22:00', 'SFPD', 'booked', '647(b) PC'],
    ]),
  );
  await ingest(
    t,
    'da-decisions',
    csv([DA_HEADER, ['KD-3', '981000003', 'KP-000003', 'Charged', '2024-03-21', '', '647B/M/0']]),
  );
  await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
  analyst = await t.signedIn('analyst', 'ann.analyst@example.org');
  reviewer = await t.signedIn('reviewer');
  viewer = await t.signedIn('viewer');
});
afterAll(async () => t?.close());

const download = async (agent: Agent, id: string, edition: string, format: string): Promise<Buffer> => {
  const res = await agent.get(`/api/reports/${id}/files/${edition}/${format}`).buffer(true).parse(binary).expect(200);
  return res.body as Buffer;
};
const csvFiles = (zip: Buffer): Record<string, string> => Object.fromEntries(Object.entries(unzipSync(zip)).map(([name, bytes]) => [name, strFromU8(bytes)]));
const secrets = () => [...INCIDENT_NUMBERS, ...PERSONS, ...PERSONS.map((p) => rekey(p))];

describe('monthly compliance reports', () => {
  let first: { id: string; contentHash: string };

  it('analysts and admins generate; reviewers and viewers cannot', async () => {
    await viewer.post('/api/reports').send({ month: '2024-03' }).expect(403);
    await reviewer.post('/api/reports').send({ month: '2024-03' }).expect(403);
    expect((await analyst.post('/api/reports').send({ month: '2024-13' }).expect(400)).body.message).toEqual(
      expect.arrayContaining([expect.stringMatching(/month must look like 2022-05/)]),
    );
    expect((await analyst.post('/api/reports').send({ month: '2999-01' }).expect(400)).body.message).toBe('2999-01 has not begun yet');
    const res = await analyst.post('/api/reports').send({ month: '2024-03' }).expect(201);
    expect(res.body).toMatchObject({ id: '2024-03:1', month: '2024-03', version: 1, status: 'draft', generatedBy: 'ann.analyst@example.org', superseded: false });
    expect(res.body.contentHash).toMatch(/^[0-9a-f]{64}$/);
    first = res.body;
  });

  it('the internal edition has the hand-worked figures and the cases', async () => {
    const doc = (await reviewer.get(`/api/reports/${first.id}/document`).query({ edition: 'internal' }).expect(200)).body;
    expect(doc).toMatchObject({ month: '2024-03', edition: 'internal', version: 1, status: 'draft', contentHash: first.contentHash });
    const text = JSON.stringify(doc);
    // Each flagged case is listed with its incident number.
    expect(text).toContain('981000001');
    expect(text).toContain('981000003');
    const stored = await t.db.query(`SELECT data FROM report_version WHERE id = $1`, [first.id]);
    const data = stored[0].data;
    expect(data.rules.map((r: Record<string, unknown>) => [r.ruleId, r.eligibleReports, r.flaggedReports, r.confirmedReports, r.flags])).toEqual([
      ['sfpd-psw-2017', 3, 1, 0, 1],
      ['sfda-psw-2018', 3, 1, 0, 1],
      ['ca-pc-647.3', 3, 1, 0, 1],
    ]);
    expect(data.byDistrict).toEqual([
      { district: 'Mission', eligibleReports: 2, flaggedReports: 1, confirmedReports: 0, flags: 2, cases: 1 },
      { district: 'Tenderloin', eligibleReports: 1, flaggedReports: 1, confirmedReports: 0, flags: 1, cases: 1 },
    ]);
    // Issue 11: each agency against the reports whose reporter it later acted against (SFPD arrested KP-1, the DA
    // charged KP-3: 1 each), nothing decided yet; 3 eligible reports are too few for any rate.
    expect(data.measures).toEqual({ minRateBase: 20 });
    expect(data.agencies.map((a: Record<string, unknown>) => [a.ruleId, a.agency, a.eligibleReports, a.baseReports, a.flaggedReports, a.decidedReports])).toEqual([
      ['sfpd-psw-2017', 'SFPD', 3, 1, 1, 0],
      ['sfda-psw-2018', 'SFDA', 3, 1, 1, 0],
      ['ca-pc-647.3', 'SFPD', 3, 1, 1, 0],
    ]);
    const byRule = doc.sections.flatMap((s: { tables: Array<{ id: string; rows: unknown[][] }> }) => s.tables).find((tb: { id: string }) => tb.id === 'summary-by-rule');
    expect(byRule.rows.map((r: unknown[]) => [r[3], r[5]])).toEqual(Array(3).fill(['too few reports for a rate', 'no case reviewed yet']));
    const byAgency = doc.sections.flatMap((s: { tables: Array<{ id: string; columns: string[]; rows: unknown[][] }> }) => s.tables).find((tb: { id: string }) => tb.id === 'summary-by-rule-and-agency');
    expect(byAgency.columns[3]).toBe('Reports the agency acted on');
    expect(byAgency.rows.map((r: unknown[]) => r.slice(1, 6))).toEqual([
      ['SFPD', 3, 1, 1, 'too few reports for a rate'],
      ['SFDA', 3, 1, 1, 'too few reports for a rate'],
      ['SFPD', 3, 1, 1, 'too few reports for a rate'],
    ]);
    // Cases (issue 11): one per rule it breaches, each rule once; over every rule, 2 cases behind 2 flagged reports, 3 flags.
    expect(data.rules.map((r: Record<string, unknown>) => [r.ruleId, r.cases])).toEqual([
      ['sfpd-psw-2017', 1],
      ['sfda-psw-2018', 1],
      ['ca-pc-647.3', 1],
    ]);
    expect(data.agencies.map((a: Record<string, unknown>) => a.cases)).toEqual([1, 1, 1]);
    expect(data.overall).toEqual({ eligibleReports: 3, flaggedReports: 2, confirmedReports: 0, cases: 2, flags: 3 });
    // One row per case, not per flag: KA-1's two rules in one row, charges in plain words.
    expect(data.cases).toHaveLength(2);
    expect(data.cases.map((c: Record<string, unknown>) => ({ ...c, caseId: typeof c.caseId, sentence: typeof c.sentence }))).toEqual([
      {
        caseId: 'string',
        actionType: 'arrest',
        agency: 'SFPD',
        actionDate: '2024-03-05',
        rules: [
          { ruleId: 'sfpd-psw-2017', confidence: 'high' },
          { ruleId: 'ca-pc-647.3', confidence: 'high' },
        ],
        reportIncidentNumbers: ['981000001'],
        policeDistrict: 'Mission',
        incidentCategory: 'Robbery',
        charges: ['PC 647(b): prostitution, misdemeanor'],
        reviewStatus: 'new',
        sentence: 'string',
      },
      {
        caseId: 'string',
        actionType: 'da_decision',
        agency: 'SFDA',
        actionDate: '2024-03-21',
        rules: [{ ruleId: 'sfda-psw-2018', confidence: 'high' }],
        reportIncidentNumbers: ['981000003'],
        policeDistrict: 'Tenderloin',
        incidentCategory: 'Robbery',
        charges: ['PC 647(b): prostitution, misdemeanor'],
        reviewStatus: 'new',
        sentence: 'string',
      },
    ]);
    // The case ids are the cases list's.
    const listed = (await reviewer.get('/api/cases').query({ filter: JSON.stringify({ status: 'current' }), sort: JSON.stringify(['actionDate', 'ASC']) }).expect(200)).body;
    expect(data.cases.map((c: { caseId: string }) => c.caseId)).toEqual(listed.map((c: { id: string }) => c.id));
    const casesTable = doc.sections.flatMap((s: { tables: Array<{ id: string; rows: unknown[][] }> }) => s.tables).find((tb: { id: string }) => tb.id === 'flagged-cases');
    expect(casesTable.rows).toHaveLength(2);
    expect(casesTable.rows[0].slice(1, 7)).toEqual([
      'Arrest by SFPD on 2024-03-05',
      'PC 647(b): prostitution, misdemeanor',
      // The rules by their policies' titles, each with its confidence.
      'SFPD does not arrest sex workers who report violent crime (high); No arrest in California of sex workers who report violent crime (high)',
      '981000001',
      'Mission, Robbery',
      'New',
    ]);
    expect(data.dataBasis).toMatchObject({ arrests: 1, arrestsLinked: 1, rejectedRows: 0 });
    expect(data.dataBasis.batches).toHaveLength(4);
    expect(data.trend).toHaveLength(13 * 3);
  });

  it('matches the dashboard: the per-rule figures equal the measures API for the month', async () => {
    const data = (await t.db.query(`SELECT data FROM report_version WHERE id = $1`, [first.id]))[0].data;
    const measures = (await reviewer.get('/api/measures').query({ from: '2024-03', to: '2024-03' }).expect(200)).body;
    const figures = (rows: Array<Record<string, unknown>>) => rows.map((r) => [r.ruleId, r.eligibleReports, r.flaggedReports, r.confirmedReports]).sort();
    expect(figures(data.rules)).toEqual(figures(measures.rows));
    const dashboard = (await reviewer.get('/api/dashboard').query({ from: '2024-03', to: '2024-03' }).expect(200)).body;
    expect(data.byDistrict.reduce((sum: number, d: { flags: number }) => sum + d.flags, 0)).toBe(dashboard.overall.flags);
    // Every rule together, reports, cases and flags are the dashboard's for the same month (2, 2, 3 by hand).
    const pick = (o: Record<string, unknown>) => [o.eligibleReports, o.flaggedReports, o.confirmedReports, o.cases, o.flags];
    expect(pick(dashboard.overall)).toEqual([3, 2, 0, 2, 3]);
    expect(pick(data.overall)).toEqual(pick(dashboard.overall));
  });

  it('drafts are for case-level roles: a viewer asking for one gets 404, as for a report that does not exist', async () => {
    // Issue 12: nothing tells a viewer a draft exists, not the list, the record, the document or a file.
    expect((await viewer.get('/api/reports').expect(200)).body).toEqual([]);
    expect((await viewer.get('/api/reports').query({ filter: JSON.stringify({ status: ['draft'] }) }).expect(200)).body).toEqual([]);
    expect((await viewer.get('/api/reports').query({ filter: JSON.stringify({ id: [first.id] }) }).expect(200)).body).toEqual([]);
    const missing = (await viewer.get('/api/reports/2024-03:99').expect(404)).body.message;
    expect((await viewer.get(`/api/reports/${first.id}`).expect(404)).body.message).toBe(missing.replace('2024-03:99', first.id));
    await viewer.get(`/api/reports/${first.id}/document`).expect(404);
    for (const edition of ['public', 'internal']) {
      for (const format of ['pdf', 'csv', 'json']) await viewer.get(`/api/reports/${first.id}/files/${edition}/${format}`).expect(404);
    }
    // Case-level roles see the draft.
    expect((await reviewer.get('/api/reports').expect(200)).body.map((r: { id: string; status: string }) => [r.id, r.status])).toEqual([[first.id, 'draft']]);
    await reviewer.get(`/api/reports/${first.id}/document`).expect(200);
    await reviewer.get(`/api/reports/${first.id}/files/public/pdf`).expect(200);
  });

  it('the public edition holds no incident number, person key or small count, in the PDF text and every CSV', async () => {
    const pdf = await download(reviewer, first.id, 'public', 'pdf');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('Public edition');
    expect(text).toContain(first.contentHash);
    expect(text).toContain('<11');
    for (const secret of secrets()) expect(text).not.toContain(secret);
    // Issue 12: March's flags by district (Mission 2, Tenderloin 1) and by category (Robbery 3) are all hidden: each
    // chart is a sentence, not empty axes. No month of the trend has 20 eligible reports: no rate to draw either.
    const words = text.replace(/\s+/g, ' ');
    expect(words.split('Every count in this chart is under 11 or hidden to protect one: nothing to draw.').length - 1).toBe(2);
    expect(words).toContain('No month has a rate to draw: each had fewer than 20 eligible reports, or rests on a count under 11 or hidden to protect one.');

    const files = csvFiles(await download(reviewer, first.id, 'public', 'csv'));
    expect(Object.keys(files).length).toBeGreaterThan(3);
    for (const [name, content] of Object.entries(files)) {
      for (const secret of secrets()) expect(`${name}: ${content.includes(secret)}`).toBe(`${name}: false`);
    }
    // Every count about people is 0 or suppressed here (all are below 11): no cell is a bare number from 1 to 10,
    // except counts of files and rows (the files loaded, rows rejected), which are not about people.
    for (const [name, content] of Object.entries(files)) {
      if (/batch|policies/i.test(name)) continue;
      const lines = content.split(/\r?\n/).slice(1).filter((line) => !/^"?(Files loaded|Rows rejected)/.test(line));
      const cells = lines.flatMap((line) => line.split(','));
      expect(`${name}: ${cells.filter((c) => /^(10|[1-9])$/.test(c.replace(/"/g, '').trim())).join(' ')}`).toBe(`${name}: `);
    }
    const json = (await reviewer.get(`/api/reports/${first.id}/document`).query({ edition: 'public' }).expect(200)).body;
    expect(json.edition).toBe('public');
    for (const secret of secrets()) expect(JSON.stringify(json)).not.toContain(secret);
  });

  it('the internal edition is case-level', async () => {
    const pdf = await download(reviewer, first.id, 'internal', 'pdf');
    const text = await pdfText(pdf);
    expect(text).toContain('Internal edition');
    // Every count known: the bars are drawn.
    expect(text.replace(/\s+/g, ' ')).not.toContain('nothing to draw');
    expect(text).toContain('981000001');
    await reviewer.get(`/api/reports/${first.id}/files/internal/docx`).expect(400);
  });

  it('the PDFs are well made (issue 14): no blank page, headers on content pages, embedded fonts, title, language, tags, zoned times', async () => {
    for (const edition of ['public', 'internal'] as const) {
      const doc = (await reviewer.get(`/api/reports/${first.id}/document`).query({ edition }).expect(200)).body as ReportDocument;
      const read = await expectWellMadePdf(await download(reviewer, first.id, edition, 'pdf'), doc.title, /^Safe reporting compliance report, .* · version \d+ · [0-9a-f]{12}$/);
      const lines = read.pages.join('\n').split('\n').map((line) => line.trim());
      const words = read.pages.join(' ').replace(/\s+/g, ' ');
      const charts = doc.sections.flatMap((s) => s.charts);
      for (const c of charts) {
        if (c.nothingToDraw) expect(words).toContain(c.nothingToDraw);
        // A chart drawn has something above zero to draw (never axes over nothing, labelled 1, 1, 1, 0, 0).
        else expect(`${c.id}: ${c.unit === '%' || c.series.some((s) => s.values.some((v) => v !== null && v > 0))}`).toBe(`${c.id}: true`);
      }
      // Axis labels are distinct: no 1, 1, 1 from rounding quarter steps.
      expect(lines.join('\n')).not.toMatch(/^1\n1\n1$/m);
      if (edition === 'public') {
        expect(charts.filter((c) => c.nothingToDraw).length).toBeGreaterThan(0);
        continue;
      }
      // Every incident number and case id of the case table found whole on one line of the text.
      const table = doc.sections.flatMap((s) => s.tables).find((x) => x.id === 'flagged-cases')!;
      const tokens = table.rows.flatMap((row) => [String(row[0]), ...String(row[4]).split(', ')]);
      expect(tokens.length).toBeGreaterThan(2);
      for (const token of tokens) expect(`${token}: ${lines.some((line) => line.includes(token))}`).toBe(`${token}: true`);
    }
  });

  it('the case table gives "What happened" the width: a month of 40 cases takes few pages (issue 14)', async () => {
    // 40 cases of the shape the app makes (32-character ids, two sentences' lengths, one or two charges, two rules'
    // titles). With the whole id as the first column a full page held 5 or 6 of them, over 8 pages; named by their
    // 8-character reference, 7 a page over 7 pages; with "What happened" drawn under each row across the page and the
    // columns laid out from rows of the whole table (not its first 12), 10 a page over 4 pages (all measured).
    const data = mayCasesReport();
    const [one, two] = data.cases as Array<Extract<(typeof data.cases)[number], { caseId: string }>>;
    data.cases = Array.from({ length: 40 }, (_, i) => {
      const incident = `2205${String(i).padStart(5, '0')}`;
      const base = i % 2 === 0 ? one : two;
      const sentence = (i % 2 === 0 ? CASE_SENTENCE_1.replace('220301234', incident) : CASE_SENTENCE_2.replace('220309876', incident));
      return { ...base, caseId: createHash('sha256').update(String(i)).digest('hex').slice(0, 32), reportIncidentNumbers: [incident], sentence };
    });
    const doc = buildReportDocument(data, { edition: 'internal', version: 1, status: 'draft', generatedAt: '2022-06-03T08:05:00Z', contentHash: 'a'.repeat(64) });
    const table = doc.sections.flatMap((s) => s.tables).find((x) => x.id === 'flagged-cases')!;
    // The reader finds a case in the app by its reference: the start of its id.
    expect(table.rows.map((row) => row[0]).sort()).toEqual(data.cases.map((c) => ('caseId' in c ? c.caseId.slice(0, 8) : '')).sort());
    const pdf = await renderReportPdf(doc);
    // A picture for a person to look at, when asked (as the e2e tests do).
    if (process.env.SRA_E2E_LOOK_DIR) fs.writeFileSync(path.join(process.env.SRA_E2E_LOOK_DIR, 'report-internal-40-cases.pdf'), pdf);
    const read = await pdfPages(pdf);
    const perPage = read.pages.map((page) => data.cases.filter((c) => 'reportIncidentNumbers' in c && page.includes(c.reportIncidentNumbers[0]!)).length);
    // Every case once, whole, and the table's full pages (all but its first and last) each hold many cases.
    expect(perPage.reduce((a, b) => a + b, 0)).toBe(40);
    const tablePages = perPage.filter((n) => n > 0);
    expect(Math.min(...tablePages.slice(1, -1))).toBeGreaterThanOrEqual(9);
    expect(tablePages.length).toBeLessThanOrEqual(5);
    // The sentence runs under its row, named, and whole on one page with it.
    expect(read.pages.join('\n').match(/What happened: Reported/g)).toHaveLength(40);
  });

  it('a snapshot does not change after new data; generating again makes a new version', async () => {
    const before = await t.db.query(`SELECT edition, format, status, sha256 FROM report_file WHERE report_id = $1 ORDER BY 1, 2, 3`, [first.id]);
    const beforeDoc = (await reviewer.get(`/api/reports/${first.id}/document`).query({ edition: 'internal' }).expect(200)).body;
    // A late arrest: KP-2 arrested in March for 647(b) PC, in the reported incident.
    await ingest(
      t,
      'arrests',
      csv([
        SHORT_ARREST_HEADER,
        ['KA-2', '981000002', 'KP-000002', '2024-03-12T23:00', 'SFPD', 'booked', '647(b) PC'],
      ]),
    );
    await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
    expect(await t.db.query(`SELECT edition, format, status, sha256 FROM report_file WHERE report_id = $1 ORDER BY 1, 2, 3`, [first.id])).toEqual(before);
    expect((await reviewer.get(`/api/reports/${first.id}/document`).query({ edition: 'internal' }).expect(200)).body).toEqual(beforeDoc);

    const second = (await analyst.post('/api/reports').send({ month: '2024-03' }).expect(201)).body;
    expect(second).toMatchObject({ id: '2024-03:2', version: 2, status: 'draft' });
    expect(second.contentHash).not.toBe(first.contentHash);
    const data = (await t.db.query(`SELECT data FROM report_version WHERE id = '2024-03:2'`))[0].data;
    expect(data.rules[0]).toMatchObject({ ruleId: 'sfpd-psw-2017', eligibleReports: 3, flaggedReports: 2, flags: 2 });
    expect((await analyst.get('/api/reports/2024-03:1').expect(200)).body.superseded).toBe(true);
    await expect(t.db.query(`UPDATE report_version SET content_hash = 'x' WHERE id = '2024-03:1'`)).rejects.toThrow(/immutable/);
    await expect(t.db.query(`DELETE FROM report_version WHERE id = '2024-03:1'`)).rejects.toThrow(/permission denied/);
    await expect(t.db.query(`DELETE FROM report_file WHERE report_id = '2024-03:1'`)).rejects.toThrow(/permission denied/);
    await expect(t.ownerQuery(`DELETE FROM report_version WHERE id = '2024-03:1'`)).rejects.toThrow(/immutable/);
    await expect(t.ownerQuery(`DELETE FROM report_file WHERE report_id = '2024-03:1'`)).rejects.toThrow(/immutable/);
  });

  it('publishing: the latest version only, once; after that a new version needs a reason, and the old stays downloadable', async () => {
    expect((await analyst.post('/api/reports/2024-03:1/publish').send({}).expect(409)).body.message).toMatch(/newer version of 2024-03 exists \(version 2\)/);
    await reviewer.post('/api/reports/2024-03:2/publish').send({}).expect(403);
    const published = (await analyst.post('/api/reports/2024-03:2/publish').send({}).expect(201)).body;
    expect(published).toMatchObject({ status: 'published', publishedBy: 'ann.analyst@example.org' });
    await analyst.post('/api/reports/2024-03:2/publish').send({}).expect(409);
    const text = await pdfText(await download(viewer, '2024-03:2', 'public', 'pdf'));
    expect(text).toContain('published');

    expect((await analyst.post('/api/reports').send({ month: '2024-03' }).expect(400)).body.message).toMatch(/already published \(version 2\): a new version needs a reason/);
    const third = (await analyst.post('/api/reports').send({ month: '2024-03', reason: 'A reviewer confirmed a case' }).expect(201)).body;
    expect(third).toMatchObject({ version: 3, reason: 'A reviewer confirmed a case' });
    await analyst.post('/api/reports/2024-03:3/publish').send({}).expect(201);
    // Version 2 (published) stays downloadable.
    expect((await download(viewer, '2024-03:2', 'public', 'pdf')).subarray(0, 5).toString()).toBe('%PDF-');
    // A published version is the public edition only for a viewer.
    await viewer.get('/api/reports/2024-03:3/document').query({ edition: 'internal' }).expect(403);
    await viewer.get('/api/reports/2024-03:3/files/internal/pdf').expect(403);
    expect((await viewer.get('/api/reports/2024-03:3/document').expect(200)).body).toMatchObject({ edition: 'public', version: 3, status: 'published' });
    const byVersion = { filter: JSON.stringify({ month: '2024-03' }), sort: JSON.stringify(['version', 'ASC']) };
    const rows = (body: Array<{ version: number; status: string; superseded: boolean }>) => body.map((r) => [r.version, r.status, r.superseded]);
    expect(rows((await analyst.get('/api/reports').query(byVersion).expect(200)).body)).toEqual([
      [1, 'draft', true],
      [2, 'published', true],
      [3, 'published', false],
    ]);
    // Version 1, never published, is not there for a viewer.
    const list = await viewer.get('/api/reports').query(byVersion).expect(200);
    expect(list.headers['content-range']).toMatch(/\/2$/);
    expect(rows(list.body)).toEqual([
      [2, 'published', true],
      [3, 'published', false],
    ]);
    await viewer.get('/api/reports/2024-03:1').expect(404);
    // At a glance (with the late arrest): 3 eligible reports (each once), 3 flagged (KP-1, KP-2, KP-3), 5 flags (2 + 2 + 1):
    // hidden from a viewer as small counts.
    expect(list.body.map((r: Record<string, unknown>) => [r.eligibleReports, r.flaggedReports, r.flags])).toEqual([
      [null, null, null],
      [null, null, null],
    ]);
    const forAnalyst = (await analyst.get('/api/reports/2024-03:3').expect(200)).body;
    expect([forAnalyst.eligibleReports, forAnalyst.flaggedReports, forAnalyst.flags]).toEqual([3, 3, 5]);
  });

  it('the command line writes the same report, reusing the latest version while the data is unchanged', async () => {
    const dir = tempDir('report-cli');
    const env = childEnv({ DATABASE_URL: t.databaseUrl, PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });
    const out = path.join(dir, 'march.pdf');
    const run = await runCli(['report', '--month', '2024-03', '--edition', 'public', '--format', 'pdf', '--out', out], env);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ report: '2024-03:3', version: 3, status: 'published', edition: 'public', format: 'pdf', file: out });
    expect(fs.readFileSync(out)).toEqual(await download(viewer, '2024-03:3', 'public', 'pdf'));
    const csvRun = await runCli(['report', '--month', '2024-03', '--edition', 'internal', '--format', 'csv', '--out', path.join(dir, 'march.zip')], env);
    expect(csvRun.code).toBe(0);
    expect(Object.values(csvFiles(fs.readFileSync(path.join(dir, 'march.zip')))).join('\n')).toContain('981000002');
    const bad = await runCli(['report', '--month', '2024-03', '--edition', 'press', '--out', out], env);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--edition must be one of internal, public/);
  });

  it('the scheduler drafts the previous month on the 1st, once, and skips a month with nothing eligible', async () => {
    const scheduler = t.app.get(ReportsScheduler);
    expect(await scheduler.runOnce(new Date('2024-05-01T09:00:00Z'))).toBe('2024-04');
    expect((await analyst.get('/api/reports/2024-04:1').expect(200)).body).toMatchObject({ status: 'draft', generatedBy: 'scheduler' });
    expect(await scheduler.runOnce(new Date('2024-05-02T09:00:00Z'))).toBeNull();
    expect(await scheduler.runOnce(new Date('2024-07-01T09:00:00Z'))).toBeNull();
  });

  it('a draft over a published version: a viewer still sees the published one as the latest', async () => {
    await analyst.post('/api/reports').send({ month: '2024-03', reason: 'Checking a late file' }).expect(201);
    expect((await analyst.get('/api/reports/2024-03:3').expect(200)).body.superseded).toBe(true);
    // Version 4 is a draft: for a viewer, version 3 is still the month's latest, and nothing hints at version 4.
    expect((await viewer.get('/api/reports/2024-03:3').expect(200)).body.superseded).toBe(false);
    await viewer.get('/api/reports/2024-03:4').expect(404);
    const months = (await viewer.get('/api/reports').query({ sort: JSON.stringify(['version', 'ASC']) }).expect(200)).body;
    expect(months.map((r: { id: string }) => r.id)).toEqual(['2024-03:2', '2024-03:3']);
  });
});
