import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent, type ReactNode } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  CircularProgress,
  Dialog,
  DialogActions,
  DialogContent,
  DialogContentText,
  DialogTitle,
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
  datesInText,
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
import { NEXUS_LABELS, orderedReasons, reasonWords, reviewStatusLabel, ruleShortName } from '../flags/words';
import { formatDateTime, formatDay } from '@sra/contracts';
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

type RecordFn = (item: MeetingAgendaItem, status: ReviewStatus, note: string, version: number) => Promise<string | null>;

/**
 * The allowed next statuses of the case (REVIEW_TRANSITIONS), a note (required when the change needs one), "Record
 * decision". Bound to the one case it shows (mounted per case, it records for that case and no other) and to the
 * review version seen when the choice was made: if another member decided meanwhile the server refuses (409), the
 * message shows and what was typed stays.
 */
const DecisionForm = ({
  item,
  position,
  frozen,
  onRecord,
  onDirty,
}: {
  item: MeetingAgendaItem;
  position: number;
  /** A save or a move is in progress: nothing can be chosen or sent. */
  frozen: boolean;
  onRecord: RecordFn;
  onDirty: (dirty: boolean) => void;
}) => {
  const labelId = useId();
  const [status, setStatus] = useState<ReviewStatus | ''>('');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const dirty = status !== '' || note.trim() !== '';
  // The version the choice is made on: it follows the case while nothing is chosen, and after a refusal (the
  // refusal said what changed, so the next try is made knowing it).
  const [seen, setSeen] = useState(item.reviewVersion);
  useEffect(() => {
    if (!dirty || problem !== null) setSeen(item.reviewVersion);
  }, [item.reviewVersion, dirty, problem]);
  useEffect(() => onDirty(dirty), [dirty, onDirty]);
  const allowed = REVIEW_TRANSITIONS[item.reviewStatus] ?? [];
  // A choice the case's status no longer allows (another member decided meanwhile: the refusal said so) stays
  // shown, checked, as the last option: what was chosen does not vanish from under the message.
  const stale = status !== '' && !allowed.includes(status) ? status : null;
  const options = stale ? [...allowed, stale] : allowed;
  const needsNote = status !== '' && stale === null && transitionNeedsNote(item.reviewStatus, status);
  const disabled = frozen || sending;

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (disabled) return;
    if (status === '') {
      setProblem('Choose a decision first.');
      return;
    }
    if (stale !== null) {
      setProblem(
        item.reviewStatus === stale
          ? `The case is already “${REVIEW_STATUS_LABELS[stale]}” (decided by someone else): nothing to record. Choose another decision, or move on.`
          : `The case is now “${reviewStatusLabel(item.reviewStatus)}”: “${REVIEW_STATUS_LABELS[stale]}” cannot follow it. Choose another decision.`,
      );
      return;
    }
    if (needsNote && note.trim() === '') {
      setProblem(`A note is needed: say why the case becomes “${REVIEW_STATUS_LABELS[status]}”.`);
      return;
    }
    setSending(true);
    setProblem(null);
    const refusal = await onRecord(item, status, note.trim(), seen);
    setSending(false);
    if (refusal) setProblem(refusal);
  };

  // Keys for a room: 1-9 choose a decision (outside the note), Ctrl+Enter records.
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (!isTyping(event.target) && /^[1-9]$/.test(event.key) && !event.ctrlKey && !event.altKey && !event.metaKey) {
      const choice = options[Number(event.key) - 1];
      if (choice && !disabled) {
        event.preventDefault();
        setStatus(choice);
        setProblem(null);
      }
    }
  };

  return (
    <Box
      component="form"
      onSubmit={submit}
      onKeyDown={onKeyDown}
      noValidate
      data-testid="decision-form"
      data-flag-id={item.flagId}
      aria-busy={sending}
      sx={{ display: 'grid', gap: 2 }}
    >
      <Box component="fieldset" disabled={disabled} sx={{ border: 0, m: 0, p: 0, minWidth: 0, display: 'grid', gap: 2 }}>
        <FormControl disabled={disabled}>
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
            {options.map((s, i) => (
              <FormControlLabel
                key={s}
                value={s}
                control={<Radio />}
                label={`${i + 1}. ${REVIEW_STATUS_LABELS[s]}${s === stale ? (item.reviewStatus === s ? ' (now its status)' : ' (no longer possible)') : ''}`}
                slotProps={{ typography: { sx: { fontSize: '1.2rem' } } }}
              />
            ))}
          </RadioGroup>
        </FormControl>
        <TextField
          multiline
          minRows={3}
          disabled={disabled}
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
      </Box>
      {problem ? (
        <Alert severity="error" role="alert" data-testid="decision-error">
          {problem}
        </Alert>
      ) : null}
      <Box>
        <Button type="submit" variant="contained" size="large" disabled={disabled} data-testid="record-decision">
          {sending ? 'Recording…' : 'Record decision'}
        </Button>
        <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary' }}>
          Keys: 1 to {Math.max(options.length, 1)} choose, Ctrl+Enter records.
        </Typography>
      </Box>
    </Box>
  );
};

const OneCase = ({
  item,
  position,
  frozen,
  onRecord,
  onDirty,
}: {
  item: MeetingAgendaItem;
  position: number;
  frozen: boolean;
  onRecord: RecordFn;
  onDirty: (dirty: boolean) => void;
}) => (
  <Box
    data-testid="meeting-case"
    data-flag-id={item.flagId}
    data-review-version={item.reviewVersion}
    data-case-id={item.caseId ?? ''}
    sx={{ display: 'grid', gridTemplateColumns: { xs: 'minmax(0, 1fr)', lg: 'minmax(0, 3fr) minmax(22em, 2fr)' }, gap: 4 }}
  >
    <Box>
      <Typography component="h3" variant="h5" data-testid="meeting-case-title" sx={{ fontWeight: 600, mb: 1 }}>
        {caseHeading(item)}
      </Typography>
      <Typography variant="body1" data-testid="meeting-sentence" sx={{ fontSize: '1.6rem !important', lineHeight: 1.4, maxWidth: '60ch' }}>
        {datesInText(item.sentence)}
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
          {item.decidedAt ? `, ${formatDateTime(item.decidedAt)}` : ''}
          {item.decisionNote ? `. Why: ${item.decisionNote}` : '.'}
        </Alert>
      ) : null}
      <CaseFacts item={item} />
    </Box>
    <Box sx={{ alignSelf: 'start', border: 1, borderColor: 'divider', borderRadius: 1, p: 2.5 }}>
      <DecisionForm item={item} position={position} frozen={frozen} onRecord={onRecord} onDirty={onDirty} />
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

/** Of the agenda's copy and the copy a decision answered, the later (the agenda is loaded again in the background). */
function newer(fromAgenda: MeetingAgendaItem, saved: MeetingAgendaItem | undefined): MeetingAgendaItem {
  return saved && saved.reviewVersion > fromAgenda.reviewVersion ? saved : fromAgenda;
}

/**
 * Meeting mode: the agenda one case per screen, in large type, over the whole window. Only the case on screen is
 * drawn (the page behind is not, so moving shows the next case at once). Its position is this component's own
 * state, changed at once by a move and only then written to the address. "Record decision" saves the decision for
 * the case whose form it is, and the case stays on screen showing it; while the save is in flight the form and the
 * moves wait (a Next or Previous pressed meanwhile is held and done once the save has answered, so one press is
 * always one case). Leaving a case with a choice not recorded asks
 * first. Keyboard: Tab through everything, Page Down / Page Up for the next / previous case, 1-9 to choose a
 * decision, Ctrl+Enter to record it, Escape to leave.
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
  /** 0-based, from the address when meeting mode opens; the agenda's length is the screen after the last case. */
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
  const [at, setAt] = useState(() => Math.min(Math.max(index, 0), total));
  const [saved, setSaved] = useState<Partial<Record<string, MeetingAgendaItem>>>({});
  const [saving, setSaving] = useState(false);
  const savingRef = useRef(false);
  const held = useRef<number | null>(null);
  const dirty = useRef(false);
  const [asking, setAsking] = useState<{ to: number | 'exit' } | null>(null);
  const shown = Math.min(at, total);
  const item = shown < total ? newer(agenda[shown], saved[agenda[shown].flagId]) : null;

  // The address follows (a reload or a link opens the same case); the screen never waits for it. An address
  // changed from outside (Back, Forward, a link) moves the screen.
  const written = useRef(index);
  useEffect(() => {
    if (open && shown !== written.current) {
      written.current = shown;
      onGo(shown);
    }
  }, [shown, open]);
  useEffect(() => {
    if (index !== written.current && !savingRef.current) {
      written.current = index;
      dirty.current = false;
      setAt(Math.min(Math.max(index, 0), total));
    }
  }, [index, total]);

  // Each new screen starts at its heading, which a screen reader then reads ("Case 3 of 8").
  useEffect(() => {
    if (!open) return undefined;
    const timer = setTimeout(() => headingRef.current?.focus(), 0);
    return () => clearTimeout(timer);
  }, [open, shown]);

  const onDirty = useCallback((value: boolean) => {
    dirty.current = value;
  }, []);

  const moveTo = (next: number) => {
    dirty.current = false;
    setAsking(null);
    setAt(next);
  };

  /** A move by one: held while a save is in flight; asks first when the case has a choice not recorded. */
  const step = (delta: -1 | 1) => {
    if (savingRef.current) {
      held.current = delta;
      return;
    }
    const next = shown + delta;
    if (next < 0 || next > total) return;
    if (dirty.current) setAsking({ to: next });
    else moveTo(next);
  };

  const exit = () => {
    if (savingRef.current) return;
    if (dirty.current) setAsking({ to: 'exit' });
    else onExit();
  };

  // Page Down / Page Up (and Escape) from anywhere in the window: while a save is in flight the focused button is disabled and
  // the focus falls to the page, where a key pressed on the dialog would be lost (and the move with it).
  const keys = useRef<(event: globalThis.KeyboardEvent) => void>(() => undefined);
  keys.current = (event) => {
    if (asking) return;
    // Escape too: after a case is replaced on screen the focus may rest on the page, outside the dialog, where the
    // dialog's own Escape handling would never hear it.
    if (event.key === 'Escape') {
      event.preventDefault();
      exit();
      return;
    }
    if (isTyping(event.target)) return;
    if (event.key === 'PageDown') {
      event.preventDefault();
      step(1);
    } else if (event.key === 'PageUp') {
      event.preventDefault();
      step(-1);
    }
  };
  useEffect(() => {
    if (!open) return undefined;
    const listener = (event: globalThis.KeyboardEvent) => keys.current(event);
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [open]);

  const record: RecordFn = async (decided, status, note, version) => {
    const position = agenda.findIndex((a) => a.flagId === decided.flagId);
    savingRef.current = true;
    held.current = null;
    setSaving(true);
    let answer: MeetingAgendaItem;
    try {
      answer = await recordDecision(meeting.id, { flagId: decided.flagId, status, version, ...(note ? { note } : {}) });
    } catch (e) {
      // A refusal may mean someone changed the case meanwhile: show it as it is now, with the reason; a held move is dropped.
      held.current = null;
      try {
        await onChanged();
      } finally {
        savingRef.current = false;
        setSaving(false);
      }
      return nameCases(refusalMessage(e), agenda);
    }
    const move = held.current;
    held.current = null;
    savingRef.current = false;
    dirty.current = false;
    setSaving(false);
    setSaved((all) => ({ ...all, [answer.flagId]: answer }));
    // The case stays on screen, showing the decision, until a move: one Next is one case, even pressed mid-save.
    if (move !== null) setAt(Math.min(Math.max(position + move, 0), total));
    notify(`Case ${position + 1}: “${REVIEW_STATUS_LABELS[status]}” recorded.`, { type: 'success' });
    // In the background: the next case is on screen already.
    void onChanged();
    void queryClient.invalidateQueries({ queryKey: [MEETINGS, 'flag', decided.flagId] });
    void queryClient.invalidateQueries({ queryKey: [MEETINGS, 'case', decided.caseId] });
    return null;
  };

  const heading = total === 0 ? 'The agenda is empty' : item ? `Case ${shown + 1} of ${total}` : 'End of the agenda';

  return (
    <Dialog
      fullScreen
      open={open}
      // Escape pressed with the focus inside this dialog never reaches the window listener above: MUI's modal stops
      // it (and says "escapeKeyDown" here), so it leaves from here; pressed elsewhere, the window listener hears it.
      onClose={() => exit()}
      aria-labelledby={titleId}
      disableAutoFocus
      data-testid="meeting-mode"
    >
      <Box
        sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 3, py: 1.5, bgcolor: 'secondary.main', color: 'secondary.contrastText' }}
      >
        <Typography id={titleId} component="h2" variant="h6" sx={{ flex: 1, fontWeight: 600 }}>
          Meeting mode: {meeting.title}
        </Typography>
        <Button variant="outlined" color="inherit" startIcon={<CloseIcon />} onClick={exit} disabled={saving}>
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
          data-index={shown}
          sx={{ fontWeight: 700, mb: 2, outline: 'none', '&:focus-visible': { outline: '3px solid', outlineColor: 'primary.main' } }}
        >
          {heading}
        </Typography>
        {total === 0 ? (
          <Typography variant="body1">Build the agenda or add cases to it first, then start the meeting again.</Typography>
        ) : item ? (
          // A new form for each case, and after each of its own decisions (never on a reload of the agenda).
          <OneCase key={`${item.flagId}-${saved[item.flagId]?.reviewVersion ?? ''}`} item={item} position={shown + 1} frozen={saving} onRecord={record} onDirty={onDirty} />
        ) : (
          <EndOfAgenda meeting={meeting} onGo={moveTo} onChanged={onChanged} />
        )}
      </Box>
      <Divider />
      <Box component="nav" aria-label="Cases" sx={{ display: 'flex', alignItems: 'center', gap: 2, px: 3, py: 1.5, flexWrap: 'wrap' }}>
        <Button size="large" variant="outlined" startIcon={<NavigateBeforeIcon />} disabled={shown === 0 || total === 0} onClick={() => step(-1)} data-testid="meeting-previous">
          Previous
        </Button>
        <Button size="large" variant="outlined" endIcon={<NavigateNextIcon />} disabled={shown >= total} onClick={() => step(1)} data-testid="meeting-next">
          Next
        </Button>
        <Typography variant="body2" sx={{ color: 'text.secondary', ml: { sm: 'auto' } }}>
          Keys: Page Down for the next case, Page Up for the previous one, Escape to leave meeting mode.
        </Typography>
      </Box>
      <Dialog
        open={asking !== null}
        // While this dialog fades out (after "Leave without recording") it is still the top one and swallows Escape
        // before the window listener hears it: an Escape then is meeting mode's, and leaves it.
        onClose={(_event, reason) => {
          if (asking === null && reason === 'escapeKeyDown') exit();
          else setAsking(null);
        }}
        aria-labelledby={`${titleId}-ask`}
        data-testid="meeting-leave-ask"
      >
        <DialogTitle id={`${titleId}-ask`}>Leave this case without recording?</DialogTitle>
        <DialogContent>
          <DialogContentText>A decision or a note was entered on this case but not recorded. Leaving drops it.</DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button autoFocus onClick={() => setAsking(null)}>
            Stay on this case
          </Button>
          <Button
            color="error"
            onClick={() => {
              const to = asking?.to;
              if (to === 'exit') {
                dirty.current = false;
                setAsking(null);
                onExit();
              } else if (to !== undefined) moveTo(to);
            }}
          >
            Leave without recording
          </Button>
        </DialogActions>
      </Dialog>
    </Dialog>
  );
};
