import { datesInText, categoryWords } from '@sra/contracts';
import type { ReactNode } from 'react';
import {
  Alert,
  Box,
  CircularProgress,
  Divider,
  Paper,
  Table,
  TableBody,
  TableCell,
  TableContainer,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { Link, ListButton, Show, TopToolbar, useCreatePath, useRecordContext, useShowContext } from 'react-admin';
import type { ChargeReading, FlagDetail, FlagRecord, PolicyVersionRecord, ReviewRecord, TimelineEvent } from '@sra/contracts';
import { Fact, Facts } from '../../components/Facts';
import { PlainCharge } from '../../components/PlainCharges';
import { ProvenanceChips } from '../policy-versions/ProvenanceChip';
import { ConfidenceChip } from './ConfidenceChip';
import { ReviewPanel } from './ReviewPanel';
import { CONFIDENCE_EXPLANATIONS, describeGap, levelWords, LINK_EXPLANATIONS, linkWords, NEXUS_EXPLANATIONS, NEXUS_LABELS, orderedReasons, reasonWords, recordLinkWords, ROLE_WORDS, ruleShortName, shortKey } from './words';
import { formatDateTime, formatDay } from '@sra/contracts';

/** What the action was, in words: "arrest" or "DA charge". */
export const actionWords = (action: Pick<FlagRecord, 'actionType'>) => (action.actionType === 'arrest' ? 'arrest' : 'DA charge');

/** The page title of a flag or a case: "Flagged case: SFPD arrest on May 11, 2022". */
export const CaseTitle = () => {
  const action = useRecordContext<Pick<FlagRecord, 'agency' | 'actionType' | 'actionDate'>>();
  if (!action) return <span>Flagged case</span>;
  return <span>{`Flagged case: ${action.agency} ${actionWords(action)} on ${formatDay(action.actionDate)}`}</span>;
};

export const CaseShowActions = () => (
  <TopToolbar>
    <ListButton label="All flagged cases" />
  </TopToolbar>
);

/** Shown while a record opened from the list (which has no details yet) is being fetched. */
export const LoadingCase = () => (
  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, p: 2 }}>
    <CircularProgress size={20} aria-label="Loading the case" />
    <Typography variant="body2">Loading the case…</Typography>
  </Box>
);

/** The page of a flag or a case (`id`): its details on the left, its review (titled `reviewTitle`) on the right. */
export const CasePage = ({
  id,
  children,
  review,
  reviewTitle,
  onChanged,
}: {
  id: string;
  children: ReactNode;
  review: ReviewRecord;
  reviewTitle: string;
  onChanged: () => void;
}) => (
  <Box
    sx={{
      display: 'grid',
      gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 2fr) minmax(22em, 1fr)' },
      gap: 3,
      px: 2,
      pb: 2,
    }}
  >
    <Box>{children}</Box>
    <Paper variant="outlined" component="section" aria-labelledby="review-heading" sx={{ p: 2, alignSelf: 'start' }}>
      <Typography id="review-heading" component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>
        {reviewTitle}
      </Typography>
      <ReviewPanel key={id} review={review} onChanged={onChanged} />
    </Paper>
  </Box>
);

/** The arrest or DA decision: agency, when (`when`), and its incident as a link. */
export const ActionFact = ({ action, when }: { action: Pick<FlagDetail, 'actionType' | 'agency' | 'actionIncidentNumber'>; when: string }) => (
  <Fact term={action.actionType === 'arrest' ? 'Arrest' : 'DA decision'}>
    {action.agency}, {when}
    {action.actionIncidentNumber ? (
      <>
        {' '}
        (incident <RecordLink link={`incidents/${action.actionIncidentNumber}`}>{action.actionIncidentNumber}</RecordLink>)
      </>
    ) : null}
  </Fact>
);

/** A confidence with what it means (`term` "Confidence" or "Highest confidence"; `testId` on the chip's span). */
export const ConfidenceFact = ({ confidence, term = 'Confidence', testId }: { confidence: FlagRecord['confidence']; term?: string; testId: string }) => (
  <Fact term={term} note={CONFIDENCE_EXPLANATIONS[confidence]}>
    <span data-testid={testId}>
      <ConfidenceChip confidence={confidence} />
    </span>
  </Fact>
);

/** The connection to the report, with what it means. */
export const NexusFact = ({ nexus, testId }: { nexus: FlagRecord['nexus']; testId: string }) => (
  <Fact term="Connection to the report" note={NEXUS_EXPLANATIONS[nexus]}>
    <span data-testid={testId}>{NEXUS_LABELS[nexus] ?? nexus}</span>
  </Fact>
);

/** How the report and the action were linked (issue 16): by the same person key, or by an approximate key. */
export const LinkFact = ({ linkKinds, testId }: { linkKinds: readonly string[]; testId: string }) => (
  <Fact term="How the two records were linked" note={linkKinds.length ? LINK_EXPLANATIONS.approximate : LINK_EXPLANATIONS.exact}>
    <span data-testid={testId} data-approximate={linkKinds.length > 0 ? 'true' : 'false'}>
      {linkWords(linkKinds)}
    </span>
  </Fact>
);

/** Why a rule flagged an action, one reason a line, in the order that reads best. */
export const ReasonList = ({ reasons, testId }: { reasons: FlagDetail['reasons']; testId: string }) => (
  <Box component="ul" data-testid={testId} sx={{ m: 0, pl: 3 }}>
    {orderedReasons(reasons).map((reason) => (
      <Typography component="li" variant="body2" key={reason} data-reason={reason} sx={{ mb: 0.5 }}>
        {reasonWords(reason)}
      </Typography>
    ))}
  </Box>
);

/** A titled part of the page (an h2 and what it is about). */
export const Section = ({ id, title, children, intro }: { id: string; title: string; children: ReactNode; intro?: ReactNode }) => (
  <Box component="section" aria-labelledby={`${id}-heading`} data-testid={id} sx={{ py: 2 }}>
    <Typography id={`${id}-heading`} component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>
      {title}
    </Typography>
    {intro ? (
      <Typography variant="body2" sx={{ mb: 1.5, maxWidth: '80ch', color: 'text.secondary' }}>
        {intro}
      </Typography>
    ) : null}
    {children}
  </Box>
);

/** A link to a record page of the app (`incidents/<n>`, `arrests/<id>`, `da-decisions/<id>`). */
export const RecordLink = ({ link, children }: { link: string; children?: ReactNode }) => {
  const createPath = useCreatePath();
  const slash = link.indexOf('/');
  if (slash <= 0) return <>{children ?? link}</>;
  const to = createPath({ resource: link.slice(0, slash), id: link.slice(slash + 1), type: 'show' });
  return (
    <Link to={to} data-testid="record-link">
      {children ?? recordLinkWords(link)}
    </Link>
  );
};

/**
 * The report rows of an incident at one moment, the row that qualified marked (its category is the one the sentence
 * names), when there are several.
 */
const ReportRows = ({ rows }: { rows: NonNullable<TimelineEvent['rows']> }) =>
  rows.length > 1 ? (
    <Box component="ul" data-testid="timeline-rows" sx={{ m: 0, mt: 0.5, pl: 2.5 }}>
      {rows.map((row) => (
        <Typography component="li" variant="body2" key={row.rowId} data-testid="timeline-row" data-qualifying={row.qualifying} sx={{ fontWeight: row.qualifying ? 600 : 400 }}>
          {row.category}
          {row.qualifying ? ' — the report row that qualified' : ' — does not qualify'}
        </Typography>
      ))}
    </Box>
  ) : null;

/** The case's events in time order (also shown one case at a time in a meeting). */
export const Timeline = ({ flag }: { flag: Pick<FlagDetail, 'timeline' | 'reportAt'> }) => (
  <Box component="ol" data-testid="flag-timeline" sx={{ listStyle: 'none', m: 0, p: 0 }}>
    {flag.timeline.map((event: TimelineEvent, index) => (
      <Box
        component="li"
        key={`${event.kind}-${event.at}-${index}`}
        data-testid="timeline-event"
        data-kind={event.kind}
        sx={{
          display: 'grid',
          gridTemplateColumns: { xs: '1fr', sm: '13em minmax(0, 1fr)' },
          columnGap: 2,
          py: 1,
          pl: 2,
          borderLeft: 3,
          borderColor: event.kind === 'arrest' || event.kind === 'da_decision' ? 'error.main' : 'primary.main',
        }}
      >
        <Box>
          <Typography variant="body2" sx={{ fontWeight: 600 }}>
            <time dateTime={event.at} data-testid="timeline-time">
              {formatDateTime(event.at)}
            </time>
          </Typography>
          <Typography variant="caption" component="p" sx={{ color: 'text.secondary' }} data-testid="timeline-gap">
            {describeGap(event, flag.reportAt)}
          </Typography>
        </Box>
        <Box>
          <Typography variant="body2" data-testid="timeline-label">
            {event.label}
          </Typography>
          {event.rows ? <ReportRows rows={event.rows} /> : null}
          {event.link ? (
            <Typography variant="body2">
              <RecordLink link={event.link}>{`Open ${recordLinkWords(event.link, true)}`}</RecordLink>
            </Typography>
          ) : null}
        </Box>
      </Box>
    ))}
  </Box>
);

/** The charges of an action as written and as one policy version reads them (also on the case page, once per rule). */
export const ChargesTable = ({ charges }: { charges: ChargeReading[] }) => {
  if (charges.length === 0) {
    return <Typography variant="body2">The record gives no charges.</Typography>;
  }
  return (
    // Focusable: on a narrow screen the table scrolls sideways, and the keyboard must reach it too.
    <TableContainer component={Paper} variant="outlined" tabIndex={0} role="region" aria-labelledby="flag-charges-section-heading">
      <Table size="small" data-testid="flag-charges" aria-labelledby="flag-charges-section-heading">
        <TableHead>
          <TableRow>
            <TableCell component="th" scope="col">Charge</TableCell>
            <TableCell component="th" scope="col">As written</TableCell>
            <TableCell component="th" scope="col">Read as</TableCell>
            <TableCell component="th" scope="col">Level</TableCell>
            <TableCell component="th" scope="col">Protected under this policy</TableCell>
            <TableCell component="th" scope="col">Why</TableCell>
          </TableRow>
        </TableHead>
        <TableBody>
          {charges.map((charge, index) => (
            <TableRow key={`${charge.raw}-${index}`} data-testid="charge-row">
              <TableCell>
                <PlainCharge charge={charge.plain} testId="charge-plain" />
              </TableCell>
              <TableCell>
                <Box component="code" sx={{ fontFamily: 'monospace' }}>
                  {charge.raw}
                </Box>
              </TableCell>
              <TableCell>{charge.parsed ?? 'Could not be read'}</TableCell>
              <TableCell>{levelWords(charge.level)}</TableCell>
              <TableCell data-protected={charge.protected}>{charge.protected ? 'Yes' : 'No'}</TableCell>
              <TableCell>
                {charge.error ? <Box component="span" sx={{ display: 'block' }}>{`Not read as a charge: ${charge.error}`}</Box> : null}
                {charge.reasons.map((reason) => (
                  <Box component="span" key={reason} sx={{ display: 'block' }}>
                    {reasonWords(reason)}
                  </Box>
                ))}
                {!charge.error && charge.reasons.length === 0 ? (charge.protected ? 'On the policy’s list of protected charges.' : 'Not on the policy’s list of protected charges.') : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
};

/** The policy version that judged a flag, or a warning that it could not be found. */
export const JudgingPolicy = ({ flag }: { flag: Pick<FlagDetail, 'policyVersion' | 'ruleId' | 'ruleVersion'> }) =>
  flag.policyVersion ? (
    <PolicyFacts policy={flag.policyVersion} />
  ) : (
    <Alert severity="warning">
      The policy version ({flag.ruleId}, version {flag.ruleVersion}) could not be found.
    </Alert>
  );

export const PolicyFacts = ({ policy }: { policy: Omit<PolicyVersionRecord, 'document'> }) => {
  const createPath = useCreatePath();
  return (
    <Facts>
      <Fact term="Title">
        <Link to={createPath({ resource: 'policy-versions', id: policy.id, type: 'show' })} data-testid="flag-policy-title">
          {policy.title}
        </Link>
      </Fact>
      <Fact term="Instrument">{datesInText(policy.instrument)}</Fact>
      <Fact term="Rule and version">
        <span data-testid="flag-policy-version">
          {policy.ruleId}, version {policy.version}
        </span>
      </Fact>
      <Fact term="In force">
        From {formatDay(policy.effectiveFrom)}{' '}
        {policy.effectiveUntil ? `until ${formatDay(policy.effectiveUntil)}` : 'on (the latest version)'}
      </Fact>
      <Fact term="Where its lists come from" note="Hover over or focus a chip for what it means.">
        <ProvenanceChips record={policy as PolicyVersionRecord} />
      </Fact>
    </Facts>
  );
};

/** The pseudonymous person key: small, cut short, the whole key in the title (to match records, never to identify). */
export const PersonKey = ({ personKey }: { personKey: string }) => (
  <Box
    component="code"
    title={personKey}
    tabIndex={0}
    aria-label={`Person key ${personKey}`}
    data-testid="flag-person-key"
    sx={{ fontFamily: 'monospace', fontSize: '0.8rem', bgcolor: 'grey.100', px: 0.5, borderRadius: 0.5 }}
  >
    {shortKey(personKey)}
  </Box>
);

const Summary = ({ flag }: { flag: FlagDetail }) => (
  <Section id="flag-summary" title="What happened">
    <Typography variant="body1" data-testid="flag-sentence" sx={{ mb: 2, maxWidth: '80ch' }}>
      {datesInText(flag.sentence)}
    </Typography>
    {flag.status === 'withdrawn' ? (
      <Alert severity="info" sx={{ mb: 2 }} data-testid="flag-withdrawn">
        This flag was withdrawn{flag.withdrawnAt ? ` on ${formatDateTime(flag.withdrawnAt)}` : ''}: the rules no longer flag this
        case (for example after a new policy version or corrected data). It is kept for the record.
      </Alert>
    ) : null}
    <Facts>
      <Fact term="Rule">
        {ruleShortName(flag.ruleId)} ({flag.ruleId})
      </Fact>
      <ConfidenceFact confidence={flag.confidence} testId="flag-confidence" />
      <NexusFact nexus={flag.nexus} testId="flag-nexus" />
      {flag.reportIncidentNumber ? <LinkFact linkKinds={flag.linkKinds ?? []} testId="flag-link" /> : null}
      <ActionFact action={flag} when={formatDay(flag.actionDate)} />
      {flag.reportIncidentNumber ? (
        <Fact term="Report">
          Incident <RecordLink link={`incidents/${flag.reportIncidentNumber}`}>{flag.reportIncidentNumber}</RecordLink>
          {`, ${categoryWords(flag.incidentCategory)}`}
          {flag.policeDistrict ? `, ${flag.policeDistrict} district` : ''}
          {flag.reportAt ? `, reported ${formatDateTime(flag.reportAt)}` : ''}
        </Fact>
      ) : null}
      {flag.reportIncidentNumber ? (
        <Fact term="The person’s role in the report">
          <span data-testid="flag-report-roles">
            {flag.reportRoles.length ? flag.reportRoles.map((role) => ROLE_WORDS[role] ?? role).join(', ') : 'Not recorded'}
          </span>
        </Fact>
      ) : null}
      <Fact term="Person (pseudonymous key)" note="A code standing for the person in every file; it does not say who they are.">
        <PersonKey personKey={flag.personKey} />
      </Fact>
    </Facts>
  </Section>
);

const CaseDetails = () => {
  const flag = useRecordContext<FlagDetail>();
  const { refetch } = useShowContext<FlagDetail>();
  if (!flag) return null;
  // Opened from the list, the record has no timeline yet: it is being fetched.
  if (!Array.isArray(flag.timeline) || !flag.review) return <LoadingCase />;
  return (
    <CasePage id={flag.id} review={flag.review} reviewTitle="Review" onChanged={() => refetch()}>
      <Summary flag={flag} />
      <Divider />
      <Section id="flag-reasons" title="Why it was flagged">
        <ReasonList reasons={flag.reasons} testId="flag-reasons" />
      </Section>
      <Divider />
      <Section
        id="flag-timeline-section"
        title="Timeline"
        intro="Times are San Francisco local time. A DA decision has a date but no time."
      >
        {flag.timeline.length ? <Timeline flag={flag} /> : <Typography variant="body2">No events recorded.</Typography>}
      </Section>
      <Divider />
      <Section
        id="flag-charges-section"
        title="Charges"
        intro={
          <>
            Each charge in plain words (statute, what it is, and its level when the record or the statute says it), as the{' '}
            {flag.actionType === 'arrest' ? 'arrest record' : 'DA record'} gives it, and how the audit read it under the policy
            version below.
          </>
        }
      >
        <ChargesTable charges={flag.charges} />
      </Section>
      <Divider />
      <Section id="flag-policy" title="The policy version that judged this case">
        <JudgingPolicy flag={flag} />
      </Section>
    </CasePage>
  );
};

/** `GET /api/flags/:id` (FlagDetail): one case, its timeline, charges, policy version and review. */
export const FlagShow = () => (
  <Show title={<CaseTitle />} actions={<CaseShowActions />}>
    <CaseDetails />
  </Show>
);
