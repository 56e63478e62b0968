import { Alert, Box, CircularProgress, Typography } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { PolicyChange } from '@sra/contracts';
import { httpClient } from '../../providers/dataProvider';
import { API_ROOT } from '../../providers/http';
import { describePath, formatDay } from './words';
import { VisuallyHidden } from '../../components/VisuallyHidden';

/** `GET /api/policy-versions/:id/diff?against=:previousId`: what changed from the previous version to this one. */
export function usePolicyChanges(id: string, againstId: string | null) {
  return useQuery({
    queryKey: ['policy-versions', 'diff', id, againstId],
    enabled: againstId !== null,
    queryFn: async ({ signal }) => {
      const url = `${API_ROOT}/policy-versions/${encodeURIComponent(id)}/diff?against=${encodeURIComponent(againstId ?? '')}`;
      const { json } = await httpClient(url, { signal });
      return (Array.isArray(json) ? json : []) as PolicyChange[];
    },
  });
}

const DATE_PATHS = new Set(['effectiveFrom']);

/** A value of a change, in words: dates for people, lists joined, empty text said as such. */
export function formatChangeValue(path: string, value: unknown): string {
  if (value === undefined || value === null) return 'none';
  if (typeof value === 'string') {
    if (value.trim() === '') return '(empty)';
    return DATE_PATHS.has(path) ? `${formatDay(value)} (${value})` : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return value.map((item) => formatChangeValue(path, item)).join(', ');
  return JSON.stringify(value);
}

/** The changes, grouped by the field they are in, in the server's order. */
function groupByPath(changes: readonly PolicyChange[]): Array<{ path: string; changes: PolicyChange[] }> {
  const groups = new Map<string, PolicyChange[]>();
  for (const change of changes) groups.set(change.path, [...(groups.get(change.path) ?? []), change]);
  return [...groups].map(([path, list]) => ({ path, changes: list }));
}


const ChangeLine = ({ change }: { change: PolicyChange }) => {
  if (change.change === 'added') {
    return (
      <Box component="li" data-testid="policy-change" data-change="added" sx={{ color: 'success.dark' }}>
        <Box component="span" aria-hidden="true" sx={{ fontWeight: 700, display: 'inline-block', width: '1.25em' }}>
          +
        </Box>
        <VisuallyHidden>Added: </VisuallyHidden>
        {formatChangeValue(change.path, change.after)}
      </Box>
    );
  }
  if (change.change === 'removed') {
    return (
      <Box component="li" data-testid="policy-change" data-change="removed" sx={{ color: 'error.main' }}>
        <Box component="span" aria-hidden="true" sx={{ fontWeight: 700, display: 'inline-block', width: '1.25em' }}>
          −
        </Box>
        <VisuallyHidden>Removed: </VisuallyHidden>
        <Box component="span" sx={{ textDecoration: 'line-through' }}>
          {formatChangeValue(change.path, change.before)}
        </Box>
      </Box>
    );
  }
  return (
    <Box component="li" data-testid="policy-change" data-change="changed">
      <Box component="span" aria-hidden="true" sx={{ display: 'inline-block', width: '1.25em' }} />
      <VisuallyHidden>Changed from </VisuallyHidden>
      {formatChangeValue(change.path, change.before)}
      <Box component="span" aria-hidden="true" sx={{ mx: 0.75 }}>
        →
      </Box>
      <VisuallyHidden> to </VisuallyHidden>
      {formatChangeValue(change.path, change.after)}
    </Box>
  );
};

/** "Changes from version N": each field that changed, with what was added (+), removed (−) or changed (before → after). */
export const ChangesList = ({ changes }: { changes: readonly PolicyChange[] }) => {
  if (changes.length === 0) {
    return <Typography variant="body2">None: this version says the same as the one before.</Typography>;
  }
  return (
    <Box component="dl" data-testid="policy-changes" sx={{ m: 0 }}>
      {groupByPath(changes).map(({ path, changes: inPath }) => (
        <Box key={path} sx={{ mb: 1.5 }}>
          <Typography component="dt" variant="body2" sx={{ fontWeight: 600 }}>
            {describePath(path)}
          </Typography>
          <Typography component="dd" variant="body2" sx={{ m: 0 }}>
            <Box component="ul" sx={{ listStyle: 'none', m: 0, p: 0 }}>
              {inPath.map((change, index) => (
                <ChangeLine key={index} change={change} />
              ))}
            </Box>
          </Typography>
        </Box>
      ))}
    </Box>
  );
};

export const ChangesPanel = ({ id, previousId }: { id: string; previousId: string }) => {
  const { data, error, isPending } = usePolicyChanges(id, previousId);
  if (isPending) {
    return (
      <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
        <CircularProgress size={20} aria-label="Loading the changes" />
        <Typography variant="body2">Loading the changes…</Typography>
      </Box>
    );
  }
  if (error) {
    return <Alert severity="error">The changes could not be loaded: {error.message}</Alert>;
  }
  return <ChangesList changes={data} />;
};
