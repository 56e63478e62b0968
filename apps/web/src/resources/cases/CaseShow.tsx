import { datesInText, categoryWords } from '@sra/contracts';
import { Alert, Box, Divider, Paper, Typography } from '@mui/material';
import { Show, useRecordContext, useShowContext } from 'react-admin';
import type { CaseDetail, CaseRule } from '@sra/contracts';
import { DeferredRecord } from '../../components/DeferredList';
import { Facts, Fact } from '../../components/Facts';
import {
  ActionFact,
  actionWords,
  CasePage,
  CaseShowActions,
  CaseTitle,
  ChargesTable,
  ConfidenceFact,
  JudgingPolicy,
  LinkFact,
  LoadingCase,
  NexusFact,
  PersonKey,
  ReasonList,
  RecordLink,
  Section,
  Timeline,
} from '../flags/FlagShow';
import { ROLE_WORDS, ruleShortName } from '../flags/words';
import { formatDateTime, formatDay } from '@sra/contracts';

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * How a case's reports were linked to its action: the same person key when any rule's is (an exact link is the
 * stronger one), else the kinds of approximate key its rules name (each rule's own is on its section).
 */
function caseLinkKinds(rules: readonly CaseRule[]): string[] {
  const withReport = rules.filter((r) => r.reportIncidentNumber !== null);
  if (withReport.some((r) => !r.linkKinds || r.linkKinds.length === 0)) return [];
  return [...new Set(withReport.flatMap((r) => r.linkKinds))].sort();
}

/** The action, the reports it follows and the person: what the whole case is about. */
const Summary = ({ c }: { c: CaseDetail }) => {
  const current = c.rules.filter((r) => r.status === 'current' || c.status === 'withdrawn');
  return (
    <Section id="case-summary" title="What happened">
      <Typography variant="body1" data-testid="case-headline" sx={{ mb: 2, maxWidth: '80ch' }}>
        {`This ${actionWords(c)} by ${c.agency} on ${formatDay(c.actionDate)} breaches ${count(current.length, 'rule', 'rules')}: ${current
          .map((r) => ruleShortName(r.ruleId))
          .join(', ')}. It is one case, reviewed once.`}
      </Typography>
      {c.status === 'withdrawn' ? (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="case-withdrawn">
          This case was withdrawn{c.withdrawnAt ? ` on ${formatDateTime(c.withdrawnAt)}` : ''}: the rules no longer flag this{' '}
          {actionWords(c)} (for example after a new policy version or corrected data). It is kept for the record, with its review.
        </Alert>
      ) : null}
      <Facts>
        <ActionFact action={c} when={datesInText(c.actionDatetime)} />
        <Fact term={c.reportIncidentNumbers.length === 1 ? 'The report it follows' : 'The reports it follows'}>
          {c.reportIncidentNumbers.length === 0 ? (
            'None: the rule that flags it needs no report (a repealed charge).'
          ) : (
            <span data-testid="case-reports">
              {c.reportIncidentNumbers.map((n, i) => (
                <span key={n}>
                  {i > 0 ? ', ' : ''}
                  Incident <RecordLink link={`incidents/${n}`}>{n}</RecordLink>
                </span>
              ))}
              {c.reportIncidentNumbers.length > 0 ? `, ${categoryWords(c.incidentCategory)}` : ''}
              {c.policeDistrict ? `, ${c.policeDistrict} district` : ''}
              {c.reportAt ? `, reported ${formatDateTime(c.reportAt)}` : ''}
            </span>
          )}
        </Fact>
        <ConfidenceFact confidence={c.confidence} term="Highest confidence" testId="case-confidence" />
        {c.reportIncidentNumbers.length > 0 ? <LinkFact linkKinds={caseLinkKinds(current)} testId="case-link" /> : null}
        <Fact term="Charges as written">
          <Box component="code" sx={{ fontFamily: 'monospace' }} data-testid="case-charges-written">
            {c.chargesAsWritten ?? 'none given'}
          </Box>
        </Fact>
        <Fact term="Person (pseudonymous key)" note="A code standing for the person in every file; it does not say who they are.">
          <PersonKey personKey={c.personKey} />
        </Fact>
      </Facts>
    </Section>
  );
};

/** One rule inside the case: its flag (the evidence), with its version, confidence, connection, reasons and charges. */
const RuleSection = ({ rule, caseWithdrawn }: { rule: CaseRule; caseWithdrawn: boolean }) => (
  <Paper
    variant="outlined"
    component="section"
    aria-labelledby={`rule-${rule.id}-heading`}
    data-testid="case-rule"
    data-rule={rule.ruleId}
    data-flag-id={rule.id}
    sx={{ p: 2, mb: 2 }}
  >
    <Typography id={`rule-${rule.id}-heading`} component="h3" variant="subtitle1" sx={{ fontWeight: 600 }}>
      {ruleShortName(rule.ruleId)} <Box component="span" sx={{ fontWeight: 400, color: 'text.secondary' }}>({rule.ruleId}, version {rule.ruleVersion})</Box>
    </Typography>
    {rule.status === 'withdrawn' && !caseWithdrawn ? (
      <Alert severity="info" sx={{ my: 1 }} data-testid="rule-withdrawn">
        This rule no longer flags the case{rule.withdrawnAt ? ` (since ${formatDateTime(rule.withdrawnAt)})` : ''}; kept for the record.
      </Alert>
    ) : null}
    <Typography variant="body2" data-testid="rule-sentence" sx={{ my: 1, maxWidth: '80ch' }}>
      {datesInText(rule.sentence)}
    </Typography>
    <Facts>
      <ConfidenceFact confidence={rule.confidence} testId="rule-confidence" />
      <NexusFact nexus={rule.nexus} testId="rule-nexus" />
      {rule.reportIncidentNumber ? <LinkFact linkKinds={rule.linkKinds ?? []} testId="rule-link" /> : null}
      {rule.reportIncidentNumber ? (
        <Fact term="Report">
          Incident <RecordLink link={`incidents/${rule.reportIncidentNumber}`}>{rule.reportIncidentNumber}</RecordLink>
          {`, ${categoryWords(rule.incidentCategory)} (the report row that qualified)`}; the person’s role:{' '}
          {rule.reportRoles.length ? rule.reportRoles.map((role) => ROLE_WORDS[role] ?? role).join(', ') : 'not recorded'}
        </Fact>
      ) : null}
      <Fact term="Flag (the evidence)">
        <Box component="code" sx={{ fontFamily: 'monospace', fontSize: '0.8rem' }}>
          {rule.id}
        </Box>
      </Fact>
    </Facts>
    <Typography component="h4" variant="body2" sx={{ fontWeight: 600, mt: 1.5, mb: 0.5 }}>
      Why it was flagged
    </Typography>
    <ReasonList reasons={rule.reasons} testId="rule-reasons" />
    <Typography component="h4" variant="body2" sx={{ fontWeight: 600, mt: 1.5, mb: 0.5 }}>
      Charges, as this policy version reads them
    </Typography>
    <ChargesTable charges={rule.charges} />
    <Typography component="h4" variant="body2" sx={{ fontWeight: 600, mt: 1.5, mb: 0.5 }}>
      The policy version that judged it
    </Typography>
    <JudgingPolicy flag={rule} />
  </Paper>
);

const CaseDetails = () => {
  const c = useRecordContext<CaseDetail>();
  const { refetch } = useShowContext<CaseDetail>();
  if (!c) return <LoadingCase />;
  // Opened from the list, the record has no rules yet: it is being fetched.
  if (!Array.isArray(c.rules) || !c.review) return <LoadingCase />;
  return (
    <CasePage id={c.id} review={c.review} reviewTitle="Review of the case" onChanged={() => refetch()}>
      <Summary c={c} />
      <Divider />
      <Section
        id="case-timeline-section"
        title="Timeline"
        intro="Times are San Francisco local time. A DA decision has a date but no time. Where an incident has several report rows, the one that qualified is marked."
      >
        {c.timeline.length ? <Timeline flag={c} /> : <Typography variant="body2">No events recorded.</Typography>}
      </Section>
      <Divider />
      <Section
        id="case-rules"
        title={`The rules it breaches (${c.rules.length})`}
        intro="Each rule judged this action on its own, under the policy version in force; its flag is the evidence. The case is reviewed once, on the right."
      >
        {c.rules.map((rule) => (
          <RuleSection key={rule.id} rule={rule} caseWithdrawn={c.status === 'withdrawn'} />
        ))}
      </Section>
    </CasePage>
  );
};

/** `GET /api/cases/:id` (CaseDetail): one case, its timeline, each rule inside it and one review. */
export const CaseShow = () => (
  <Show title={<CaseTitle />} actions={<CaseShowActions />}>
    <DeferredRecord>
      <CaseDetails />
    </DeferredRecord>
  </Show>
);
