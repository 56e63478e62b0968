import type { ReactNode } from 'react';
import { Box, Typography, type Theme } from '@mui/material';

/*
 * Width (issue 14): lists fit a 1,440 px screen and a phone. Secondary columns are hidden below a breakpoint
 * (react-admin gives a column's header and cells the class `column-<source>`), and what they said then shows as a
 * small line in a main cell (`Secondary`, shown only below the same breakpoint). A table still wider than a phone
 * scrolls inside its box (`TableBox`), never the page.
 */
export type Breakpoint = 'sm' | 'md' | 'lg' | 'xl';

/** The DataTable's `sx`: each group of columns (by source) hidden below its breakpoint. */
export const collapsedColumns =
  (groups: Array<{ below: Breakpoint; sources: string[] }>) =>
  (theme: Theme): Record<string, unknown> =>
    Object.fromEntries(
      groups.map(({ below, sources }) => [theme.breakpoints.down(below), { [sources.map((s) => `& .column-${s}`).join(', ')]: { display: 'none' } }]),
    );

/** A small line in a main cell standing for columns hidden below `below`. */
export const Secondary = ({ below, children, testId }: { below: Breakpoint; children: ReactNode; testId?: string }) => (
  <Typography
    component="span"
    variant="caption"
    data-testid={testId}
    sx={{ display: { xs: 'block', [below]: 'none' }, color: 'text.secondary', whiteSpace: 'normal' }}
  >
    {children}
  </Typography>
);

/**
 * The box around a list's table: it scrolls sideways itself when the table is wider than the screen. A box that
 * scrolls also clips what sticks out of it, and react-admin draws the bulk actions toolbar (Assign, Change status,
 * Add to meeting) 48 px above the table once rows are selected: `toolbarRoom` then makes room for it inside the box
 * (and 8 px between it and what is above).
 */
export const TableBox = ({
  children,
  testId,
  boxRef,
  toolbarRoom = false,
}: {
  children: ReactNode;
  testId?: string;
  boxRef?: React.Ref<HTMLDivElement>;
  toolbarRoom?: boolean;
}) => (
  <Box ref={boxRef} sx={{ overflowX: 'auto', maxWidth: '100%', pt: toolbarRoom ? 7 : 0 }} data-testid={testId}>
    {children}
  </Box>
);
