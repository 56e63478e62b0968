import { useQuery } from '@tanstack/react-query';
import { HttpError } from 'react-admin';
import type { BulkReviewChange, BulkReviewResult, DashboardResult, MeasuresResult, ReviewChange, ReviewerRecord, ReviewRecord } from '@sra/contracts';
import { httpClient } from '../../providers/dataProvider';
import { API_ROOT } from '../../providers/http';

/** `GET /api/reviewers`: who a case can be assigned to. */
export function useReviewers() {
  return useQuery({
    queryKey: ['reviewers'],
    staleTime: 60_000,
    queryFn: async ({ signal }) => {
      const { json } = await httpClient(`${API_ROOT}/reviewers`, { signal });
      return (Array.isArray(json) ? json : []) as ReviewerRecord[];
    },
  });
}

export function reviewerName(reviewer: Pick<ReviewerRecord, 'displayName' | 'email'>): string {
  return reviewer.displayName?.trim() || reviewer.email;
}

/**
 * The agencies, police districts and incident categories the filters offer, as the server lists them: the
 * dashboard names the agencies and districts, the measures by category name every category a report can have.
 */
export function useFilterChoices() {
  return useQuery({
    queryKey: ['flags', 'filter-choices'],
    staleTime: 5 * 60_000,
    queryFn: async ({ signal }) => {
      const [dashboard, measures] = await Promise.all([
        httpClient(`${API_ROOT}/dashboard`, { signal }),
        // Every month there is: the categories of all eligible reports, not of one year.
        httpClient(`${API_ROOT}/measures?groupBy=category&from=2000-01&to=2099-12`, { signal }),
      ]);
      const result = dashboard.json as Partial<DashboardResult> | undefined;
      const rows = (measures.json as Partial<MeasuresResult> | undefined)?.rows ?? [];
      return {
        agencies: Array.isArray(result?.agencies) ? result.agencies : [],
        districts: Array.isArray(result?.districts) ? result.districts : [],
        categories: [...new Set(rows.map((r) => r.key).filter((k): k is string => !!k))].sort(),
      };
    },
  });
}

/** `PATCH /api/reviews/:flagId`: refused with 409 (not allowed, or a stale version) or 400 (a note is needed). */
export async function changeReview(flagId: string, change: ReviewChange): Promise<ReviewRecord> {
  const { json } = await httpClient(`${API_ROOT}/reviews/${encodeURIComponent(flagId)}`, {
    method: 'PATCH',
    body: JSON.stringify(change),
  });
  return json as ReviewRecord;
}

/** `POST /api/reviews/bulk`: all or nothing; a refusal names the cases and why. */
export async function changeReviews(change: BulkReviewChange): Promise<BulkReviewResult> {
  const { json } = await httpClient(`${API_ROOT}/reviews/bulk`, { method: 'POST', body: JSON.stringify(change) });
  return json as BulkReviewResult;
}

/** The server's message for a refused change, in plain words. */
export function refusalMessage(error: unknown): string {
  if (error instanceof HttpError) {
    if (error.status === 409 && /changed by someone else/i.test(error.message)) {
      return `${error.message}. Nothing was saved.`;
    }
    return error.message || `The change was refused (error ${error.status}).`;
  }
  return error instanceof Error && error.message ? error.message : 'The change could not be saved. Please try again.';
}
