import type { CSSProperties, ReactNode } from 'react';
import { Box, Typography } from '@mui/material';
import { MIN_RATE_BASE, OPEN_REVIEW_STATUSES, type DashboardResult, type RateWithheld } from '@sra/contracts';
import { DashboardCard } from './DashboardCard';
import { flagListFilter } from './dashboardQuery';
import { FlagsLink } from './FlagsLink';
import { baseOf, confirmedBaseOf, confirmedRateOf, formatShown, hiddenLabel, pluralShown, rateOf } from './format';

const BigNumber = ({ testId, value, children }: { testId: string; value: number | null; children: ReactNode }) => (
  <Typography component="p" variant="h4" data-testid={testId} data-value={value ?? ''} sx={{ fontWeight: 600, lineHeight: 1.2 }}>
    {children}
  </Typography>
);

/** A rate as the card's big figure; a rate withheld is said in words, in plain type (never a bold percentage). */
const RateFigure = ({ testId, rate, withheld, children }: { testId: string; rate: number | null; withheld: RateWithheld | null; children: ReactNode }) =>
  rate === null ? (
    <Typography component="p" variant="h6" data-testid={testId} data-value="" data-withheld={withheld ?? ''} sx={{ fontWeight: 400, lineHeight: 1.3 }}>
      {children}
    </Typography>
  ) : (
    <BigNumber testId={testId} value={rate}>
      {children}
    </BigNumber>
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
  // A viewer is told nothing of reviews (issue 12: the released set has no such count): no card rather than an empty one.
  const showsOpenReviews = !(data.release && data.openReviews === null);
  return (
    <Box
      className="dashboard-summary-grid"
      // Printed: the short cards side by side in one row, the compliance card across the row below (print styles).
      style={{ '--summary-columns': showsOpenReviews ? 3 : 2 } as CSSProperties}
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', sm: 'repeat(2, minmax(0, 1fr))', lg: `repeat(${showsOpenReviews ? 4 : 3}, minmax(0, 1fr))` },
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

      <DashboardCard id="card-compliance" title="Compliance rate" printWide>
        <RateFigure testId="card-compliance" rate={overall.complianceRate} withheld={overall.rateWithheld}>
          {rateOf(overall)}
        </RateFigure>
        <Typography variant="body1" data-testid="card-compliance-base" sx={{ mt: 0.5 }}>
          {baseOf(overall, hidden)}
        </Typography>
        <Explanation>
          Share of eligible reports with no flagged arrest or charge, all agencies together. No rate is given on fewer
          than {MIN_RATE_BASE} reports: the counts are shown instead.
        </Explanation>
        <Box component="ul" sx={{ listStyle: 'none', p: 0, m: 0, mt: 1 }} aria-label="Compliance rate per agency">
          {data.perAgency.map((agency) => (
            <Typography
              component="li"
              variant="body2"
              key={agency.agency}
              data-testid={`agency-rate-${agency.agency}`}
              data-rate={agency.complianceRate ?? ''}
              data-withheld={agency.rateWithheld ?? ''}
              data-base={agency.baseReports ?? ''}
              sx={{ py: 0.25 }}
            >
              <strong>{agency.agency}:</strong> <span data-testid={`agency-rate-text-${agency.agency}`}>{rateOf(agency)}</span>{' '}
              <span data-testid={`agency-base-${agency.agency}`}>({baseOf(agency, hidden, agency.agency)})</span>
              {agency.cases !== 0 ? (
                <>
                  {' '}
                  <FlagsLink filter={flagListFilter(query, { agency: agency.agency })} count={agency.cases} testId={`agency-cases-${agency.agency}`}>
                    {pluralShown(agency.cases, 'case', hidden)}
                  </FlagsLink>
                </>
              ) : null}
            </Typography>
          ))}
        </Box>
        <Explanation>
          An agency&rsquo;s rate counts only the reports whose reporter it later arrested or cited (the DA: charged):
          the occasions on which it could have broken a rule.
        </Explanation>
        <Typography variant="body2" sx={{ mt: 1.5 }}>
          Confirmed compliance rate:{' '}
          <strong data-testid="card-confirmed-compliance" data-value={overall.confirmedComplianceRate ?? ''} data-withheld={overall.confirmedRateWithheld ?? ''}>
            {confirmedRateOf(overall)}
          </strong>
          {overall.confirmedRateWithheld !== 'no-review' ? <span data-testid="card-confirmed-base"> ({confirmedBaseOf(overall, hidden)})</span> : null}
        </Typography>
        <Explanation>
          Counts only the violations a reviewer confirmed ({pluralShown(overall.confirmedReports, 'report', hidden)} so far); it
          rises towards the compliance rate as reviews are decided. It is given once a case in these filters was decided.
        </Explanation>
      </DashboardCard>

      {showsOpenReviews ? (
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
          <Explanation>Cases in these filters that nobody has decided yet (new or in review).</Explanation>
        </DashboardCard>
      ) : null}
    </Box>
  );
};
