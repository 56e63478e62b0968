import {
  Create,
  email,
  minLength,
  PasswordInput,
  required,
  SelectInput,
  SimpleForm,
  TextInput,
  useNotify,
  useRedirect,
} from 'react-admin';
import type { CreateUserRequest, UserRecord } from '@sra/contracts';
import { ROLE_CHOICES } from '../../roles';

/** Passwords shorter than this are refused by the API as well. */
export const MIN_PASSWORD_LENGTH = 12;

const validateEmail = [required('Enter an email address'), email('Enter a valid email address')];
const validateRole = [required('Choose a role')];
const validatePassword = [
  required('Enter a password'),
  minLength(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`),
];

/** Sends exactly `CreateUserRequest`: no empty display name, nothing else. */
const toRequest = (values: Record<string, unknown>): CreateUserRequest => {
  const displayName = typeof values.displayName === 'string' ? values.displayName.trim() : '';
  return {
    email: String(values.email ?? '').trim(),
    role: values.role as CreateUserRequest['role'],
    password: String(values.password ?? ''),
    ...(displayName ? { displayName } : {}),
  };
};

/** `POST /api/users` `{ email, role, password, displayName? }`. */
export const UserCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  const onSuccess = (user: UserRecord) => {
    notify(`Account created for ${user.email}`, { type: 'success' });
    redirect('show', 'users', user.id);
  };
  return (
    <Create title="New user account" transform={toRequest} mutationOptions={{ onSuccess }}>
      <SimpleForm defaultValues={{ role: 'viewer' }}>
        <TextInput source="email" label="Email" type="email" autoComplete="off" validate={validateEmail} />
        <TextInput source="displayName" label="Name (optional)" helperText="How the person is shown in the app." />
        <SelectInput
          source="role"
          label="Role"
          choices={ROLE_CHOICES}
          validate={validateRole}
          helperText="Viewers see summaries only; reviewers and analysts also see case-level records; admins manage accounts."
        />
        <PasswordInput
          source="password"
          label="Initial password"
          autoComplete="new-password"
          validate={validatePassword}
          helperText={`At least ${MIN_PASSWORD_LENGTH} characters. Give it to the person in a safe way.`}
        />
      </SimpleForm>
    </Create>
  );
};
