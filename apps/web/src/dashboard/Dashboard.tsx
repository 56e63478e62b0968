import { useDeferredValue, useMemo } from 'react';
import { Alert, Box, Button, Card, CardContent, CircularProgress, LinearProgress, Skeleton, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Title, useLocation, useNavigate, usePermissions } from 'react-admin';
import { isRole, MIN_RATE_BASE, roleAllowed, type DashboardQuery, type DashboardRelease, type DashboardResult } from '@sra/contracts';
import { ComparisonStrip } from './ComparisonStrip';
import { DashboardPrintStyles, PrintTitle } from './DashboardPrint';
import { CategoryChart, DistrictChart, FunnelChart, MonthlyChart, ReviewStatusChart } from './charts';
import { DashboardFilters } from './DashboardFilters';
import { EvaluationStatusNote } from './EvaluationStatusNote';
import { fetchDashboard, filtersToSearch, parseFilters } from './dashboardQuery';
import { CanOpenCasesContext } from './FlagsLink';
import { formatDay, formatMonth, ruleShortName, THRESHOLD_LABELS } from './format';
import { HealthCard } from './HealthCard';
import { ReleasePeriodFilter } from './ReleasePeriodFilter';
import { SignedInCard } from './SignedInCard';
import { SummaryCards } from './SummaryCards';

const twoColumns = {
  display: 'grid',
  gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'repeat(2, minmax(0, 1fr))' },
  gap: 2,
  alignItems: 'stretch',
} as const;

/** What the figures below cover, in one sentence. */
function describeView(data: DashboardResult): string {
  const { query } = data;
  if (data.release) return `Released figures for ${data.release.period.label}: all rules, all agencies, medium confidence and above.`;
  const parts = [`Reports from ${formatMonth(query.from, true)} to ${formatMonth(query.to, true)}`];
  parts.push(query.rule ? `rule: ${ruleShortName(query.rule)}` : 'all rules');
  parts.push(query.agency ? `agency: ${query.agency}` : 'all agencies');
  if (query.district) parts.push(`police district: ${query.district}`);
  parts.push(THRESHOLD_LABELS[query.threshold].toLowerCase());
  return `${parts.join('; ')}.`;
}

/** The dates of the loaded data and of the period shown, in words, so a stray date in the data can be seen. */
const PeriodNote = ({ data }: { data: DashboardResult }) => {
  const { query, dataRange } = data;
  const period = `${formatMonth(query.from, true)} to ${formatMonth(query.to, true)}`;
  return (
    <Typography
      variant="body2"
      data-testid="dashboard-period"
      data-first-report={dataRange?.firstReport ?? ''}
      data-last-report={dataRange?.lastReport ?? ''}
      data-default-period={data.defaultPeriod}
    >
      {dataRange
        ? `The loaded data holds reports from ${formatDay(dataRange.firstReport)} to ${formatDay(dataRange.lastReport)}. `
        : 'No reports are loaded yet. '}
      {data.release
        ? `Shown: ${data.release.period.label}.`
        : data.defaultPeriod
          ? `Shown: ${period}, the latest 12 complete months with eligible reports.`
          : `Shown: ${period}, the period chosen.`}
    </Typography>
  );
};

/** Once on the page, for a role that sees small counts hidden (compliance-rules.md §8): what "<11" means. */
const SuppressionNote = ({ suppression }: { suppression: NonNullable<DashboardResult['suppression']> }) => (
  <Alert severity="info" data-testid="suppression-note">
    Counts from 1 to {suppression.threshold - 1}, and some others that would reveal them, are shown as{' '}
    <strong>{suppression.label}</strong> to protect the people in these cases. A rate worked out from a hidden count
    is &ldquo;not shown&rdquo;, and a hidden count leaves a gap in the charts.
  </Alert>
);

/**
 * Under the title, for a viewer (issue 12): what the released figures are, and why they may differ from what was
 * asked (another period, filters dropped).
 */
const ReleaseNote = ({ release }: { release: DashboardRelease }) => (
  <Alert severity="info" data-testid="release-note" sx={{ maxWidth: '100ch' }}>
    You see the released figures: whole months, quarters and years, every rule and agency, medium confidence and
    above. Counts from 1 to 10, and counts that would give one away, are shown as &lt;11.
    {release.snapped ? (
      <Box component="span" data-testid="release-snapped" sx={{ display: 'block', mt: 0.5 }}>
        {release.snapped}
      </Box>
    ) : null}
  </Alert>
);

/**
 * While the figures load: their outline, at least a screen tall, so that nothing on the page moves when they
 * arrive (issue 14: layout shift). The figures are taller than a screen at every width, so "About this system"
 * below them is out of sight both before and after.
 */
const FiguresSkeleton = () => (
  <Box data-testid="dashboard-skeleton" sx={{ display: 'flex', flexDirection: 'column', gap: 2, minHeight: '100vh' }}>
    <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1, minHeight: 56 }}>
      <CircularProgress size={20} aria-hidden="true" />
      <Typography variant="body1">Loading the figures…</Typography>
    </Box>
    <Box aria-hidden="true" sx={{ display: 'grid', gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(4, minmax(0, 1fr))' }, gap: 2 }}>
      {[0, 1, 2, 3].map((i) => (
        <Skeleton key={i} variant="rounded" height={340} />
      ))}
    </Box>
    <Skeleton aria-hidden="true" variant="rounded" height={330} />
    <Skeleton aria-hidden="true" variant="rounded" height={615} />
  </Box>
);

const Figures = ({ data }: { data: DashboardResult }) => {
  // A viewer has no review statuses (issue 12): the chart is left out rather than drawn empty.
  const showsReviews = data.reviewStatus.length > 0;
  const charts = [
    <DistrictChart key="district" data={data} />,
    <CategoryChart key="category" data={data} />,
    <FunnelChart key="funnel" data={data} />,
    ...(showsReviews ? [<ReviewStatusChart key="review-status" data={data} />] : []),
  ];
  return (
    <>
      <PeriodNote data={data} />
      <Typography variant="body2" data-testid="dashboard-view" sx={{ color: 'text.secondary' }}>
        {describeView(data)}
      </Typography>
      {/* The release note under the title says the same for a viewer. */}
      {data.suppression && !data.release ? <SuppressionNote suppression={data.suppression} /> : null}
      <SummaryCards data={data} />
      {data.comparison ? <ComparisonStrip data={data} comparison={data.comparison} /> : null}
      <MonthlyChart data={data} />
      <Box sx={twoColumns} className="dashboard-print-grid">
        {charts}
      </Box>
    </>
  );
};

/**
 * The home page: how well police and prosecutors kept the rules, for the period, rule, agency, district and
 * confidence chosen in the address (`#/?from=2021-07&to=2022-06&threshold=high`). All figures come from one call
 * to `GET /api/dashboard`; clicking a number opens exactly the flagged cases it counts (roles that may see cases).
 */
export const Dashboard = () => {
  const location = useLocation();
  const navigate = useNavigate();
  const { permissions: role } = usePermissions();
  const canOpenCases = isRole(role) && roleAllowed(role, 'caseLevel');

  const { filters, ignored } = useMemo(() => parseFilters(location.search), [location.search]);
  const monthsOutOfOrder = filters.from && filters.to && filters.from > filters.to ? { from: filters.from, to: filters.to } : null;
  const monthsInOrder = monthsOutOfOrder === null;
  const key = filtersToSearch(filters);

  const {
    data: fetched,
    error,
    isPending,
    isFetching,
    isPlaceholderData: fetchedIsPlaceholder,
    refetch,
  } = useQuery({
    queryKey: ['api', 'dashboard', key],
    queryFn: () => fetchDashboard(filters),
    enabled: monthsInOrder,
    // Keep the previous figures on screen while new ones load, so the page does not jump.
    placeholderData: keepPreviousData,
  });

  // The figures are drawn in a background render, in slices, rather than in one long task when they arrive (issue
  // 14: total blocking time); until then the page shows what it showed (the outline, or the previous figures).
  const arrived = useMemo(() => ({ data: fetched, isPlaceholderData: fetchedIsPlaceholder }), [fetched, fetchedIsPlaceholder]);
  const shown = useDeferredValue(arrived);
  const { data, isPlaceholderData } = shown;
  const changeFilters = (next: DashboardQuery) => navigate({ pathname: '/', search: filtersToSearch(next) });
  const busy = monthsInOrder && (isPending || isFetching);
  const current = data && !isPlaceholderData ? data : undefined;
  const release = data?.release ?? null;

  let content;
  if (monthsOutOfOrder) {
    content = (
      <Alert severity="warning">
        The first month ({formatMonth(monthsOutOfOrder.from, true)}) is after the last ({formatMonth(monthsOutOfOrder.to, true)}).
        Choose a first month that comes before the last one.
      </Alert>
    );
  } else if (error && !data) {
    content = (
      <Alert
        severity="error"
        action={
          <Button color="inherit" size="small" onClick={() => void refetch()}>
            Try again
          </Button>
        }
      >
        The figures could not be loaded. {error instanceof Error ? error.message : ''}
      </Alert>
    );
  } else if (!data) {
    content = <FiguresSkeleton />;
  } else {
    content = (
      <>
        {error ? (
          <Alert severity="warning">The latest figures could not be loaded; these are the previous ones.</Alert>
        ) : null}
        <Figures data={data} />
      </>
    );
  }

  return (
    <CanOpenCasesContext.Provider value={canOpenCases}>
      <Box sx={{ py: 2, display: 'flex', flexDirection: 'column', gap: 2 }}>
        <Title title="Dashboard" />
        <DashboardPrintStyles />
        <PrintTitle period={current ? (current.release?.period.label ?? `${formatMonth(current.query.from, true)} to ${formatMonth(current.query.to, true)}`) : null} />
        <Box>
          <Typography component="h1" variant="h5" sx={{ fontWeight: 600, mb: 0.5 }} className="dashboard-no-print">
            Compliance dashboard
          </Typography>
          <Typography variant="body1" sx={{ maxWidth: '80ch' }}>
            Do San Francisco police and prosecutors keep the &ldquo;Prioritizing Safety for Sex Workers&rdquo; rules?
            The compliance rate is the share of eligible reports with no flagged arrest or charge; every rate is
            shown with the counts it rests on, and none on fewer than {MIN_RATE_BASE} reports.
            {canOpenCases ? ' Click a number, bar or dot to open the flagged cases behind it.' : ''}
          </Typography>
          {release ? (
            <Box sx={{ mt: 1.5 }}>
              <ReleaseNote release={release} />
            </Box>
          ) : null}
        </Box>
        <Card component="section" aria-labelledby="dashboard-filters-heading" className="dashboard-no-print">
          <CardContent>
            <Typography id="dashboard-filters-heading" component="h2" variant="h6" sx={{ fontWeight: 600, mb: 2 }}>
              {release ? 'Period' : 'Filters'}
            </Typography>
            {ignored.length ? (
              <Alert severity="info" sx={{ mb: 2 }}>
                Some filters in the address could not be read and are not applied: {ignored.join(', ')}.
              </Alert>
            ) : null}
            {release ? (
              <ReleasePeriodFilter release={release} onChange={changeFilters} />
            ) : data || canOpenCases ? (
              <DashboardFilters filters={filters} applied={data} onChange={changeFilters} />
            ) : (
              // A viewer's filters depend on the released periods: none until the figures come.
              <Typography variant="body2">Loading the periods…</Typography>
            )}
          </CardContent>
        </Card>
        <Box
          data-testid="dashboard"
          aria-busy={busy}
          data-state={busy || !current ? 'loading' : 'ready'}
          data-from={current?.query.from}
          data-to={current?.query.to}
          data-threshold={current?.query.threshold}
          data-rule={current?.query.rule ?? ''}
          data-agency={current?.query.agency ?? ''}
          data-district={current?.query.district ?? ''}
          sx={{ display: 'flex', flexDirection: 'column', gap: 2, position: 'relative' }}
        >
          <EvaluationStatusNote onUpToDate={() => void refetch()} />
          {busy && data ? (
            <LinearProgress aria-label="Loading the new figures" sx={{ position: 'absolute', top: -8, left: 0, right: 0 }} />
          ) : null}
          {content}
        </Box>
        <Box component="section" aria-labelledby="about-heading" sx={{ mt: 2 }} className="dashboard-no-print">
          <Typography id="about-heading" component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>
            About this system
          </Typography>
          <Box sx={twoColumns}>
            <HealthCard />
            <SignedInCard />
          </Box>
        </Box>
      </Box>
    </CanOpenCasesContext.Provider>
  );
};
