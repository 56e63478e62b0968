import { childEnv, runCli } from '../support/processes';
import { e2eAdminPassword, e2eUrl, signIn, useChromium, waitForFlags } from '../support/e2e';
import { csv, SHORT_INCIDENT_HEADER } from '../support/ingest-helpers';
import { tempDir } from '../support/processes';
import * as fs from 'node:fs';
import * as path from 'node:path';

/*
 * The dashboard says when the flags are not up to date with the loaded data (issue 11): a file loaded beside the
 * running server with `audit ingest --no-evaluate` waits for an evaluation; the dashboard says so until
 * `audit evaluate` has run, then the note goes. The file is one incident row no one reported as a victim, so the
 * figures other browser tests read do not change.
 */
const { newPage } = useChromium();
const cliEnv = () => childEnv({ AUDIT_DATA_DIR: process.env.SRA_E2E_DATA_DIR });

it('the dashboard says the flags are being brought up to date while a loaded file waits for its evaluation', async () => {
  const page = await newPage();
  await signIn(page, 'admin@localhost', e2eAdminPassword());
  await waitForFlags(page);

  await page.goto(`${e2eUrl()}/#/`);
  await page.locator('[data-testid="dashboard"][data-state="ready"]').waitFor({ timeout: 30_000 });
  expect(await page.getByTestId('evaluation-status').count()).toBe(0);

  const dir = tempDir('e2e-evaluation-status');
  const file = path.join(dir, 'incidents.csv');
  // Dated inside the demo city's period: the dashboard's range of loaded reports (checked by dashboard.e2e) stays.
  fs.writeFileSync(file, csv([SHORT_INCIDENT_HEADER, ['2020-02-03T10:00', '2020-02-03T11:00', 'E2E9000101', 'E2E900', '999000001', '06244', 'Larceny Theft', 'Mission']]));
  const loaded = await runCli(['ingest', 'incidents', file, '--no-evaluate'], cliEnv());
  expect(loaded.code).toBe(0);

  // Opened after the load (an open page asks again every 15 seconds).
  await page.reload();
  const note = page.getByTestId('evaluation-status');
  await note.waitFor({ timeout: 15_000 });
  expect(await note.textContent()).toContain('The flags are being brought up to date with the loaded data. 1 loaded file is still to be evaluated.');

  const evaluated = await runCli(['evaluate'], cliEnv());
  expect(evaluated.code).toBe(0);
  await note.waitFor({ state: 'detached', timeout: 15_000 });
  fs.rmSync(dir, { recursive: true, force: true });
});
