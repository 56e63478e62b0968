import { useMemo } from 'react';
import { Alert, Box, Button, Card, CardContent, CircularProgress, LinearProgress, Typography } from '@mui/material';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Title, useLocation, useNavigate, usePermissions } from 'react-admin';
import { isRole, roleAllowed, type DashboardQuery, type DashboardResult } from '@sra/contracts';
import { CategoryChart, DistrictChart, FunnelChart, MonthlyChart, ReviewStatusChart } from './charts';
import { DashboardFilters } from './DashboardFilters';
import { EvaluationStatusNote } from './EvaluationStatusNote';
import { fetchDashboard, filtersToSearch, parseFilters } from './dashboardQuery';
import { CanOpenCasesContext } from './FlagsLink';
import { formatMonth, ruleShortName, THRESHOLD_LABELS } from './format';
import { HealthCard } from './HealthCard';
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
  const parts = [`Reports from ${formatMonth(query.from, true)} to ${formatMonth(query.to, true)}`];
  parts.push(query.rule ? `rule: ${ruleShortName(query.rule)}` : 'all rules');
  parts.push(query.agency ? `agency: ${query.agency}` : 'all agencies');
  if (query.district) parts.push(`police district: ${query.district}`);
  parts.push(THRESHOLD_LABELS[query.threshold].toLowerCase());
  return `${parts.join('; ')}.`;
}

/** Once on the page, for a role that sees small counts hidden (compliance-rules.md §8): what "<11" means. */
const SuppressionNote = ({ suppression }: { suppression: NonNullable<DashboardResult['suppression']> }) => (
  <Alert severity="info" data-testid="suppression-note">
    Counts from 1 to {suppression.threshold - 1}, and some others that would reveal them, are shown as{' '}
    <strong>{suppression.label}</strong> to protect the people in these cases. A rate worked out from a hidden count
    is &ldquo;not shown&rdquo;, and a hidden count leaves a gap in the charts.
  </Alert>
);

const Figures = ({ data }: { data: DashboardResult }) => (
  <>
    <Typography variant="body2" data-testid="dashboard-view" sx={{ color: 'text.secondary' }}>
      {describeView(data)}
    </Typography>
    {data.suppression ? <SuppressionNote suppression={data.suppression} /> : null}
    <SummaryCards data={data} />
    <MonthlyChart data={data} />
    <Box sx={twoColumns}>
      <DistrictChart data={data} />
      <CategoryChart data={data} />
      <FunnelChart data={data} />
      <ReviewStatusChart data={data} />
    </Box>
  </>
);

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

  const { data, error, isPending, isFetching, isPlaceholderData, refetch } = useQuery({
    queryKey: ['api', 'dashboard', key],
    queryFn: () => fetchDashboard(filters),
    enabled: monthsInOrder,
    // Keep the previous figures on screen while new ones load, so the page does not jump.
    placeholderData: keepPreviousData,
  });

  const changeFilters = (next: DashboardQuery) => navigate({ pathname: '/', search: filtersToSearch(next) });
  const busy = monthsInOrder && (isPending || isFetching);
  const current = data && !isPlaceholderData ? data : undefined;

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
    content = (
      <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1, py: 4 }}>
        <CircularProgress size={24} aria-hidden="true" />
        <Typography variant="body1">Loading the figures…</Typography>
      </Box>
    );
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
        <Box>
          <Typography component="h1" variant="h5" sx={{ fontWeight: 600, mb: 0.5 }}>
            Compliance dashboard
          </Typography>
          <Typography variant="body1" sx={{ maxWidth: '80ch' }}>
            Do San Francisco police and prosecutors keep the &ldquo;Prioritizing Safety for Sex Workers&rdquo; rules?
            The compliance rate is the share of eligible reports with no flagged arrest or charge.
            {canOpenCases ? ' Click a number, bar or dot to open the flagged cases behind it.' : ''}
          </Typography>
        </Box>
        <Card component="section" aria-labelledby="dashboard-filters-heading">
          <CardContent>
            <Typography id="dashboard-filters-heading" component="h2" variant="h6" sx={{ fontWeight: 600, mb: 2 }}>
              Filters
            </Typography>
            {ignored.length ? (
              <Alert severity="info" sx={{ mb: 2 }}>
                Some filters in the address could not be read and are not applied: {ignored.join(', ')}.
              </Alert>
            ) : null}
            <DashboardFilters filters={filters} applied={data} onChange={changeFilters} />
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
        <Box component="section" aria-labelledby="about-heading" sx={{ mt: 2 }}>
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
