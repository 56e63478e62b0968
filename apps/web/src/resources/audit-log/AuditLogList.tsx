import { DataTable, List, SelectInput, TextInput } from 'react-admin';
import type { AuditLogEntry } from '@sra/contracts';
import { DateTimeField } from '../../components/DateTimeField';
import { EmptyState, NoMatch } from '../../components/EmptyState';
import { collapsedColumns, Secondary } from '../../components/Collapse';
import { ShowLink } from '../../components/ShowLink';
import { AuditSentence } from './AuditSentence';
import { OUTCOME_CHOICES, outcomeLabel } from './outcome';

const auditLogFilters = [
  <TextInput key="action" source="action" label="Action as recorded" placeholder="e.g. case.viewed or /api/meetings" alwaysOn />,
  <TextInput key="actorEmail" source="actorEmail" label="Done by (email)" alwaysOn />,
  <SelectInput key="outcome" source="outcome" label="Outcome" choices={OUTCOME_CHOICES} emptyText="Any outcome" alwaysOn />,
];

const Column = DataTable.Col<AuditLogEntry>;

/** On a narrow screen who, the outcome and the address move under the time. */
const collapsed = collapsedColumns([
  { below: 'md', sources: ['ip'] },
  { below: 'sm', sources: ['actorEmail', 'outcome'] },
]);

const NoEntries = () => (
  <EmptyState title="No audit log entry yet">
    Every sign-in, every look at a case-level page and every change is written here, with who did it and when.
  </EmptyState>
);

/** `GET /api/audit-log`, newest first, each entry a sentence. Read-only: the trail is append-only. */
export const AuditLogList = () => (
  <List filters={auditLogFilters} sort={{ field: 'at', order: 'DESC' }} perPage={50} exporter={false} empty={<NoEntries />}>
    <DataTable rowClick="show" bulkActionButtons={false} empty={<NoMatch no="No entry" />} sx={collapsed}>
      <Column
        source="at"
        label="When"
        render={(entry) => (
          <>
            <ShowLink>
              <DateTimeField source="at" />
            </ShowLink>
            <Secondary below="sm">
              {entry.actorEmail ?? 'Nobody signed in'}
              {entry.outcome === 'failure' ? ', failed' : ''}
            </Secondary>
            <Secondary below="md">{entry.ip ?? ''}</Secondary>
          </>
        )}
      />
      <Column source="actorEmail" label="Done by" disableSort render={(entry) => entry.actorEmail ?? 'Nobody signed in'} />
      <Column source="action" label="What happened" disableSort render={(entry) => <AuditSentence entry={entry} />} />
      <Column source="outcome" label="Outcome" disableSort render={(entry) => outcomeLabel(entry.outcome)} />
      <Column source="ip" label="IP address" disableSort render={(entry) => entry.ip ?? ''} />
    </DataTable>
  </List>
);
