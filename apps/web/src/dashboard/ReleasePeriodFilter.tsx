import type { ChangeEvent } from 'react';
import { Box, TextField } from '@mui/material';
import type { DashboardQuery, DashboardRelease, ReleasePeriod, ReleasePeriodKind } from '@sra/contracts';

const GROUPS: ReadonlyArray<{ kind: ReleasePeriodKind; label: string }> = [
  { kind: 'year', label: 'Years' },
  { kind: 'quarter', label: 'Quarters' },
  { kind: 'month', label: 'Months' },
];

/** The periods of one kind, newest first (ids sort as dates: `2021`, `2021-Q3`, `2021-07`). */
function periodsOf(periods: readonly ReleasePeriod[], kind: ReleasePeriodKind): ReleasePeriod[] {
  return periods.filter((p) => p.kind === kind).sort((a, b) => b.id.localeCompare(a.id));
}

/**
 * A viewer's only filter (issue 12): one whole month, quarter or year of the released set. Every rule and agency,
 * medium confidence and above, are fixed, so choosing a period sets the two months and nothing else.
 */
export const ReleasePeriodFilter = ({ release, onChange }: { release: DashboardRelease; onChange: (next: DashboardQuery) => void }) => {
  // The period shown is always a choice, even if the list were to leave it out.
  const choices = release.periods.some((p) => p.id === release.period.id) ? release.periods : [release.period, ...release.periods];
  const change = (event: ChangeEvent<HTMLInputElement>) => {
    const period = choices.find((p) => p.id === event.target.value);
    if (period) onChange({ from: period.from, to: period.to });
  };
  return (
    <Box component="form" role="search" aria-label="Dashboard period" onSubmit={(event) => event.preventDefault()} sx={{ maxWidth: '22rem' }}>
      <TextField
        select
        label="Period"
        value={release.period.id}
        onChange={change}
        slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'filter-period' } }}
        helperText="A whole year, quarter or month"
        size="small"
        fullWidth
      >
        {GROUPS.map(({ kind, label }) => {
          const periods = periodsOf(choices, kind);
          return periods.length ? (
            <optgroup key={kind} label={label}>
              {periods.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </optgroup>
          ) : null;
        })}
      </TextField>
    </Box>
  );
};
