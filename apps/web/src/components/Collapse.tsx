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
 * The box around a list's table: the table scrolls sideways inside it when wider than the screen. The scrolling is
 * on react-admin's table wrapper, not on this box: the bulk actions toolbar sits above the table (moved up over the
 * list's toolbar), and a box that scrolls would clip it and leave its buttons under the list's card.
 */
export const TableBox = ({ children, testId, boxRef }: { children: ReactNode; testId?: string; boxRef?: React.Ref<HTMLDivElement> }) => (
  <Box ref={boxRef} sx={{ maxWidth: '100%', '& .RaDataTable-tableWrapper': { overflowX: 'auto', maxWidth: '100%' } }} data-testid={testId}>
    {children}
  </Box>
);
