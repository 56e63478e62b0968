import { useRef } from 'react';
import { Box, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import type { ReportChart } from '@sra/contracts';
import { visuallyHidden } from '../../components/VisuallyHidden';
import { useDeferredMount } from '../../components/deferredMount';
import { ChartLegend } from '../../components/ChartLegend';
import { formatCount } from './words';

/** Colours told apart also by people with colour-blindness (Okabe–Ito), and a dash pattern per line as well. */
const COLOURS = ['#0072B2', '#D55E00', '#007A5A', '#B3407F', '#8A6100', '#1F3A5C'];
const DASHES = [undefined, '8 4', '2 3', '10 3 2 3', '4 4', '1 5'];
const AXIS_TICK = { fill: '#3d3d3d', fontSize: 12 };
const TEXT = '#1d1d1d';


const NO_VALUE = 'no value';

/** A value with its unit: `96.7%` for rates, `3` for counts. */
export function formatValue(value: number | null | undefined, unit: string): string {
  if (value === null || value === undefined) return NO_VALUE;
  if (unit === '%') return `${Number(value.toFixed(1))}%`;
  return formatCount(value);
}

type Row = { category: string } & Record<string, number | null | string>;

const seriesKey = (index: number) => `s${index}`;

function rowsOf(chart: ReportChart): Row[] {
  return chart.categories.map((category, i) => {
    const row: Row = { category };
    chart.series.forEach((series, j) => {
      row[seriesKey(j)] = series.values[i] ?? null;
    });
    return row;
  });
}

/** What the chart shows, in a sentence, for the picture's label. */
function describe(chart: ReportChart): string {
  const kind = chart.kind === 'line' ? 'Line chart' : 'Bar chart';
  const what = chart.series.length > 1 ? ` ${chart.kind === 'line' ? 'Lines' : 'Bars'}: ${chart.series.map((s) => s.name).join('; ')}.` : '';
  return `${kind}: ${chart.title}.${what} A missing ${chart.kind === 'line' ? 'point' : 'bar'} means no value. The numbers are in the table that follows.`;
}

const ChartTooltip = ({ chart, props }: { chart: ReportChart; props: TooltipContentProps }) => {
  const row = props.active ? (props.payload?.[0]?.payload as Row | undefined) : undefined;
  if (!row) return null;
  return (
    <Paper elevation={3} sx={{ p: 1, fontSize: 13, maxWidth: 360 }}>
      <Typography variant="body2" sx={{ fontWeight: 600 }}>
        {row.category}
      </Typography>
      {chart.series.map((series, j) => (
        <Typography variant="body2" key={j}>
          {series.name}: {formatValue(row[seriesKey(j)] as number | null, chart.unit)}
        </Typography>
      ))}
    </Paper>
  );
};

/** The chart's numbers as a table, for screen readers (the picture itself says nothing to them). */
const ChartNumbers = ({ chart }: { chart: ReportChart }) => (
  // A table does not clip its content: the hiding is done by a box around it.
  <div style={visuallyHidden} data-testid={`report-chart-numbers-${chart.id}`}>
    <Table size="small">
      <caption>{chart.title}: the numbers of the chart</caption>
      <TableHead>
        <TableRow>
          <TableCell scope="col">{chart.kind === 'line' ? 'Month' : 'Group'}</TableCell>
          {chart.series.map((series, j) => (
            <TableCell key={j} scope="col">
              {series.name}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {chart.categories.map((category, i) => (
          <TableRow key={i}>
            <TableCell component="th" scope="row">
              {category}
            </TableCell>
            {chart.series.map((series, j) => (
              <TableCell key={j}>{formatValue(series.values[i], chart.unit)}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  </div>
);

/**
 * A chart of the report: a heading, the picture (a line per series for `line`, bars for `bar`; a null value is
 * left out, so a line has a gap there), and its numbers as a hidden table.
 */
export const ReportChartView = ({ chart }: { chart: ReportChart }) => {
  const rows = rowsOf(chart);
  const headingId = `report-chart-${chart.id}-heading`;
  const many = chart.categories.length > 6;
  const percent = chart.unit === '%';
  const tooltip = (props: TooltipContentProps) => <ChartTooltip chart={chart} props={props} />;
  const xAxis = (
    <XAxis
      dataKey="category"
      tick={AXIS_TICK}
      interval={0}
      angle={many ? -35 : 0}
      textAnchor={many ? 'end' : 'middle'}
      height={many ? 80 : 30}
    />
  );
  const yAxis = percent ? (
    <YAxis domain={[0, 100]} tickFormatter={(v: number) => `${v}%`} tick={AXIS_TICK} width={48} />
  ) : (
    <YAxis allowDecimals={false} tick={AXIS_TICK} width={40} />
  );
  // The document says when there is nothing to draw (issue 12); older documents leave it to the values.
  // Drawn a moment after the page, each chart in a task of its own; the box has its height from the start.
  const drawn = useDeferredMount();
  const box = useRef<HTMLDivElement>(null);
  // A line chart always has its key; a bar chart when it has more than one series. Beside the chart, not in it.
  const legend = chart.kind === 'line' || chart.series.length > 1;
  const height = (chart.kind === 'line' ? 360 : 300) - (legend ? 30 : 0);
  const hasValues = !chart.nothingToDraw && chart.series.some((series) => series.values.some((v) => v !== null));
  return (
    <Box
      component="figure"
      aria-labelledby={headingId}
      data-testid={`report-chart-${chart.id}`}
      className="report-chart"
      sx={{ m: 0, my: 2, breakInside: 'avoid' }}
    >
      <Typography id={headingId} component="h4" variant="subtitle1" sx={{ fontWeight: 600 }}>
        {chart.title}
      </Typography>
      {hasValues ? (
        <>
        <Box ref={box} role="img" aria-label={describe(chart)} data-drawn={drawn} sx={{ width: '100%', height }}>
          {drawn ? (
          <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: box.current?.clientWidth ?? -1, height }}>
            {chart.kind === 'line' ? (
              <LineChart data={rows} margin={{ top: 16, right: 24, bottom: 5, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                {xAxis}
                {yAxis}
                <Tooltip content={tooltip} />
                {chart.series.map((series, j) => (
                  <Line
                    key={j}
                    name={series.name}
                    type="linear"
                    dataKey={seriesKey(j)}
                    stroke={COLOURS[j % COLOURS.length]}
                    strokeWidth={2}
                    strokeDasharray={DASHES[j % DASHES.length]}
                    // A month on its own between two gaps is still seen: every value has a dot.
                    dot={{ r: 3, fill: COLOURS[j % COLOURS.length] }}
                    connectNulls={false}
                    isAnimationActive={false}
                  />
                ))}
              </LineChart>
            ) : (
              <BarChart data={rows} margin={{ top: 20, right: 10, bottom: 5, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" vertical={false} />
                {xAxis}
                {yAxis}
                <Tooltip content={tooltip} cursor={{ fill: 'rgba(0,0,0,0.06)' }} />
                {chart.series.map((series, j) => (
                  <Bar key={j} name={series.name} dataKey={seriesKey(j)} fill={COLOURS[j % COLOURS.length]} isAnimationActive={false}>
                    <LabelList dataKey={seriesKey(j)} position="top" fill={TEXT} fontSize={12} />
                  </Bar>
                ))}
              </BarChart>
            )}
          </ResponsiveContainer>
          ) : null}
        </Box>
        {legend ? <ChartLegend items={chart.series.map((series, j) => ({ name: series.name, colour: COLOURS[j % COLOURS.length], dash: chart.kind === 'line' ? DASHES[j % DASHES.length] : undefined, shape: chart.kind }))} /> : null}
        </>
      ) : (
        <Typography variant="body2" data-testid={`report-chart-${chart.id}-nothing-to-draw`} sx={{ py: 1 }}>
          {chart.nothingToDraw ?? 'Nothing to chart: every value is missing or hidden.'}
        </Typography>
      )}
      <ChartNumbers chart={chart} />
      {hasValues ? (
        <Typography component="figcaption" variant="body2" sx={{ color: 'text.secondary' }}>
          {chart.kind === 'line' ? 'A gap in a line is a month with no value.' : 'A missing bar is a value that is hidden or missing.'}{' '}
          <span className="report-no-print">Hover over the chart for its figures.</span>
        </Typography>
      ) : null}
    </Box>
  );
};
