import { Alert } from '@mui/material';
import {
  BooleanInput,
  Edit,
  required,
  SaveButton,
  SelectInput,
  SimpleForm,
  Toolbar,
  useGetIdentity,
  useNotify,
  useRecordContext,
  useRedirect,
} from 'react-admin';
import type { UpdateUserRequest, UserRecord } from '@sra/contracts';
import { ROLE_CHOICES } from '../../roles';

/** Sends exactly `UpdateUserRequest`. */
const toRequest = (values: Record<string, unknown>): UpdateUserRequest => ({
  role: values.role as UpdateUserRequest['role'],
  active: values.active === true,
});

const Title = () => {
  const user = useRecordContext<UserRecord>();
  return <span>{user ? `Account of ${user.email}` : 'Account'}</span>;
};

const OwnAccountNote = () => {
  const user = useRecordContext<UserRecord>();
  const { identity } = useGetIdentity();
  if (!user || !identity || identity.id !== user.id) return null;
  return (
    <Alert severity="info" sx={{ mb: 2 }}>
      This is your own account: another administrator has to change its role or deactivate it.
    </Alert>
  );
};

const SaveOnly = () => (
  <Toolbar>
    <SaveButton label="Save changes" />
  </Toolbar>
);

/**
 * `PUT /api/users/:id` `{ role, active }` (admins). Saving either change signs the person out everywhere: a demoted
 * or deactivated account keeps no page it was let into before.
 */
export const UserEdit = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  const onSuccess = (user: UserRecord) => {
    notify(`Saved. ${user.email} is signed out everywhere and signs in again ${user.active ? 'with the new role' : 'no more'}.`, {
      type: 'success',
    });
    redirect('show', 'users', user.id);
  };
  return (
    <Edit title={<Title />} transform={toRequest} mutationMode="pessimistic" mutationOptions={{ onSuccess }}>
      <SimpleForm toolbar={<SaveOnly />}>
        <OwnAccountNote />
        <SelectInput
          source="role"
          label="Role"
          choices={ROLE_CHOICES}
          validate={required('Choose a role')}
          helperText="Saving a change signs this person out on every device; they sign in again with the new role."
        />
        <BooleanInput
          source="active"
          label="Can sign in"
          helperText="Turn off to deactivate the account. Its history stays; it can be turned on again."
        />
      </SimpleForm>
    </Edit>
  );
};
