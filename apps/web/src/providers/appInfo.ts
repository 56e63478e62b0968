import { useQuery } from '@tanstack/react-query';
import type { AppInfo } from '@sra/contracts';
import { API_ROOT, messageFromBody, readJsonBody } from './http';

/** How long the answer of `GET /api/app-info` is reused before asking again. */
export const APP_INFO_STALE_MS = 5 * 60_000;

export const APP_INFO_QUERY_KEY = ['app-info'] as const;

/** `GET /api/app-info` (any signed-in role): what every page needs to know. */
export async function fetchAppInfo(signal?: AbortSignal): Promise<AppInfo> {
  const response = await fetch(`${API_ROOT}/app-info`, {
    credentials: 'same-origin',
    headers: { Accept: 'application/json' },
    signal,
  });
  const body = await readJsonBody(response);
  if (response.ok && body && typeof body === 'object' && typeof (body as AppInfo).demoData === 'boolean') {
    return body as AppInfo;
  }
  throw new Error(messageFromBody(body) ?? `The server answered with error ${response.status}.`);
}

/** The app's facts, fetched once per session and kept for a few minutes. */
export function useAppInfo() {
  return useQuery({
    queryKey: APP_INFO_QUERY_KEY,
    queryFn: ({ signal }) => fetchAppInfo(signal),
    staleTime: APP_INFO_STALE_MS,
    refetchOnWindowFocus: false,
    retry: 1,
  });
}
