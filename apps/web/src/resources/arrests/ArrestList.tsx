import { LoadDataHint } from '../../components/EmptyState';
import { DayInput } from '../../components/DayInput';
import { Box, Typography } from '@mui/material';
import { DataTable, List, SelectInput, TextInput } from 'react-admin';
import type { ArrestRecord } from '@sra/contracts';
import { PlainCharges } from '../../components/PlainCharges';
import { ShowLink } from '../../components/ShowLink';
import { ChargeLines, CUSTODY_CHOICES, custodyLabel, Day, ListIntro, PersonKey, READ_ONLY_NOTE, RecordLink, SfDateTime } from '../incidents/parts';

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);
// The file's agencies are stored in capitals (SFPD, BART PD): typing "sfpd" finds them too.
const agency = (value: unknown) => (typeof value === 'string' ? value.trim().toUpperCase() : value);

const arrestFilters = [
  <TextInput key="incidentNumber" source="incidentNumber" label="Incident number" parse={trimmed} alwaysOn />,
  <TextInput key="arrestingAgency" source="arrestingAgency" label="Agency" placeholder="e.g. SFPD, SFSO, CHP" parse={agency} alwaysOn />,
  <SelectInput key="custodyType" source="custodyType" label="Custody" choices={CUSTODY_CHOICES} emptyText="Booked or cited" alwaysOn />,
  <DayInput key="since" source="since" label="Arrested on or after" alwaysOn />,
  <DayInput key="until" source="until" label="Arrested on or before" alwaysOn />,
];

const NoArrests = () => (
  <Box sx={{ textAlign: 'center', py: 6, px: 2, width: '100%' }}>
    <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
      No arrests have been loaded yet
    </Typography>
    <Typography variant="body2" component="div" sx={{ maxWidth: '60ch', mx: 'auto' }}>
      <LoadDataHint what="Arrests appear here once a file of arrests has been loaded." />
    </Typography>
  </Box>
);

const NoMatch = () => (
  <Typography variant="body2" sx={{ p: 2 }}>
    No arrest matches these filters.
  </Typography>
);

/** The arrest's time when the file gives one, else its day. */
export const ArrestWhen = ({ arrest, testId }: { arrest: ArrestRecord; testId?: string }) =>
  arrest.arrestDatetime ? <SfDateTime iso={arrest.arrestDatetime} testId={testId} /> : <Day day={arrest.arrestDate} testId={testId} />;

const Column = DataTable.Col<ArrestRecord>;

/** `GET /api/arrests`: arrests and citations, newest first. */
export const ArrestList = () => (
  <List title="Arrests" filters={arrestFilters} empty={<NoArrests />} sort={{ field: 'arrestDate', order: 'DESC' }} perPage={25} exporter={false}>
    <ListIntro noun={['arrest', 'arrests']} testId="arrests-total">
      Arrests and citations by SFPD and other agencies, one row per arrest, with the charges in plain words and exactly
      as the file gave them. {READ_ONLY_NOTE}
    </ListIntro>
    <DataTable rowClick="show" bulkActionButtons={false} empty={<NoMatch />} data-testid="arrests-table">
      <Column
        source="id"
        label="Arrest"
        render={(arrest) => (
          <ShowLink>
            <span data-testid={`arrest-link-${arrest.id}`}>{arrest.id}</span>
          </ShowLink>
        )}
      />
      <Column source="arrestDate" label="When" render={(arrest) => <ArrestWhen arrest={arrest} />} />
      <Column source="arrestingAgency" label="Agency" />
      <Column source="custodyType" label="Custody" render={(arrest) => custodyLabel(arrest.custodyType)} />
      <Column
        source="charges"
        label="Charges (in plain words, then as given)"
        disableSort
        sx={{ minWidth: '16em' }}
        render={(arrest) => (
          <>
            <PlainCharges charges={arrest.charges} testId="arrest-charges-plain" />
            <Box component="span" sx={{ display: 'block', mt: 0.5, color: 'text.secondary', fontSize: '0.8rem' }}>
              <ChargeLines
                lines={[
                  ['Statutes', arrest.bookedChargesStatute],
                  ['Booked', arrest.listOfBookedCharges],
                ]}
              />
            </Box>
          </>
        )}
      />
      <Column
        source="incidentNumber"
        label="Incident"
        render={(arrest) => (
          <RecordLink resource="incidents" id={arrest.incidentNumber}>
            {arrest.incidentNumber}
          </RecordLink>
        )}
      />
      <Column source="personKey" label="Person key" disableSort render={(arrest) => <PersonKey value={arrest.personKey} />} />
    </DataTable>
  </List>
);
