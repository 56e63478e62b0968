import { DayInput } from '../../components/DayInput';
import { Box, Chip, Typography } from '@mui/material';
import { CreateButton, DataTable, List, SelectInput, TopToolbar } from 'react-admin';
import type { MeetingRecord } from '@sra/contracts';
import { ShowLink } from '../../components/ShowLink';
import { formatDay } from '@sra/contracts';
import { MEETING_STATUS_CHOICES, meetingStatusLabel } from './words';

const meetingFilters = [
  <SelectInput key="status" source="status" label="Status" choices={MEETING_STATUS_CHOICES} emptyText="Planned or held" alwaysOn sx={{ minWidth: 180 }} />,
  <DayInput key="from" source="from" label="Meeting on or after" alwaysOn />,
  <DayInput key="to" source="to" label="Meeting on or before" alwaysOn />,
];

const MeetingListActions = () => (
  <TopToolbar>
    <CreateButton label="Prepare a meeting" />
  </TopToolbar>
);

/** "Planned" (outlined) or "Held" (filled): the word carries the meaning. */
export const MeetingStatusChip = ({ status }: { status: MeetingRecord['status'] }) => (
  <Chip
    size="small"
    label={meetingStatusLabel(status)}
    variant={status === 'held' ? 'filled' : 'outlined'}
    color={status === 'held' ? 'success' : 'default'}
    data-status={status}
    sx={status === 'held' ? undefined : { color: 'text.primary' }}
  />
);

const NoMeetingsYet = () => (
  <Box sx={{ textAlign: 'center', py: 6, px: 2, width: '100%' }} data-testid="empty-state">
    <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
      No meeting yet
    </Typography>
    <Typography variant="body2" sx={{ mb: 3, maxWidth: '60ch', mx: 'auto' }}>
      Prepare a first review meeting: give its day and attendees, then build its agenda of flagged cases.
    </Typography>
    <CreateButton label="Prepare a meeting" variant="contained" />
  </Box>
);

const Column = DataTable.Col<MeetingRecord>;
const NumberColumn = DataTable.NumberCol<MeetingRecord>;

/** `GET /api/meetings`: every review meeting, latest first. */
export const MeetingList = () => (
  <List
    title="Meetings"
    filters={meetingFilters}
    actions={<MeetingListActions />}
    empty={<NoMeetingsYet />}
    sort={{ field: 'date', order: 'DESC' }}
    perPage={25}
    exporter={false}
  >
    <Typography variant="body2" sx={{ px: 2, pt: 1, maxWidth: '80ch' }}>
      The task force’s review meetings. Open one to prepare its agenda, run it one case at a time, and download its
      minutes.
    </Typography>
    <DataTable rowClick="show" bulkActionButtons={false} data-testid="meetings-table">
      <Column
        source="date"
        label="Day"
        render={(meeting) => (
          <ShowLink>
            <span data-testid={`meeting-link-${meeting.id}`}>{formatDay(meeting.date)}</span>
          </ShowLink>
        )}
      />
      <Column source="title" label="Title" sx={{ minWidth: '14em' }} />
      <Column source="status" label="Status" render={(meeting) => <MeetingStatusChip status={meeting.status} />} />
      <NumberColumn source="agendaSize" label="Cases on the agenda" disableSort />
      <NumberColumn source="decided" label="Decided" disableSort />
    </DataTable>
  </List>
);
