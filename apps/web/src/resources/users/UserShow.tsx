import { formatDateTime } from '@sra/contracts';
import {
  Button,
  EditButton,
  FunctionField,
  HttpError,
  Labeled,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useNotify,
  useRecordContext,
  useRefresh,
} from 'react-admin';
import { Typography } from '@mui/material';
import { useMutation } from '@tanstack/react-query';
import { isRole, type UserDetail, type UserRecord } from '@sra/contracts';
import { DateTimeField } from '../../components/DateTimeField';
import { ROLE_DESCRIPTIONS, roleLabel } from '../../roles';
import { endSignInLock } from './api';

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

/** `POST /api/users/:id/unlock`: ends the lock set off by wrong passwords from many addresses. */
const EndSignInLockButton = () => {
  const user = useRecordContext<UserDetail>();
  const notify = useNotify();
  const refresh = useRefresh();
  const { mutate, isPending } = useMutation({
    mutationFn: endSignInLock,
    onSuccess: (ended) => {
      notify(`Sign-in lock ended: ${ended.email} can sign in now.`, { type: 'success' });
      refresh();
    },
    onError: (error) => notify(error instanceof HttpError ? error.message : 'The sign-in lock could not be ended.', { type: 'error' }),
  });
  if (!user) return null;
  return <Button label="End sign-in lock" onClick={() => mutate(String(user.id))} disabled={isPending} />;
};

const UserShowActions = () => (
  <TopToolbar>
    <EndSignInLockButton />
    <EditButton label="Change role or access" />
  </TopToolbar>
);

/** `GET /api/users/:id`. */
export const UserShow = () => (
  <Show actions={<UserShowActions />}>
    <SimpleShowLayout>
      <TextField source="email" label="Email" />
      <TextField source="displayName" label="Name" emptyText="Not given" />
      <RoleWithDescription />
      <FunctionField<UserRecord>
        source="active"
        label="Account"
        render={(user) => (user.active ? 'Active: can sign in' : 'Deactivated: cannot sign in')}
      />
      <FunctionField<UserDetail>
        source="signInLockedUntil"
        label="Sign-in lock"
        render={(user) =>
          user.signInLockedUntil
            ? `Locked until ${formatDateTime(user.signInLockedUntil)} after wrong passwords from many addresses`
            : 'Not locked'
        }
      />
      <DateTimeField source="lastSignInAt" label="Last signed in" emptyText="Never" />
      <DateTimeField source="createdAt" label="Created" />
      <TextField source="id" label="Account ID" />
    </SimpleShowLayout>
  </Show>
);
