import { useState } from 'react';
import { Alert, Box, Button as MuiButton, Typography } from '@mui/material';
import EditIcon from '@mui/icons-material/Edit';
import { RadioButtonGroupInput, SaveButton, SimpleForm, Toolbar, useNotify } from 'react-admin';
import type { MeetingDetail, MeetingRecord } from '@sra/contracts';
import { Fact, Facts } from '../../components/Facts';
import { refusalMessage } from '../flags/api';
import { formatDateTime, formatDay } from '@sra/contracts';
import { updateMeeting } from './api';
import { MeetingStatusChip } from './MeetingList';
import { AttendeesInput, MeetingDateInput, meetingInputOf, MeetingNotesInput, MeetingTitleInput, type MeetingFormValues } from './MeetingForm';
import { attendeeWords, cases, MEETING_STATUS_CHOICES } from './words';

const STATUS_CHOICES = MEETING_STATUS_CHOICES.map((c) => ({
  ...c,
  name: c.id === 'held' ? 'Held (the agenda is then fixed as the record of the meeting)' : 'Planned (the agenda can still change)',
}));

const EditToolbar = ({ onCancel }: { onCancel: () => void }) => (
  <Toolbar sx={{ gap: 1 }}>
    <SaveButton label="Save details" />
    <MuiButton onClick={onCancel}>Cancel</MuiButton>
  </Toolbar>
);

/** The meeting's day, title, attendees, notes and status: shown, or edited in place (`PATCH /api/meetings/:id`). */
export const MeetingDetailsPanel = ({ meeting, onChanged }: { meeting: MeetingDetail; onChanged: () => Promise<unknown> }) => {
  const notify = useNotify();
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);

  const save = async (values: Record<string, unknown>) => {
    setError(null);
    try {
      const { date, title, attendees, notes } = meetingInputOf(values as MeetingFormValues);
      await updateMeeting(meeting.id, { date, ...(title ? { title } : {}), attendees, notes, status: values.status as MeetingRecord['status'] });
      await onChanged();
      setEditing(false);
      notify('The meeting’s details were saved.', { type: 'success' });
    } catch (e) {
      setError(refusalMessage(e));
    }
  };

  const setStatus = async (status: MeetingRecord['status']) => {
    setSending(true);
    setError(null);
    try {
      await updateMeeting(meeting.id, { status });
      notify(status === 'held' ? 'The meeting is marked as held.' : 'The meeting is planned again: its agenda can change.', { type: 'success' });
    } catch (e) {
      setError(refusalMessage(e));
    } finally {
      await onChanged();
      setSending(false);
    }
  };

  if (editing) {
    return (
      <Box data-testid="meeting-details-form">
        <SimpleForm
          record={{ ...meeting, attendees: meeting.attendees.map((a) => ({ name: a.name, role: a.role ?? '' })) }}
          onSubmit={save}
          toolbar={<EditToolbar onCancel={() => setEditing(false)} />}
          sx={{ p: 0 }}
        >
          <MeetingDateInput />
          <MeetingTitleInput />
          <RadioButtonGroupInput source="status" label="Status" choices={STATUS_CHOICES} row={false} />
          <AttendeesInput />
          <MeetingNotesInput />
        </SimpleForm>
        {error ? (
          <Alert severity="error" role="alert" sx={{ mt: 1 }} data-testid="meeting-details-error">
            {error}
          </Alert>
        ) : null}
      </Box>
    );
  }

  return (
    <Box data-testid="meeting-details">
      <Facts>
        <Fact term="Day">
          <span data-testid="meeting-date">{formatDay(meeting.date)}</span>
        </Fact>
        <Fact term="Title">{meeting.title}</Fact>
        <Fact
          term="Status"
          note={meeting.status === 'held' ? 'The agenda is fixed: it is the record of what was discussed.' : 'The agenda can still change.'}
        >
          <span data-testid="meeting-status">
            <MeetingStatusChip status={meeting.status} />
          </span>
        </Fact>
        <Fact term="Attendees">
          {meeting.attendees.length === 0 ? (
            'None recorded yet'
          ) : (
            <Box component="ul" data-testid="meeting-attendees" sx={{ m: 0, pl: 2.5 }}>
              {meeting.attendees.map((a, i) => (
                <li key={`${a.name}-${i}`}>{attendeeWords(a)}</li>
              ))}
            </Box>
          )}
        </Fact>
        <Fact term="Notes">
          {meeting.notes.trim() ? (
            <Box component="span" data-testid="meeting-notes" sx={{ whiteSpace: 'pre-wrap' }}>
              {meeting.notes}
            </Box>
          ) : (
            'None'
          )}
        </Fact>
        <Fact term="On the agenda">
          <span data-testid="meeting-counts">
            {cases(meeting.agendaSize)}, {meeting.decided} decided in this meeting
          </span>
        </Fact>
        <Fact term="Prepared by">
          {meeting.createdBy}, {formatDateTime(meeting.createdAt)}
        </Fact>
      </Facts>
      {error ? (
        <Alert severity="error" role="alert" sx={{ mt: 2 }} data-testid="meeting-details-error">
          {error}
        </Alert>
      ) : null}
      <Box sx={{ display: 'flex', gap: 1, flexWrap: 'wrap', mt: 2 }}>
        <MuiButton variant="outlined" startIcon={<EditIcon />} onClick={() => setEditing(true)}>
          Edit details
        </MuiButton>
        {meeting.status === 'planned' ? (
          <MuiButton variant="outlined" disabled={sending} onClick={() => void setStatus('held')}>
            Mark as held
          </MuiButton>
        ) : (
          <MuiButton variant="outlined" disabled={sending} onClick={() => void setStatus('planned')}>
            Set back to planned
          </MuiButton>
        )}
      </Box>
      <Typography variant="body2" sx={{ mt: 1, color: 'text.secondary', maxWidth: '80ch' }}>
        Mark the meeting as held once it has taken place: its agenda then stays as it was.
      </Typography>
    </Box>
  );
};
