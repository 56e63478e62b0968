import { formatDay } from './words';

/** A `YYYY-MM-DD` date written for people ("Jan 1, 2020"), machine-readable in `dateTime`. */
export const Day = ({ iso, testId }: { iso: string; testId?: string }) => (
  <time dateTime={iso} data-testid={testId} style={{ whiteSpace: 'nowrap' }}>
    {formatDay(iso)}
  </time>
);
