import { DataTable, List, SelectInput, TextInput } from 'react-admin';
import type { AuditLogEntry } from '@sra/contracts';
import { DateTimeField } from '../../components/DateTimeField';
import { ShowLink } from '../../components/ShowLink';
import { OUTCOME_CHOICES, outcomeLabel } from './outcome';

const auditLogFilters = [
  <TextInput key="action" source="action" label="Action" alwaysOn />,
  <TextInput key="actorEmail" source="actorEmail" label="Done by (email)" alwaysOn />,
  <SelectInput key="outcome" source="outcome" label="Outcome" choices={OUTCOME_CHOICES} emptyText="Any outcome" alwaysOn />,
];

const Column = DataTable.Col<AuditLogEntry>;

/** `GET /api/audit-log`, newest first. Read-only: the trail is append-only. */
export const AuditLogList = () => (
  <List filters={auditLogFilters} sort={{ field: 'at', order: 'DESC' }} perPage={50} exporter={false}>
    <DataTable rowClick="show" bulkActionButtons={false}>
      <Column source="at" label="When">
        <ShowLink>
          <DateTimeField source="at" />
        </ShowLink>
      </Column>
      <Column source="actorEmail" label="Done by" disableSort render={(entry) => entry.actorEmail ?? 'Nobody signed in'} />
      <Column source="action" label="Action" disableSort />
      <Column source="targetType" label="On (type)" disableSort render={(entry) => entry.targetType ?? ''} />
      <Column source="targetId" label="On (ID)" disableSort render={(entry) => entry.targetId ?? ''} />
      <Column source="outcome" label="Outcome" disableSort render={(entry) => outcomeLabel(entry.outcome)} />
      <Column source="statusCode" label="Status code" disableSort render={(entry) => entry.statusCode ?? ''} />
      <Column source="ip" label="IP address" disableSort render={(entry) => entry.ip ?? ''} />
    </DataTable>
  </List>
);
