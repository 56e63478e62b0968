import { Box, Typography } from '@mui/material';
import { AppBar, LoadingIndicator, TitlePortal } from 'react-admin';
import { AppUserMenu } from './AppUserMenu';
import { GlobalSearch } from './GlobalSearch';

/**
 * The product name, then the title of the current page (the page's h1); on the
 * right, the search by incident number (case-level roles) and the user menu (change password, sign out). The loading indicator has a name for screen readers (a page
 * that asks the server again while it waits, e.g. for an evaluation, shows it often).
 */
export const AppAppBar = () => (
  <AppBar color="secondary" userMenu={<AppUserMenu />} toolbar={<LoadingIndicator aria-label="Loading" />}>
    <Typography
      component="span"
      variant="h6"
      sx={{ fontWeight: 600, whiteSpace: 'nowrap', display: { xs: 'none', sm: 'inline' } }}
    >
      Safe Reporting Audit
    </Typography>
    <Box component="span" aria-hidden="true" sx={{ mx: 1.5, opacity: 0.8, display: { xs: 'none', sm: 'inline' } }}>
      |
    </Box>
    <TitlePortal component="h1" />
    <GlobalSearch />
  </AppBar>
);
