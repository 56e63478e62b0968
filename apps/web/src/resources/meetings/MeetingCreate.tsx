import { Typography } from '@mui/material';
import { Create, ListButton, SaveButton, SimpleForm, Toolbar, TopToolbar } from 'react-admin';
import { AttendeesInput, MeetingDateInput, meetingInputOf, MeetingNotesInput, MeetingTitleInput, type MeetingFormValues } from './MeetingForm';
import { todayInSf } from './words';

const CreateToolbar = () => (
  <Toolbar>
    {/* The day is filled in already: a meeting can be created as it stands. */}
    <SaveButton label="Create the meeting" alwaysEnable />
  </Toolbar>
);

/** `POST /api/meetings` (MeetingInput); then the meeting's page, where its agenda is prepared. */
export const MeetingCreate = () => (
  <Create
    title="Prepare a meeting"
    redirect="show"
    transform={(values: MeetingFormValues) => meetingInputOf(values)}
    actions={
      <TopToolbar>
        <ListButton label="All meetings" />
      </TopToolbar>
    }
  >
    <SimpleForm
      defaultValues={{ date: todayInSf(), title: '', attendees: [{ name: '', role: '' }], notes: '' }}
      toolbar={<CreateToolbar />}
      data-testid="meeting-create-form"
    >
      <Typography variant="body2" sx={{ maxWidth: '80ch', mb: 1 }}>
        A review meeting goes through flagged cases one by one and records a decision on each. Give its day and who
        will attend; on the next page you build its agenda.
      </Typography>
      <MeetingDateInput />
      <MeetingTitleInput />
      <AttendeesInput />
      <MeetingNotesInput />
    </SimpleForm>
  </Create>
);
