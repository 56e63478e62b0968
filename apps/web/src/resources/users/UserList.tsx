import { Box } from '@mui/material';
import { EmptyState, NoMatch } from '../../components/EmptyState';
import { DataTable, List, SelectInput, TextInput } from 'react-admin';
import type { UserRecord } from '@sra/contracts';
import { collapsedColumns, Secondary, TableBox } from '../../components/Collapse';
import { DateTimeField } from '../../components/DateTimeField';
import { ShowLink } from '../../components/ShowLink';
import { ROLE_CHOICES, roleLabel } from '../../roles';

const userFilters = [
  <TextInput key="q" source="q" label="Search by email or name" alwaysOn sx={{ minWidth: { xs: 0, sm: 240 }, width: { xs: '100%', sm: 'auto' } }} />,
  <SelectInput key="role" source="role" label="Role" choices={ROLE_CHOICES} emptyText="All roles" alwaysOn />,
];

const Column = DataTable.Col<UserRecord>;

/**
 * Issue 14, a phone: the email stays, the rest moves under it as small lines (the name and last sign-in below
 * 900 px, the role and account below 600 px); "Created" is for wide screens only.
 */
const collapsed = collapsedColumns([
  { below: 'lg', sources: ['createdAt'] },
  { below: 'md', sources: ['displayName', 'lastSignInAt'] },
  { below: 'sm', sources: ['role', 'active'] },
]);

/** `GET /api/users`: sortable by email, role, createdAt and lastSignInAt. */
export const UserList = () => (
  <List filters={userFilters} empty={<EmptyState title="No account yet">Add the people who will use the app with “Create”.</EmptyState>} sort={{ field: 'email', order: 'ASC' }} perPage={25} exporter={false}>
    <TableBox testId="users-table-box">
      <DataTable rowClick="show" bulkActionButtons={false} data-testid="users-table" sx={collapsed} empty={<NoMatch no="No account" />}>
        <Column
          source="email"
          label="Email"
          render={(user) => (
            <>
              <Box component="span" sx={{ overflowWrap: 'anywhere' }}>
                <ShowLink>{user.email}</ShowLink>
              </Box>
              {user.displayName ? <Secondary below="md">{user.displayName}</Secondary> : null}
              <Secondary below="sm">{`${roleLabel(user.role)} · ${user.active ? 'Active' : 'Deactivated'}`}</Secondary>
              <Secondary below="md">
                Last signed in: <DateTimeField source="lastSignInAt" emptyText="never" />
              </Secondary>
            </>
          )}
        />
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
    </TableBox>
  </List>
);
