import { Create, Edit, ListButton, TopToolbar, useNotify, useRecordContext, useRedirect } from 'react-admin';
import type { IncidentCodeRecord } from '@sra/contracts';
import { IncidentCodeForm, toCreateRequest, toUpdateRequest } from './IncidentCodeForm';

const Title = () => {
  const record = useRecordContext<IncidentCodeRecord>();
  return <span>{record ? `Change incident code ${record.code}` : 'Incident code'}</span>;
};

const Actions = () => (
  <TopToolbar>
    <ListButton label="All incident codes" />
  </TopToolbar>
);

/** `PUT /api/incident-codes/:code` (admins): correct an entry, with its source. */
export const IncidentCodeEdit = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Edit
      title={<Title />}
      actions={<Actions />}
      mutationMode="pessimistic"
      transform={toUpdateRequest}
      mutationOptions={{
        onSuccess: (record: IncidentCodeRecord) => {
          notify(`Incident code ${record.code} is now described as “${record.description}”`, { type: 'success' });
          redirect('show', 'incident-codes', record.id);
        },
      }}
    >
      <IncidentCodeForm adding={false} />
    </Edit>
  );
};

/** `POST /api/incident-codes` (admins): describe a code the catalog does not know (opened from an import's page). */
export const IncidentCodeCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      title="Add an incident code"
      actions={<Actions />}
      transform={toCreateRequest}
      mutationOptions={{
        onSuccess: (record: IncidentCodeRecord) => {
          notify(`Incident code ${record.code} is in the catalog now, as “${record.description}”`, { type: 'success' });
          redirect('show', 'incident-codes', record.id);
        },
      }}
    >
      <IncidentCodeForm adding />
    </Create>
  );
};
