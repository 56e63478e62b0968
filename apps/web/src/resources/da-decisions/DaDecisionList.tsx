import { LoadDataHint } from '../../components/EmptyState';
import { DayInput } from '../../components/DayInput';
import { Box, Typography } from '@mui/material';
import { DataTable, List, SelectInput, TextInput } from 'react-admin';
import { DA_ACTIONS, type DaDecisionRecord } from '@sra/contracts';
import { PlainCharges } from '../../components/PlainCharges';
import { ShowLink } from '../../components/ShowLink';
import { ChargeLines, Day, ListIntro, READ_ONLY_NOTE, RecordLink } from '../incidents/parts';

const ACTION_CHOICES = DA_ACTIONS.map((action) => ({ id: action, name: action }));

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

const decisionFilters = [
  <TextInput key="incidentNumber" source="incidentNumber" label="Incident number" parse={trimmed} alwaysOn />,
  <SelectInput key="daActionTaken" source="daActionTaken" label="Action taken" choices={ACTION_CHOICES} emptyText="Any action" alwaysOn sx={{ minWidth: 220 }} />,
  <DayInput key="since" source="since" label="Decided on or after" alwaysOn />,
  <DayInput key="until" source="until" label="Decided on or before" alwaysOn />,
];

const NoDecisions = () => (
  <Box sx={{ textAlign: 'center', py: 6, px: 2, width: '100%' }}>
    <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
      No DA decisions have been loaded yet
    </Typography>
    <Typography variant="body2" component="div" sx={{ maxWidth: '60ch', mx: 'auto' }}>
      <LoadDataHint what="Decisions appear here once a file of District Attorney decisions has been loaded." />
    </Typography>
  </Box>
);

const NoMatch = () => (
  <Typography variant="body2" sx={{ p: 2 }}>
    No DA decision matches these filters.
  </Typography>
);

const Column = DataTable.Col<DaDecisionRecord>;

/** `GET /api/da-decisions`: District Attorney charging decisions, newest first. */
export const DaDecisionList = () => (
  <List title="DA decisions" filters={decisionFilters} empty={<NoDecisions />} sort={{ field: 'actionDate', order: 'DESC' }} perPage={25} exporter={false}>
    <ListIntro noun={['DA decision', 'DA decisions']} testId="da-decisions-total">
      District Attorney charging decisions (charged, discharged, rejected, …), one row per decision on a person, with the
      filed charges in plain words and exactly as the file gave them. {READ_ONLY_NOTE}
    </ListIntro>
    <DataTable rowClick="show" bulkActionButtons={false} empty={<NoMatch />} data-testid="da-decisions-table">
      <Column
        source="id"
        label="Decision"
        render={(decision) => (
          <ShowLink>
            <span data-testid={`da-decision-link-${decision.id}`}>{decision.id}</span>
          </ShowLink>
        )}
      />
      <Column source="daActionTaken" label="Action taken" />
      <Column source="actionDate" label="Date" render={(decision) => <Day day={decision.actionDate} />} />
      <Column
        source="arrestId"
        label="Arrest"
        disableSort
        render={(decision) =>
          decision.arrestId ? (
            <RecordLink resource="arrests" id={decision.arrestId}>
              {decision.arrestId}
            </RecordLink>
          ) : (
            'None'
          )
        }
      />
      <Column
        source="charges"
        label="Filed charges (in plain words, then as given)"
        disableSort
        sx={{ minWidth: '16em' }}
        render={(decision) => (
          <>
            <PlainCharges charges={decision.charges} testId="da-decision-charges-plain" />
            <Box component="span" sx={{ display: 'block', mt: 0.5, color: 'text.secondary', fontSize: '0.8rem' }}>
              <ChargeLines
                lines={[
                  ['Filed', decision.listOfFiledCharges],
                  ['Statutes', decision.filedChargesStatute],
                ]}
              />
            </Box>
          </>
        )}
      />
      <Column source="filedCaseType" label="Case type" disableSort render={(decision) => decision.filedCaseType ?? ''} />
      <Column source="caseStatus" label="Case status" disableSort render={(decision) => decision.caseStatus ?? ''} />
      <Column source="dispositionDescription" label="Disposition" disableSort render={(decision) => decision.dispositionDescription ?? ''} />
      <Column
        source="incidentNumber"
        label="Incident"
        render={(decision) => (
          <RecordLink resource="incidents" id={decision.incidentNumber}>
            {decision.incidentNumber}
          </RecordLink>
        )}
      />
    </DataTable>
  </List>
);
