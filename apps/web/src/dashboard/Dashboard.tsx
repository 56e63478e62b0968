import { Box, Typography } from '@mui/material';
import { Title } from 'react-admin';
import { HealthCard } from './HealthCard';
import { SignedInCard } from './SignedInCard';

/** The home page: live facts about the system and the signed-in person. */
export const Dashboard = () => (
  <Box sx={{ py: 2 }}>
    <Title title="Dashboard" />
    <Typography variant="body1" sx={{ mb: 2, maxWidth: '70ch' }}>
      Safe Reporting Audit checks whether San Francisco police and prosecutors keep the &ldquo;Prioritizing Safety
      for Sex Workers&rdquo; policy.
    </Typography>
    <Box
      sx={{
        display: 'grid',
        gridTemplateColumns: { xs: '1fr', md: 'repeat(2, minmax(0, 1fr))' },
        gap: 2,
        alignItems: 'stretch',
      }}
    >
      <HealthCard />
      <SignedInCard />
    </Box>
  </Box>
);
