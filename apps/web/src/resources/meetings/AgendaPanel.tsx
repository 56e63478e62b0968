import { datesInText } from '@sra/contracts';
import { memo, useCallback, useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import { Alert, Box, Button, Checkbox, Chip, CircularProgress, FormControlLabel, MenuItem, Paper, TextField, Typography } from '@mui/material';
import ArrowDownwardIcon from '@mui/icons-material/ArrowDownward';
import ArrowUpwardIcon from '@mui/icons-material/ArrowUpward';
import DeleteIcon from '@mui/icons-material/DeleteOutlined';
import PlaylistAddIcon from '@mui/icons-material/PlaylistAdd';
import { Link, useCreatePath, useNotify } from 'react-admin';
import type { AgendaOrder, BuildAgendaRequest, FlagRecord, MeetingAgendaItem, MeetingDetail, ReviewStatus } from '@sra/contracts';
import { refusalMessage } from '../flags/api';
import { ConfidenceChip } from '../flags/ConfidenceChip';
import { reviewStatusLabel, ruleShortName } from '../flags/words';
import { formatDateTime, formatDay } from '@sra/contracts';
import { addToAgenda, buildAgenda, removeFromAgenda, removeManyFromAgenda, reorderAgenda, usePreviousMeeting } from './api';
import { AddCase } from './AddCase';
import { agendaRuleWords, cases, monthBefore, nameCases } from './words';
import { VisuallyHidden } from '../../components/VisuallyHidden';
import { useRowsDrawn } from '../../components/useRowsDrawn';

/** Small "term: value" pieces of an agenda line. */
const Bit = ({ term, children }: { term: string; children: ReactNode }) => (
  <Typography variant="body2" component="span" sx={{ whiteSpace: 'nowrap' }}>
    <Box component="span" sx={{ color: 'text.secondary' }}>
      {term}:{' '}
    </Box>
    {children}
  </Typography>
);

const AgendaLine = memo(function AgendaLine({
  item,
  index,
  count,
  locked,
  busy,
  selected,
  onSelect,
  onMove,
  onRemove,
}: {
  item: MeetingAgendaItem;
  index: number;
  count: number;
  locked: boolean;
  busy: boolean;
  selected: boolean;
  onSelect: (flagId: string, selected: boolean) => void;
  onMove: (index: number, delta: -1 | 1) => void;
  onRemove: (item: MeetingAgendaItem, index: number) => void;
}) {
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
          {datesInText(item.sentence)}
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
            {item.decidedBy ? ` (${item.decidedBy}${item.decidedAt ? `, ${formatDateTime(item.decidedAt)}` : ''})` : ''}
            {item.decisionNote ? `. Why: ${item.decisionNote}` : ''}
          </Typography>
        ) : null}
        <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, mt: 1, alignItems: 'center' }}>
          {locked ? null : (
            <Checkbox
              size="small"
              checked={selected}
              disabled={busy || item.decision !== null}
              onChange={(event) => onSelect(item.flagId, event.target.checked)}
              slotProps={{ input: { 'aria-label': `Select case ${n}` } }}
              data-testid="agenda-select"
            />
          )}
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
});

type Refocus = { flagId: string; index: number; move: 'up' | 'down' };

/**
 * A page of the agenda's lines, drawn a few at a time (the first screenful at once): fifty lines drawn in one go were
 * one long task that kept a 500-case meeting's page from answering (issue 14). Only these lines are drawn again as
 * more come; each line is drawn again only when what it shows changes.
 */
const AgendaLines = ({
  items,
  offset,
  total,
  locked,
  busy,
  selected,
  refocus,
  onSelect,
  onMove,
  onRemove,
}: {
  items: readonly MeetingAgendaItem[];
  offset: number;
  total: number;
  locked: boolean;
  busy: boolean;
  selected: ReadonlySet<string>;
  refocus: RefObject<Refocus | null>;
  onSelect: (flagId: string, selected: boolean) => void;
  onMove: (index: number, delta: -1 | 1) => void;
  onRemove: (item: MeetingAgendaItem, index: number) => void;
}) => {
  const listRef = useRef<HTMLOListElement>(null);
  const drawn = useRowsDrawn(items.length, offset, 6, 3);

  // After a move, the moved case's button keeps the focus, once its line is drawn in the new order.
  useEffect(() => {
    const wanted = refocus.current;
    if (!wanted || busy) return;
    const at = wanted.index - offset;
    if (at < 0 || at >= drawn || items[at]?.flagId !== wanted.flagId) return;
    refocus.current = null;
    const buttons = listRef.current?.querySelectorAll<HTMLButtonElement>(`button[data-flag-id="${wanted.flagId}"]`) ?? [];
    const same = [...buttons].find((b) => b.dataset.move === wanted.move && !b.disabled);
    (same ?? [...buttons].find((b) => !b.disabled))?.focus();
  }, [items, busy, drawn, offset, refocus]);

  return (
    <Box
      component="ol"
      ref={listRef}
      data-testid="agenda-list"
      data-drawn={drawn >= items.length ? 'all' : 'some'}
      aria-label={`Agenda: ${cases(total)}`}
      sx={{ listStyle: 'none', m: 0, p: 0, display: 'grid', gap: 1, mb: 2 }}
    >
      {items.slice(0, drawn).map((item, i) => (
        <AgendaLine
          key={item.flagId}
          item={item}
          index={offset + i}
          count={total}
          locked={locked}
          busy={busy}
          selected={selected.has(item.flagId)}
          onSelect={onSelect}
          onMove={onMove}
          onRemove={onRemove}
        />
      ))}
    </Box>
  );
};

/** Agenda lines drawn at a time: a long agenda (hundreds of cases) opens at once and pages. */
const PAGE = 50;

const STATUS_CHOICES: Array<{ id: ReviewStatus; name: string }> = [
  { id: 'new', name: 'New' },
  { id: 'in_review', name: 'In review' },
];

/**
 * Choosing what "Build the agenda" takes (issue 14): the period (default since the previous meeting's day, or the
 * month before this meeting for the first one), the lowest confidence, the review statuses, a maximum and the order.
 * The server filters and orders (POST /api/meetings/:id/agenda/build).
 */
const AgendaBuilder = ({ meeting, previousDay, busy, onBuild }: { meeting: MeetingDetail; previousDay: string | null; busy: boolean; onBuild: (request: BuildAgendaRequest) => void }) => {
  const defaultSince = previousDay ?? monthBefore(meeting.date);
  const [since, setSince] = useState(defaultSince);
  const [until, setUntil] = useState('');
  const [minConfidence, setMinConfidence] = useState<'high' | 'medium' | 'low'>('medium');
  const [statuses, setStatuses] = useState<ReviewStatus[]>(['new', 'in_review']);
  const [limit, setLimit] = useState('');
  const [order, setOrder] = useState<AgendaOrder>('newest');
  useEffect(() => setSince(defaultSince), [defaultSince]);
  const limitNumber = limit.trim() === '' ? undefined : Number(limit);
  const limitProblem = limitNumber !== undefined && (!Number.isInteger(limitNumber) || limitNumber < 1 || limitNumber > 2000) ? 'A whole number from 1 to 2,000, or empty for no limit' : null;
  const problem = statuses.length === 0 ? 'Choose at least one status.' : limitProblem;
  return (
    <Box component="form" data-testid="agenda-builder" aria-label="Build the agenda" onSubmit={(e) => {
      e.preventDefault();
      if (problem) return;
      onBuild({
        since: since === '' ? null : since,
        ...(until ? { until } : {}),
        minConfidence,
        reviewStatus: statuses,
        ...(limitNumber !== undefined ? { limit: limitNumber } : {}),
        order,
      });
    }} sx={{ display: 'flex', flexWrap: 'wrap', gap: 2, alignItems: 'flex-start', mb: 1 }}>
      <TextField fullWidth={false} type="date" size="small" label="Flagged from" value={since} onChange={(e) => setSince(e.target.value)} slotProps={{ inputLabel: { shrink: true } }}
        helperText={previousDay ? 'The previous meeting’s day' : 'A month before this meeting'} />
      <TextField fullWidth={false} type="date" size="small" label="Flagged until" value={until} onChange={(e) => setUntil(e.target.value)} slotProps={{ inputLabel: { shrink: true } }} helperText="Empty: up to now" />
      <TextField fullWidth={false} select size="small" label="Lowest confidence" value={minConfidence} onChange={(e) => setMinConfidence(e.target.value as typeof minConfidence)} sx={{ width: '12em' }}>
        <MenuItem value="high">High only</MenuItem>
        <MenuItem value="medium">Medium and high</MenuItem>
        <MenuItem value="low">Any (low too)</MenuItem>
      </TextField>
      <Box role="group" aria-label="Review status" sx={{ display: 'flex', alignItems: 'center' }}>
        {STATUS_CHOICES.map((choice) => (
          <FormControlLabel key={choice.id} label={choice.name} control={
            <Checkbox checked={statuses.includes(choice.id)} onChange={(e) => setStatuses((all) => (e.target.checked ? [...all, choice.id] : all.filter((s) => s !== choice.id)))} />
          } />
        ))}
      </Box>
      <TextField fullWidth={false} size="small" label="At most (cases)" value={limit} onChange={(e) => setLimit(e.target.value)} error={limitProblem !== null}
        helperText={limitProblem ?? 'Empty: no limit'} slotProps={{ htmlInput: { inputMode: 'numeric' } }} sx={{ width: '10em' }} />
      <TextField fullWidth={false} select size="small" label="Order" value={order} onChange={(e) => setOrder(e.target.value as AgendaOrder)} sx={{ width: '14em' }}>
        <MenuItem value="newest">Newest first</MenuItem>
        <MenuItem value="serious">Most serious first</MenuItem>
      </TextField>
      <Button type="submit" variant="contained" startIcon={<PlaylistAddIcon />} disabled={busy || problem !== null} sx={{ mt: 0.25 }}>
        Build the agenda
      </Button>
      {statuses.length === 0 ? <Typography variant="body2" color="error" role="alert">Choose at least one status.</Typography> : null}
    </Box>
  );
};

/**
 * The agenda in order: build it with the agenda builder, add a case by hand, move cases up and down, remove them
 * one by one or the selected ones together. Each change is sent to the server, which answers the agenda as it now
 * is; a held meeting refuses changes. A long agenda is shown a page at a time.
 */
export const AgendaPanel = ({ meeting, onChanged }: { meeting: MeetingDetail; onChanged: () => Promise<unknown> }) => {
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [page, setPage] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const { data: previous, isPending: previousPending } = usePreviousMeeting(meeting.date);
  // After a move, the moved case's button keeps the focus (the list is drawn again in the new order).
  const refocus = useRef<Refocus | null>(null);
  const locked = meeting.status === 'held';
  const agenda = meeting.agenda;
  const pages = Math.max(1, Math.ceil(agenda.length / PAGE));
  const shownPage = Math.min(page, pages - 1);
  const onPage = useMemo(() => agenda.slice(shownPage * PAGE, (shownPage + 1) * PAGE), [agenda, shownPage]);
  const selectable = onPage.filter((item) => item.decision === null).map((item) => item.flagId);
  // Selected cases that are still on the agenda (and undecided).
  const chosen = agenda.filter((item) => selected.has(item.flagId) && item.decision === null).map((item) => item.flagId);

  useEffect(() => {
    const wanted = refocus.current;
    // Once the page shows the new order (the agenda is loaded again after the server's answer), the page holding the
    // moved case; its lines then focus the button.
    if (!wanted || busy || agenda[wanted.index]?.flagId !== wanted.flagId) return;
    if (Math.floor(wanted.index / PAGE) !== shownPage) setPage(Math.floor(wanted.index / PAGE));
  }, [agenda, busy, shownPage]);

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

  const build = (request: BuildAgendaRequest) =>
    run(
      () => buildAgenda(meeting.id, request),
      (result) => {
        setPage(0);
        setSelected(new Set());
        const size = (result as MeetingDetail).agenda.length;
        return size === 0 ? 'The rule found no case: the agenda is empty.' : `The agenda now has ${cases(size)}.`;
      },
    );

  const removeSelected = () =>
    void run(
      () => removeManyFromAgenda(meeting.id, chosen),
      () => {
        setSelected(new Set());
        return `${cases(chosen.length)} taken off the agenda.`;
      },
    );

  const select = useCallback(
    (flagId: string, on: boolean) =>
      setSelected((all) => {
        const next = new Set(all);
        if (on) next.add(flagId);
        else next.delete(flagId);
        return next;
      }),
    [],
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

  // The lines get handlers that stay the same from one drawing to the next (so a line is drawn again only when what
  // it shows changes), calling the handlers of the latest drawing.
  const latest = useRef({ move, remove });
  latest.current = { move, remove };
  const onMove = useCallback((index: number, delta: -1 | 1) => latest.current.move(index, delta), []);
  const onRemove = useCallback((item: MeetingAgendaItem, index: number) => latest.current.remove(item, index), []);

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
          <Typography variant="body2" sx={{ maxWidth: '80ch', mb: 1.5 }} data-testid="agenda-rule">
            {previousPending ? 'Building the agenda lists the open cases of high or medium confidence flagged since the previous meeting.' : agendaRuleWords(previous?.date ?? null)}
          </Typography>
          {previousPending ? null : <AgendaBuilder meeting={meeting} previousDay={previous?.date ?? null} busy={busy} onBuild={(request) => void build(request)} />}
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
        <>
        {locked ? null : (
          <Box sx={{ display: 'flex', flexWrap: 'wrap', gap: 1, alignItems: 'center', mb: 1 }}>
            <Button size="small" disabled={busy || selectable.length === 0} onClick={() => setSelected((all) => new Set([...all, ...selectable]))}>
              Select the undecided cases on this page
            </Button>
            <Button size="small" disabled={busy || selected.size === 0} onClick={() => setSelected(new Set())}>
              Clear the selection
            </Button>
            <Button size="small" color="error" variant="outlined" startIcon={<DeleteIcon />} disabled={busy || chosen.length === 0} onClick={removeSelected} data-testid="agenda-remove-selected">
              {`Remove the selected (${chosen.length})`}
            </Button>
          </Box>
        )}
        <AgendaLines
          items={onPage}
          offset={shownPage * PAGE}
          total={agenda.length}
          locked={locked}
          busy={busy}
          selected={selected}
          refocus={refocus}
          onSelect={select}
          onMove={onMove}
          onRemove={onRemove}
        />
        {pages > 1 ? (
          <Box component="nav" aria-label="Agenda pages" sx={{ display: 'flex', gap: 2, alignItems: 'center', mb: 2 }} data-testid="agenda-pages">
            <Button size="small" variant="outlined" disabled={shownPage === 0} onClick={() => setPage(shownPage - 1)}>
              Previous {PAGE}
            </Button>
            <Typography variant="body2">{`Cases ${shownPage * PAGE + 1}–${Math.min((shownPage + 1) * PAGE, agenda.length)} of ${agenda.length}`}</Typography>
            <Button size="small" variant="outlined" disabled={shownPage >= pages - 1} onClick={() => setPage(shownPage + 1)}>
              Next {PAGE}
            </Button>
          </Box>
        ) : null}
        </>
      )}

      {locked ? null : <AddCase agenda={agenda} disabled={busy} onAdd={add} />}
    </Box>
  );
};
