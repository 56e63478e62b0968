import { Alert, AlertTitle, Box, LinearProgress, Typography } from '@mui/material';
import { formatDateTime, type EvaluationOutcome } from '@sra/contracts';
import { Fact, Facts } from './Facts';

const integerFormat = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

/** Whether the outcome may still change (worth asking the server again in a moment). */
export function outcomePending(outcome: EvaluationOutcome | null | undefined): boolean {
  return outcome?.state === 'waiting' || outcome?.state === 'running';
}

type CountKey = 'new' | 'changed' | 'withdrawn' | 'unchanged';

const CASE_COUNTS: Array<{ key: CountKey; term: string; note: string }> = [
  { key: 'new', term: 'New cases', note: 'Arrests or DA charges flagged for the first time: each is one case to review.' },
  { key: 'changed', term: 'Changed cases', note: 'Cases whose rules, confidence or reports changed (or that came back after a withdrawal).' },
  { key: 'withdrawn', term: 'Withdrawn cases', note: 'Cases whose evidence is gone: kept, with their reviews, but no longer counted.' },
  { key: 'unchanged', term: 'Unchanged cases', note: 'Cases of the people evaluated that stayed as they were.' },
];

const FLAG_COUNTS: Array<{ key: CountKey; term: string; note: string }> = [
  { key: 'new', term: 'New flags', note: 'Rules found broken for the first time (a case holds one flag per rule).' },
  { key: 'changed', term: 'Changed flags', note: 'Flags whose confidence, charges, reasons or policy version changed (or that came back after a withdrawal).' },
  { key: 'withdrawn', term: 'Withdrawn flags', note: 'Flags whose evidence is gone: kept, but no longer counted.' },
  { key: 'unchanged', term: 'Unchanged flags', note: 'Flags of the people evaluated that stayed as they were.' },
];

/**
 * What an evaluation did to the flags, once it is done ("Evaluating…" before). `subject` names what started it:
 * "this load", "this policy version".
 */
export const EvaluationOutcomeView = ({
  outcome,
  subject,
  waitingText,
  testIdPrefix = 'outcome',
}: {
  outcome: EvaluationOutcome;
  subject: string;
  waitingText: string;
  testIdPrefix?: string;
}) => {
  if (outcome.state === 'waiting' || outcome.state === 'running') {
    const text = outcome.state === 'running' ? `Evaluating… the flags are being brought up to date after ${subject}.` : waitingText;
    return (
      <Box data-testid={`${testIdPrefix}-pending`}>
        <Typography id={`${testIdPrefix}-pending-label`} variant="body2" sx={{ mb: 1 }}>
          {text}
        </Typography>
        {outcome.state === 'running' ? <LinearProgress aria-labelledby={`${testIdPrefix}-pending-label`} sx={{ maxWidth: 360 }} /> : null}
      </Box>
    );
  }
  if (outcome.state === 'failed') {
    return (
      <Alert severity="error" data-testid={`${testIdPrefix}-failed`}>
        <AlertTitle>The evaluation after {subject} failed</AlertTitle>
        {outcome.error ?? 'The server gave no reason.'} The flags were left as they were; an administrator can run{' '}
        <code>audit evaluate</code> to bring them up to date.
      </Alert>
    );
  }
  const { flags, cases } = outcome;
  return (
    <Box data-testid={`${testIdPrefix}-done`}>
      <Typography variant="body2" sx={{ mb: 1 }}>
        {outcome.scope === 'full' && subject === 'this load'
          ? `A full evaluation of every record covered ${subject}`
          : `Evaluated after ${subject}`}
        {outcome.finishedAt ? ` (finished ${formatDateTime(outcome.finishedAt)})` : ''}.
        {cases ? ` ${integerFormat.format(cases.current)} cases are current now` : ''}
        {flags ? `${cases ? ',' : ''} ${integerFormat.format(flags.current)} flags${cases ? '' : ' are current now'}` : ''}
        {cases || flags ? '.' : ''}
      </Typography>
      {cases ? (
        <Facts>
          {CASE_COUNTS.map(({ key, term, note }) => (
            <Fact key={key} term={term} note={note}>
              <strong data-testid={`${testIdPrefix}-cases-${key}`}>{String(cases[key])}</strong>
            </Fact>
          ))}
        </Facts>
      ) : null}
      {flags ? (
        <Facts>
          {FLAG_COUNTS.map(({ key, term, note }) => (
            <Fact key={key} term={term} note={note}>
              <strong data-testid={`${testIdPrefix}-${key}`}>{String(flags[key])}</strong>
            </Fact>
          ))}
        </Facts>
      ) : null}
    </Box>
  );
};
