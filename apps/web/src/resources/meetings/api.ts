import { useEffect, useState } from 'react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type {
  BuildAgendaRequest,
  CaseDetail,
  FlagDetail,
  FlagRecord,
  MeetingAgendaItem,
  MeetingDecision,
  MeetingDetail,
  MeetingInput,
  MeetingRecord,
} from '@sra/contracts';
import { httpClient } from '../../providers/dataProvider';
import { API_ROOT, messageFromBody, readJsonBody } from '../../providers/http';
import { dayBefore } from './words';

export const MEETINGS = 'meetings';

const meetingUrl = (id: string, rest = '') => `${API_ROOT}/meetings/${encodeURIComponent(id)}${rest}`;

async function send<T>(url: string, method: string, body?: unknown): Promise<T> {
  const { json } = await httpClient(url, { method, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
  return json as T;
}

/** `PATCH /api/meetings/:id`: date, title, attendees, notes, status. */
export const updateMeeting = (id: string, change: Partial<MeetingInput> & { status?: MeetingRecord['status'] }) =>
  send<MeetingDetail>(meetingUrl(id), 'PATCH', change);

/** `POST /api/meetings/:id/agenda/build`: the agenda rule, with the builder's choices (the server's defaults for the rest). */
export const buildAgenda = (id: string, request: BuildAgendaRequest = {}) => send<MeetingDetail>(meetingUrl(id, '/agenda/build'), 'POST', request);

/** `POST /api/meetings/:id/agenda`: a case added by hand, at the end (409 when it is there already). */
export const addToAgenda = (id: string, flagId: string) => send<MeetingDetail>(meetingUrl(id, '/agenda'), 'POST', { flagId });

/** `GET /api/meetings/:id`: the meeting with its agenda as it is now. */
export const getMeeting = (id: string) => send<MeetingDetail>(meetingUrl(id), 'GET');

/** `POST /api/meetings/:id/agenda/bulk`: several cases (case or flag ids) added at the end; those on it already stay. */
export const addManyToAgenda = (id: string, ids: string[]) => send<MeetingDetail>(meetingUrl(id, '/agenda/bulk'), 'POST', { ids });

/** `POST /api/meetings/:id/agenda/bulk-remove`: several cases at once (none when one of them was decided here). */
export const removeManyFromAgenda = (id: string, flagIds: string[]) => send<MeetingDetail>(meetingUrl(id, '/agenda/bulk-remove'), 'POST', { ids: flagIds });

export const removeFromAgenda = (id: string, flagId: string) =>
  send<MeetingDetail>(meetingUrl(id, `/agenda/${encodeURIComponent(flagId)}`), 'DELETE');

/** `PUT /api/meetings/:id/agenda/order`: every case of the agenda, in the new order. */
export const reorderAgenda = (id: string, flagIds: string[]) => send<MeetingDetail>(meetingUrl(id, '/agenda/order'), 'PUT', { flagIds });

/** `POST /api/meetings/:id/decisions`: an ordinary review change (400/409 with the server's reason). */
export const recordDecision = (id: string, decision: MeetingDecision) => send<MeetingAgendaItem>(meetingUrl(id, '/decisions'), 'POST', decision);

export type MinutesFormat = 'md' | 'pdf';

function fileNameOf(disposition: string | null, fallback: string): string {
  const match = /filename="?([^";]+)"?/i.exec(disposition ?? '');
  return match?.[1] ?? fallback;
}

/**
 * `GET /api/meetings/:id/minutes?format=...`, saved as the file the server names. Fetched first (rather than a
 * plain link) so that a refusal shows the server's message on the page instead of a download of the error.
 */
export async function downloadMinutes(id: string, format: MinutesFormat): Promise<string> {
  let response: Response;
  try {
    response = await fetch(meetingUrl(id, `/minutes?format=${format}`), { credentials: 'same-origin' });
  } catch {
    throw new Error('Cannot reach the server. Check your connection and try again in a moment.');
  }
  if (!response.ok) {
    const message = messageFromBody(await readJsonBody(response));
    throw new Error(
      response.status === 401
        ? 'Your session has ended: sign in again.'
        : response.status === 403
          ? 'Your role does not allow this.'
          : (message ?? `The minutes could not be made (error ${response.status}).`),
    );
  }
  const fileName = fileNameOf(response.headers.get('Content-Disposition'), `minutes.${format}`);
  const url = URL.createObjectURL(await response.blob());
  try {
    const link = document.createElement('a');
    link.href = url;
    link.download = fileName;
    document.body.appendChild(link);
    link.click();
    link.remove();
  } finally {
    // The click has started the download; the object URL is no longer needed once it has been read.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  return fileName;
}

/** The meeting before this one's day (the default agenda counts flags since its day), or null when there is none. */
export function usePreviousMeeting(date: string | undefined) {
  return useQuery({
    queryKey: [MEETINGS, 'previous', date],
    enabled: !!date,
    queryFn: async ({ signal }) => {
      const params = new URLSearchParams({
        filter: JSON.stringify({ to: dayBefore(date ?? '') }),
        sort: JSON.stringify(['date', 'DESC']),
        range: JSON.stringify([0, 0]),
      });
      const { json } = await httpClient(`${API_ROOT}/meetings?${params}`, { signal });
      const rows = (Array.isArray(json) ? json : []) as MeetingRecord[];
      return rows[0] ?? null;
    },
  });
}

/** One case as the case page shows it (`GET /api/flags/:id`); each view is written to the audit log by the server. */
export function useFlagDetail(flagId: string | undefined) {
  return useQuery({
    queryKey: [MEETINGS, 'flag', flagId],
    enabled: !!flagId,
    queryFn: async ({ signal }) => {
      const { json } = await httpClient(`${API_ROOT}/flags/${encodeURIComponent(flagId ?? '')}`, { signal });
      return json as FlagDetail;
    },
  });
}

/** `GET /api/cases/:id`: the case page's facts (every rule's reasons, one timeline), for meeting mode (issue 11). */
export function useCaseDetail(caseId: string | undefined) {
  return useQuery({
    queryKey: [MEETINGS, 'case', caseId],
    enabled: !!caseId,
    queryFn: async ({ signal }) => {
      const { json } = await httpClient(`${API_ROOT}/cases/${encodeURIComponent(caseId ?? '')}`, { signal });
      return json as CaseDetail;
    },
  });
}

const ID = /^[0-9a-f]{32}$/i;
const INCIDENT_NUMBER = /^\d+$/;

/**
 * The cases the "Add a case" picker offers for what was typed: a pasted case id finds that case, an incident number
 * the cases of that report; anything else (or nothing) the latest current cases, which the picker narrows by their words.
 */
export function flagSearchOf(text: string): { filter: Record<string, unknown>; narrowHere: boolean } {
  const typed = text.trim();
  if (ID.test(typed)) return { filter: { id: [typed.toLowerCase()] }, narrowHere: false };
  if (INCIDENT_NUMBER.test(typed)) return { filter: { reportIncidentNumber: typed }, narrowHere: false };
  return { filter: { status: ['current'] }, narrowHere: true };
}

export function useFlagOptions(text: string) {
  const { filter, narrowHere } = flagSearchOf(text);
  return {
    narrowHere,
    ...useQuery({
      queryKey: [MEETINGS, 'flag-options', filter],
      placeholderData: keepPreviousData,
      staleTime: 30_000,
      queryFn: async ({ signal }) => {
        const params = new URLSearchParams({
          filter: JSON.stringify(filter),
          sort: JSON.stringify(['actionDate', 'DESC']),
          range: JSON.stringify([0, 49]),
        });
        const { json } = await httpClient(`${API_ROOT}/flags?${params}`, { signal });
        return (Array.isArray(json) ? json : []) as FlagRecord[];
      },
    }),
  };
}

/** The value, once it has not changed for `ms` (so typing sends one search, not one per key). */
export function useDebounced<T>(value: T, ms = 300): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
