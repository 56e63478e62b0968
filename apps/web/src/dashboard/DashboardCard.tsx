import type { ReactNode } from 'react';
import { Card, CardActions, CardContent, Typography } from '@mui/material';

/** A dashboard widget: a card with an h2 heading, labelled for screen readers. */
export const DashboardCard = ({
  id,
  title,
  children,
  actions,
  printWide = false,
}: {
  id: string;
  title: string;
  children: ReactNode;
  actions?: ReactNode;
  /** Printed across the whole row of its grid (DashboardPrintStyles), its lists in two columns. */
  printWide?: boolean;
}) => (
  <Card
    component="section"
    aria-labelledby={`${id}-heading`}
    className={printWide ? 'dashboard-print-card dashboard-print-wide' : 'dashboard-print-card'}
    sx={{ display: 'flex', flexDirection: 'column' }}
  >
    <CardContent sx={{ flex: 1 }}>
      <Typography id={`${id}-heading`} component="h2" variant="h6" sx={{ fontWeight: 600, mb: 1.5 }}>
        {title}
      </Typography>
      {children}
    </CardContent>
    {actions ? <CardActions sx={{ px: 2, pb: 2 }}>{actions}</CardActions> : null}
  </Card>
);

/** One "term: value" row of a details list inside a card. */
export const DetailRow = ({ term, children }: { term: string; children: ReactNode }) => (
  <Typography component="div" variant="body2" sx={{ display: 'flex', gap: 1, py: 0.25 }}>
    <Typography component="dt" variant="body2" sx={{ color: 'text.secondary', minWidth: '11em' }}>
      {term}
    </Typography>
    <Typography component="dd" variant="body2" sx={{ m: 0 }}>
      {children}
    </Typography>
  </Typography>
);
