import { useEffect, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, CircularProgress, TextField, Typography } from '@mui/material';
import { useAuthProvider, useCheckAuth, useLogin, useNavigate } from 'react-admin';

/**
 * The sign-in page: the product's name, one sentence on what it is, and a
 * labelled email and password form. Errors appear in the page (not only as a
 * passing toast): wrong credentials, and the server's own message when there were
 * too many attempts (it says when to try again).
 */
export const LoginPage = () => {
  const login = useLogin();
  const checkAuth = useCheckAuth();
  const navigate = useNavigate();
  const authProvider = useAuthProvider();
  const notice: unknown = authProvider?.getSignInNotice?.();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  // Already signed in (e.g. a bookmarked sign-in page): go to the dashboard.
  useEffect(() => {
    checkAuth({}, false)
      .then(() => navigate('/'))
      .catch(() => undefined);
  }, [checkAuth, navigate]);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setError(null);
    setSubmitting(true);
    try {
      await login({ email: email.trim(), password });
    } catch (err) {
      setError(err instanceof Error && err.message ? err.message : 'Signing in did not work. Please try again.');
      setSubmitting(false);
    }
  };

  return (
    <Box
      component="main"
      sx={{
        minHeight: '100vh',
        display: 'flex',
        alignItems: 'flex-start',
        justifyContent: 'center',
        bgcolor: 'background.default',
        px: 2,
        pt: { xs: 4, sm: 10 },
      }}
    >
      <Card sx={{ width: '100%', maxWidth: 440 }}>
        <CardContent sx={{ p: { xs: 3, sm: 4 } }}>
          <Typography component="h1" variant="h5" sx={{ fontWeight: 600, mb: 1 }}>
            Safe Reporting Audit
          </Typography>
          <Typography variant="body2" sx={{ color: 'text.secondary', mb: 3 }}>
            This tool helps the task force check whether San Francisco police and prosecutors keep the
            &ldquo;Prioritizing Safety for Sex Workers&rdquo; policy.
          </Typography>
          <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
            Sign in
          </Typography>
          {typeof notice === 'string' && notice && !error ? (
            <Alert severity="info" sx={{ mb: 1 }} data-testid="login-notice">
              {notice}
            </Alert>
          ) : null}
          <Box component="form" onSubmit={onSubmit}>
            <TextField
              id="login-email"
              name="email"
              label="Email"
              type="email"
              autoComplete="username"
              required
              fullWidth
              autoFocus
              margin="normal"
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              disabled={submitting}
            />
            <TextField
              id="login-password"
              name="password"
              label="Password"
              type="password"
              autoComplete="current-password"
              required
              fullWidth
              margin="normal"
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              disabled={submitting}
            />
            {error ? (
              <Alert id="login-error" severity="error" sx={{ mt: 2 }} data-testid="login-error">
                {error}
              </Alert>
            ) : null}
            <Button
              type="submit"
              variant="contained"
              color="primary"
              fullWidth
              size="large"
              sx={{ mt: 3 }}
              disabled={submitting}
              startIcon={submitting ? <CircularProgress size={18} color="inherit" aria-hidden="true" /> : undefined}
            >
              {submitting ? 'Signing in…' : 'Sign in'}
            </Button>
          </Box>
        </CardContent>
      </Card>
    </Box>
  );
};
