import { useEffect, useRef, useState, type FormEvent, type RefObject } from 'react';
import {
  Alert,
  AlertTitle,
  Box,
  Button,
  Card,
  CardContent,
  Checkbox,
  CircularProgress,
  FormControlLabel,
  TextField,
  Typography,
} from '@mui/material';
import { Link, Title, useGetIdentity, useLocation } from 'react-admin';
import { changePassword, MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH, passwordLength } from './changePassword';
import { SignInAgain } from '../components/SignInAgain';

export const PASSWORD_CHANGED_MESSAGE = 'Your password is changed. Other devices were signed out.';

type FieldName = 'currentPassword' | 'newPassword' | 'repeatPassword';
type FieldErrors = Partial<Record<FieldName, string>>;

const FIELD_ORDER: readonly FieldName[] = ['currentPassword', 'newPassword', 'repeatPassword'];

/**
 * What is shown in `password-result`. `invalid`: the checks made here found
 * problems (listed from the field errors, so fixing a field takes it off the list).
 */
type Result =
  | { type: 'none' }
  | { type: 'changed' }
  | { type: 'invalid' }
  | { type: 'error'; status: number; messages: string[] };

/** The checks made before anything is sent; the API makes the same ones. */
function checkFields(values: Record<FieldName, string>): FieldErrors {
  const errors: FieldErrors = {};
  if (!values.currentPassword) errors.currentPassword = 'Enter your current password.';
  const length = passwordLength(values.newPassword);
  if (!values.newPassword) errors.newPassword = 'Enter a new password.';
  else if (length < MIN_PASSWORD_LENGTH) {
    errors.newPassword = `The new password is too short: it has ${length} ${length === 1 ? 'character' : 'characters'}. Use at least ${MIN_PASSWORD_LENGTH}.`;
  } else if (length > MAX_PASSWORD_LENGTH) {
    errors.newPassword = `The new password is too long. Use at most ${MAX_PASSWORD_LENGTH} characters.`;
  }
  if (!values.repeatPassword) errors.repeatPassword = 'Type the new password again.';
  else if (values.newPassword && values.repeatPassword !== values.newPassword) {
    errors.repeatPassword = 'The two new passwords are not the same. Type the same password in both.';
  }
  return errors;
}

const EMPTY: Record<FieldName, string> = { currentPassword: '', newPassword: '', repeatPassword: '' };

/**
 * The page behind "Change password" in the user menu: the current password, the
 * new one twice, checked here first (length, both the same), then sent to
 * `POST /api/auth/password`. Coming to the page again starts afresh.
 */
export const ChangePasswordPage = () => {
  const { key } = useLocation();
  return <ChangePasswordForm key={key ?? 'change-password'} />;
};

const ChangePasswordForm = () => {
  const { identity } = useGetIdentity();
  const [values, setValues] = useState<Record<FieldName, string>>(EMPTY);
  const [showPasswords, setShowPasswords] = useState(false);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [result, setResult] = useState<Result>({ type: 'none' });
  const [submitting, setSubmitting] = useState(false);
  const mounted = useRef(true);
  const resultRef = useRef<HTMLDivElement>(null);
  const currentRef = useRef<HTMLInputElement>(null);
  const newRef = useRef<HTMLInputElement>(null);
  const repeatRef = useRef<HTMLInputElement>(null);
  const inputRefs: Record<FieldName, RefObject<HTMLInputElement | null>> = {
    currentPassword: currentRef,
    newPassword: newRef,
    repeatPassword: repeatRef,
  };

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  // After a change the fields are empty: take keyboard and screen-reader users to the message.
  useEffect(() => {
    if (result.type === 'changed') resultRef.current?.focus();
  }, [result]);

  /** Typing in a field clears what was said about it (and an old success message). */
  const onChange = (field: FieldName) => (value: string) => {
    setValues((previous) => ({ ...previous, [field]: value }));
    setErrors((previous) => (previous[field] ? { ...previous, [field]: undefined } : previous));
    setResult((previous) => (previous.type === 'changed' ? { type: 'none' } : previous));
  };

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (submitting) return;
    const problems = checkFields(values);
    setErrors(problems);
    const firstWrong = FIELD_ORDER.find((field) => problems[field]);
    if (firstWrong) {
      setResult({ type: 'invalid' });
      inputRefs[firstWrong].current?.focus();
      return;
    }

    setSubmitting(true);
    setResult({ type: 'none' });
    const outcome = await changePassword(values.currentPassword, values.newPassword);
    if (!mounted.current) return;
    setSubmitting(false);
    if (outcome.type === 'changed') {
      setValues(EMPTY);
      setShowPasswords(false);
      setResult({ type: 'changed' });
      return;
    }
    setResult({ type: 'error', status: outcome.status, messages: outcome.messages });
    if (outcome.field) {
      setErrors({ [outcome.field.name]: outcome.field.message });
      inputRefs[outcome.field.name].current?.focus();
    }
  };

  const email = typeof identity?.email === 'string' ? identity.email : '';
  const invalidMessages = FIELD_ORDER.map((field) => errors[field]).filter((message): message is string => Boolean(message));

  const passwordField = (
    name: FieldName,
    { label, autoComplete, testId, help }: { label: string; autoComplete: string; testId: string; help?: string },
  ) => (
    <TextField
      id={name}
      name={name}
      label={label}
      type={showPasswords ? 'text' : 'password'}
      autoComplete={autoComplete}
      required
      fullWidth
      margin="normal"
      value={values[name]}
      onChange={(event) => onChange(name)(event.target.value)}
      error={Boolean(errors[name])}
      helperText={errors[name] ?? help}
      slotProps={{
        htmlInput: {
          ref: inputRefs[name],
          'data-testid': testId,
          spellCheck: false,
          autoCapitalize: 'none',
          autoCorrect: 'off',
        },
      }}
    />
  );

  return (
    <Box sx={{ py: 2, maxWidth: 640 }}>
      <Title title="Change password" />
      <Card component="section" aria-labelledby="change-password-heading">
        <CardContent sx={{ p: { xs: 2, sm: 3 } }}>
          <Typography id="change-password-heading" component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1 }}>
            Change your password
          </Typography>
          <Typography variant="body2" sx={{ mb: 1, maxWidth: '65ch' }}>
            Type your current password, then your new password twice. The new password needs at least{' '}
            {MIN_PASSWORD_LENGTH} characters.
          </Typography>
          <Typography variant="body2" sx={{ maxWidth: '65ch' }}>
            You stay signed in here. On any other device or browser, you will be signed out.
          </Typography>

          <Box component="form" noValidate onSubmit={(event) => void onSubmit(event)} sx={{ mt: 1 }}>
            {/* Tells password managers whose password this is; not shown. */}
            {email ? <input type="email" name="username" autoComplete="username" value={email} readOnly hidden /> : null}
            {passwordField('currentPassword', {
              label: 'Current password',
              autoComplete: 'current-password',
              testId: 'password-current',
            })}
            {passwordField('newPassword', {
              label: 'New password',
              autoComplete: 'new-password',
              testId: 'password-new',
              help: `At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a long password that is easy to remember.`,
            })}
            {passwordField('repeatPassword', {
              label: 'Repeat the new password',
              autoComplete: 'new-password',
              testId: 'password-repeat',
              help: 'Type the new password again, to catch typing mistakes.',
            })}
            <FormControlLabel
              control={<Checkbox checked={showPasswords} onChange={(event) => setShowPasswords(event.target.checked)} />}
              label="Show the passwords as I type"
            />

            {result.type === 'changed' ? (
              <Alert
                ref={resultRef}
                tabIndex={-1}
                severity="success"
                role="status"
                data-testid="password-result"
                data-outcome="changed"
                sx={{ mt: 2, '&:focus-visible': { outline: '2px solid', outlineColor: 'primary.main', outlineOffset: 2 } }}
              >
                {PASSWORD_CHANGED_MESSAGE}
              </Alert>
            ) : null}
            {result.type === 'invalid' && invalidMessages.length ? (
              <ProblemMessage testOutcome="invalid" title="Please fix this first" messages={invalidMessages} />
            ) : null}
            {result.type === 'error' ? (
              <ProblemMessage
                testOutcome="error"
                status={result.status}
                title={result.status === 401 ? 'You are no longer signed in' : 'Your password could not be changed'}
                messages={result.messages}
              />
            ) : null}

            <Box sx={{ display: 'flex', gap: 2, alignItems: 'center', flexWrap: 'wrap', mt: 3 }}>
              <Button
                type="submit"
                variant="contained"
                color="primary"
                size="large"
                disabled={submitting}
                data-testid="password-submit"
                startIcon={submitting ? <CircularProgress size={18} color="inherit" aria-hidden="true" /> : undefined}
              >
                {submitting ? 'Changing your password…' : 'Change password'}
              </Button>
              <Link to="/">Back to the dashboard</Link>
            </Box>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
};

/** An error in `password-result`: the problems found here, or why the server said no. */
const ProblemMessage = ({
  title,
  messages,
  status,
  testOutcome,
}: {
  title: string;
  messages: string[];
  status?: number;
  testOutcome: 'invalid' | 'error';
}) => {
  return (
    <Alert
      severity="error"
      role="alert"
      data-testid="password-result"
      data-outcome={testOutcome}
      data-status={status === undefined ? undefined : String(status)}
      sx={{ mt: 2 }}
    >
      <AlertTitle sx={{ fontWeight: 600 }}>{title}</AlertTitle>
      {messages.length === 1 ? (
        messages[0]
      ) : (
        <Box component="ul" sx={{ m: 0, pl: 2.5 }}>
          {messages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </Box>
      )}
      {status === 401 ? <SignInAgain /> : null}
    </Alert>
  );
};
