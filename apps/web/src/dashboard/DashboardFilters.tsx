import { useEffect, useState, type ChangeEvent } from 'react';
import { Box, Button, TextField } from '@mui/material';
import type { Confidence, DashboardQuery, DashboardResult } from '@sra/contracts';
import { isMonth, isThreshold, REPORT_RULES, THRESHOLDS } from './dashboardQuery';
import { formatMonth, ruleShortName, THRESHOLD_LABELS } from './format';

/** The choices offered, with the chosen value kept even when the latest figures do not list it. */
function withChosen(choices: readonly string[], chosen: string | undefined): string[] {
  return chosen && !choices.includes(chosen) ? [...choices, chosen] : [...choices];
}


/**
 * The dashboard's filters. Every change goes straight into the address (so the view can be shared); the two
 * months are written together, and only when the first is not after the last.
 */
export const DashboardFilters = ({
  filters,
  applied,
  onChange,
}: {
  /** As in the address. */
  filters: DashboardQuery;
  /** As the server applied them (defaults filled in), once known. */
  applied: DashboardResult | undefined;
  onChange: (next: DashboardQuery) => void;
}) => {
  const shownFrom = filters.from ?? applied?.query.from ?? '';
  const shownTo = filters.to ?? applied?.query.to ?? '';
  const [from, setFrom] = useState(shownFrom);
  const [to, setTo] = useState(shownTo);
  // Follow the address and the server's defaults (a reload, "Back", or the first answer).
  useEffect(() => setFrom(shownFrom), [shownFrom]);
  useEffect(() => setTo(shownTo), [shownTo]);

  const monthProblem = isMonth(from) && isMonth(to) && from > to ? `The first month must not be after the last (${formatMonth(to, true)}).` : null;

  const changeMonth = (which: 'from' | 'to') => (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value;
    const nextFrom = which === 'from' ? value : from;
    const nextTo = which === 'to' ? value : to;
    if (which === 'from') setFrom(value);
    else setTo(value);
    if (isMonth(nextFrom) && isMonth(nextTo) && nextFrom <= nextTo) onChange({ ...filters, from: nextFrom, to: nextTo });
  };

  const changeSelect = (name: 'rule' | 'agency' | 'district') => (event: ChangeEvent<HTMLInputElement>) =>
    onChange({ ...filters, [name]: event.target.value || undefined });

  const changeThreshold = (event: ChangeEvent<HTMLInputElement>) => {
    const value = event.target.value;
    onChange({ ...filters, threshold: isThreshold(value) ? (value as Confidence) : undefined });
  };

  const agencies = withChosen(applied?.agencies ?? [], filters.agency);
  const districts = withChosen(applied?.districts ?? [], filters.district);
  const threshold = filters.threshold ?? applied?.query.threshold ?? 'medium';
  const anyFilter = Object.values(filters).some(Boolean);
  const native = { select: { native: true }, inputLabel: { shrink: true } } as const;

  return (
    <Box
      component="form"
      role="search"
      aria-label="Dashboard filters"
      onSubmit={(event) => event.preventDefault()}
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: 'minmax(0, 1fr)', sm: 'repeat(auto-fill, minmax(14rem, 1fr))' },
        columnGap: 2,
        rowGap: 1,
        alignItems: 'start',
      }}
    >
      <TextField
        type="month"
        label="First month of report"
        value={from}
        onChange={changeMonth('from')}
        error={monthProblem !== null}
        helperText={monthProblem ?? ' '}
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'filter-from' } }}
        size="small"
        fullWidth
      />
      <TextField
        type="month"
        label="Last month of report"
        value={to}
        onChange={changeMonth('to')}
        error={monthProblem !== null}
        helperText=" "
        slotProps={{ inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'filter-to' } }}
        size="small"
        fullWidth
      />
      <TextField
        select
        label="Rule"
        value={filters.rule ?? ''}
        onChange={changeSelect('rule')}
        slotProps={{ ...native, htmlInput: { 'data-testid': 'filter-rule' } }}
        helperText=" "
        size="small"
        fullWidth
      >
        <option value="">All rules</option>
        {REPORT_RULES.map((rule) => (
          <option key={rule} value={rule}>
            {ruleShortName(rule)}
          </option>
        ))}
      </TextField>
      <TextField
        select
        label="Agency"
        value={filters.agency ?? ''}
        onChange={changeSelect('agency')}
        slotProps={{ ...native, htmlInput: { 'data-testid': 'filter-agency' } }}
        helperText=" "
        size="small"
        fullWidth
      >
        <option value="">All agencies</option>
        {agencies.map((agency) => (
          <option key={agency} value={agency}>
            {agency}
          </option>
        ))}
      </TextField>
      <TextField
        select
        label="Police district"
        value={filters.district ?? ''}
        onChange={changeSelect('district')}
        slotProps={{ ...native, htmlInput: { 'data-testid': 'filter-district' } }}
        helperText=" "
        size="small"
        fullWidth
      >
        <option value="">All police districts</option>
        {districts.map((district) => (
          <option key={district} value={district}>
            {district}
          </option>
        ))}
      </TextField>
      <TextField
        select
        label="Flags counted"
        value={threshold}
        onChange={changeThreshold}
        slotProps={{ ...native, htmlInput: { 'data-testid': 'filter-threshold' } }}
        helperText="How sure a flag must be to count"
        size="small"
        fullWidth
        sx={{ gridColumn: { sm: 'span 2' } }}
      >
        {THRESHOLDS.map((level) => (
          <option key={level} value={level}>
            {THRESHOLD_LABELS[level]}
          </option>
        ))}
      </TextField>
      <Box sx={{ pt: 1 }}>
        <Button variant="outlined" onClick={() => onChange({})} disabled={!anyFilter}>
          Clear filters
        </Button>
      </Box>
    </Box>
  );
};
