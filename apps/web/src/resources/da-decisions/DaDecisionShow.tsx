import { Box, Typography } from '@mui/material';
import { ListButton, Show, TopToolbar, useRecordContext } from 'react-admin';
import type { DaDecisionRecord } from '@sra/contracts';
import { Fact, Facts } from '../../components/Facts';
import { PlainCharges } from '../../components/PlainCharges';
import { AsGiven, BatchFact, Day, PersonKey, RecordLink, Section } from '../incidents/parts';

const DecisionTitle = () => {
  const decision = useRecordContext<DaDecisionRecord>();
  return <span>{decision ? `DA decision ${decision.id}` : 'DA decision'}</span>;
};

const DecisionActions = () => (
  <TopToolbar>
    <ListButton label="All DA decisions" />
  </TopToolbar>
);

const NOT_RECORDED = 'Not recorded';

const DecisionDetails = () => {
  const decision = useRecordContext<DaDecisionRecord>();
  if (!decision) return null;
  return (
    <Box sx={{ px: 2, pb: 2 }}>
      <Typography variant="body2" sx={{ pt: 2, maxWidth: '80ch' }}>
        A read-only copy of one row of the loaded District Attorney decisions file. The person is named only by a
        pseudonymous key.
      </Typography>
      <Section id="da-decision-facts" title="The decision">
        <Facts>
          <Fact term="Decision ID">
            <span data-testid="da-decision-id">{decision.id}</span>
          </Fact>
          <Fact term="Action taken">
            <span data-testid="da-decision-action">{decision.daActionTaken}</span>
          </Fact>
          <Fact term="Date of the action">
            <Day day={decision.actionDate} testId="da-decision-date" />
          </Fact>
          <Fact term="Arrest">
            {decision.arrestId ? (
              <RecordLink resource="arrests" id={decision.arrestId} testId="da-decision-arrest">
                {decision.arrestId}
              </RecordLink>
            ) : (
              <span data-testid="da-decision-arrest">None</span>
            )}
          </Fact>
          <Fact term="Date of the arrest">
            <Day day={decision.arrestDate} />
          </Fact>
          <Fact term="Incident">
            <RecordLink resource="incidents" id={decision.incidentNumber} testId="da-decision-incident">
              {decision.incidentNumber}
            </RecordLink>
          </Fact>
          <Fact term="Person key" note="Pseudonymous: hover over the key to see all of it.">
            <PersonKey value={decision.personKey} testId="da-decision-person" />
          </Fact>
        </Facts>
      </Section>
      <Section id="da-decision-charges" title="Charges and case">
        <Facts>
          <Fact term="Filed charges" note="In plain words: the statutes when the file gives them, else the filed list.">
            <PlainCharges charges={decision.charges} testId="da-decision-charges-plain" />
          </Fact>
          <Fact term="Filed charges (list)" note="Exactly as the file gave them.">
            <AsGiven value={decision.listOfFiledCharges} testId="da-decision-filed" />
          </Fact>
          <Fact term="Filed charges (statutes)" note="Exactly as the file gave them.">
            <AsGiven value={decision.filedChargesStatute} testId="da-decision-statutes" />
          </Fact>
          <Fact term="Case type">
            <span data-testid="da-decision-case-type">{decision.filedCaseType ?? NOT_RECORDED}</span>
          </Fact>
          <Fact term="Crime type">{decision.crimeType ?? NOT_RECORDED}</Fact>
          <Fact term="Court number">{decision.courtNumber ?? NOT_RECORDED}</Fact>
          <Fact term="Filing date">
            <Day day={decision.filingDate} />
          </Fact>
          <Fact term="Case status">
            <span data-testid="da-decision-status">{decision.caseStatus ?? NOT_RECORDED}</span>
          </Fact>
          <Fact term="Disposition">
            <span data-testid="da-decision-disposition">{decision.dispositionDescription ?? NOT_RECORDED}</span>
          </Fact>
          <Fact term="Disposition date">
            <Day day={decision.dispositionDate} />
          </Fact>
          <BatchFact batchId={decision.batchId} />
        </Facts>
      </Section>
    </Box>
  );
};

/** `GET /api/da-decisions/:id`. */
export const DaDecisionShow = () => (
  <Show title={<DecisionTitle />} actions={<DecisionActions />}>
    <DecisionDetails />
  </Show>
);
