import { useEffect, useRef } from 'react';
import { Alert } from '@mui/material';
import { useQuery } from '@tanstack/react-query';
import type { EvaluationStatus } from '@sra/contracts';
import { httpClient } from '../providers/dataProvider';
import { API_ROOT } from '../providers/http';

async function fetchStatus(): Promise<EvaluationStatus> {
  const { json } = await httpClient(`${API_ROOT}/evaluation/status`);
  return json as EvaluationStatus;
}

/**
 * Says so while the flags are being brought up to date (after a load, or at start after a crash), since the figures
 * below may still change; asked again every few seconds until they are.
 */
export const EvaluationStatusNote = ({ onUpToDate }: { onUpToDate?: () => void }) => {
  const { data } = useQuery({
    queryKey: ['api', 'evaluation', 'status'],
    queryFn: fetchStatus,
    refetchInterval: (query) => (query.state.data && query.state.data.upToDate ? 15_000 : 3_000),
  });
  // When the flags have just been brought up to date, the figures on the page are read again.
  const wasUpToDate = useRef<boolean | null>(null);
  useEffect(() => {
    if (!data) return;
    if (wasUpToDate.current === false && data.upToDate) onUpToDate?.();
    wasUpToDate.current = data.upToDate;
  }, [data, onUpToDate]);
  if (!data || data.upToDate) return null;
  const waiting =
    data.batchesWaiting > 0 ? ` ${data.batchesWaiting} loaded file${data.batchesWaiting === 1 ? ' is' : 's are'} still to be evaluated.` : '';
  return (
    <Alert severity="info" role="status" data-testid="evaluation-status">
      The flags are being brought up to date with the loaded data.{waiting} The figures below may change when this is done.
    </Alert>
  );
};
