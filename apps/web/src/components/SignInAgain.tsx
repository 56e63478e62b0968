import { Box, Button } from '@mui/material';
import { useLogout } from 'react-admin';

/** Shown with an error when the session has ended (401): one click back to the sign-in page. */
export const SignInAgain = () => {
  const logout = useLogout();
  return (
    <Box sx={{ mt: 1.5 }}>
      <Button variant="contained" color="primary" onClick={() => logout()}>
        Sign in again
      </Button>
    </Box>
  );
};
