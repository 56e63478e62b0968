import { Typography } from '@mui/material';
import { FunctionField, Show, SimpleShowLayout, TextField } from 'react-admin';
import type { AuditLogEntry } from '@sra/contracts';
import { DateTimeField } from '../../components/DateTimeField';
import { JsonField } from '../../components/JsonField';
import { AuditSentence } from './AuditSentence';
import { outcomeLabel } from './outcome';

/** `GET /api/audit-log/:id`: one entry in words, then as recorded, including its `detail` JSON. */
export const AuditLogShow = () => (
  <Show title="Audit log entry">
    <SimpleShowLayout>
      <FunctionField<AuditLogEntry> source="action" label="What happened" render={(entry) => <AuditSentence entry={entry} raw={false} />} />
      <DateTimeField source="at" label="When" />
      <TextField source="actorEmail" label="Done by" emptyText="Nobody signed in" />
      <FunctionField<AuditLogEntry> source="outcome" label="Outcome" render={(entry) => outcomeLabel(entry.outcome)} />
      <Typography component="h2" variant="subtitle1" sx={{ fontWeight: 600, pt: 1 }}>
        As the server recorded it
      </Typography>
      <TextField source="action" label="Action" />
      <TextField source="statusCode" label="Status code" emptyText="None" />
      <TextField source="actorUserId" label="Done by (account ID)" emptyText="None" />
      <TextField source="targetType" label="On (type)" emptyText="None" />
      <TextField source="targetId" label="On (ID)" emptyText="None" />
      <TextField source="ip" label="IP address" emptyText="Unknown" />
      <TextField source="userAgent" label="Browser or program" emptyText="Unknown" />
      <JsonField source="detail" label="Details" />
      <TextField source="id" label="Entry ID" />
    </SimpleShowLayout>
  </Show>
);
