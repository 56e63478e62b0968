import { DayInput } from '../../components/DayInput';
import { Box, Typography } from '@mui/material';
import AddIcon from '@mui/icons-material/PersonAdd';
import RemoveIcon from '@mui/icons-material/PersonRemove';
import {
  ArrayInput,
  Button,
  required,
  SimpleFormIterator,
  TextInput,
  useSimpleFormIterator,
  useSimpleFormIteratorItem,
} from 'react-admin';
import type { MeetingAttendee, MeetingInput } from '@sra/contracts';

/** What the form holds: the same fields as MeetingInput, as typed (blank title and roles allowed). */
export interface MeetingFormValues {
  date?: string | null;
  title?: string | null;
  attendees?: Array<Partial<MeetingAttendee> | null> | null;
  notes?: string | null;
}

/** The form's values as the API takes them: a blank title is left out (the server then names the meeting by its day). */
export function meetingInputOf(values: MeetingFormValues): MeetingInput {
  const title = values.title?.trim() ?? '';
  const attendees: MeetingAttendee[] = [];
  for (const row of values.attendees ?? []) {
    const name = row?.name?.trim() ?? '';
    const role = row?.role?.trim() ?? '';
    if (name) attendees.push(role ? { name, role } : { name });
  }
  return { date: values.date ?? '', ...(title ? { title } : {}), attendees, notes: values.notes ?? '' };
}

const AddAttendeeButton = () => {
  const { add } = useSimpleFormIterator();
  return (
    <Button label="Add an attendee" onClick={() => add()} data-testid="add-attendee">
      <AddIcon />
    </Button>
  );
};

const RemoveAttendeeButton = () => {
  const { remove, index } = useSimpleFormIteratorItem();
  return (
    <Button label="Remove" aria-label={`Remove attendee ${index + 1}`} onClick={() => remove()} color="error">
      <RemoveIcon />
    </Button>
  );
};

/** The people at the meeting: one row each, a name and an optional role. */
export const AttendeesInput = () => (
  <Box component="fieldset" sx={{ border: 0, p: 0, m: 0, mt: 1, width: '100%', maxWidth: 720 }}>
    <Typography component="legend" variant="subtitle1" sx={{ fontWeight: 600, p: 0 }}>
      Attendees
    </Typography>
    <Typography variant="body2" sx={{ color: 'text.secondary', mb: 1 }}>
      One row per person: a name, and their role if it helps (for example “SFPD liaison”). They are listed in the minutes.
    </Typography>
    <ArrayInput source="attendees" label={false}>
      <SimpleFormIterator
        inline
        disableReordering
        disableClear
        addButton={<AddAttendeeButton />}
        removeButton={<RemoveAttendeeButton />}
        data-testid="attendees"
        // react-admin shows a row's Remove button only under the mouse: keyboard users need to see and reach it too.
        sx={{ '& .RaSimpleFormIterator-action': { visibility: 'visible', mt: 1.5 } }}
      >
        <TextInput source="name" label="Name" validate={required('Give the attendee’s name, or remove the row')} sx={{ minWidth: 240 }} />
        <TextInput source="role" label="Role (optional)" sx={{ minWidth: 240 }} />
      </SimpleFormIterator>
    </ArrayInput>
  </Box>
);

export const MeetingDateInput = () => (
  <DayInput source="date" label="Day of the meeting" validate={required('Give the day of the meeting')} sx={{ width: 260 }} />
);

export const MeetingTitleInput = () => (
  <TextInput
    source="title"
    label="Title (optional)"
    fullWidth
    sx={{ maxWidth: 720 }}
    helperText="Left empty, the meeting is called “Review meeting” and its day."
  />
);

export const MeetingNotesInput = () => (
  <TextInput
    source="notes"
    label="Notes"
    multiline
    minRows={3}
    fullWidth
    sx={{ maxWidth: 720 }}
    helperText="Anything to keep with the meeting. The notes are copied into the minutes."
  />
);
