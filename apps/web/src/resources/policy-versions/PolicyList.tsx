import { EmptyState, NoMatch } from '../../components/EmptyState';
import { Typography } from '@mui/material';
import { DataTable, List, SelectInput, TopToolbar, usePermissions } from 'react-admin';
import { isRole, roleAllowed, type PolicyVersionRecord } from '@sra/contracts';
import { ShowLink } from '../../components/ShowLink';
import { Day } from './Day';
import { FlagCount } from './FlagCount';
import { NewVersionButton } from './NewVersionButton';
import { ProvenanceChips } from './ProvenanceChip';
import { RULE_CHOICES } from './words';

const policyFilters = [
  <SelectInput key="ruleId" source="ruleId" label="Rule" choices={RULE_CHOICES} emptyText="All rules" alwaysOn sx={{ minWidth: 220 }} />,
];

const PolicyListActions = () => (
  <TopToolbar>
    <NewVersionButton />
  </TopToolbar>
);

const Column = DataTable.Col<PolicyVersionRecord>;
const NumberColumn = DataTable.NumberCol<PolicyVersionRecord>;

/**
 * `GET /api/policy-versions`: every version of every rule, by rule then version.
 * Everyone signed in may read them; admins also see "New version".
 */
export const PolicyList = () => {
  // Counts of flags are case-level (issue 12): a viewer's table has no such column.
  const { permissions: role } = usePermissions();
  const showsFlagCounts = isRole(role) && roleAllowed(role, 'caseLevel');
  return (
    <List
      title="Policies"
      filters={policyFilters}
      empty={<EmptyState title="No policy yet">The four rules’ policies are stored when the server starts: restart it if this list stays empty.</EmptyState>}
      actions={<PolicyListActions />}
      sort={{ field: 'ruleId', order: 'ASC' }}
      perPage={25}
      exporter={false}
    >
      <Typography variant="body2" sx={{ px: 2, pt: 1, maxWidth: '80ch' }}>
        The rules the audit applies, one row per version. A version is in force from its date until the day before the
        next version’s date; a flag always records the version that produced it. The chips say how sure we are of each
        list: hover over or focus one for an explanation.
      </Typography>
      <DataTable rowClick="show" bulkActionButtons={false} data-testid="policy-versions-table" empty={<NoMatch no="No policy version" />}>
        <Column
          source="ruleId"
          label="Rule"
          render={(policy) => (
            <ShowLink>
              <span data-testid={`policy-link-${policy.id}`}>{policy.ruleId}</span>
            </ShowLink>
          )}
        />
        <NumberColumn source="version" label="Version" />
        <Column
          source="effectiveFrom"
          label="In force from"
          render={(policy) => <Day iso={policy.effectiveFrom} testId={`policy-from-${policy.id}`} />}
        />
        <Column
          source="effectiveUntil"
          label="In force until"
          disableSort
          render={(policy) =>
            policy.effectiveUntil ? (
              <Day iso={policy.effectiveUntil} testId={`policy-until-${policy.id}`} />
            ) : (
              <span data-testid={`policy-until-${policy.id}`}>latest</span>
            )
          }
        />
        <Column source="title" label="Title" disableSort sx={{ minWidth: '14em' }} />
        <Column
          source="provenance"
          label="Where the lists come from"
          disableSort
          render={(policy) => <ProvenanceChips record={policy} />}
        />
        {showsFlagCounts ? (
          <Column source="flagCount" label="Flags produced" disableSort align="right" render={(policy) => <FlagCount value={policy.flagCount} />} />
        ) : null}
      </DataTable>
    </List>
  );
};
