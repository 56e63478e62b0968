import { Box, Card, CardContent, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ComparedCount, ComparedPeriod, ComplianceFigures, DashboardComparison, DashboardResult, FigureChange } from '@sra/contracts';
import { formatCount, formatShown, hiddenLabel, rateOf } from './format';

const MEASURES: ReadonlyArray<{ key: ComparedCount | 'complianceRate'; label: string }> = [
  { key: 'eligibleReports', label: 'Eligible reports' },
  { key: 'flaggedReports', label: 'Flagged reports' },
  { key: 'cases', label: 'Cases' },
  { key: 'flags', label: 'Flags' },
  { key: 'complianceRate', label: 'Compliance rate' },
];

const WITHHELD_WORDS: Readonly<Record<NonNullable<FigureChange['withheld']>, string>> = {
  suppressed: 'not shown',
  'no-data': 'no data',
  'no-rate': 'no rate to compare',
};

const signed = (n: number, text: string) => (n > 0 ? `+${text}` : n < 0 ? `\u2212${text}` : text);

/** A change in words: "+3 (+12.5%)", "−2", "+1.2 points", "no change", or why there is none. */
export function changeWords(change: FigureChange, isRate: boolean): string {
  if (change.change === null) return WITHHELD_WORDS[change.withheld ?? 'suppressed'];
  if (isRate) {
    const points = Math.round(change.change * 1000) / 10;
    return points === 0 ? 'no change' : `${signed(points, Math.abs(points).toFixed(1))} points`;
  }
  if (change.change === 0) return 'no change';
  const count = signed(change.change, formatCount(Math.abs(change.change)));
  return change.relative === null ? count : `${count} (${signed(change.relative, `${(Math.abs(change.relative) * 100).toFixed(1)}%`)})`;
}

const valueOf = (f: ComplianceFigures | null, key: ComparedCount | 'complianceRate', hidden: string): string => {
  if (f === null) return 'no data';
  return key === 'complianceRate' ? rateOf(f) : formatShown(f[key], hidden);
};

const changeOf = (p: ComparedPeriod, key: ComparedCount | 'complianceRate'): FigureChange => (key === 'complianceRate' ? p.complianceRate : p.counts[key]);

/**
 * The comparison strip: this period's headline figures against the period just before and the same period a year
 * earlier, with each change as a count (and its share) or, for the rate, in points. Worked out on the server; for a
 * viewer from released figures only, so a change that rests on a hidden count is "not shown".
 */
export const ComparisonStrip = ({ data, comparison }: { data: DashboardResult; comparison: DashboardComparison }) => {
  const hidden = hiddenLabel(data);
  // A 12-month period's previous period is the year before: one column, not the same twice.
  const periods = comparison.sameComparison ? comparison.periods.slice(0, 1) : comparison.periods;
  const heading = (p: ComparedPeriod) =>
    comparison.sameComparison ? `The year before (${p.label})` : p.kind === 'previous' ? `Previous period (${p.label})` : `A year earlier (${p.label})`;
  return (
    <Card component="section" aria-labelledby="comparison-heading" className="dashboard-print-card" data-testid="comparison">
      <CardContent>
        <Typography id="comparison-heading" component="h2" variant="h6" sx={{ fontWeight: 600, mb: 0.5 }}>
          Compared with earlier periods
        </Typography>
        <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
          {comparison.sameComparison
            ? `${comparison.label} against the 12 months before, with the same filters.`
            : `${comparison.label} against the period just before and the same months a year earlier, with the same filters.`}{' '}
          A change is this period&rsquo;s figure minus the earlier one; a rate&rsquo;s change is in percentage points.
          {data.suppression ? ' A change that rests on a hidden count is not shown.' : ''}
        </Typography>
        <Box sx={{ overflowX: 'auto' }}>
          <Table size="small">
            <caption style={{ position: 'absolute', width: 1, height: 1, overflow: 'hidden', clip: 'rect(0 0 0 0)' }}>
              {comparison.label} compared with earlier periods
            </caption>
            <TableHead>
              <TableRow>
                <TableCell sx={{ fontWeight: 600 }}>Figure</TableCell>
                <TableCell align="right" sx={{ fontWeight: 600 }}>
                  This period ({comparison.label})
                </TableCell>
                {periods.map((p) => (
                  <TableCell key={p.kind} align="right" sx={{ fontWeight: 600 }} colSpan={2}>
                    {heading(p)}
                  </TableCell>
                ))}
              </TableRow>
            </TableHead>
            <TableBody>
              {MEASURES.map(({ key, label }) => (
                <TableRow key={key} data-testid={`comparison-row-${key}`}>
                  <TableCell component="th" scope="row">
                    {label}
                  </TableCell>
                  <TableCell align="right">{valueOf(data.overall, key, hidden)}</TableCell>
                  {periods.flatMap((p) => {
                    const change = changeOf(p, key);
                    return [
                      <TableCell key={`${p.kind}-value`} align="right" sx={{ color: 'text.secondary' }}>
                        {valueOf(p.figures, key, hidden)}
                      </TableCell>,
                      <TableCell
                        key={`${p.kind}-change`}
                        align="right"
                        data-testid={`comparison-${p.kind}-${key}`}
                        data-change={change.change ?? ''}
                        data-withheld={change.withheld ?? ''}
                        sx={{ fontWeight: 600 }}
                      >
                        {changeWords(change, key === 'complianceRate')}
                      </TableCell>,
                    ];
                  })}
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      </CardContent>
    </Card>
  );
};
