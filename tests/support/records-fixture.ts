import { EvaluationService, type EvaluationSummary } from '../../apps/api/src/compliance/evaluation/evaluation.service';
import { csv, ingest, TEST_PERSON_KEY_SECRET } from './ingest-helpers';
import { startTestApp, type TestApp } from './test-app';

/*
 * Hand-made records for a test with a database of its own: a fresh app keying persons with the test secret, the
 * record files loaded in the order their references need, and one evaluation on demand.
 */

/** A fresh app on a fresh database, keying persons with the test secret. */
export const startRecordsApp = (): Promise<TestApp> => startTestApp({ PERSON_KEY_SECRET: TEST_PERSON_KEY_SECRET });

type Rows = Array<Array<string | number>>;
const ORDER = ['incidents', 'incident-persons', 'arrests', 'da-decisions'] as const;

/** Loads each kind given (a header row, then rows) as one file: incidents, their persons, arrests, DA decisions. */
export async function loadRecords(t: TestApp, files: Partial<Record<(typeof ORDER)[number], Rows>>): Promise<void> {
  for (const kind of ORDER) {
    const rows = files[kind];
    if (rows) await ingest(t, kind, csv(rows));
  }
}

/** One evaluation on demand, as an analyst would ask for it. */
export const evaluateNow = (t: TestApp): Promise<EvaluationSummary> => t.app.get(EvaluationService).evaluate({ trigger: 'on-demand', requestedBy: 'test' });
