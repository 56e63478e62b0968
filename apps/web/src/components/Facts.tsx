import type { ReactNode } from 'react';
import { Box, Typography } from '@mui/material';

/** A list of "term: value" facts (a `<dl>`), two columns on wide screens. */
export const Facts = ({ children }: { children: ReactNode }) => (
  <Box
    component="dl"
    sx={{
      m: 0,
      display: 'grid',
      gridTemplateColumns: { xs: '1fr', sm: 'minmax(12em, max-content) minmax(0, 1fr)' },
      columnGap: 3,
      rowGap: { xs: 0.25, sm: 1 },
    }}
  >
    {children}
  </Box>
);

/** One fact: the term, then its value (and an optional plain-language note). */
export const Fact = ({ term, children, note }: { term: string; children: ReactNode; note?: ReactNode }) => (
  <>
    <Typography component="dt" variant="body2" sx={{ color: 'text.secondary', mt: { xs: 1, sm: 0 } }}>
      {term}
    </Typography>
    <Typography component="dd" variant="body2" sx={{ m: 0, wordBreak: 'break-word' }}>
      {children}
      {note ? (
        <Typography component="span" variant="body2" sx={{ display: 'block', color: 'text.secondary' }}>
          {note}
        </Typography>
      ) : null}
    </Typography>
  </>
);
