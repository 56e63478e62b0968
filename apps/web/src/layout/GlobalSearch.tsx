import { useState, type FormEvent } from 'react';
import { Box, InputBase } from '@mui/material';
import SearchIcon from '@mui/icons-material/Search';
import { useCanAccess, useDataProvider, useNotify, useRedirect } from 'react-admin';
import type { IncidentSummary } from '@sra/contracts';

/**
 * From any page: an incident number (or the start of one), an arrest id or a DA decision id, then Enter. One incident
 * found (or one whose number is exactly what was typed): its page opens; otherwise the incidents list, searched for
 * it. Only for those who may read incidents (viewers see aggregates only).
 */
export const GlobalSearch = () => {
  const { canAccess } = useCanAccess({ resource: 'incidents', action: 'list' });
  const dataProvider = useDataProvider();
  const redirect = useRedirect();
  const notify = useNotify();
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  if (!canAccess) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const q = text.trim();
    if (q === '' || busy) return;
    setBusy(true);
    try {
      const { data, total } = await dataProvider.getList<IncidentSummary>('incidents', {
        filter: { q },
        pagination: { page: 1, perPage: 2 },
        sort: { field: 'id', order: 'ASC' },
      });
      const exact = data.find((incident) => incident.id === q) ?? (total === 1 ? data[0] : undefined);
      if (exact) redirect('show', 'incidents', exact.id);
      else redirect(`/incidents?filter=${encodeURIComponent(JSON.stringify({ q }))}`);
      setText('');
    } catch {
      notify('The search did not answer; try again in a moment.', { type: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box
      component="form"
      role="search"
      onSubmit={submit}
      sx={{
        display: 'flex',
        alignItems: 'center',
        ml: 'auto',
        mr: 1,
        px: 1,
        borderRadius: 1,
        bgcolor: 'rgba(255,255,255,0.15)',
        // on a phone the page's title keeps most of the bar: the box is narrow there (it grows while typing)
        width: { xs: '6.5em', sm: '16em' },
        '&:focus-within': { bgcolor: 'rgba(255,255,255,0.25)', width: { xs: '11em', sm: '16em' } },
        flexShrink: 1,
        minWidth: 0,
      }}
    >
      <SearchIcon fontSize="small" aria-hidden="true" sx={{ mr: 0.5, flexShrink: 0 }} />
      <InputBase
        value={text}
        onChange={(event) => setText(event.target.value)}
        placeholder="Incident number"
        inputProps={{ 'aria-label': 'Find an incident by its number, or an arrest or DA decision id', 'data-testid': 'global-search', enterKeyHint: 'search' }}
        sx={{ color: 'inherit', width: '100%', '& input::placeholder': { color: 'inherit', opacity: 0.85 } }}
      />
    </Box>
  );
};
