/**
 * The react-admin "simple REST" list contract the API serves: `?sort=["field","ASC"]`,
 * `?range=[0,24]`, `?filter={...}`; the total comes back in `Content-Range`.
 */
export type SortOrder = 'ASC' | 'DESC';

export interface ListQuery {
  sort: { field: string; order: SortOrder };
  range: { start: number; end: number };
  filter: Record<string, unknown>;
}

export const MAX_PAGE_SIZE = 500;

export function contentRange(resource: string, start: number, count: number, total: number): string {
  if (count === 0) return `${resource} */${total}`;
  return `${resource} ${start}-${start + count - 1}/${total}`;
}
