import { useQuery } from '@tanstack/react-query';
import { HttpError, usePermissions } from 'react-admin';
import { isRole, roleAllowed, type ReportDocument, type ReportEdition, type ReportVersionRecord } from '@sra/contracts';
import { httpClient } from '../../providers/dataProvider';
import { API_ROOT } from '../../providers/http';

/** What the signed-in role may do with reports (the API checks the same groups). */
export function useReportRights(): { isPending: boolean; canReadInternal: boolean; canManage: boolean } {
  const { permissions: role, isPending } = usePermissions();
  return {
    isPending,
    canReadInternal: isRole(role) && roleAllowed(role, 'caseLevel'),
    canManage: isRole(role) && roleAllowed(role, 'dataLoading'),
  };
}

export const documentQueryKey = (id: string, edition: ReportEdition) => ['reports', 'document', id, edition] as const;

/** `GET /api/reports/:id/document?edition=...`: the report as the page, the PDF and the CSV files show it. */
export function useReportDocument(id: string | undefined, edition: ReportEdition | null) {
  return useQuery({
    queryKey: documentQueryKey(id ?? '', edition ?? 'public'),
    enabled: !!id && edition !== null,
    queryFn: async ({ signal }) => {
      const url = `${API_ROOT}/reports/${encodeURIComponent(id ?? '')}/document?edition=${edition ?? 'public'}`;
      const { json } = await httpClient(url, { signal });
      return json as ReportDocument;
    },
  });
}

/** `POST /api/reports`: a new draft version of the month. Refused with 400 when a reason is needed. */
export async function generateReport(month: string, reason?: string): Promise<ReportVersionRecord> {
  const body = reason?.trim() ? { month, reason: reason.trim() } : { month };
  const { json } = await httpClient(`${API_ROOT}/reports`, { method: 'POST', body: JSON.stringify(body) });
  return json as ReportVersionRecord;
}

/** `POST /api/reports/:id/publish`: refused with 409 (a newer version, or already published) or 400 (a reason is needed). */
export async function publishReport(id: string, reason?: string): Promise<ReportVersionRecord> {
  const body = reason?.trim() ? { reason: reason.trim() } : {};
  const { json } = await httpClient(`${API_ROOT}/reports/${encodeURIComponent(id)}/publish`, { method: 'POST', body: JSON.stringify(body) });
  return json as ReportVersionRecord;
}

/** The server asks for a reason: a month already published needs one for a new version. */
export function needsReason(error: unknown): boolean {
  return error instanceof HttpError && error.status === 400 && /reason|say why/i.test(error.message);
}

export function errorMessage(error: unknown, fallback: string): string {
  return error instanceof Error && error.message ? error.message : fallback;
}
