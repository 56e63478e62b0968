/**
 * A version's count of flags. Viewers are told no such count (issue 12: the server sends null and the pages show
 * neither the column nor the fact), so there is nothing to draw for null.
 */
export const FlagCount = ({ value, testId }: { value: number | null; testId?: string }) =>
  value === null ? null : <span data-testid={testId}>{value.toLocaleString('en-US')}</span>;
