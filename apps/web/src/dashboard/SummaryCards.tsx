import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';
import { OPEN_REVIEW_STATUSES, type DashboardResult } from '@sra/contracts';
import { DashboardCard } from './DashboardCard';
import { flagListFilter } from './dashboardQuery';
import { FlagsLink } from './FlagsLink';
import { formatRateOf, formatShown, hiddenLabel, pluralShown } from './format';

const BigNumber = ({ testId, value, children }: { testId: string; value: number | null; children: ReactNode }) => (
  <Typography component="p" variant="h4" data-testid={testId} data-value={value ?? ''} sx={{ fontWeight: 600, lineHeight: 1.2 }}>
    {children}
  </Typography>
);

const Explanation = ({ children }: { children: ReactNode }) => (
  <Typography variant="body2" sx={{ color: 'text.secondary', mt: 1 }}>
    {children}
  </Typography>
);

/** The headline figures: eligible and flagged reports, the compliance rate of each agency, and reviews to do. */
export const SummaryCards = ({ data }: { data: DashboardResult }) => {
  const { overall, query } = data;
  const all = flagListFilter(query);
  const hidden = hiddenLabel(data);
  return (
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', lg: 'repeat(4, minmax(0, 1fr))' },
        gap: 2,
        alignItems: 'stretch',
      }}
    >
      <DashboardCard id="card-eligible" title="Eligible reports">
        <BigNumber testId="card-eligible" value={overall.eligibleReports}>
          {formatShown(overall.eligibleReports, hidden)}
        </BigNumber>
        <Explanation>
          Reports of a violent crime, made in the period, that the rules protect: the person who reported should not
          be arrested or charged for sex work because of it.
        </Explanation>
      </DashboardCard>

      <DashboardCard id="card-flagged" title="Flagged reports">
        <BigNumber testId="card-flagged" value={overall.flaggedReports}>
          {formatShown(overall.flaggedReports, hidden)}
        </BigNumber>
        <Typography variant="body1" sx={{ mt: 0.5 }}>
          <FlagsLink filter={all} count={overall.cases} testId="card-flagged-cases">
            {pluralShown(overall.cases, 'case', hidden)}
          </FlagsLink>
        </Typography>
        <Explanation>
          Eligible reports followed by an arrest or a charge that a rule forbids. The cases are those arrests and
          charges: one report can lead to more than one (an arrest and a charge), and one arrest that breaches two
          rules is one case. Cases a reviewer dismissed are not counted.
        </Explanation>
      </DashboardCard>

      <DashboardCard id="card-compliance" title="Compliance rate">
        <BigNumber testId="card-compliance" value={overall.complianceRate}>
          {formatRateOf(overall.complianceRate, overall.eligibleReports)}
        </BigNumber>
        <Explanation>Share of eligible reports with no flagged arrest or charge, all agencies together.</Explanation>
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, mt: 1 }} aria-label="Compliance rate per agency">
          {data.perAgency.map((agency) => (
            <Typography
              component="li"
              variant="body2"
              key={agency.agency}
              data-testid={`agency-rate-${agency.agency}`}
              data-rate={agency.complianceRate ?? ''}
              sx={{ display: 'flex', flexWrap: 'wrap', gap: 0.75, py: 0.25 }}
            >
              <strong>{agency.agency}:</strong>
              <span>{formatRateOf(agency.complianceRate, agency.eligibleReports)}</span>
              {agency.cases !== 0 ? (
                <span>
                  (
                  <FlagsLink filter={flagListFilter(query, { agency: agency.agency })} count={agency.cases} testId={`agency-cases-${agency.agency}`}>
                    {pluralShown(agency.cases, 'case', hidden)}
                  </FlagsLink>
                  )
                </span>
              ) : null}
            </Typography>
          ))}
        </Box>
        <Typography variant="body2" sx={{ mt: 1.5 }}>
          Confirmed compliance rate:{' '}
          <strong data-testid="card-confirmed-compliance" data-value={overall.confirmedComplianceRate ?? ''}>
            {formatRateOf(overall.confirmedComplianceRate, overall.eligibleReports)}
          </strong>
        </Typography>
        <Explanation>
          Counts only the violations a reviewer confirmed ({pluralShown(overall.confirmedReports, 'report', hidden)} so far); it
          rises towards the compliance rate as reviews are decided.
        </Explanation>
      </DashboardCard>

      <DashboardCard id="card-open-reviews" title="Open reviews">
        <BigNumber testId="card-open-reviews" value={data.openReviews}>
          {formatShown(data.openReviews, hidden)}
        </BigNumber>
        <Typography variant="body1" sx={{ mt: 0.5 }}>
          {data.openReviews === 0 ? (
            'Nothing to review'
          ) : (
            <FlagsLink
              filter={flagListFilter(query, { reviewStatus: OPEN_REVIEW_STATUSES })}
              count={data.openReviews}
              testId="card-open-reviews-link"
            >
              {data.openReviews === null
                ? `${pluralShown(null, 'case', hidden)} to review`
                : data.openReviews === 1
                  ? 'The case to review'
                  : `The ${pluralShown(data.openReviews, 'case', hidden)} to review`}
            </FlagsLink>
          )}
        </Typography>
        <Explanation>Flags in these filters that nobody has decided yet (new or in review).</Explanation>
      </DashboardCard>
    </Box>
  );
};
