import { DEFAULT_SUPPRESSION_THRESHOLD } from '@sra/contracts';

/** A version's count of flags; null when the server hid it from a viewer (a small count about people's cases). */
export const FlagCount = ({ value, testId }: { value: number | null; testId?: string }) =>
  value === null ? (
    <abbr title={`Fewer than ${DEFAULT_SUPPRESSION_THRESHOLD}: small counts are hidden to protect the people in these cases.`} data-testid={testId}>
      {`<${DEFAULT_SUPPRESSION_THRESHOLD}`}
    </abbr>
  ) : (
    <span data-testid={testId}>{value.toLocaleString('en-US')}</span>
  );
