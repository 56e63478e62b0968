import { Typography } from '@mui/material';
import { DataTable, List } from 'react-admin';
import type { FlagRecord } from '@sra/contracts';
import { actionDateColumn, placeColumns, reviewColumns, reviewListFilters, ReviewListTable, NoCases, NoCasesYet } from './listParts';
import { ruleShortName } from './words';
import { DeferredPagination } from '../../components/DeferredList';

const flagFilters = reviewListFilters('Flag status');

const Column = DataTable.Col<FlagRecord>;

const FlagTable = () => (
  <ReviewListTable kind="flag" empty={<NoCases />}>
    {actionDateColumn('flag')}
    <Column source="ruleId" label="Rule" sx={{ minWidth: '8em' }} render={(flag) => <span title={flag.ruleId}>{ruleShortName(flag.ruleId)}</span>} />
    <Column source="agency" label="Agency" />
    {placeColumns('Confidence')}
    {reviewColumns('flag')}
  </ReviewListTable>
);

/**
 * `GET /api/flags`: the flagged cases, filtered, sorted and paged by the server. A link from the dashboard
 * (`#/flags?filter={...}`) sets the filters exactly; each one shows as an input that can be cleared.
 */
export const FlagList = () => (
  <List
    pagination={<DeferredPagination />}
    title="Flagged cases"
    filters={flagFilters}
    filterDefaultValues={{ status: ['current'] }}
    empty={<NoCasesYet />}
    sort={{ field: 'actionDate', order: 'DESC' }}
    perPage={25}
    exporter={false}
  >
    <Typography variant="body2" sx={{ px: 2, pt: 1, maxWidth: '80ch' }}>
      Each row is an arrest or a DA charge that a rule says should not have happened, because the person had reported a
      violent crime. Open a case to see its timeline, its charges and its review. Select cases to assign them or change
      their review status together.
    </Typography>
    <FlagTable />
  </List>
);
