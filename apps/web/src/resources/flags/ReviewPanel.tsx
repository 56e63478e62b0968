import { useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Box, Button, Chip, TextField, Typography } from '@mui/material';
import { HttpError, useNotify } from 'react-admin';
import {
  REVIEW_STATUS_LABELS,
  REVIEW_TRANSITIONS,
  transitionNeedsNote,
  type ReviewChange,
  type ReviewEventRecord,
  type ReviewRecord,
  type ReviewStatus,
} from '@sra/contracts';
import { changeReview, refusalMessage, reviewerName, useReviewers } from './api';
import { reviewStatusLabel, ruleShortName } from './words';
import { formatDateTime } from '@sra/contracts';

const NOBODY = '';

/** One entry of the history, in words. */
function describeEvent(event: ReviewEventRecord): string {
  if (event.kind === 'status') {
    return `changed the status from “${reviewStatusLabel(event.from)}” to “${reviewStatusLabel(event.to)}”`;
  }
  if (event.kind === 'carried_over') {
    return `carried the reviews of this case’s rules over to the case (status “${reviewStatusLabel(event.to)}”)`;
  }
  if (event.kind === 'assignee') {
    if (event.to === null) return `took the case off ${event.from ?? 'everyone'}’s list (assigned to nobody)`;
    return event.from === null ? `assigned the case to ${event.to}` : `assigned the case to ${event.to} (was ${event.from})`;
  }
  return 'wrote a note';
}

const History = ({ history }: { history: ReviewEventRecord[] }) => {
  if (history.length === 0) {
    return (
      <Typography variant="body2" data-testid="review-history-empty">
        Nothing yet: nobody has changed or commented on this case.
      </Typography>
    );
  }
  return (
    <Box component="ol" data-testid="review-history" sx={{ listStyle: 'none', m: 0, p: 0 }}>
      {history.map((event) => (
        <Box
          component="li"
          key={event.id}
          data-testid="review-event"
          data-kind={event.kind}
          sx={{ py: 1, borderTop: 1, borderColor: 'divider', '&:first-of-type': { borderTop: 0 } }}
        >
          <Typography variant="body2">
            <strong>{event.actorName}</strong> {describeEvent(event)}
          </Typography>
          <Typography variant="caption" component="p" sx={{ color: 'text.secondary' }}>
            <time dateTime={event.at}>{formatDateTime(event.at)}</time>
            {event.ruleId ? (
              <Box component="span" data-testid="review-event-rule">{` · recorded on the ${ruleShortName(event.ruleId)} flag, before reviews were of whole cases`}</Box>
            ) : null}
          </Typography>
          {event.note ? (
            <Box
              component="blockquote"
              data-testid="review-note"
              sx={{ m: 0, mt: 0.5, pl: 1.5, borderLeft: 3, borderColor: 'primary.main', whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
            >
              <Typography variant="body2">{event.note}</Typography>
            </Box>
          ) : null}
        </Box>
      ))}
    </Box>
  );
};

const SubPanel = ({ title, id, children }: { title: string; id: string; children: ReactNode }) => (
  <Box component="section" aria-labelledby={`${id}-heading`} sx={{ mt: 2.5 }}>
    <Typography id={`${id}-heading`} component="h3" variant="subtitle1" sx={{ fontWeight: 600, mb: 1 }}>
      {title}
    </Typography>
    {children}
  </Box>
);

/**
 * The review of one case: its status, who it is assigned to, changes of status
 * (only those REVIEW_TRANSITIONS allows, with a note when one is needed), notes,
 * and the whole history. Every change sends the version the page loaded, so a
 * change made on a stale page is refused (409) rather than overwriting someone
 * else's; after any change the case is loaded again.
 */
export const ReviewPanel = ({ review, onChanged }: { review: ReviewRecord; onChanged: () => Promise<unknown> | void }) => {
  const notify = useNotify();
  const { data: reviewers = [], isError: reviewersFailed } = useReviewers();
  const [nextStatus, setNextStatus] = useState<ReviewStatus | ''>('');
  const [statusNote, setStatusNote] = useState('');
  const [statusNoteMissing, setStatusNoteMissing] = useState(false);
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const [error, setError] = useState<{ message: string; stale: boolean } | null>(null);
  const [sending, setSending] = useState(false);

  const allowed = REVIEW_TRANSITIONS[review.status] ?? [];
  const needsNote = nextStatus !== '' && transitionNeedsNote(review.status, nextStatus);
  const chosenAssignee = assigneeId ?? review.assigneeId ?? NOBODY;

  const send = async (change: ReviewChange, done: string, reset: () => void) => {
    setSending(true);
    setError(null);
    try {
      await changeReview(review.caseId, { ...change, version: review.version });
      reset();
      notify(done, { type: 'success' });
    } catch (e) {
      setError({ message: refusalMessage(e), stale: e instanceof HttpError && e.status === 409 });
    } finally {
      setSending(false);
      // Whatever happened, show the case as it is now (a refusal may mean someone else changed it).
      await onChanged();
    }
  };

  const submitStatus = (event: FormEvent) => {
    event.preventDefault();
    if (nextStatus === '') return;
    if (needsNote && statusNote.trim() === '') {
      setStatusNoteMissing(true);
      return;
    }
    void send({ status: nextStatus, ...(statusNote.trim() ? { note: statusNote.trim() } : {}) }, `Status changed to “${REVIEW_STATUS_LABELS[nextStatus]}”.`, () => {
      setNextStatus('');
      setStatusNote('');
      setStatusNoteMissing(false);
    });
  };

  const submitAssignee = (event: FormEvent) => {
    event.preventDefault();
    const target = chosenAssignee === NOBODY ? null : chosenAssignee;
    if (target === review.assigneeId) return;
    void send({ assigneeId: target }, target === null ? 'The case is now assigned to nobody.' : 'Assigned.', () => setAssigneeId(null));
  };

  const submitNote = (event: FormEvent) => {
    event.preventDefault();
    if (note.trim() === '') return;
    void send({ note: note.trim() }, 'Note added.', () => setNote(''));
  };

  // The current assignee may no longer be able to review (deactivated): keep them as a choice so the select shows them.
  const assigneeChoices = reviewers.map((r) => ({ id: r.id, name: reviewerName(r) }));
  if (review.assigneeId && !assigneeChoices.some((c) => c.id === review.assigneeId)) {
    assigneeChoices.push({ id: review.assigneeId, name: review.assigneeName ?? 'Someone who can no longer review' });
  }

  return (
    <Box data-testid="review-panel" data-version={review.version}>
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, flexWrap: 'wrap' }}>
        <Typography variant="body2" component="span" sx={{ color: 'text.secondary' }}>
          Status:
        </Typography>
        <Chip label={REVIEW_STATUS_LABELS[review.status]} data-testid="review-status" data-status={review.status} color="primary" size="small" />
      </Box>
      <Typography variant="body2" sx={{ mt: 1 }}>
        <Box component="span" sx={{ color: 'text.secondary' }}>
          Assigned to:{' '}
        </Box>
        <span data-testid="review-assignee">{review.assigneeName ?? 'Nobody'}</span>
      </Typography>
      {review.changedAt ? (
        <Typography variant="body2" sx={{ mt: 0.5, color: 'text.secondary' }}>
          Last changed by {review.changedBy ?? 'someone'}, {formatDateTime(review.changedAt)}
        </Typography>
      ) : null}

      {error ? (
        <Alert
          severity="error"
          role="alert"
          data-testid="review-error"
          sx={{ mt: 2 }}
        >
          {error.message}
          {error.stale ? ' The case as it is now is shown below; check it before trying again.' : ''}
        </Alert>
      ) : null}

      <SubPanel title="Change the status" id="review-status-form">
        {allowed.length === 0 ? (
          <Typography variant="body2">This status cannot be changed.</Typography>
        ) : (
          <Box component="form" onSubmit={submitStatus} noValidate sx={{ display: 'grid', gap: 1.5 }}>
            <TextField
              select
              size="small"
              label="New status"
              value={nextStatus}
              onChange={(event) => {
                setNextStatus(event.target.value as ReviewStatus | '');
                setStatusNoteMissing(false);
              }}
              slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
            >
              <option value="">Choose…</option>
              {allowed.map((s) => (
                <option key={s} value={s}>
                  {REVIEW_STATUS_LABELS[s]}
                </option>
              ))}
            </TextField>
            <TextField
              size="small"
              multiline
              minRows={2}
              label={needsNote ? 'Why (required)' : 'Why (optional)'}
              required={needsNote}
              value={statusNote}
              error={statusNoteMissing}
              onChange={(event) => {
                setStatusNote(event.target.value);
                setStatusNoteMissing(false);
              }}
              helperText={
                statusNoteMissing
                  ? `A note is needed: say why the case becomes “${nextStatus ? REVIEW_STATUS_LABELS[nextStatus] : ''}”.`
                  : needsNote
                    ? 'Dismissing a case, or reopening a decided one, needs a note saying why.'
                    : 'Kept in the history with the change.'
              }
              slotProps={{ formHelperText: statusNoteMissing ? { role: 'alert' } : undefined }}
            />
            <Box>
              <Button type="submit" variant="contained" disabled={sending || nextStatus === ''}>
                Change status
              </Button>
            </Box>
          </Box>
        )}
      </SubPanel>

      <SubPanel title="Assign" id="review-assign-form">
        <Box component="form" onSubmit={submitAssignee} noValidate sx={{ display: 'grid', gap: 1.5 }}>
          <TextField
            select
            size="small"
            label="Assigned to"
            value={chosenAssignee}
            onChange={(event) => setAssigneeId(event.target.value)}
            helperText={reviewersFailed ? 'The list of reviewers could not be loaded.' : 'People who can review cases.'}
            slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          >
            <option value={NOBODY}>Nobody</option>
            {assigneeChoices.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </TextField>
          <Box>
            <Button type="submit" variant="outlined" disabled={sending || (chosenAssignee === NOBODY ? null : chosenAssignee) === review.assigneeId}>
              Save assignee
            </Button>
          </Box>
        </Box>
      </SubPanel>

      <SubPanel title="Add a note" id="review-note-form">
        <Box component="form" onSubmit={submitNote} noValidate sx={{ display: 'grid', gap: 1.5 }}>
          <TextField
            size="small"
            multiline
            minRows={2}
            label="Note"
            value={note}
            onChange={(event) => setNote(event.target.value)}
            helperText="For the other reviewers: what you checked, what is still to check. Notes cannot be edited or removed."
          />
          <Box>
            <Button type="submit" variant="outlined" disabled={sending || note.trim() === ''}>
              Add note
            </Button>
          </Box>
        </Box>
      </SubPanel>

      <SubPanel title="History and notes" id="review-history-list">
        <History history={review.history} />
      </SubPanel>
    </Box>
  );
};
