import { Box, Divider, TableCell, TableRow, Typography } from '@mui/material';
import { ListButton, Show, TopToolbar, useRecordContext } from 'react-admin';
import { REVIEW_STATUS_LABELS, type IncidentDetail, datesInText, categoryWords } from '@sra/contracts';
import { Fact, Facts } from '../../components/Facts';
import { PlainCharges } from '../../components/PlainCharges';
import {
  AsGiven,
  ChargeLines,
  CONFIDENCE_LABELS,
  custodyLabel,
  Day,
  FLAG_STATUS_LABELS,
  PersonKey,
  personRoleLabel,
  RecordLink,
  RecordTable,
  Section,
  SfDateTime,
} from './parts';

const IncidentTitle = () => {
  const incident = useRecordContext<IncidentDetail>();
  return <span>{incident ? `Incident ${incident.id}` : 'Incident'}</span>;
};

const IncidentActions = () => (
  <TopToolbar>
    <ListButton label="All incidents" />
  </TopToolbar>
);

const None = ({ children }: { children: string }) => <Typography variant="body2">{children}</Typography>;

const Summary = ({ incident }: { incident: IncidentDetail }) => {
  const first = incident.reportRows[0];
  return (
    <Facts>
      <Fact term="Incident number">
        <span data-testid="incident-number">{incident.id}</span>
      </Fact>
      <Fact term="First reported">
        <SfDateTime iso={incident.reportDatetime} testId="incident-reported" />
      </Fact>
      <Fact term="Occurred" note="The earliest time any report gives for the incident itself.">
        <SfDateTime iso={incident.incidentDatetime} testId="incident-occurred" />
      </Fact>
      <Fact term="Category" note="From the first report row.">
        <span data-testid="incident-category">{categoryWords(incident.incidentCategory)}</span>
      </Fact>
      <Fact term="Police district">{incident.policeDistrict ?? 'Not recorded'}</Fact>
      <Fact term="Neighborhood">{first?.analysisNeighborhood ?? 'Not recorded'}</Fact>
      <Fact term="Report rows">{incident.rows}</Fact>
      <Fact term="Persons">{incident.persons}</Fact>
      <Fact term="Current flags" note="Flags in force that cite this incident, as the report or as the incident of the arrest or decision.">
        <span data-testid="incident-current-flags">{incident.flags}</span>
      </Fact>
    </Facts>
  );
};

const ReportRows = ({ incident }: { incident: IncidentDetail }) => (
  <Section id="incident-rows" title={`Report rows (${incident.reportRows.length})`}>
    <Typography variant="body2" sx={{ mb: 1.5, maxWidth: '80ch' }}>
      The initial report, its supplements, and one row for each further incident code, in the order they were reported.
    </Typography>
    <RecordTable labelledBy="incident-rows-heading" headers={['Report', 'Report type', 'Reported', 'Incident code', 'What was reported', 'Resolution']} testId="incident-rows-table">
      {incident.reportRows.map((row) => (
        <TableRow key={row.rowId} data-testid="incident-row">
          <TableCell>{row.incidentId}</TableCell>
          <TableCell>
            {row.reportTypeDescription ?? 'Not recorded'}
            {row.reportTypeCode ? ` (${row.reportTypeCode})` : ''}
            {row.filedOnline ? (
              <Typography component="span" variant="body2" sx={{ display: 'block', color: 'text.secondary' }}>
                Filed online
              </Typography>
            ) : null}
          </TableCell>
          <TableCell>
            <SfDateTime iso={row.reportDatetime} />
          </TableCell>
          <TableCell>
            <AsGiven value={row.incidentCode} />
          </TableCell>
          <TableCell sx={{ minWidth: '16em' }}>
            <Box component="span" sx={{ display: 'block', fontWeight: 600 }} data-testid="incident-row-category">
              {categoryWords(row.incidentCategory)}
            </Box>
            {row.incidentSubcategory ? <Box component="span" sx={{ display: 'block' }}>{row.incidentSubcategory}</Box> : null}
            {row.incidentDescription ?? row.catalogDescription ? (
              <Box component="span" sx={{ display: 'block', color: 'text.secondary' }}>
                {row.incidentDescription ?? `${row.catalogDescription} (the incident-code catalog’s words; the row gives none)`}
              </Box>
            ) : null}
          </TableCell>
          <TableCell>{row.resolution ?? 'Not recorded'}</TableCell>
        </TableRow>
      ))}
    </RecordTable>
  </Section>
);

const PersonRoles = ({ incident }: { incident: IncidentDetail }) => (
  <Section id="incident-persons" title={`People on the incident (${incident.personRoles.length} ${incident.personRoles.length === 1 ? 'role' : 'roles'})`}>
    <Typography variant="body2" sx={{ mb: 1.5, maxWidth: '80ch' }}>
      Each person is named only by a pseudonymous key, shortened here: hover over a key to see all of it. One person can
      hold more than one role.
    </Typography>
    {incident.personRoles.length === 0 ? (
      <None>No person is recorded on this incident.</None>
    ) : (
      <RecordTable labelledBy="incident-persons-heading" headers={['Person key', 'Role', 'Role recorded']} testId="incident-persons-table">
        {incident.personRoles.map((person, index) => (
          <TableRow key={`${person.personKey}-${person.role}-${index}`} data-testid="incident-person" data-role={person.role}>
            <TableCell>
              <PersonKey value={person.personKey} testId="incident-person-key" />
            </TableCell>
            <TableCell data-testid="incident-person-role">{personRoleLabel(person.role)}</TableCell>
            <TableCell>
              <SfDateTime iso={person.roleRecordedAt} />
            </TableCell>
          </TableRow>
        ))}
      </RecordTable>
    )}
  </Section>
);

const Arrests = ({ incident }: { incident: IncidentDetail }) => (
  <Section id="incident-arrests" title={`Arrests (${incident.arrests.length})`}>
    {incident.arrests.length === 0 ? (
      <None>No arrest is recorded on this incident.</None>
    ) : (
      <RecordTable labelledBy="incident-arrests-heading" headers={['Arrest', 'When', 'Agency', 'Custody', 'Booked charges (in plain words, then as given)', 'Person key']} testId="incident-arrests-table">
        {incident.arrests.map((arrest) => (
          <TableRow key={arrest.id} data-testid="incident-arrest">
            <TableCell>
              <RecordLink resource="arrests" id={arrest.id} testId={`incident-arrest-link-${arrest.id}`}>
                {arrest.id}
              </RecordLink>
            </TableCell>
            <TableCell>{arrest.arrestDatetime ? <SfDateTime iso={arrest.arrestDatetime} /> : <Day day={arrest.arrestDate} />}</TableCell>
            <TableCell>{arrest.arrestingAgency}</TableCell>
            <TableCell>{custodyLabel(arrest.custodyType)}</TableCell>
            <TableCell>
              <PlainCharges charges={arrest.charges} testId="incident-arrest-charges-plain" />
              <ChargeLines
                lines={[
                  ['Statutes', arrest.bookedChargesStatute],
                  ['Booked', arrest.listOfBookedCharges],
                ]}
              />
            </TableCell>
            <TableCell>
              <PersonKey value={arrest.personKey} />
            </TableCell>
          </TableRow>
        ))}
      </RecordTable>
    )}
  </Section>
);

const DaDecisions = ({ incident }: { incident: IncidentDetail }) => (
  <Section id="incident-da-decisions" title={`DA decisions (${incident.daDecisions.length})`}>
    {incident.daDecisions.length === 0 ? (
      <None>No DA decision is recorded on this incident.</None>
    ) : (
      <RecordTable labelledBy="incident-da-decisions-heading" headers={['Decision', 'Action taken', 'Date', 'Arrest', 'Filed charges (in plain words, then as given)', 'Person key']} testId="incident-da-decisions-table">
        {incident.daDecisions.map((decision) => (
          <TableRow key={decision.id} data-testid="incident-da-decision">
            <TableCell>
              <RecordLink resource="da-decisions" id={decision.id} testId={`incident-da-decision-link-${decision.id}`}>
                {decision.id}
              </RecordLink>
            </TableCell>
            <TableCell>{decision.daActionTaken}</TableCell>
            <TableCell>
              <Day day={decision.actionDate} />
            </TableCell>
            <TableCell>
              {decision.arrestId ? (
                <RecordLink resource="arrests" id={decision.arrestId}>
                  {decision.arrestId}
                </RecordLink>
              ) : (
                'None'
              )}
            </TableCell>
            <TableCell>
              <PlainCharges charges={decision.charges} testId="incident-da-decision-charges-plain" />
              <ChargeLines
                lines={[
                  ['Filed', decision.listOfFiledCharges],
                  ['Statutes', decision.filedChargesStatute],
                ]}
              />
            </TableCell>
            <TableCell>
              <PersonKey value={decision.personKey} />
            </TableCell>
          </TableRow>
        ))}
      </RecordTable>
    )}
  </Section>
);

const CitingFlags = ({ incident }: { incident: IncidentDetail }) => (
  <Section id="incident-flags" title={`Flags that cite this incident (${incident.citedBy.length})`}>
    <Typography variant="body2" sx={{ mb: 1.5, maxWidth: '80ch' }}>
      Every flag, in force or withdrawn, that cites this incident as the report or as the incident of the arrest or
      decision. A withdrawn flag is one the rules no longer raise (after new data or a new policy version); it is kept
      for the record. Open a flag to see its case.
    </Typography>
    {incident.citedBy.length === 0 ? (
      <None>No flag cites this incident.</None>
    ) : (
      <RecordTable labelledBy="incident-flags-heading" headers={['Flag', 'Rule', 'Confidence', 'Review status', 'Status']} testId="incident-flags-table">
        {incident.citedBy.map((flag) => (
          <TableRow key={flag.id} data-testid="incident-flag" data-flag-id={flag.id}>
            <TableCell sx={{ minWidth: '20em', maxWidth: '60ch' }}>
              <RecordLink resource="flags" id={flag.id} testId={`incident-flag-link-${flag.id}`}>
                {datesInText(flag.sentence)}
              </RecordLink>
            </TableCell>
            <TableCell>
              {flag.ruleId}
              <Typography component="span" variant="body2" sx={{ display: 'block', color: 'text.secondary' }}>
                version {flag.ruleVersion}
              </Typography>
            </TableCell>
            <TableCell>{CONFIDENCE_LABELS[flag.confidence] ?? flag.confidence}</TableCell>
            <TableCell data-testid="incident-flag-review">{REVIEW_STATUS_LABELS[flag.reviewStatus] ?? flag.reviewStatus}</TableCell>
            <TableCell data-testid="incident-flag-status">{FLAG_STATUS_LABELS[flag.status] ?? flag.status}</TableCell>
          </TableRow>
        ))}
      </RecordTable>
    )}
  </Section>
);

const IncidentDetails = () => {
  const incident = useRecordContext<IncidentDetail>();
  if (!incident) return null;
  return (
    <Box sx={{ px: 2, pb: 2 }}>
      <Typography variant="body2" sx={{ pt: 2, maxWidth: '80ch' }}>
        A read-only copy of the loaded SFPD report, with the people named on it, what followed (arrests and DA decisions)
        and the flags that cite it. Times are San Francisco times.
      </Typography>
      <Section id="incident-summary" title="Summary">
        <Summary incident={incident} />
      </Section>
      <Divider />
      <CitingFlags incident={incident} />
      <Divider />
      <ReportRows incident={incident} />
      <Divider />
      <PersonRoles incident={incident} />
      <Divider />
      <Arrests incident={incident} />
      <Divider />
      <DaDecisions incident={incident} />
    </Box>
  );
};

/** `GET /api/incidents/:incidentNumber`: the incident with its report rows, people, arrests, DA decisions and citing flags. */
export const IncidentShow = () => (
  <Show title={<IncidentTitle />} actions={<IncidentActions />}>
    <IncidentDetails />
  </Show>
);
