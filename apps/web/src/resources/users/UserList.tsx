import { EmptyState, NoMatch } from '../../components/EmptyState';
import { DataTable, List, SelectInput, TextInput } from 'react-admin';
import type { UserRecord } from '@sra/contracts';
import { DateTimeField } from '../../components/DateTimeField';
import { ShowLink } from '../../components/ShowLink';
import { ROLE_CHOICES, roleLabel } from '../../roles';

const userFilters = [
  <TextInput key="q" source="q" label="Search by email or name" alwaysOn />,
  <SelectInput key="role" source="role" label="Role" choices={ROLE_CHOICES} emptyText="All roles" alwaysOn />,
];

const Column = DataTable.Col<UserRecord>;

/** `GET /api/users`: sortable by email, role, createdAt and lastSignInAt. */
export const UserList = () => (
  <List filters={userFilters} empty={<EmptyState title="No account yet">Add the people who will use the app with “Create”.</EmptyState>} sort={{ field: 'email', order: 'ASC' }} perPage={25} exporter={false}>
    <DataTable rowClick="show" bulkActionButtons={false} empty={<NoMatch no="No account" />}>
      <Column source="email" label="Email" render={(user) => <ShowLink>{user.email}</ShowLink>} />
      <Column source="displayName" label="Name" disableSort render={(user) => user.displayName ?? ''} />
      <Column source="role" label="Role" render={(user) => roleLabel(user.role)} />
      <Column source="active" label="Account" disableSort render={(user) => (user.active ? 'Active' : 'Deactivated')} />
      <Column source="lastSignInAt" label="Last signed in">
        <DateTimeField source="lastSignInAt" emptyText="Never" />
      </Column>
      <Column source="createdAt" label="Created">
        <DateTimeField source="createdAt" />
      </Column>
    </DataTable>
  </List>
);
