import { Alert, Box, CircularProgress, Typography } from '@mui/material';
import { useGetIdentity, usePermissions } from 'react-admin';
import { isRole, roleAllowed } from '@sra/contracts';
import { RESOURCES } from '../resources';
import { ROLE_DESCRIPTIONS, roleLabel } from '../roles';
import { DashboardCard, DetailRow } from './DashboardCard';

/** Who is signed in, with which role, and what that role lets them open. */
export const SignedInCard = () => {
  const { identity, isPending: identityPending, error: identityError } = useGetIdentity();
  const { permissions: role, isPending: rolePending } = usePermissions();

  let content;
  if (identityPending || rolePending) {
    content = (
      <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <CircularProgress size={20} aria-hidden="true" />
        <Typography variant="body2">Loading your account…</Typography>
      </Box>
    );
  } else if (identityError || !identity) {
    content = <Alert severity="error">Could not load your account details. Try reloading the page.</Alert>;
  } else {
    const email = typeof identity.email === 'string' ? identity.email : '';
    const pages = isRole(role) ? RESOURCES.filter((entry) => roleAllowed(role, entry.access.read)) : [];
    content = (
      <Box component="dl" sx={{ m: 0 }}>
        <DetailRow term="Name">{identity.fullName ?? email}</DetailRow>
        <DetailRow term="Email">
          <span data-testid="signed-in-email">{email}</span>
        </DetailRow>
        <DetailRow term="Role">
          <span data-testid="signed-in-role">{String(role ?? '')}</span>
          {isRole(role) && roleLabel(role) ? ` (${roleLabel(role)})` : ''}
        </DetailRow>
        {isRole(role) ? <DetailRow term="What this role can do">{ROLE_DESCRIPTIONS[role]}</DetailRow> : null}
        <DetailRow term="Pages you can open">
          {['Dashboard', ...pages.map((entry) => entry.label)].join(', ')}
        </DetailRow>
      </Box>
    );
  }

  return (
    <DashboardCard id="signed-in" title="Signed in">
      {content}
    </DashboardCard>
  );
};
