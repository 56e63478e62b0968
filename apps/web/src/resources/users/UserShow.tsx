import { EditButton, FunctionField, Labeled, Show, SimpleShowLayout, TextField, TopToolbar, useRecordContext } from 'react-admin';
import { Typography } from '@mui/material';
import { isRole, type UserRecord } from '@sra/contracts';
import { DateTimeField } from '../../components/DateTimeField';
import { ROLE_DESCRIPTIONS, roleLabel } from '../../roles';

const RoleWithDescription = () => {
  const user = useRecordContext<UserRecord>();
  if (!user) return null;
  return (
    <Labeled label="Role">
      <span>
        <Typography component="span" variant="body2" sx={{ fontWeight: 600 }}>
          {roleLabel(user.role)}
        </Typography>
        {isRole(user.role) ? (
          <Typography component="span" variant="body2">
            {' '}
            — {ROLE_DESCRIPTIONS[user.role]}
          </Typography>
        ) : null}
      </span>
    </Labeled>
  );
};

const Actions = () => (
  <TopToolbar>
    <EditButton label="Change role or access" />
  </TopToolbar>
);

/** `GET /api/users/:id`. */
export const UserShow = () => (
  <Show actions={<Actions />}>
    <SimpleShowLayout>
      <TextField source="email" label="Email" />
      <TextField source="displayName" label="Name" emptyText="Not given" />
      <RoleWithDescription />
      <FunctionField<UserRecord>
        source="active"
        label="Account"
        render={(user) => (user.active ? 'Active: can sign in' : 'Deactivated: cannot sign in')}
      />
      <DateTimeField source="lastSignInAt" label="Last signed in" emptyText="Never" />
      <DateTimeField source="createdAt" label="Created" />
      <TextField source="id" label="Account ID" />
    </SimpleShowLayout>
  </Show>
);
