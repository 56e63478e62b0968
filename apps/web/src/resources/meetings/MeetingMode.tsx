import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Dialog,
  Divider,
  FormControl,
  FormControlLabel,
  FormLabel,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from '@mui/material';
import CloseIcon from '@mui/icons-material/Close';
import NavigateBeforeIcon from '@mui/icons-material/NavigateBefore';
import NavigateNextIcon from '@mui/icons-material/NavigateNext';
import { useQueryClient } from '@tanstack/react-query';
import { useNotify } from 'react-admin';
import {
  REVIEW_STATUS_LABELS,
  REVIEW_TRANSITIONS,
  transitionNeedsNote,
  type FlagRecord,
  type MeetingAgendaItem,
  type MeetingDetail,
  type ReviewStatus,
} from '@sra/contracts';
import { refusalMessage } from '../flags/api';
import { ConfidenceChip } from '../flags/ConfidenceChip';
import { Timeline } from '../flags/FlagShow';
import { formatDay, formatSfTime, NEXUS_LABELS, orderedReasons, reasonWords, reviewStatusLabel, ruleShortName } from '../flags/words';
import { MEETINGS, recordDecision, updateMeeting, useCaseDetail, useFlagDetail } from './api';
import { cases, nameCases } from './words';

/** Large type for a room: everything one step bigger than on the ordinary pages. */
const LARGE = {
  '& .MuiTypography-body2': { fontSize: '1.1rem' },
  '& .MuiTypography-body1': { fontSize: '1.25rem' },
  '& .MuiTypography-caption': { fontSize: '1rem' },
  '& .MuiFormHelperText-root': { fontSize: '0.95rem' },
  '& .MuiInputBase-input': { fontSize: '1.15rem' },
};

const Part = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box component="section" sx={{ mt: 3 }}>
    <Typography component="h4" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>
      {title}
    </Typography>
    {children}
  </Box>
);

/**
 * The reasons and the timeline, from the case itself: the case page's (`GET /api/cases/:id`, every rule's reasons
 * and one timeline of the reports it follows and the action; issue 11), or for an item of an agenda built before
 * cases, its flag's (`GET /api/flags/:id`).
 */
const CaseFacts = ({ item }: { item: MeetingAgendaItem }) => {
  const byCase = useCaseDetail(item.caseId);
  const byFlag = useFlagDetail(item.caseId ? undefined : item.flagId);
  const { data, isPending, isError, error } = item.caseId ? byCase : byFlag;
  if (isError) {
    return (
      <Alert severity="error" sx={{ mt: 3 }}>
        The case’s details could not be loaded: {error instanceof Error ? error.message : 'please try again'}
      </Alert>
    );
  }
  if (isPending || !data) {
    return (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mt: 3 }} role="status">
        <CircularProgress size={20} aria-hidden="true" />
        <Typography variant="body2">Loading the case…</Typography>
      </Box>
    );
  }
  // One list of reasons per rule the case breaches (a flag: its one rule).
  const rules = 'rules' in data ? data.rules.filter((r) => r.status === 'current' || data.status === 'withdrawn') : [data];
  return (
    <>
      <Part title="Why it was flagged">
        {rules.map((rule) => (
          <Box key={rule.id} data-testid="meeting-rule-reasons" data-rule-id={rule.ruleId} sx={{ mb: 1 }}>
            {rules.length > 1 ? (
              <Typography variant="body2" sx={{ fontWeight: 600 }}>
                {ruleShortName(rule.ruleId)}
              </Typography>
            ) : null}
            <Box component="ul" data-testid="meeting-reasons" sx={{ m: 0, pl: 3 }}>
              {orderedReasons(rule.reasons).map((reason) => (
                <Typography component="li" variant="body2" key={reason} data-reason={reason} sx={{ mb: 0.5 }}>
                  {reasonWords(reason)}
                </Typography>
              ))}
            </Box>
          </Box>
        ))}
      </Part>
      <Part title="Timeline">
        <Typography variant="body2" sx={{ mb: 1, color: 'text.secondary' }}>
          Times are San Francisco local time. {NEXUS_LABELS[data.nexus] ? `Connection to the report: ${NEXUS_LABELS[data.nexus]}.` : ''}
        </Typography>
        <Box data-testid="meeting-timeline" data-source={item.caseId ? 'case' : 'flag'}>
          {data.timeline.length ? <Timeline flag={data} /> : <Typography variant="body2">No events recorded.</Typography>}
        </Box>
      </Part>
    </>
  );
};

/** What an agenda case is called: its action, agency and day (issue 11), never an id. */
function caseHeading(item: MeetingAgendaItem): string {
  const day = formatDay(item.actionDate);
  if (!item.actionType || !item.agency) return `Arrest or charge on ${day}`;
  return `${item.actionType === 'arrest' ? 'Arrest' : 'DA decision to charge'} by ${item.agency} on ${day}`;
}

/** The allowed next statuses of the case (REVIEW_TRANSITIONS), a note (required when the change needs one), "Record decision". */
const DecisionForm = ({
  item,
  position,
  onRecord,
}: {
  item: MeetingAgendaItem;
  position: number;
  onRecord: (status: ReviewStatus, note: string) => Promise<string | null>;
}) => {
  const labelId = useId();
  const [status, setStatus] = useState<ReviewStatus | ''>('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const allowed = REVIEW_TRANSITIONS[item.reviewStatus] ?? [];
  const needsNote = status !== '' && transitionNeedsNote(item.reviewStatus, status);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (status === '') {
      setProblem('Choose a decision first.');
      return;
    }
    if (needsNote && note.trim() === '') {
      setProblem(`A note is needed: say why the case becomes “${REVIEW_STATUS_LABELS[status]}”.`);
      return;
    }
    setSending(true);
    setProblem(null);
    const refusal = await onRecord(status, note.trim());
    setSending(false);
    if (refusal) setProblem(refusal);
  };

  return (
    <Box component="form" onSubmit={submit} noValidate data-testid="decision-form" sx={{ display: 'grid', gap: 2 }}>
      <FormControl>
        <FormLabel id={labelId} sx={{ fontSize: '1.2rem', fontWeight: 600, color: 'text.primary' }}>
          {`Decision on case ${position}`}
        </FormLabel>
        <RadioGroup
          aria-labelledby={labelId}
          name={`decision-${item.flagId}`}
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as ReviewStatus);
            setProblem(null);
          }}
        >
          {allowed.map((s) => (
            <FormControlLabel key={s} value={s} control={<Radio />} label={REVIEW_STATUS_LABELS[s]} slotProps={{ typography: { sx: { fontSize: '1.2rem' } } }} />
          ))}
        </RadioGroup>
      </FormControl>
      <TextField
        multiline
        minRows={3}
        label={needsNote ? 'Why (required)' : 'Note (optional)'}
        required={needsNote}
        value={note}
        onChange={(event) => {
          setNote(event.target.value);
          setProblem(null);
        }}
        helperText={
          needsNote
            ? 'Dismissing a case, or reopening a decided one, needs a note saying why. It is kept in the case’s history and the minutes.'
            : 'Kept in the case’s history and the minutes.'
        }
        slotProps={{ htmlInput: { 'data-testid': 'decision-note' } }}
      />
      {problem ? (
        <Alert severity="error" role="alert" data-testid="decision-error">
          {problem}
        </Alert>
      ) : null}
      <Box>
        <Button type="submit" variant="contained" size="large" disabled={sending}>
          {sending ? 'Recording…' : 'Record decision'}
        </Button>
      </Box>
    </Box>
  );
};

const OneCase = ({
  item,
  position,
  onRecord,
}: {
  item: MeetingAgendaItem;
  position: number;
  onRecord: (status: ReviewStatus, note: string) => Promise<string | null>;
}) => (
  <Box
    data-testid="meeting-case"
    data-flag-id={item.flagId}
    data-case-id={item.caseId ?? ''}
    sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 3fr) minmax(22em, 2fr)' }, gap: 4 }}
  >
    <Box>
      <Typography component="h3" variant="h5" data-testid="meeting-case-title" sx={{ fontWeight: 600, mb: 1 }}>
        {caseHeading(item)}
      </Typography>
      <Typography variant="body1" data-testid="meeting-sentence" sx={{ fontSize: '1.6rem !important', lineHeight: 1.4, maxWidth: '60ch' }}>
        {item.sentence}
      </Typography>
      <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'center', mt: 2 }}>
        <Typography variant="body2" component="span">
          Current status:{' '}
          <Chip label={reviewStatusLabel(item.reviewStatus)} color="primary" data-testid="meeting-review-status" data-status={item.reviewStatus} sx={{ fontSize: '1.05rem' }} />
        </Typography>
        <Typography variant="body2" component="span">
          Confidence: <ConfidenceChip confidence={item.confidence as FlagRecord['confidence']} />
        </Typography>
        <Typography variant="body2" component="span">
          {(item.ruleIds ?? []).length > 1 ? 'Rules' : 'Rule'}: {(item.ruleIds?.length ? item.ruleIds : [item.ruleId]).map(ruleShortName).join(', ')}
        </Typography>
      </Box>
      {item.decision ? (
        <Alert severity="success" sx={{ mt: 2 }} data-testid="meeting-decided">
          Decided in this meeting: <strong>{reviewStatusLabel(item.decision)}</strong>
          {item.decidedBy ? ` by ${item.decidedBy}` : ''}
          {item.decidedAt ? `, ${formatSfTime(item.decidedAt)}` : ''}
          {item.decisionNote ? `. Why: ${item.decisionNote}` : '.'}
        </Alert>
      ) : null}
      <CaseFacts item={item} />
    </Box>
    <Box sx={{ alignSelf: 'start', border: 1, borderColor: 'divider', borderRadius: 1, p: 2.5 }}>
      <DecisionForm key={`${item.flagId}-${item.reviewStatus}-${item.decidedAt ?? ''}`} item={item} position={position} onRecord={onRecord} />
    </Box>
  </Box>
);

/** After the last case: what was decided, what is left, and marking the meeting as held. */
const EndOfAgenda = ({ meeting, onGo, onChanged }: { meeting: MeetingDetail; onGo: (index: number) => void; onChanged: () => Promise<unknown> }) => {
  const notify = useNotify();
  const [error, setError] = useState<string | null>(null);
  const undecided = meeting.agenda.map((item, index) => ({ item, index })).filter(({ item }) => item.decision === null);
  const markHeld = async () => {
    setError(null);
    try {
      await updateMeeting(meeting.id, { status: 'held' });
      notify('The meeting is marked as held.', { type: 'success' });
    } catch (e) {
      setError(refusalMessage(e));
    } finally {
      await onChanged();
    }
  };
  return (
    <Box data-testid="meeting-end">
      <Typography variant="body1">
        {meeting.decided} of {cases(meeting.agenda.length)} decided in this meeting.
      </Typography>
      {undecided.length ? (
        <Box sx={{ mt: 2 }}>
          <Typography variant="body2">No decision yet on:</Typography>
          <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 1 }}>
            {undecided.map(({ index }) => (
              <Button key={index} variant="outlined" onClick={() => onGo(index)}>
                {`Go to case ${index + 1}`}
              </Button>
            ))}
          </Box>
        </Box>
      ) : null}
      {meeting.status === 'planned' ? (
        <Box sx={{ mt: 3 }}>
          <Button variant="contained" onClick={() => void markHeld()}>
            Mark the meeting as held
          </Button>
          <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary' }}>
            Its agenda then stays as it was, as the record of the meeting.
          </Typography>
        </Box>
      ) : (
        <Typography variant="body2" sx={{ mt: 3 }}>
          The meeting is marked as held.
        </Typography>
      )}
      {error ? (
        <Alert severity="error" role="alert" sx={{ mt: 2 }}>
          {error}
        </Alert>
      ) : null}
    </Box>
  );
};

/** Page Down and Page Up move between cases, except while typing a note. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLTextAreaElement || (target instanceof HTMLInputElement && target.type === 'text');
}

/**
 * Meeting mode: the agenda one case per screen, in large type, over the whole window. Each case shows its
 * sentence, current status, reasons and timeline, and the decisions its status allows; "Record decision" saves
 * it (an ordinary review change), loads the agenda again and moves on to the next case. Keyboard: Tab through
 * everything, Page Down / Page Up for the next / previous case, Escape to leave.
 */
export const MeetingMode = ({
  meeting,
  open,
  index,
  onGo,
  onExit,
  onChanged,
}: {
  meeting: MeetingDetail;
  open: boolean;
  /** 0-based; the agenda's length is the screen after the last case. */
  index: number;
  onGo: (index: number) => void;
  onExit: () => void;
  onChanged: () => Promise<unknown>;
}) => {
  const titleId = useId();
  const notify = useNotify();
  const queryClient = useQueryClient();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const agenda = meeting.agenda;
  const total = agenda.length;
  const at = Math.min(Math.max(index, 0), total);
  const item = at < total ? agenda[at] : null;

  // Each new screen starts at its heading, which a screen reader then reads ("Case 3 of 8").
  useEffect(() => {
    if (!open) return undefined;
    const timer = setTimeout(() => headingRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [open, at]);

  const go = (next: number) => {
    if (next >= 0 && next <= total && next !== at) onGo(next);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (isTyping(event.target)) return;
    if (event.key === 'PageDown') {
      event.preventDefault();
      go(at + 1);
    } else if (event.key === 'PageUp') {
      event.preventDefault();
      go(at - 1);
    }
  };

  const record = async (status: ReviewStatus, note: string): Promise<string | null> => {
    if (!item) return null;
    try {
      await recordDecision(meeting.id, { flagId: item.flagId, status, ...(note ? { note } : {}) });
    } catch (e) {
      // A refusal may mean someone changed the case meanwhile: show it as it is now, with the reason.
      await onChanged();
      return nameCases(refusalMessage(e), agenda);
    }
    await Promise.all([
      onChanged(),
      queryClient.invalidateQueries({ queryKey: [MEETINGS, 'flag', item.flagId] }),
      queryClient.invalidateQueries({ queryKey: [MEETINGS, 'case', item.caseId] }),
    ]);
    onGo(at + 1);
    notify(`Case ${at + 1}: “${REVIEW_STATUS_LABELS[status]}” recorded.`, { type: 'success' });
    return null;
  };

  const heading = total === 0 ? 'The agenda is empty' : item ? `Case ${at + 1} of ${total}` : 'End of the agenda';

  return (
    <Dialog fullScreen open={open} onClose={onExit} aria-labelledby={titleId} disableAutoFocus data-testid="meeting-mode" onKeyDown={onKeyDown}>
      <Box
        sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 3, py: 1.5, bgcolor: 'secondary.main', color: 'secondary.contrastText' }}
      >
        <Typography id={titleId} component="h2" variant="h6" sx={{ flex: 1, fontWeight: 600 }}>
          Meeting mode: {meeting.title}
        </Typography>
        <Button variant="outlined" color="inherit" startIcon={<CloseIcon />} onClick={onExit}>
          Exit
        </Button>
      </Box>
      <Box sx={{ flex: 1, overflowY: 'auto', px: { xs: 2, md: 5 }, py: 3, ...LARGE }}>
        <Typography
          ref={headingRef}
          tabIndex={-1}
          component="h3"
          variant="h4"
          data-testid="meeting-position"
          sx={{ fontWeight: 700, mb: 2, outline: 'none', '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main' } }}
        >
          {heading}
        </Typography>
        {total === 0 ? (
          <Typography variant="body1">Build the agenda or add cases to it first, then start the meeting again.</Typography>
        ) : item ? (
          <OneCase key={item.flagId} item={item} position={at + 1} onRecord={record} />
        ) : (
          <EndOfAgenda meeting={meeting} onGo={onGo} onChanged={onChanged} />
        )}
      </Box>
      <Divider />
      <Box component="nav" aria-label="Cases" sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 3, py: 1.5, flexWrap: 'wrap' }}>
        <Button size="large" variant="outlined" startIcon={<NavigateBeforeIcon />} disabled={at === 0 || total === 0} onClick={() => go(at - 1)}>
          Previous
        </Button>
        <Button size="large" variant="outlined" endIcon={<NavigateNextIcon />} disabled={at >= total} onClick={() => go(at + 1)}>
          Next
        </Button>
        <Typography variant="body2" sx={{ color: 'text.secondary', ml: { sm: 'auto' } }}>
          Keys: Page Down for the next case, Page Up for the previous one, Escape to leave meeting mode.
        </Typography>
      </Box>
    </Dialog>
  );
};
