import type { DataSource, EntityManager } from 'typeorm';
import { releaseCellId, type ReleaseSlice } from '@sra/contracts';
import { periodKind } from '@sra/disclosure';
import { shiftMonth } from '../measures/default-period';
import { shownCell, type Release } from './release.service';

export type { ReleaseSlice };

/**
 * What a month's public report shows of the released set: every cell of the month, and the rules' eligible and
 * flagged reports of the 12 months before (its trend), each as shown (null: hidden). Stored in the report's snapshot.
 */
export function monthSlice(release: Release, month: string): ReleaseSlice {
  const trendFrom = shiftMonth(month, -12);
  const cells: Array<[string, number | null]> = [];
  for (const id of release.values.keys()) {
    const [measure, period, dimension, ...rest] = id.split('|');
    if (periodKind(period) !== 'month' || period > month || period < trendFrom) continue;
    const inTrend = period !== month && dimension === 'rule' && (measure === 'eligible' || measure === 'flagged');
    if (period !== month && !inTrend) continue;
    const key = { measure, period, dimension, key: rest.join('|') } as Parameters<typeof releaseCellId>[0];
    cells.push([id, shownCell(release, key)]);
  }
  cells.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { month, cells };
}

/** The slices of every published report version that has one (published since issue 12). */
export async function publishedSlices(db: DataSource | EntityManager): Promise<ReleaseSlice[]> {
  const rows: Array<{ slice: ReleaseSlice }> = await db.query(
    `SELECT data->'release' AS slice FROM report_version WHERE status = 'published' AND data ? 'release' ORDER BY month, version`,
  );
  return rows.map((r) => r.slice);
}
