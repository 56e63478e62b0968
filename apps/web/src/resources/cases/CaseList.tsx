import { Box, Typography } from '@mui/material';
import { DataTable, List, TextInput } from 'react-admin';
import type { CaseRecord } from '@sra/contracts';
import { actionDateColumn, placeColumns, reviewColumns, reviewListFilters, ReviewListTable, NoCases, NoCasesYet } from '../flags/listParts';
import { ruleShortName } from '../flags/words';
import { DeferredPagination } from '../../components/DeferredList';

/** First and always shown: the search by incident number (its start), arrest id or DA decision id (the API's `q`). */
const caseFilters = [
  <TextInput
    key="q"
    source="q"
    label="Incident number, arrest or decision id"
    placeholder="e.g. 2200"
    alwaysOn
    resettable
    sx={{ minWidth: { xs: 0, sm: 310 }, width: { xs: '100%', sm: 'auto' } }}
  />,
  ...reviewListFilters('Case status'),
];

const Column = DataTable.Col<CaseRecord>;

/** The sentence shown is that of the case's strongest rule; every rule's sentence is on the case page. */
const CaseTable = () => (
  <ReviewListTable kind="case" empty={<NoCases />}>
    {actionDateColumn('case')}
    <Column source="actionType" label="Action" disableSort render={(c) => (c.actionType === 'arrest' ? 'Arrest' : 'DA charge')} />
    <Column source="agency" label="Agency" />
    <Column
      source="ruleIds"
      label="Rules it breaches"
      disableSort
      sx={{ minWidth: '9em' }}
      render={(c) => (
        <Box component="ul" data-testid={`case-rules-${c.id}`} sx={{ m: 0, p: 0, listStyle: 'none' }}>
          {c.ruleIds.map((ruleId) => (
            <li key={ruleId} title={ruleId}>
              {ruleShortName(ruleId)}
            </li>
          ))}
        </Box>
      )}
    />
    {placeColumns('Highest confidence')}
    {reviewColumns('case')}
  </ReviewListTable>
);

/**
 * `GET /api/cases`: one row per arrest or DA charge against a person who had reported, with the rules it breaches;
 * filtered, sorted and paged by the server. A link from the dashboard (`#/cases?filter={...}`) sets the filters
 * exactly (a case is listed when one of its rules matches them all); each one shows as an input that can be cleared.
 */
export const CaseList = () => (
  <List
    pagination={<DeferredPagination />}
    title="Flagged cases"
    filters={caseFilters}
    filterDefaultValues={{ status: ['current'] }}
    empty={<NoCasesYet />}
    sort={{ field: 'actionDate', order: 'DESC' }}
    perPage={25}
    exporter={false}
  >
    <Typography variant="body2" sx={{ px: 2, pt: 1, maxWidth: '80ch' }}>
      Each row is one arrest or DA charge that should not have happened under one or more rules, because the person had
      reported a violent crime. A case is reviewed once, whatever number of rules it breaches. Open a case to see its
      timeline, each rule and its review. Select cases to assign them, change their review status or add them to a
      meeting&rsquo;s agenda together.
    </Typography>
    <CaseTable />
  </List>
);
