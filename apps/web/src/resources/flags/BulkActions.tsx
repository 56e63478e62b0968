import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { Alert, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import AssignmentIndIcon from '@mui/icons-material/AssignmentInd';
import RuleIcon from '@mui/icons-material/Rule';
import { Button, useListContext, useNotify, useRefresh, useUnselectAll } from 'react-admin';
import {
  DISMISSED_REVIEW_STATUSES,
  REVIEW_STATUS_LABELS,
  REVIEW_STATUSES,
  transitionNeedsNote,
  type BulkReviewChange,
  type CaseRecord,
  type FlagRecord,
  type ReviewStatus,
} from '@sra/contracts';
import { AddToMeetingButton } from '../meetings/AddToMeeting';
import { changeReviews, refusalMessage, reviewerName, useReviewers } from './api';
import { ruleShortName } from './words';
import { formatDay } from '@sra/contracts';

/** `new` is only ever where a case starts, never a change. */
const TARGET_STATUSES = REVIEW_STATUSES.filter((s) => s !== 'new');

const NOBODY = '';

function cases(n: number): string {
  return `${n} ${n === 1 ? 'case' : 'cases'}`;
}

/** A row of the cases list, or of the flags list (whose ids the server takes as their cases). */
type Row = CaseRecord | FlagRecord;
const rulesOf = (row: Row): string[] => ('ruleIds' in row ? row.ruleIds : [row.ruleId]);

/** The server names refused cases by their ids: say which case each is, as the table shows it. */
function nameCases(message: string, rows: readonly Row[]): string {
  let named = message;
  for (const row of rows) {
    const what = row.actionType === 'arrest' ? 'arrest' : 'DA charge';
    const label = `The ${row.agency} ${what} of ${formatDay(row.actionDate)} (${rulesOf(row).map(ruleShortName).join(', ')})`;
    named = named.split(String(row.id)).join(label);
    if ('caseId' in row) named = named.split(String(row.caseId)).join(label);
  }
  return named;
}

/** A dialog that sends one change to every selected case: all or nothing, with the server's refusal shown as is. */
const BulkDialog = ({
  open,
  title,
  onClose,
  submitLabel,
  build,
  children,
  testId,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  submitLabel: string;
  /** The change, or a problem to show instead of sending it. */
  build: () => Omit<BulkReviewChange, 'flagIds' | 'caseIds'> | { problem: string };
  children: ReactNode;
  testId: string;
}) => {
  const titleId = useId();
  const { selectedIds, resource, data } = useListContext<Row>();
  const notify = useNotify();
  const refresh = useRefresh();
  const unselectAll = useUnselectAll(resource);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const close = () => {
    setError(null);
    onClose();
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const change = build();
    if ('problem' in change) {
      setError(change.problem);
      return;
    }
    setSending(true);
    setError(null);
    try {
      const ids = selectedIds.map(String);
      const { changed } = await changeReviews({ ...(resource === 'flags' ? { flagIds: ids } : { caseIds: ids }), ...change });
      notify(`${cases(changed)} changed.`, { type: 'success' });
      unselectAll();
      close();
      refresh();
    } catch (e) {
      setError(nameCases(refusalMessage(e), data ?? []));
    } finally {
      setSending(false);
    }
  };

  return (
    <Dialog open={open} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="sm" data-testid={testId}>
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          <Typography variant="body2" sx={{ mb: 2 }}>
            The change applies to the {cases(selectedIds.length)} you selected. If any of them cannot take it, none is changed.
          </Typography>
          {children}
          {error ? (
            <Alert severity="error" role="alert" sx={{ mt: 2 }} data-testid="bulk-error">
              {error}
            </Alert>
          ) : null}
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={close}>Cancel</MuiButton>
          <MuiButton type="submit" variant="contained" disabled={sending}>
            {submitLabel}
          </MuiButton>
        </DialogActions>
      </form>
    </Dialog>
  );
};

const AssignButton = () => {
  const [open, setOpen] = useState(false);
  const [assigneeId, setAssigneeId] = useState(NOBODY);
  const { data: reviewers = [] } = useReviewers();
  return (
    <>
      <Button label="Assign to…" onClick={() => setOpen(true)} data-testid="bulk-assign">
        <AssignmentIndIcon />
      </Button>
      <BulkDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Assign the selected cases"
        submitLabel="Assign"
        testId="bulk-assign-dialog"
        build={() => ({ assigneeId: assigneeId === NOBODY ? null : assigneeId })}
      >
        <TextField
          select
          fullWidth
          label="Assign to"
          value={assigneeId}
          onChange={(event) => setAssigneeId(event.target.value)}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
        >
          <option value={NOBODY}>Nobody (take the cases off everyone’s list)</option>
          {reviewers.map((r) => (
            <option key={r.id} value={r.id}>
              {reviewerName(r)}
            </option>
          ))}
        </TextField>
      </BulkDialog>
    </>
  );
};

const StatusButton = () => {
  const [open, setOpen] = useState(false);
  const [status, setStatus] = useState<ReviewStatus | ''>('');
  const [note, setNote] = useState('');
  const { selectedIds, data } = useListContext<Row>();
  const byId = new Map((data ?? []).map((flag) => [String(flag.id), flag]));
  // A case selected on another page is not loaded here: when reopening, assume it may need a note.
  const needsNote =
    status !== '' &&
    (DISMISSED_REVIEW_STATUSES.includes(status) ||
      selectedIds.some((id) => {
        const flag = byId.get(String(id));
        return !flag || transitionNeedsNote(flag.reviewStatus, status);
      }));
  return (
    <>
      <Button label="Change status…" onClick={() => setOpen(true)} data-testid="bulk-status">
        <RuleIcon />
      </Button>
      <BulkDialog
        open={open}
        onClose={() => setOpen(false)}
        title="Change the review status of the selected cases"
        submitLabel="Change status"
        testId="bulk-status-dialog"
        build={() => {
          if (status === '') return { problem: 'Choose the new status first.' };
          if (needsNote && note.trim() === '') {
            return { problem: `Changing cases to "${REVIEW_STATUS_LABELS[status]}" needs a note saying why.` };
          }
          return { status, ...(note.trim() ? { note: note.trim() } : {}) };
        }}
      >
        <TextField
          select
          fullWidth
          label="New status"
          value={status}
          onChange={(event) => setStatus(event.target.value as ReviewStatus | '')}
          slotProps={{ select: { native: true }, inputLabel: { shrink: true } }}
          sx={{ mb: 2 }}
        >
          <option value="">Choose…</option>
          {TARGET_STATUSES.map((s) => (
            <option key={s} value={s}>
              {REVIEW_STATUS_LABELS[s]}
            </option>
          ))}
        </TextField>
        <TextField
          fullWidth
          multiline
          minRows={2}
          label={needsNote ? 'Why (required)' : 'Note (optional)'}
          required={needsNote}
          value={note}
          onChange={(event) => setNote(event.target.value)}
          helperText={
            needsNote
              ? 'Dismissing a case, or reopening a decided one, needs a note saying why. It is kept in each case’s history.'
              : 'Kept in each case’s history.'
          }
        />
      </BulkDialog>
    </>
  );
};

/** What a reviewer can do to the selected rows at once (`POST /api/reviews/bulk`), and adding them to a meeting. */
export const FlagBulkActions = () => (
  <>
    <AssignButton />
    <StatusButton />
    <AddToMeetingButton />
  </>
);
