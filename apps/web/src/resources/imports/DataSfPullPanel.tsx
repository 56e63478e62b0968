import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Alert, Box, Button, Card, CardContent, FormControlLabel, Stack, Switch, TextField, Typography } from '@mui/material';
import CloudDownloadIcon from '@mui/icons-material/CloudDownload';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, useNotify, usePermissions, useRefresh } from 'react-admin';
import { formatDateTime, isRole, roleAllowed, type DataSfPullSettings, type DataSfPullState } from '@sra/contracts';
import { httpClient } from '../../providers/dataProvider';
import { API_ROOT } from '../../providers/http';

const QUERY_KEY = ['api', 'datasf-pull'] as const;

async function fetchPull(): Promise<DataSfPullState> {
  const { json } = await httpClient(`${API_ROOT}/datasf-pull`);
  return json as DataSfPullState;
}

async function savePull(settings: DataSfPullSettings): Promise<DataSfPullState> {
  const { json } = await httpClient(`${API_ROOT}/datasf-pull`, { method: 'PUT', body: JSON.stringify(settings) });
  return json as DataSfPullState;
}

async function pullNow(): Promise<DataSfPullState> {
  const { json } = await httpClient(`${API_ROOT}/datasf-pull/run`, { method: 'POST' });
  return json as DataSfPullState;
}

const STATE_WORDS: Record<DataSfPullState['state'], string> = {
  never: 'Never pulled yet.',
  running: 'Pulling now…',
  succeeded: 'The last pull succeeded.',
  failed: 'The last pull failed.',
};

/** The Imports page's DataSF pull (admins only): the schedule, the address, the last pull's state, and "Pull now". */
export const DataSfPullPanel = () => {
  const { permissions: role } = usePermissions();
  if (!isRole(role) || !roleAllowed(role, 'administration')) return null;
  return <PullPanel />;
};

const PullPanel = () => {
  const notify = useNotify();
  const refresh = useRefresh();
  const client = useQueryClient();
  const { data, error } = useQuery({
    queryKey: QUERY_KEY,
    queryFn: fetchPull,
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 2_000 : 30_000),
  });
  const [form, setForm] = useState<{ enabled: boolean; intervalHours: string; baseUrl: string; firstSince: string } | null>(null);
  // The form starts from the saved settings, once they are read.
  useEffect(() => {
    if (data && form === null) setForm({ enabled: data.enabled, intervalHours: String(data.intervalHours), baseUrl: data.baseUrl, firstSince: data.firstSince ?? '' });
  }, [data, form]);
  // A pull that has just ended adds a batch to the list below.
  const lastState = useRef<string | null>(null);
  useEffect(() => {
    if (lastState.current === 'running' && data && data.state !== 'running') refresh();
    lastState.current = data?.state ?? null;
  }, [data, refresh]);

  const save = useMutation({
    mutationFn: savePull,
    onSuccess: (saved) => {
      client.setQueryData(QUERY_KEY, saved);
      notify('DataSF pull settings saved', { type: 'success' });
    },
    onError: (e: Error) => notify(e.message, { type: 'error' }),
  });
  const run = useMutation({
    mutationFn: pullNow,
    onSuccess: (state) => client.setQueryData(QUERY_KEY, state),
    onError: (e: Error) => notify(e.message, { type: 'error' }),
  });

  if (error) return <Alert severity="error">The DataSF pull's settings could not be read: {(error as Error).message}</Alert>;
  if (!data || !form) return null;
  const hours = Number(form.intervalHours);
  const valid = Number.isInteger(hours) && hours >= 1 && hours <= 8760 && /^https?:\/\/\S+$/.test(form.baseUrl.trim());
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid) return;
    save.mutate({ enabled: form.enabled, intervalHours: hours, baseUrl: form.baseUrl.trim(), firstSince: form.firstSince || null });
  };
  const running = data.state === 'running';
  return (
    <Card component="section" aria-labelledby="datasf-pull-title" sx={{ mt: 2, mb: 1 }} data-testid="datasf-pull">
      <CardContent>
        <Typography id="datasf-pull-title" component="h2" variant="h6" gutterBottom>
          Pull incident reports from DataSF
        </Typography>
        <Typography variant="body2" sx={{ mb: 2, maxWidth: '80ch' }}>
          New and changed SFPD incident reports (dataset wg3w-h783) are read from DataSF's public API and loaded as one
          batch, like an uploaded file. Each pull asks only for rows DataSF published after the last pull.
        </Typography>
        <Alert severity={data.state === 'failed' ? 'error' : data.state === 'succeeded' ? 'success' : 'info'} role="status" sx={{ mb: 2 }} data-testid="datasf-pull-state">
          <strong>{STATE_WORDS[data.state]}</strong> {data.message}
          <Box component="span" sx={{ display: 'block', mt: 0.5 }}>
            {data.lastStartedAt ? <>Last pull started {formatDateTime(data.lastStartedAt)}. </> : null}
            {data.lastBatchId ? (
              <>
                <Link to={`/import-batches/${data.lastBatchId}/show`}>See its batch</Link>.{' '}
              </>
            ) : null}
            {data.watermark ? <>Rows published up to {data.watermark.replace('T', ' ').replace(/\.000$/, '')} are in. </> : null}
            {running ? null : data.enabled && data.nextRunAt ? <>Next pull {formatDateTime(data.nextRunAt)}.</> : data.state === 'failed' ? null : <>The schedule is off.</>}
          </Box>
        </Alert>
        <Box component="form" onSubmit={onSubmit} noValidate>
          <Stack direction={{ xs: 'column', md: 'row' }} spacing={2} useFlexGap sx={{ alignItems: { md: 'flex-start' }, flexWrap: 'wrap' }}>
            <FormControlLabel
              control={<Switch checked={form.enabled} onChange={(e) => setForm({ ...form, enabled: e.target.checked })} />}
              label="Pull on a schedule"
              sx={{ mt: { md: 1 }, flexShrink: 0 }}
            />
            <TextField
              label="Every (hours)"
              type="number"
              size="small"
              value={form.intervalHours}
              onChange={(e) => setForm({ ...form, intervalHours: e.target.value })}
              error={!(Number.isInteger(hours) && hours >= 1 && hours <= 8760)}
              helperText="24: once a day"
              slotProps={{ htmlInput: { min: 1, max: 8760, step: 1 } }}
              sx={{ width: '16ch', flexShrink: 0 }}
            />
            <TextField
              label="DataSF address"
              size="small"
              value={form.baseUrl}
              onChange={(e) => setForm({ ...form, baseUrl: e.target.value })}
              error={!/^https?:\/\/\S+$/.test(form.baseUrl.trim())}
              helperText="https://data.sfgov.org"
              sx={{ width: '34ch', flexShrink: 0 }}
            />
            <TextField
              label="First pull: reports from"
              type="date"
              size="small"
              value={form.firstSince}
              onChange={(e) => setForm({ ...form, firstSince: e.target.value })}
              helperText="Empty: the whole dataset"
              slotProps={{ inputLabel: { shrink: true } }}
              sx={{ width: '24ch', flexShrink: 0 }}
            />
            <Button type="submit" variant="contained" disabled={!valid || save.isPending} sx={{ mt: { md: 0.25 }, flexShrink: 0 }}>
              Save settings
            </Button>
            <Button
              type="button"
              variant="outlined"
              startIcon={<CloudDownloadIcon aria-hidden="true" />}
              disabled={running || run.isPending}
              onClick={() => run.mutate()}
              sx={{ mt: { md: 0.25 }, flexShrink: 0 }}
            >
              Pull now
            </Button>
          </Stack>
        </Box>
      </CardContent>
    </Card>
  );
};
