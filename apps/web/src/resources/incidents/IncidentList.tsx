import { LoadDataHint } from '../../components/EmptyState';
import { DayInput } from '../../components/DayInput';
import { Box, Typography } from '@mui/material';
import { DataTable, List, SelectInput, TextInput } from 'react-admin';
import { categoryWords, type IncidentSummary } from '@sra/contracts';
import { collapsedColumns, Secondary, TableBox } from '../../components/Collapse';
import { ShowLink } from '../../components/ShowLink';
import { ListIntro, READ_ONLY_NOTE, SfDateTime } from './parts';

/** SFPD's police districts as the incident file names them. */
const DISTRICTS = ['Bayview', 'Central', 'Ingleside', 'Mission', 'Northern', 'Park', 'Richmond', 'Southern', 'Taraval', 'Tenderloin', 'Out of SF'];
const DISTRICT_CHOICES = DISTRICTS.map((name) => ({ id: name, name }));

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

// The report filters compare times: a day picked here means that whole day in San Francisco.
const incidentFilters = [
  <TextInput
    key="q"
    source="q"
    label="Incident number, arrest or decision id"
    placeholder="e.g. 2200"
    parse={trimmed}
    alwaysOn
    resettable
    sx={{ minWidth: { xs: 0, sm: 310 }, width: { xs: '100%', sm: 'auto' } }}
  />,
  <TextInput
    key="incidentCategory"
    source="incidentCategory"
    label="Category"
    placeholder="e.g. assault"
    parse={trimmed}
    alwaysOn
  />,
  <SelectInput key="policeDistrict" source="policeDistrict" label="District" choices={DISTRICT_CHOICES} emptyText="All districts" alwaysOn />,
  <DayInput
    key="reportFrom"
    source="reportFrom"
    label="Reported on or after"
    alwaysOn
  />,
  <DayInput
    key="reportUntil"
    source="reportUntil"
    label="Reported on or before"
    alwaysOn
  />,
];

const NoIncidents = () => (
  <Box sx={{ textAlign: 'center', py: 6, px: 2, width: '100%' }}>
    <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
      No incident reports have been loaded yet
    </Typography>
    <Typography variant="body2" component="div" sx={{ maxWidth: '60ch', mx: 'auto' }}>
      <LoadDataHint what="Incidents appear here once a file of SFPD incident reports has been loaded." />
    </Typography>
  </Box>
);

const NoMatch = () => (
  <Typography variant="body2" sx={{ p: 2 }}>
    No incident matches these filters.
  </Typography>
);

const Column = DataTable.Col<IncidentSummary>;

/** Counts and the time of occurrence go first on a narrow screen; category and district move under the number on a phone. */
const collapsed = collapsedColumns([
  { below: 'md', sources: ['incidentDatetime', 'rows', 'persons'] },
  { below: 'sm', sources: ['incidentCategory', 'policeDistrict'] },
]);
const NumberColumn = DataTable.NumberCol<IncidentSummary>;

/** `GET /api/incidents`: one row per incident number, newest report first. */
export const IncidentList = () => (
  <List title="Incidents" filters={incidentFilters} empty={<NoIncidents />} sort={{ field: 'reportDatetime', order: 'DESC' }} perPage={25} exporter={false}>
    <ListIntro noun={['incident', 'incidents']} testId="incidents-total">
      SFPD incident reports, one row per incident number (the first report, its supplements and each further code share
      the number). {READ_ONLY_NOTE}
    </ListIntro>
    <TableBox testId="incidents-table-box">
    <DataTable rowClick="show" bulkActionButtons={false} empty={<NoMatch />} data-testid="incidents-table" sx={collapsed}>
      <Column
        source="id"
        label="Incident number"
        render={(incident) => (
          <>
            <ShowLink>
              <span data-testid={`incident-link-${incident.id}`}>{incident.id}</span>
            </ShowLink>
            <Secondary below="sm">{[categoryWords(incident.incidentCategory), incident.policeDistrict ?? 'District not recorded'].join(' · ')}</Secondary>
          </>
        )}
      />
      <Column source="reportDatetime" label="First reported" render={(incident) => <SfDateTime iso={incident.reportDatetime} />} />
      <Column source="incidentDatetime" label="Occurred" render={(incident) => <SfDateTime iso={incident.incidentDatetime} />} />
      <Column source="incidentCategory" label="Category" render={(incident) => categoryWords(incident.incidentCategory)} />
      <Column source="policeDistrict" label="District" render={(incident) => incident.policeDistrict ?? 'Not recorded'} />
      <NumberColumn source="rows" label="Report rows" disableSort />
      <NumberColumn source="persons" label="Persons" disableSort />
      <NumberColumn source="flags" label="Current flags" disableSort />
    </DataTable>
    </TableBox>
  </List>
);
