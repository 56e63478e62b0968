import type { ImportBatchResult } from '@sra/contracts';
import { Fact, Facts } from '../../components/Facts';

type Counts = Pick<ImportBatchResult, 'rowsRead' | 'inserted' | 'updated' | 'unchanged' | 'rejected'>;

const COUNTS: Array<{ key: keyof Counts; id: string; term: string; note: string }> = [
  { key: 'rowsRead', id: 'rows-read', term: 'Rows read', note: 'Data rows in the file (the header row is not counted).' },
  { key: 'inserted', id: 'inserted', term: 'Inserted', note: 'New records added.' },
  {
    key: 'updated',
    id: 'updated',
    term: 'Updated',
    note: 'Records loaded before that this file changed. Their earlier values are kept in their history.',
  },
  { key: 'unchanged', id: 'unchanged', term: 'Unchanged', note: 'Records loaded before, with the same values: nothing to change.' },
  {
    key: 'rejected',
    id: 'rejected',
    term: 'Rejected',
    note: 'Rows that failed a check and were not loaded; each is listed with the reason.',
  },
];

/**
 * What a load did, row by row. Each number sits alone in an element with the test
 * id `<testIdPrefix>-<count>` (e.g. `import-count-rows-read`), written without
 * thousands separators so that it reads back as a number.
 */
export const BatchCounts = ({ counts, testIdPrefix }: { counts: Counts; testIdPrefix: string }) => (
  <Facts>
    {COUNTS.map(({ key, id, term, note }) => (
      <Fact key={key} term={term} note={note}>
        <strong data-testid={`${testIdPrefix}-${id}`}>{String(counts[key] ?? 0)}</strong>
      </Fact>
    ))}
  </Facts>
);
