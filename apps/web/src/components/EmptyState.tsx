import type { ReactNode } from 'react';
import { Box, Button, Typography } from '@mui/material';
import { Link, useCanAccess, useListContext } from 'react-admin';

/**
 * What a list says when it has nothing to show, in place of react-admin's stock texts ("No Flagged cases found",
 * "Do you want to add one?"): what is missing, and what to do next, for the role of the reader.
 */
export const EmptyState = ({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) => (
  <Box sx={{ textAlign: 'center', py: 6, px: 2, width: '100%' }} data-testid="empty-state" role="status">
    <Typography component="h2" variant="h6" sx={{ mb: 1 }}>
      {title}
    </Typography>
    {children ? (
      <Typography variant="body2" component="div" sx={{ maxWidth: '60ch', mx: 'auto', mb: action ? 3 : 0 }}>
        {children}
      </Typography>
    ) : null}
    {action}
  </Box>
);

/** "Load data under Imports" for those who may load data; for the others, who does. */
export const LoadDataHint = ({ what }: { what: string }) => {
  const { canAccess } = useCanAccess({ resource: 'import-batches', action: 'list' });
  return canAccess ? (
    <>
      {what} Load data under <Link to="/import-batches">Imports</Link>.
    </>
  ) : (
    <>{what} An administrator or analyst loads the data; ask them if you expected some here.</>
  );
};

/**
 * A list whose filters leave nothing (`no` names the records, e.g. "No incident"): says so and offers to clear the
 * filters. When only the list's default filters are set (`isDefault`), the list is simply empty: `whenEmpty` shows.
 */
export const NoMatch = ({ no, whenEmpty, isDefault }: { no: string; whenEmpty?: ReactNode; isDefault?: (filters: Record<string, unknown>) => boolean }) => {
  const { filterValues, setFilters } = useListContext();
  const set = Object.entries(filterValues ?? {}).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0));
  if (whenEmpty && (set.length === 0 || (isDefault?.(Object.fromEntries(set)) ?? false))) return <>{whenEmpty}</>;
  return (
    <Box sx={{ p: 2 }} data-testid="empty-filtered" role="status">
      <Typography variant="body2" sx={{ mb: 1 }}>
        {no} matches these filters.
      </Typography>
      <Button size="small" variant="outlined" onClick={() => setFilters({}, {})}>
        Clear the filters
      </Button>
    </Box>
  );
};
