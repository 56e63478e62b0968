import { formatDateTime } from '@sra/contracts';
import { Alert, Box, Button, CircularProgress, Typography } from '@mui/material';
import CheckCircleIcon from '@mui/icons-material/CheckCircle';
import ErrorIcon from '@mui/icons-material/Error';
import RefreshIcon from '@mui/icons-material/Refresh';
import { useQuery } from '@tanstack/react-query';
import type { HealthResponse } from '@sra/contracts';
import { API_ROOT, messageFromBody, readJsonBody } from '../providers/http';
import { DashboardCard, DetailRow } from './DashboardCard';

/** How often the card checks again while the dashboard is open. */
const REFRESH_MS = 30_000;

function isHealthResponse(body: unknown): body is HealthResponse {
  if (!body || typeof body !== 'object') return false;
  const candidate = body as Partial<HealthResponse>;
  return typeof candidate.status === 'string' && !!candidate.database && typeof candidate.database === 'object';
}

/** `GET /api/health` (public). A degraded API may answer 503 with the same body. */
export async function fetchHealth(signal?: AbortSignal): Promise<HealthResponse> {
  let response: Response;
  try {
    response = await fetch(`${API_ROOT}/health`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    throw new Error('The server did not answer. It may be stopped or restarting.');
  }
  const body = await readJsonBody(response);
  if (isHealthResponse(body)) return body;
  throw new Error(messageFromBody(body) ?? `The server answered with error ${response.status}.`);
}

export function describeUptime(totalSeconds: number): string {
  const seconds = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3_600);
  const minutes = Math.floor((seconds % 3_600) / 60);
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (days > 0) return `${plural(days, 'day')}, ${plural(hours, 'hour')}`;
  if (hours > 0) return `${plural(hours, 'hour')}, ${plural(minutes, 'minute')}`;
  if (minutes > 0) return plural(minutes, 'minute');
  return plural(seconds, 'second');
}

function describeMigrations(pending: number | null): string {
  if (pending === null) return 'Unknown (the database could not be asked)';
  if (pending === 0) return 'None: the database is up to date';
  return `${pending} not yet applied`;
}

function formatTime(iso: string): string {
  return formatDateTime(iso);
}

const StatusLine = ({ good, text, value, testId }: { good: boolean; text: string; value: string; testId: string }) => (
  <Box sx={{ display: 'flex', alignItems: 'center', gap: 1, mb: 1 }}>
    {good ? <CheckCircleIcon color="success" aria-hidden="true" /> : <ErrorIcon color="error" aria-hidden="true" />}
    <Typography variant="body1">
      <strong>{text}</strong>{' '}
      <Typography component="span" variant="body2" sx={{ color: 'text.secondary' }}>
        (status: <span data-testid={testId}>{value}</span>)
      </Typography>
    </Typography>
  </Box>
);

/** Whether the application and its database are working, checked live. */
export const HealthCard = () => {
  const { data, error, isPending, isFetching, refetch } = useQuery({
    queryKey: ['api', 'health'],
    queryFn: ({ signal }) => fetchHealth(signal),
    refetchInterval: REFRESH_MS,
    retry: 1,
  });

  return (
    <DashboardCard
      id="health"
      title="System health"
      actions={
        <Button
          size="small"
          startIcon={<RefreshIcon aria-hidden="true" />}
          onClick={() => void refetch()}
          disabled={isFetching}
        >
          {isFetching ? 'Checking…' : 'Check again'}
        </Button>
      }
    >
      {isPending ? (
        <Box role="status" sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
          <CircularProgress size={20} aria-hidden="true" />
          <Typography variant="body2">Checking the server…</Typography>
        </Box>
      ) : error && !data ? (
        <Alert severity="error">
          Could not check the system&rsquo;s health. {error instanceof Error ? error.message : ''}
        </Alert>
      ) : data ? (
        <>
          <StatusLine
            good={data.status === 'ok'}
            text={data.status === 'ok' ? 'Everything is working' : 'Something is not working'}
            value={data.status}
            testId="health-status"
          />
          <StatusLine
            good={data.database.status === 'up'}
            text={data.database.status === 'up' ? 'Database: connected' : 'Database: not reachable'}
            value={data.database.status}
            testId="database-status"
          />
          {data.message ? (
            <Alert severity="error" sx={{ mb: 1 }} data-testid="health-message">
              {data.message}
            </Alert>
          ) : null}
          {error ? (
            <Alert severity="warning" sx={{ mb: 1 }}>
              The latest check failed; these are the results of the previous one.
            </Alert>
          ) : null}
          <Box component="dl" sx={{ m: 0 }}>
            <DetailRow term="Database response time">
              {data.database.latencyMs === null ? 'Not measured' : `${Math.round(data.database.latencyMs)} ms`}
            </DetailRow>
            <DetailRow term="Database kind">
              {data.database.embedded ? 'Built-in (for trials and development)' : 'Separate database server'}
            </DetailRow>
            <DetailRow term="Pending database updates">{describeMigrations(data.database.migrationsPending)}</DetailRow>
            <DetailRow term="Application">
              {data.app.name} {data.app.version}
            </DetailRow>
            <DetailRow term="Running for">{describeUptime(data.app.uptimeSeconds)}</DetailRow>
            <DetailRow term="Checked at">{formatTime(data.time)}</DetailRow>
          </Box>
        </>
      ) : null}
    </DashboardCard>
  );
};
