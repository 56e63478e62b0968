import { Box, Typography } from '@mui/material';
import { DataTable, ListButton, Pagination, ReferenceManyField, Show, TopToolbar, useRecordContext } from 'react-admin';
import type { ArrestRecord, DaDecisionRecord } from '@sra/contracts';
import { Fact, Facts } from '../../components/Facts';
import { PlainCharges } from '../../components/PlainCharges';
import { AsGiven, BatchFact, ChargeLines, custodyLabel, Day, PersonKey, RecordLink, Section } from '../incidents/parts';
import { ArrestWhen } from './ArrestList';

const ArrestTitle = () => {
  const arrest = useRecordContext<ArrestRecord>();
  return <span>{arrest ? `Arrest ${arrest.id}` : 'Arrest'}</span>;
};

const ArrestActions = () => (
  <TopToolbar>
    <ListButton label="All arrests" />
  </TopToolbar>
);

const DecisionColumn = DataTable.Col<DaDecisionRecord>;

const NoDecisions = () => (
  <Typography variant="body2" sx={{ py: 1 }}>
    No DA decision refers to this arrest.
  </Typography>
);

const ArrestDetails = () => {
  const arrest = useRecordContext<ArrestRecord>();
  if (!arrest) return null;
  return (
    <Box sx={{ px: 2, pb: 2 }}>
      <Typography variant="body2" sx={{ pt: 2, maxWidth: '80ch' }}>
        A read-only copy of one row of the loaded arrests file. The person is named only by a pseudonymous key. Times are
        San Francisco times.
      </Typography>
      <Section id="arrest-facts" title="The arrest">
        <Facts>
          <Fact term="Arrest ID">
            <span data-testid="arrest-id">{arrest.id}</span>
          </Fact>
          <Fact term="When" note={arrest.arrestDatetime ? undefined : 'The file gives the day only.'}>
            <ArrestWhen arrest={arrest} testId="arrest-when" />
          </Fact>
          <Fact term="Arresting agency">
            <span data-testid="arrest-agency">{arrest.arrestingAgency}</span>
          </Fact>
          <Fact term="Custody" note={arrest.custodyType === 'cited' ? 'Cited and released, not booked into jail.' : 'Booked into jail.'}>
            <span data-testid="arrest-custody">{custodyLabel(arrest.custodyType)}</span>
          </Fact>
          <Fact term="Charges" note="In plain words: the statutes when the file gives them, else the booked list.">
            <PlainCharges charges={arrest.charges} testId="arrest-charges-plain" />
          </Fact>
          <Fact term="Booked charges (statutes)" note="Exactly as the file gave them.">
            <AsGiven value={arrest.bookedChargesStatute} testId="arrest-statutes" />
          </Fact>
          <Fact term="Booked charges (list)" note="Exactly as the file gave them.">
            <AsGiven value={arrest.listOfBookedCharges} testId="arrest-booked" />
          </Fact>
          <Fact term="Case type">{arrest.bookedCaseType ?? 'Not recorded'}</Fact>
          <Fact term="Incident">
            <RecordLink resource="incidents" id={arrest.incidentNumber} testId="arrest-incident">
              {arrest.incidentNumber}
            </RecordLink>
          </Fact>
          <Fact term="Person key" note="Pseudonymous: hover over the key to see all of it.">
            <PersonKey value={arrest.personKey} testId="arrest-person" />
          </Fact>
          <BatchFact batchId={arrest.batchId} />
        </Facts>
      </Section>
      <Section id="arrest-da-decisions" title="DA decisions on this arrest">
        <ReferenceManyField<ArrestRecord, DaDecisionRecord>
          reference="da-decisions"
          target="arrestId"
          sort={{ field: 'actionDate', order: 'ASC' }}
          perPage={25}
          pagination={<Pagination rowsPerPageOptions={[25]} />}
          empty={<NoDecisions />}
        >
          <DataTable<DaDecisionRecord> rowClick="show" bulkActionButtons={false} empty={<NoDecisions />} data-testid="arrest-da-decisions-table">
            <DecisionColumn
              source="id"
              label="Decision"
              render={(decision) => (
                <RecordLink resource="da-decisions" id={decision.id}>
                  {decision.id}
                </RecordLink>
              )}
            />
            <DecisionColumn source="daActionTaken" label="Action taken" />
            <DecisionColumn source="actionDate" label="Date" render={(decision) => <Day day={decision.actionDate} />} />
            <DecisionColumn
              source="listOfFiledCharges"
              label="Filed charges as given"
              disableSort
              render={(decision) => (
                <ChargeLines
                  lines={[
                    ['Filed', decision.listOfFiledCharges],
                    ['Statutes', decision.filedChargesStatute],
                  ]}
                />
              )}
            />
          </DataTable>
        </ReferenceManyField>
      </Section>
    </Box>
  );
};

/** `GET /api/arrests/:id`, with the DA decisions that name the arrest (`GET /api/da-decisions?filter={"arrestId":…}`). */
export const ArrestShow = () => (
  <Show title={<ArrestTitle />} actions={<ArrestActions />}>
    <ArrestDetails />
  </Show>
);
