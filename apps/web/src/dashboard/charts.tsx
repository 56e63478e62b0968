import type { ReactElement, ReactNode } from 'react';
import { useRef } from 'react';
import { Box, Paper, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import { useNavigate } from 'react-admin';
import {
  Bar,
  BarChart,
  CartesianGrid,
  LabelList,
  Line,
  LineChart,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
  type BarShapeProps,
  type DotItemDotProps,
  type TooltipContentProps,
} from 'recharts';
import { DEFAULT_SUPPRESSION_THRESHOLD, MIN_RATE_BASE, OPEN_REVIEW_STATUSES, REVIEW_STATUS_LABELS, type DashboardResult, type ReviewStatus, type ShownCount } from '@sra/contracts';
import { ChartFigure } from './ChartFigure';
import { flagListFilter, flagListPath, type FlagListFilter } from './dashboardQuery';
import { FlagsLink, useCanOpenCases } from './FlagsLink';
import { formatCount, formatMonth, formatShown, hiddenLabel, plural, pluralShown, rateOf, rateWithBase, ruleShortName } from './format';
import { Day } from '../resources/policy-versions/Day';
import { ChartLegend } from '../components/ChartLegend';
import { useDeferredMount } from '../components/deferredMount';

type Query = DashboardResult['query'];

/** Colours told apart also by people with colour-blindness (Okabe–Ito), with a dash pattern per line as well. */
const LINE_COLOURS = ['#0072B2', '#D55E00', '#007A5A', '#B3407F', '#8A6100', '#1F3A5C'];
const LINE_DASHES = [undefined, '8 4', '2 3', '10 3 2 3', '4 4', '1 5'];
const BAR_COLOUR = '#1a5a96';
const AXIS_TICK = { fill: '#3d3d3d', fontSize: 12 };
const CHART_HEIGHT = 300;

const REVIEW_COLOURS: Readonly<Record<ReviewStatus, string>> = {
  new: '#1a5a96',
  in_review: '#8A6100',
  confirmed_violation: '#c62828',
  not_a_violation: '#007A5A',
  policy_exception: '#5e4b8b',
  data_error: '#616161',
};

/** A chart's picture, named for screen readers by the text given (its numbers are in the table below it). */
const ChartImage = ({ label, height = CHART_HEIGHT, children }: { label: string; height?: number; children: ReactNode }) => {
  // Drawn a moment after the card, each chart in a task of its own; the box has its height from the start.
  const drawn = useDeferredMount();
  const box = useRef<HTMLDivElement>(null);
  // Drawn at the box's width at once, rather than after a resize observer has measured it (a second pass).
  const width = drawn ? (box.current?.clientWidth ?? -1) : -1;
  return (
    <Box ref={box} role="img" aria-label={label} data-drawn={drawn} sx={{ width: '100%', height }}>
      {drawn ? (
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width, height }}>
          {children as ReactElement}
        </ResponsiveContainer>
      ) : null}
    </Box>
  );
};

const TooltipBox = ({ title, lines }: { title: string; lines: ReactNode[] }) => (
  <Paper elevation={3} sx={{ p: 1, fontSize: 13 }}>
    <Typography variant="body2" sx={{ fontWeight: 600 }}>
      {title}
    </Typography>
    {lines.map((line, index) => (
      <Typography key={index} variant="body2">
        {line}
      </Typography>
    ))}
  </Paper>
);

/** A file name for a chart of this period: `dashboard-district-2021-07-to-2022-06`. */
const fileNameOf = (id: string, query: Query) => `dashboard-${id}-${query.from}-to-${query.to}`;

/** A count in a CSV: the number, or the label of a hidden count ("<11"), as the chart shows it. */
const csvCount = (n: ShownCount, hidden: string): string | number => (n === null ? hidden : n);

/** A rate in a CSV: a percent with one decimal as on screen, or why there is none in words. */
const csvRate = (f: Pick<DashboardResult['overall'], 'complianceRate' | 'rateWithheld'>): string | number =>
  f.complianceRate === null ? rateOf(f) : Math.round(f.complianceRate * 1000) / 10;

/** The numbers of a chart of counts by a breakdown (district, category, review status): cases and their flags. */
function flagCountNumbers(id: string, data: DashboardResult, head: string, counts: ReadonlyArray<{ label: string; flags: ShownCount; cases: ShownCount }>) {
  const hidden = hiddenLabel(data);
  return {
    fileName: fileNameOf(id, data.query),
    header: [head, 'Cases', 'Flags'],
    rows: counts.map((c) => [c.label, csvCount(c.cases, hidden), csvCount(c.flags, hidden)]),
  };
}

/** Whether a chart has values and every one of them is hidden from this role: then there is nothing to draw. */
const everyValueHidden = (values: readonly ShownCount[]) => values.length > 0 && values.every((value) => value === null);

/**
 * Said instead of a chart whose every value is hidden (any role): an empty frame of axes would look like zeros. The
 * numbers table below still lists each row as hidden.
 */
const NothingToDraw = ({ id, data }: { id: string; data: DashboardResult }) => (
  <Typography variant="body2" data-testid={`chart-${id}-all-hidden`} sx={{ py: 2 }}>
    Every count in this chart is under {data.suppression?.threshold ?? DEFAULT_SUPPRESSION_THRESHOLD} or hidden to protect one: nothing to draw.
  </Typography>
);

/** A table of a chart's numbers; the first `textColumns` columns hold words, the rest numbers (right-aligned). */
const NumbersTable = ({
  caption,
  head,
  textColumns = 1,
  children,
}: {
  caption: string;
  head: string[];
  textColumns?: number;
  children: ReactNode;
}) => (
  <Table size="small">
    <caption style={{ captionSide: 'top', textAlign: 'left', padding: '4px 0' }}>{caption}</caption>
    <TableHead>
      <TableRow>
        {head.map((label, index) => (
          <TableCell key={label} align={index < textColumns ? 'left' : 'right'} sx={{ fontWeight: 600 }}>
            {label}
          </TableCell>
        ))}
      </TableRow>
    </TableHead>
    <TableBody>{children}</TableBody>
  </Table>
);

/** A bar that opens the flags it counts when clicked (and the role may open cases). A hidden count draws no bar. */
function clickableBar(testIdPrefix: string, open: ((payload: BarRow) => void) | null) {
  const BarShape = (props: BarShapeProps) => {
    const row = props.payload as BarRow;
    if (row.value === null) return <g data-testid={`${testIdPrefix}-${row.key ?? 'unknown'}`} data-value="" data-hidden="true" />;
    const clickable = open !== null && row.filter !== null && row.value > 0;
    return (
      <g
        data-testid={`${testIdPrefix}-${row.key ?? 'unknown'}`}
        data-value={row.value}
        onClick={clickable ? () => open(row) : undefined}
        style={clickable ? { cursor: 'pointer' } : undefined}
      >
        <rect x={props.x} y={props.y} width={Math.max(0, props.width)} height={Math.max(0, props.height)} fill={row.colour ?? BAR_COLOUR} />
      </g>
    );
  };
  return BarShape;
}

interface BarRow {
  key: string | null;
  label: string;
  /** Null where the count is hidden from this role: a gap, never a bar of 0. */
  value: ShownCount;
  /** The list filter of exactly the flags counted, or null when the bar does not open a list. */
  filter: FlagListFilter | null;
  colour?: string;
}

/**
 * Where a bar ends. A hidden count gets a place at the axis (a length of nothing, so Recharts keeps the entry and its
 * label, "<11", sits at the gap); its shape draws no bar, and nothing else reads this length.
 */
const barLength = (row: BarRow) => row.value ?? 0;

/** Bars of counts, one per row, clickable through to the flags behind each. A hidden count is a gap labelled "<11". */
const CountBars = ({
  id,
  rows,
  horizontal,
  valueName,
  label,
  hidden,
}: {
  id: string;
  rows: BarRow[];
  horizontal: boolean;
  valueName: (n: ShownCount) => string;
  label: string;
  /** What a hidden count shows. */
  hidden: string;
}) => {
  const navigate = useNavigate();
  const canOpen = useCanOpenCases();
  const open = canOpen ? (row: BarRow) => row.filter && navigate(flagListPath(row.filter)) : null;
  const shape = clickableBar(`${id}-bar`, open);
  const longest = Math.max(0, ...rows.map((row) => row.label.length));
  const height = horizontal ? Math.max(160, rows.length * 44 + 50) : CHART_HEIGHT;
  const tooltip = (props: TooltipContentProps) => {
    const row = props.active ? (props.payload?.[0]?.payload as BarRow | undefined) : undefined;
    const clickable = open && row?.filter && row.value !== null && row.value > 0;
    return row ? <TooltipBox title={row.label} lines={[valueName(row.value), ...(clickable ? ['Click to open the list'] : [])]} /> : null;
  };
  // The label of each bar: its count, or "<11" beside the gap where the count is hidden.
  const valueLabel = (entry: { payload?: unknown }) => {
    const value = (entry.payload as BarRow | undefined)?.value;
    return value === null || value === undefined ? hidden : String(value);
  };
  return (
    <ChartImage label={label} height={height}>
      {horizontal ? (
        <BarChart data={rows} layout="vertical" margin={{ top: 5, right: 40, bottom: 5, left: 10 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" allowDecimals={false} tick={AXIS_TICK} />
          <YAxis type="category" dataKey="label" width={Math.min(260, Math.max(90, longest * 7))} tick={AXIS_TICK} interval={0} />
          <Tooltip content={tooltip} cursor={{ fill: 'rgba(0,0,0,0.06)' }} />
          <Bar dataKey={barLength} shape={shape} isAnimationActive={false}>
            <LabelList valueAccessor={valueLabel} position="right" fill="#1d1d1d" fontSize={12} />
          </Bar>
        </BarChart>
      ) : (
        <BarChart data={rows} margin={{ top: 20, right: 10, bottom: 5, left: 0 }} accessibilityLayer={false}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="label" tick={AXIS_TICK} interval={0} angle={rows.length > 5 ? -30 : 0} textAnchor={rows.length > 5 ? 'end' : 'middle'} height={rows.length > 5 ? 70 : 30} />
          <YAxis allowDecimals={false} tick={AXIS_TICK} width={40} />
          <Tooltip content={tooltip} cursor={{ fill: 'rgba(0,0,0,0.06)' }} />
          <Bar dataKey={barLength} shape={shape} isAnimationActive={false}>
            <LabelList valueAccessor={valueLabel} position="top" fill="#1d1d1d" fontSize={12} />
          </Bar>
        </BarChart>
      )}
    </ChartImage>
  );
};

/**
 * The chart's one-line summary. With hidden counts it names the largest of the counts shown only as such: a count
 * hidden to protect another one can be larger than every count shown, and the total is unknown.
 */
function describeLargest(rows: BarRow[], noun: (n: number) => string, what: string, hidden: string): string {
  const shown = rows.filter((row): row is BarRow & { value: number } => row.value !== null);
  const hiddenCount = rows.length - shown.length;
  const top = shown.reduce<(BarRow & { value: number }) | null>((best, row) => (row.value > (best?.value ?? 0) ? row : best), null);
  if (hiddenCount === 0) {
    const total = shown.reduce((sum, row) => sum + row.value, 0);
    if (total === 0 || !top) return `No ${what} in this period.`;
    return `Most: ${top.label}, ${noun(top.value)} of ${formatCount(total)}.`;
  }
  const hiddenText = hiddenCount === 1 ? `1 count is shown as ${hidden}.` : `${hiddenCount} counts are shown as ${hidden}.`;
  return top ? `Largest count shown: ${top.label}, ${noun(top.value)}. ${hiddenText}` : hiddenText;
}

const flagsNoun = (hidden: string) => (n: ShownCount) => pluralShown(n, 'case', hidden);

/** " Click a bar…" for roles that may open cases; nothing for viewers. */
function useClickHint(text: string): string {
  return useCanOpenCases() ? ` ${text}` : '';
}

/** Rows of a FlagCount list: the district or category, with the list filter of its flags. */
function flagCountRows(
  counts: DashboardResult['byDistrict'],
  query: Query,
  field: 'policeDistrict' | 'incidentCategory',
  unknown: string,
): BarRow[] {
  return counts.map(({ key, cases }) => ({
    key,
    label: key ?? unknown,
    value: cases,
    // The list cannot ask for "no district", so the unknown row opens nothing.
    filter: key === null ? null : flagListFilter(query, { [field]: key }),
  }));
}

const CountTable = ({
  id,
  caption,
  head,
  rows,
  shown,
  hidden,
}: {
  id: string;
  caption: string;
  head: [string, string];
  rows: BarRow[];
  shown: boolean;
  hidden: string;
}) => (
  <NumbersTable caption={caption} head={head}>
    {rows.map((row) => (
      <TableRow key={row.key ?? 'unknown'} data-testid={`${id}-row-${row.key ?? 'unknown'}`}>
        <TableCell component="th" scope="row">
          {row.label}
        </TableCell>
        <TableCell align="right" data-testid={`${id}-value-${row.key ?? 'unknown'}`} data-value={row.value ?? ''}>
          {row.filter && row.value !== null && row.value > 0 ? (
            <FlagsLink filter={row.filter} count={row.value} hidden={!shown} label={`${plural(row.value, 'flag')}: ${row.label}`}>
              {formatCount(row.value)}
            </FlagsLink>
          ) : (
            formatShown(row.value, hidden)
          )}
        </TableCell>
      </TableRow>
    ))}
  </NumbersTable>
);

export const DistrictChart = ({ data }: { data: DashboardResult }) => {
  const hint = useClickHint('Click a bar to open its flagged cases.');
  const hidden = hiddenLabel(data);
  const noun = flagsNoun(hidden);
  const rows = flagCountRows(data.byDistrict, data.query, 'policeDistrict', 'Unknown district');
  const summary = describeLargest(rows, noun, 'cases', hidden);
  const picture = !everyValueHidden(rows.map((row) => row.value)) && rows.length > 0;
  const numbers = flagCountNumbers('district', data, 'Police district', data.byDistrict.map((d) => ({ ...d, label: d.key ?? 'Unknown district' })));
  return (
    <ChartFigure
      id="district"
      numbers={numbers}
      picture={picture}
      title="Cases by police district"
      description={`Where the reports were made.${hint}`}
      summary={summary}
      chart={
        everyValueHidden(rows.map((row) => row.value)) ? (
          <NothingToDraw id="district" data={data} />
        ) : rows.length ? (
          <CountBars id="district" rows={rows} horizontal={false} valueName={noun} hidden={hidden} label={`Bar chart of cases by police district. ${summary}`} />
        ) : (
          <Typography variant="body2">No cases in this period.</Typography>
        )
      }
      table={(shown) => <CountTable id="district" caption="Cases by police district" head={['Police district', 'Cases']} rows={rows} shown={shown} hidden={hidden} />}
    />
  );
};

export const CategoryChart = ({ data }: { data: DashboardResult }) => {
  const hint = useClickHint('Click a bar to open its flagged cases.');
  const hidden = hiddenLabel(data);
  const noun = flagsNoun(hidden);
  const rows = flagCountRows(data.byCategory, data.query, 'incidentCategory', 'No category published');
  const summary = describeLargest(rows, noun, 'cases', hidden);
  const picture = !everyValueHidden(rows.map((row) => row.value)) && rows.length > 0;
  const numbers = flagCountNumbers('category', data, 'Kind of crime', data.byCategory.map((c) => ({ ...c, label: c.key ?? 'No category published' })));
  return (
    <ChartFigure
      id="category"
      numbers={numbers}
      picture={picture}
      title="Cases by kind of crime reported"
      description={`The police category of the reported crime.${hint}`}
      summary={summary}
      chart={
        everyValueHidden(rows.map((row) => row.value)) ? (
          <NothingToDraw id="category" data={data} />
        ) : rows.length ? (
          <CountBars id="category" rows={rows} horizontal valueName={noun} hidden={hidden} label={`Bar chart of cases by kind of crime reported. ${summary}`} />
        ) : (
          <Typography variant="body2">No cases in this period.</Typography>
        )
      }
      table={(shown) => (
        <CountTable id="category" caption="Cases by kind of crime reported" head={['Kind of crime', 'Cases']} rows={rows} shown={shown} hidden={hidden} />
      )}
    />
  );
};

export const FunnelChart = ({ data }: { data: DashboardResult }) => {
  const { funnel } = data;
  const hidden = hiddenLabel(data);
  const reports = (n: ShownCount) => pluralShown(n, 'report', hidden);
  const rows: BarRow[] = [
    { key: 'eligible', label: 'Eligible reports', value: funnel.eligibleReports, filter: null, colour: '#1f3a5c' },
    { key: 'arrested', label: 'Arrested after reporting', value: funnel.arrestedAfter, filter: null, colour: '#1a5a96' },
    { key: 'charged', label: 'Charged by the DA after reporting', value: funnel.chargedAfter, filter: null, colour: '#3b75ad' },
    { key: 'flagged', label: 'Flagged', value: funnel.flaggedReports, filter: null, colour: '#c62828' },
  ];
  const summary = `Of ${reports(funnel.eligibleReports)}, ${formatShown(funnel.arrestedAfter, hidden)} led to an arrest of the person who reported, ${formatShown(funnel.chargedAfter, hidden)} to a DA charge, and ${formatShown(funnel.flaggedReports, hidden)} were flagged.`;
  const numbers = { fileName: fileNameOf('funnel', data.query), header: ['Step', 'Reports'], rows: rows.map((row) => [row.label, csvCount(row.value, hidden)]) };
  return (
    <ChartFigure
      id="funnel"
      numbers={numbers}
      picture={!everyValueHidden(rows.map((row) => row.value))}
      title="From reports to flags"
      description="How many eligible reports were followed by an arrest or a DA charge of the person who reported, at any time after the report, and how many of those broke a rule (flagged). An arrest for something else is not a flag."
      summary={summary}
      chart={
        everyValueHidden(rows.map((row) => row.value)) ? (
          <NothingToDraw id="funnel" data={data} />
        ) : (
          <CountBars id="funnel" rows={rows} horizontal valueName={reports} hidden={hidden} label={`Bar chart from reports to flags. ${summary}`} />
        )
      }
      table={() => (
        <NumbersTable caption="From reports to flags" head={['Step', 'Reports']}>
          {rows.map((row) => (
            <TableRow key={row.key} data-testid={`funnel-row-${row.key}`}>
              <TableCell component="th" scope="row">
                {row.label}
              </TableCell>
              <TableCell align="right" data-testid={`funnel-value-${row.key}`} data-value={row.value ?? ''}>
                {formatShown(row.value, hidden)}
              </TableCell>
            </TableRow>
          ))}
        </NumbersTable>
      )}
    />
  );
};

export const ReviewStatusChart = ({ data }: { data: DashboardResult }) => {
  const hint = useClickHint('Click a bar to open those cases.');
  const hidden = hiddenLabel(data);
  const noun = flagsNoun(hidden);
  const rows: BarRow[] = data.reviewStatus.map(({ status, cases }) => ({
    key: status,
    label: REVIEW_STATUS_LABELS[status],
    value: cases,
    filter: flagListFilter(data.query, { reviewStatus: [status] }),
    colour: REVIEW_COLOURS[status],
  }));
  let summary: string;
  if (rows.some((row) => row.value === null)) {
    // The totals would give the hidden counts back; say what is shown.
    summary = describeLargest(rows, noun, 'cases', hidden);
  } else {
    const total = data.reviewStatus.reduce((sum, s) => sum + (s.cases ?? 0), 0);
    const open = data.reviewStatus.filter((s) => OPEN_REVIEW_STATUSES.includes(s.status)).reduce((sum, s) => sum + (s.cases ?? 0), 0);
    summary = total
      ? `${plural(total, 'flag')} in the period: ${formatCount(open)} still to decide, ${formatCount(total - open)} decided.`
      : 'No cases in this period.';
  }
  const numbers = flagCountNumbers('review-status', data, 'Review status', data.reviewStatus.map((r) => ({ ...r, label: REVIEW_STATUS_LABELS[r.status] })));
  return (
    <ChartFigure
      id="review-status"
      numbers={numbers}
      picture={!everyValueHidden(rows.map((row) => row.value))}
      title="Where the reviews stand"
      description={`Every flag of the period by the state of its review, including dismissed ones (which never count in the rates).${hint}`}
      summary={summary}
      chart={
        everyValueHidden(rows.map((row) => row.value)) ? (
          <NothingToDraw id="review-status" data={data} />
        ) : (
          <CountBars id="review-status" rows={rows} horizontal valueName={noun} hidden={hidden} label={`Bar chart of cases by review status. ${summary}`} />
        )
      }
      table={(shown) => (
        <CountTable id="review-status" caption="Cases by review status" head={['Review status', 'Cases']} rows={rows} shown={shown} hidden={hidden} />
      )}
    />
  );
};

interface MonthRow {
  month: string;
  label: string;
  /** Per agency: the rate in percent (null: nothing eligible) and the figures behind it. */
  byAgency: Record<string, DashboardResult['monthly'][number]>;
}

/** The policies in force: those starting within the period are marked on the chart; earlier ones are listed. */
const PolicyStarts = ({ data }: { data: DashboardResult }) => {
  const { from, to } = data.query;
  const before = data.policyStarts.filter((start) => start.month < from);
  const within = data.policyStarts.filter((start) => start.month >= from && start.month <= to);
  if (!before.length && !within.length) return null;
  return (
    <Box component="ul" sx={{ m: 0, pl: 2.5 }} data-testid="policy-starts">
      {before.map((start) => (
        <Typography component="li" variant="body2" key={`${start.ruleId}:${start.version}`}>
          {ruleShortName(start.ruleId)}
          {start.version > 1 ? ` (version ${start.version})` : ''}: in force since <Day iso={start.effectiveFrom} />
        </Typography>
      ))}
      {within.map((start) => (
        <Typography component="li" variant="body2" key={`${start.ruleId}:${start.version}`}>
          {ruleShortName(start.ruleId)}
          {start.version > 1 ? ` (version ${start.version})` : ''}: starts <Day iso={start.effectiveFrom} /> (the dashed upright line)
        </Typography>
      ))}
    </Box>
  );
};

export const MonthlyChart = ({ data }: { data: DashboardResult }) => {
  const navigate = useNavigate();
  const canOpen = useCanOpenCases();
  const hidden = hiddenLabel(data);
  const agencies = data.perAgency.map((a) => a.agency);
  const rows = new Map<string, MonthRow>();
  for (const figures of data.monthly) {
    const row = rows.get(figures.month) ?? { month: figures.month, label: formatMonth(figures.month), byAgency: {} };
    row.byAgency[figures.agency] = figures;
    rows.set(figures.month, row);
  }
  const months = [...rows.values()].sort((a, b) => a.month.localeCompare(b.month));
  const rates = data.monthly.map((m) => m.complianceRate).filter((r): r is number => r !== null);
  const lowest = rates.length ? Math.min(...rates) * 100 : 0;
  const floor = Math.max(0, Math.floor((lowest - 5) / 10) * 10);
  const within = data.policyStarts.filter((start) => start.month >= data.query.from && start.month <= data.query.to);

  const worst = data.monthly
    .filter((m) => m.complianceRate !== null && m.complianceRate < 1)
    .sort((a, b) => (a.complianceRate ?? 1) - (b.complianceRate ?? 1))[0];
  // A rate not shown because its counts are hidden may be lower than every rate shown: say so, never "lowest".
  const notShown = data.monthly.filter((m) => m.rateWithheld === 'suppressed').length;
  const tooFew = data.monthly.filter((m) => m.rateWithheld === 'too-few').length;
  const notShownText = notShown
    ? ` ${notShown === 1 ? '1 monthly rate is not shown because its counts are' : `${notShown} monthly rates are not shown because their counts are`} hidden.`
    : '';
  const tooFewText = tooFew
    ? ` ${tooFew === 1 ? '1 month of an agency has' : `${tooFew} months of an agency have`} too few reports for a rate (under ${MIN_RATE_BASE}).`
    : '';
  const summary =
    (worst
      ? `${notShown ? 'Lowest rate shown' : 'Lowest'}: ${worst.agency} in ${formatMonth(worst.month, true)}, ${rateWithBase(worst, hidden, worst.agency)}.${notShownText}`
      : months.length
        ? data.monthly.some((m) => m.complianceRate !== null)
          ? `Every rate shown is 100%: no flagged arrest or charge.${notShownText}`
          : `No month has a rate.${notShownText}`
        : 'No months to show.') + tooFewText;

  const dotFor = (agency: string, colour: string) => {
    const MonthDot = (props: DotItemDotProps) => {
      const row = props.payload as MonthRow;
      const figures = row.byAgency[agency];
      if (!figures || figures.complianceRate === null || props.cx === undefined || props.cy === undefined) return <g key={`${agency}-${row.month}`} />;
      // A rate below 100% means flags, even where their number is hidden.
      const hasFlags = figures.cases === null ? figures.complianceRate < 1 : figures.cases > 0;
      const clickable = canOpen && hasFlags && figures.cases !== null;
      return (
        <circle
          key={`${agency}-${row.month}`}
          cx={props.cx}
          cy={props.cy}
          r={hasFlags ? 5 : 3}
          fill={hasFlags ? colour : '#ffffff'}
          stroke={colour}
          strokeWidth={2}
          data-testid={`monthly-point-${agency}-${row.month}`}
          data-rate={figures.complianceRate}
          data-cases={figures.cases ?? ''}
          style={clickable ? { cursor: 'pointer' } : undefined}
          onClick={clickable ? () => navigate(flagListPath(flagListFilter(data.query, { month: row.month, agency }))) : undefined}
        />
      );
    };
    return MonthDot;
  };

  const tooltip = (props: TooltipContentProps) => {
    const row = props.active ? (props.payload?.[0]?.payload as MonthRow | undefined) : undefined;
    if (!row) return null;
    return (
      <TooltipBox
        title={formatMonth(row.month, true)}
        lines={agencies.map((agency) => {
          const f = row.byAgency[agency];
          if (!f) return agency;
          const base = f.baseReports === 0 ? 'acted against no one who had reported' : `${formatShown(f.flaggedReports, hidden)} flagged of ${formatShown(f.baseReports, hidden)} reports it acted on`;
          return `${agency}: ${rateOf(f)} (${base})${f.cases !== 0 ? `, ${pluralShown(f.cases, 'case', hidden)}` : ''}`;
        })}
      />
    );
  };

  const picture = agencies.length > 0 && rates.length > 0;
  const numbers = {
    fileName: fileNameOf('monthly', data.query),
    header: ['Month', 'Agency', 'Eligible reports', 'Reports the agency acted on (base)', 'Flagged reports', 'Compliance rate (%)', 'Cases', 'Flags'],
    rows: months.flatMap((row) =>
      agencies.flatMap((agency) => {
        const f = row.byAgency[agency];
        if (!f) return [];
        return [[row.month, agency, csvCount(f.eligibleReports, hidden), csvCount(f.baseReports, hidden), csvCount(f.flaggedReports, hidden), csvRate(f), csvCount(f.cases, hidden), csvCount(f.flags, hidden)]];
      }),
    ),
  };
  return (
    <ChartFigure
      id="monthly"
      numbers={numbers}
      picture={picture}
      title="Compliance rate by month and agency"
      description={`For each month of report and agency: of the eligible reports whose reporter the agency later arrested, cited or (the DA) charged, the share with no flagged arrest or charge. A gap means fewer than ${MIN_RATE_BASE} such reports that month${data.suppression ? ', or that its counts are hidden' : ''}. Filled dots have flagged cases${canOpen ? '; click one to open them' : ''}.`}
      summary={
        <>
          {summary}
          <PolicyStarts data={data} />
        </>
      }
      chart={
        agencies.length === 0 ? (
          <Typography variant="body2">No agency has a flag under these rules yet, so there is nothing to chart.</Typography>
        ) : rates.length === 0 && data.monthly.every((m) => m.rateWithheld === 'suppressed') ? (
          <NothingToDraw id="monthly" data={data} />
        ) : rates.length === 0 ? (
          <Typography variant="body2" data-testid="monthly-no-rates">
            No month of any agency has a rate to draw: each had fewer than {MIN_RATE_BASE} reports whose reporter the agency
            acted against{data.suppression ? ', or its counts are hidden' : ''}. The counts are in the table of numbers (&ldquo;Show the
            numbers&rdquo;). A longer period gives each agency more reports.
          </Typography>
        ) : (
          <>
            <ChartImage label={`Line chart of the monthly compliance rate of ${agencies.join(', ')}. ${summary}`} height={310}>
              <LineChart data={months} margin={{ top: 24, right: 24, bottom: 5, left: 0 }} accessibilityLayer={false}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="label" tick={AXIS_TICK} />
                <YAxis domain={[floor, 100]} tickFormatter={(v: number) => `${v}%`} tick={AXIS_TICK} width={48} allowDataOverflow />
                <Tooltip content={tooltip} />
                {within.map((start) => (
                  <ReferenceLine
                    key={`${start.ruleId}:${start.version}`}
                    x={formatMonth(start.month)}
                    stroke="#5e4b8b"
                    strokeDasharray="6 3"
                    label={{ value: `${ruleShortName(start.ruleId)} starts`, position: 'top', fill: '#3d2f66', fontSize: 12 }}
                  />
                ))}
                {agencies.map((agency, index) => {
                  const colour = LINE_COLOURS[index % LINE_COLOURS.length];
                  return (
                    <Line
                      key={agency}
                      name={agency}
                      type="linear"
                      dataKey={(row: MonthRow) => {
                        const rate = row.byAgency[agency]?.complianceRate;
                        return rate === null || rate === undefined ? null : rate * 100;
                      }}
                      stroke={colour}
                      strokeWidth={2}
                      strokeDasharray={LINE_DASHES[index % LINE_DASHES.length]}
                      dot={dotFor(agency, colour)}
                      activeDot={false}
                      isAnimationActive={false}
                    />
                  );
                })}
              </LineChart>
            </ChartImage>
            <ChartLegend items={agencies.map((agency, index) => ({ name: agency, colour: LINE_COLOURS[index % LINE_COLOURS.length], dash: LINE_DASHES[index % LINE_DASHES.length], shape: 'line' }))} />
          </>
        )
      }
      table={(shown) => (
        <NumbersTable
          caption="Compliance rate by month and agency"
          head={['Month', 'Agency', 'Eligible reports', 'Reports the agency acted on (base)', 'Flagged reports', 'Compliance rate', 'Flags']}
          textColumns={2}
        >
          {months.flatMap((row) =>
            agencies.map((agency) => {
              const f = row.byAgency[agency];
              if (!f) return null;
              return (
                <TableRow
                  key={`${row.month}-${agency}`}
                  data-testid={`monthly-row-${agency}-${row.month}`}
                  data-eligible={f.eligibleReports ?? ''}
                  data-base={f.baseReports ?? ''}
                  data-flagged={f.flaggedReports ?? ''}
                  data-rate={f.complianceRate ?? ''}
                  data-withheld={f.rateWithheld ?? ''}
                  data-confirmed={f.confirmedReports ?? ''}
                  data-confirmed-rate={f.confirmedComplianceRate ?? ''}
                  data-cases={f.cases ?? ''}
                >
                  <TableCell component="th" scope="row">
                    {formatMonth(row.month, true)}
                  </TableCell>
                  <TableCell>{agency}</TableCell>
                  <TableCell align="right" data-testid="eligible">
                    {formatShown(f.eligibleReports, hidden)}
                  </TableCell>
                  <TableCell align="right" data-testid="base">
                    {formatShown(f.baseReports, hidden)}
                  </TableCell>
                  <TableCell align="right" data-testid="flagged">
                    {formatShown(f.flaggedReports, hidden)}
                  </TableCell>
                  <TableCell align="right" data-testid="rate">
                    {rateOf(f)}
                  </TableCell>
                  <TableCell align="right" data-testid="cases">
                    {f.cases !== null && f.cases > 0 ? (
                      <FlagsLink
                        filter={flagListFilter(data.query, { month: row.month, agency })}
                        count={f.cases}
                        hidden={!shown}
                        label={`${plural(f.cases, 'case')}: ${agency}, ${formatMonth(row.month, true)}`}
                      >
                        {formatCount(f.cases)}
                      </FlagsLink>
                    ) : (
                      formatShown(f.cases, hidden)
                    )}
                  </TableCell>
                </TableRow>
              );
            }),
          )}
        </NumbersTable>
      )}
    />
  );
};
