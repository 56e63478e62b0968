import { Box, Button, Typography } from '@mui/material';
import { Link, Title, useLocation } from 'react-admin';

/** Our page for an address the app does not have (react-admin's stock one had a hot-tub icon and "Not Found."). */
export const NotFoundPage = () => {
  const { pathname } = useLocation();
  return (
    <Box component="section" sx={{ py: 6, px: 2, maxWidth: '60ch', mx: 'auto', textAlign: 'center' }} data-testid="not-found">
      <Title title="Page not found" />
      <Typography component="h1" variant="h5" sx={{ mb: 2 }}>
        There is no page at this address
      </Typography>
      <Typography variant="body1" sx={{ mb: 1 }}>
        The address <Box component="code" sx={{ overflowWrap: 'anywhere' }}>{pathname}</Box> does not lead to a page of the app: it may be mistyped, or the
        link that led here may be out of date.
      </Typography>
      <Typography variant="body1" sx={{ mb: 3 }}>
        Use the menu, or start again from the dashboard.
      </Typography>
      <Button component={Link} to="/" variant="contained">
        Go to the dashboard
      </Button>
    </Box>
  );
};
