import { useEffect, useRef, useState, type ReactNode } from 'react';
import { Alert, Box, Button, Chip, CircularProgress, Paper, Typography } from '@mui/material';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import PlaylistAddIcon from '@mui/icons-material/PlaylistAdd';
import { Link, useCreatePath, useNotify } from 'react-admin';
import type { FlagRecord, MeetingAgendaItem, MeetingDetail } from '@sra/contracts';
import { refusalMessage } from '../flags/api';
import { ConfidenceChip } from '../flags/ConfidenceChip';
import { formatDay, formatSfTime, reviewStatusLabel, ruleShortName } from '../flags/words';
import { addToAgenda, buildAgenda, removeFromAgenda, reorderAgenda, usePreviousMeeting } from './api';
import { AddCase } from './AddCase';
import { agendaRuleWords, cases, nameCases } from './words';
import { VisuallyHidden } from '../../components/VisuallyHidden';

/** Small "term: value" pieces of an agenda line. */
const Bit = ({ term, children }: { term: string; children: ReactNode }) => (
  <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
    <Box component="span" sx={{ color: 'text.secondary' }}>
      {term}:{' '}
    </Box>
    {children}
  </Typography>
);

const AgendaLine = ({
  item,
  index,
  count,
  locked,
  busy,
  onMove,
  onRemove,
}: {
  item: MeetingAgendaItem;
  index: number;
  count: number;
  locked: boolean;
  busy: boolean;
  onMove: (index: number, delta: -1 | 1) => void;
  onRemove: (item: MeetingAgendaItem, index: number) => void;
}) => {
  const createPath = useCreatePath();
  const n = index + 1;
  return (
    <Paper
      component="li"
      variant="outlined"
      data-testid="agenda-item"
      data-flag-id={item.flagId}
      data-review-status={item.reviewStatus}
      sx={{ p: 1.5, display: 'grid', gridTemplateColumns: 'auto minmax(0, 1fr)', columnGap: 1.5 }}
    >
      <Typography component="span" variant="h6" sx={{ fontWeight: 600, minWidth: '1.5em' }} aria-hidden="true">
        {n}.
      </Typography>
      <Box>
        <Typography variant="body1" data-testid="agenda-sentence" sx={{ maxWidth: '80ch' }}>
          <VisuallyHidden>
            {`Case ${n}: `}
          </VisuallyHidden>
          {item.sentence}
        </Typography>
        <Box sx={{ display: 'flex', flexWrap: 'wrap', columnGap: 2, rowGap: 0.5, alignItems: 'center', mt: 0.75 }}>
          <Bit term="Confidence">
            <ConfidenceChip confidence={item.confidence as FlagRecord['confidence']} />
          </Bit>
          <Bit term={(item.ruleIds ?? []).length > 1 ? 'Rules' : 'Rule'}>{(item.ruleIds?.length ? item.ruleIds : [item.ruleId]).map(ruleShortName).join(', ')}</Bit>
          <Bit term="Arrest or charge on">{formatDay(item.actionDate)}</Bit>
          <Bit term="Review status">
            <span data-testid="agenda-review-status">{reviewStatusLabel(item.reviewStatus)}</span>
          </Bit>
          {item.addedByHand ? <Chip size="small" variant="outlined" label="Added by hand" sx={{ color: 'text.primary' }} /> : null}
        </Box>
        {item.decision ? (
          <Typography variant="body2" data-testid="agenda-decision" sx={{ mt: 0.75 }}>
            <strong>Decided in this meeting: {reviewStatusLabel(item.decision)}</strong>
            {item.decidedBy ? ` (${item.decidedBy}${item.decidedAt ? `, ${formatSfTime(item.decidedAt)}` : ''})` : ''}
            {item.decisionNote ? `. Why: ${item.decisionNote}` : ''}
          </Typography>
        ) : null}
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1, alignItems: 'center' }}>
          <Link to={item.caseId ? createPath({ resource: 'cases', id: item.caseId, type: 'show' }) : createPath({ resource: 'flags', id: item.flagId, type: 'show' })}>{`Open case ${n}`}</Link>
          {locked ? null : (
            <>
              <Button
                size="small"
                startIcon={<ArrowUpwardIcon />}
                aria-label={`Move case ${n} up`}
                data-move="up"
                data-flag-id={item.flagId}
                disabled={busy || index === 0}
                onClick={() => onMove(index, -1)}
              >
                Up
              </Button>
              <Button
                size="small"
                startIcon={<ArrowDownwardIcon />}
                aria-label={`Move case ${n} down`}
                data-move="down"
                data-flag-id={item.flagId}
                disabled={busy || index === count - 1}
                onClick={() => onMove(index, 1)}
              >
                Down
              </Button>
              <Button
                size="small"
                color="error"
                startIcon={<DeleteIcon />}
                aria-label={`Remove case ${n} from the agenda`}
                disabled={busy || item.decision !== null}
                title={item.decision !== null ? 'A case decided in this meeting stays in its minutes.' : undefined}
                onClick={() => onRemove(item, index)}
              >
                Remove
              </Button>
            </>
          )}
        </Box>
      </Box>
    </Paper>
  );
};

/**
 * The agenda in order: build it with the default rule, add a case by hand, move cases up and down, remove them.
 * Each change is sent to the server, which answers the agenda as it now is; a held meeting refuses changes.
 */
export const AgendaPanel = ({ meeting, onChanged }: { meeting: MeetingDetail; onChanged: () => Promise<unknown> }) => {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { data: previous, isPending: previousPending } = usePreviousMeeting(meeting.date);
  const listRef = useRef<HTMLOListElement>(null);
  // After a move, the moved case's button keeps the focus (the list is drawn again in the new order).
  const refocus = useRef<{ flagId: string; index: number; move: 'up' | 'down' } | null>(null);
  const locked = meeting.status === 'held';
  const agenda = meeting.agenda;

  useEffect(() => {
    const wanted = refocus.current;
    // Only once the page shows the new order (the agenda is loaded again after the server's answer).
    if (!wanted || busy || agenda[wanted.index]?.flagId !== wanted.flagId) return;
    refocus.current = null;
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>(`button[data-flag-id="${wanted.flagId}"]`) ?? [];
    const same = [...buttons].find((b) => b.dataset.move === wanted.move && !b.disabled);
    (same ?? [...buttons].find((b) => !b.disabled))?.focus();
  }, [agenda, busy]);

  /** Sends one change; whatever happens, the agenda is loaded again (someone else may have changed it). */
  const run = async (change: () => Promise<unknown>, done: (result: unknown) => string): Promise<boolean> => {
    setBusy(true);
    setError(null);
    let message: string | null = null;
    try {
      message = done(await change());
    } catch (e) {
      setError(nameCases(refusalMessage(e), agenda));
    } finally {
      await onChanged();
      setBusy(false);
    }
    // Said once the page shows the agenda as it now is.
    if (message !== null) notify(message, { type: 'success' });
    return message !== null;
  };

  const build = () =>
    run(
      () => buildAgenda(meeting.id),
      (result) => {
        const size = (result as MeetingDetail).agenda.length;
        return size === 0 ? 'The rule found no case: the agenda is empty.' : `The agenda now has ${cases(size)}.`;
      },
    );

  const move = (index: number, delta: -1 | 1) => {
    const ids = agenda.map((item) => item.flagId);
    const [moved] = ids.splice(index, 1);
    ids.splice(index + delta, 0, moved);
    refocus.current = { flagId: moved, index: index + delta, move: delta < 0 ? 'up' : 'down' };
    void run(() => reorderAgenda(meeting.id, ids), () => `Case ${index + 1} is now case ${index + 1 + delta}.`).then((ok) => {
      if (!ok) refocus.current = null;
    });
  };

  const remove = (item: MeetingAgendaItem, index: number) =>
    void run(() => removeFromAgenda(meeting.id, item.flagId), () => `Case ${index + 1} was taken off the agenda.`);

  const add = (flag: FlagRecord) => run(() => addToAgenda(meeting.id, flag.id), () => `The case was added as case ${agenda.length + 1}.`);

  return (
    <Box data-testid="agenda-panel" aria-busy={busy}>
      {locked ? (
        <Alert severity="info" sx={{ mb: 2 }} data-testid="agenda-locked">
          This meeting was held: its agenda is the record of what was discussed and cannot change. To change it, set the
          meeting back to planned.
        </Alert>
      ) : (
        <Box sx={{ mb: 2 }}>
          <Typography variant="body2" sx={{ maxWidth: '80ch', mb: 1 }} data-testid="agenda-rule">
            {previousPending ? 'Building the agenda lists the open cases of high or medium confidence flagged since the previous meeting.' : agendaRuleWords(previous?.date ?? null)}
          </Typography>
          <Button variant="contained" startIcon={<PlaylistAddIcon />} disabled={busy} onClick={() => void build()}>
            Build the agenda
          </Button>
        </Box>
      )}

      {error ? (
        <Alert severity="error" role="alert" sx={{ mb: 2 }} data-testid="agenda-error">
          {error}
        </Alert>
      ) : null}

      {busy ? (
        <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }} role="status">
          <CircularProgress size={16} aria-hidden="true" />
          <Typography variant="body2">Saving…</Typography>
        </Box>
      ) : null}

      {agenda.length === 0 ? (
        <Typography variant="body2" data-testid="agenda-empty" sx={{ mb: 2 }}>
          The agenda is empty. Build it, or add cases one by one below.
        </Typography>
      ) : (
        <Box
          component="ol"
          ref={listRef}
          data-testid="agenda-list"
          aria-label={`Agenda: ${cases(agenda.length)}`}
          sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1, mb: 2 }}
        >
          {agenda.map((item, index) => (
            <AgendaLine
              key={item.flagId}
              item={item}
              index={index}
              count={agenda.length}
              locked={locked}
              busy={busy}
              onMove={move}
              onRemove={remove}
            />
          ))}
        </Box>
      )}

      {locked ? null : <AddCase agenda={agenda} disabled={busy} onAdd={add} />}
    </Box>
  );
};
