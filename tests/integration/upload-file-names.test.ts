import { csv, SHORT_INCIDENT_HEADER } from '../support/ingest-helpers';
import { startRecordsApp } from '../support/records-fixture';
import type { TestApp } from '../support/test-app';

/*
 * Issue 13, security 9: an upload's file name is whatever the client sends. The batch history keeps a bounded,
 * printable name (the rules and their cases: libs/import-formats/src/file-name.spec.ts), and a browser's UTF-8
 * name arrives as the person wrote it.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startRecordsApp();
});
afterAll(async () => t?.close());

const FILE = Buffer.from(csv([SHORT_INCIDENT_HEADER, ['2024-06-01T10:00', '2024-06-01T11:00', 'R-1', 'I-1', '970000001', '03074', 'Robbery', 'Mission']]));

async function storedName(sent: string): Promise<string> {
  const analyst = await t.signedIn('analyst');
  const res = await analyst.post('/api/ingest/incidents').attach('file', FILE, sent).expect(200);
  const batch = await analyst.get(`/api/import-batches/${res.body.batchId}`).expect(200);
  return batch.body.fileName as string;
}

describe('the file name an upload is recorded under', () => {
  it('is the name a browser sent in UTF-8, read as UTF-8', async () => {
    expect(await storedName('Déclarations de mars – SFPD.csv')).toBe('Déclarations de mars – SFPD.csv');
  });

  it('loses a right-to-left override that would show "...vsc.exe" as "...exe.csv"', async () => {
    expect(await storedName('incidents\u202Evsc.exe')).toBe('incidents vsc.exe');
  });

  it('is at most 120 characters, keeping its start and extension', async () => {
    const stored = await storedName(`${'a'.repeat(2000)}.csv`);
    expect(Array.from(stored)).toHaveLength(120);
    expect(stored).toMatch(/^a+….csv$/);
  });
});
