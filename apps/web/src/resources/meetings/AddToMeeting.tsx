import { useId, useState, type FormEvent } from 'react';
import { Alert, Button as MuiButton, Dialog, DialogActions, DialogContent, DialogTitle, TextField, Typography } from '@mui/material';
import EventNoteIcon from '@mui/icons-material/EventNote';
import { Button, useGetList, useListContext, useNotify, useUnselectAll } from 'react-admin';
import type { MeetingRecord } from '@sra/contracts';
import { refusalMessage } from '../flags/api';
import { formatDay } from '@sra/contracts';
import { addManyToAgenda, getMeeting } from './api';
import { cases } from './words';

/**
 * "Add to meeting…" on the Flagged cases (and flags) list: the selected cases go to the end of a planned meeting's
 * agenda, in one request (`POST /api/meetings/:id/agenda/bulk`, which takes case or flag ids). Cases already on that
 * agenda stay where they are. Taking several off again is on the meeting's Agenda tab ("Take the selected off").
 */
export const AddToMeetingButton = () => {
  const titleId = useId();
  const { selectedIds, resource } = useListContext();
  const notify = useNotify();
  const unselectAll = useUnselectAll(resource);
  const [open, setOpen] = useState(false);
  const [meetingId, setMeetingId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  // Held meetings keep their agenda as the record: only planned ones are offered, the soonest first.
  const { data: meetings = [], isPending, refetch } = useGetList<MeetingRecord>(
    'meetings',
    { filter: { status: ['planned'] }, sort: { field: 'date', order: 'ASC' }, pagination: { page: 1, perPage: 100 } },
    { enabled: open },
  );
  const chosen = meetingId || meetings[0]?.id || '';

  const close = () => {
    setError(null);
    setOpen(false);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const meeting = meetings.find((m) => m.id === chosen);
    if (!meeting) {
      setError('Choose a meeting first.');
      return;
    }
    setSending(true);
    setError(null);
    try {
      // The agenda as it is now (the list above may be older), to say how many were added.
      const before = await getMeeting(meeting.id);
      const after = await addManyToAgenda(meeting.id, selectedIds.map(String));
      const added = after.agenda.length - before.agenda.length;
      void refetch();
      const agenda = `the agenda of “${meeting.title}” (${formatDay(meeting.date)})`;
      notify(
        added === 0
          ? `No case added: all were on ${agenda} already; it has ${cases(after.agenda.length)}.`
          : `${cases(added)} added to ${agenda}; it now has ${cases(after.agenda.length)}.`,
        { type: 'success' },
      );
      unselectAll();
      close();
    } catch (e) {
      setError(refusalMessage(e));
    } finally {
      setSending(false);
    }
  };

  return (
    <>
      <Button label="Add to meeting…" onClick={() => setOpen(true)} data-testid="bulk-add-to-meeting">
        <EventNoteIcon />
      </Button>
      <Dialog open={open} onClose={close} aria-labelledby={titleId} fullWidth maxWidth="sm" data-testid="add-to-meeting-dialog">
        <form onSubmit={submit} noValidate>
          <DialogTitle id={titleId}>Add the selected cases to a meeting</DialogTitle>
          <DialogContent>
            <Typography variant="body2" sx={{ mb: 2 }}>
              The {cases(selectedIds.length)} you selected go to the end of the meeting&rsquo;s agenda; any already on it
              stay where they are.
            </Typography>
            {isPending ? (
              <Typography variant="body2">Loading the meetings…</Typography>
            ) : meetings.length === 0 ? (
              <Alert severity="info" data-testid="add-to-meeting-none">
                No meeting is planned. Create one under Meetings first (a held meeting&rsquo;s agenda cannot change).
              </Alert>
            ) : (
              <TextField
                select
                fullWidth
                label="Meeting"
                value={chosen}
                onChange={(event) => setMeetingId(event.target.value)}
                slotProps={{ select: { native: true }, inputLabel: { shrink: true }, htmlInput: { 'data-testid': 'add-to-meeting-choice' } }}
              >
                {meetings.map((m) => (
                  <option key={m.id} value={m.id}>
                    {`${formatDay(m.date)}: ${m.title} (${cases(m.agendaSize)} on the agenda)`}
                  </option>
                ))}
              </TextField>
            )}
            {error ? (
              <Alert severity="error" role="alert" sx={{ mt: 2 }} data-testid="add-to-meeting-error">
                {error}
              </Alert>
            ) : null}
          </DialogContent>
          <DialogActions>
            <MuiButton onClick={close}>Cancel</MuiButton>
            <MuiButton type="submit" variant="contained" disabled={sending || meetings.length === 0}>
              Add to the agenda
            </MuiButton>
          </DialogActions>
        </form>
      </Dialog>
    </>
  );
};
