import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { DEFAULT_SUPPRESSION_THRESHOLD, releaseCellId, type ReleaseAuditSummary, type ReleaseCellKey, type ReleasePeriod } from '@sra/contracts';
import { auditRelease, PROTECTION_MARGIN, protectJointly, releaseConstraints, releaseHidingCost, type Cell, type LinearConstraint } from '@sra/disclosure';
import { VersionedCache } from '../../common/versioned-cache';
import { gatherReleaseCells } from './release-cells';
import { publishedSlices, type ReleaseSlice } from './release-slice';

/** The released set as built for the current data: every cell's true value and what is shown of it. */
export interface Release {
  builtAt: string;
  periods: ReleasePeriod[];
  agencies: string[];
  districts: string[];
  categories: string[];
  rules: string[];
  /** Cell id -> true value. */
  values: Map<string, number>;
  hidden: Set<string>;
  /** What a reader knows about how the cells relate (checked against their values): the audits reuse it. */
  constraints: LinearConstraint[];
  audit: ReleaseAuditSummary;
}

/** What a viewer sees of a cell: its value, or null when hidden (a cell outside the release is never shown). */
export function shownCell(release: Release, key: ReleaseCellKey): number | null {
  const id = releaseCellId(key);
  const value = release.values.get(id);
  return value === undefined || release.hidden.has(id) ? null : value;
}

/**
 * The released set (issue 12, docs/reports.md "What viewers and the public see"): built from the data in one
 * snapshot, suppressed jointly over every linked table and around every published report, and audited by linear
 * programming; rebuilt when the data, a review or a publication changes (VersionedCache), one build at a time.
 */
@Injectable()
export class ReleaseService {
  private readonly logger = new Logger(ReleaseService.name);
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly cache: VersionedCache,
  ) {}

  current(): Promise<Release> {
    const next = this.queue.then(() => this.cache.get('release', () => this.build()));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async build(): Promise<Release> {
    const started = Date.now();
    const { gathered, published } = await this.db.transaction('REPEATABLE READ', async (tx) => ({
      gathered: await gatherReleaseCells(tx),
      published: await publishedSlices(tx),
    }));
    const cells: Array<Cell & ReleaseCellKey> = gathered.cells.map((c) => ({ ...c, id: releaseCellId(c) }));
    const values = new Map(cells.map((c) => [c.id, c.value]));
    const constraints = releaseConstraints(gathered.cells);
    const known = knownFrom(published, values);
    const byId = new Map(cells.map((c) => [c.id, c]));
    const protecting = Date.now();
    const result = await protectJointly({
      cells,
      constraints,
      threshold: DEFAULT_SUPPRESSION_THRESHOLD,
      known,
      cost: (c) => releaseHidingCost(byId.get(c.id) as Cell & ReleaseCellKey),
    });
    const audit: ReleaseAuditSummary = {
      cells: cells.length,
      hidden: result.hidden.size,
      primary: result.primary.size,
      margin: PROTECTION_MARGIN,
      passed: result.audit.passed,
      millis: Date.now() - protecting,
    };
    this.logger.log(
      `released set built: ${cells.length} cells, ${constraints.length} relations, ${result.primary.size} small and ${result.hidden.size - result.primary.size} protecting ` +
        `hidden, ${result.rounds} rounds, audit ${audit.passed ? 'passed' : `FAILED on ${result.audit.failures.length} cells`} (${audit.millis} ms), in all ${Date.now() - started} ms`,
    );
    return { builtAt: new Date().toISOString(), ...pick(gathered), values, hidden: result.hidden, constraints, audit };
  }

  /**
   * The exact audit of a publication: everything the public would then know (this release's shown cells, every
   * published report's, and the new one's, where their values still hold) must leave every hidden count protected.
   */
  async auditPublication(slice: ReleaseSlice): Promise<{ passed: boolean; failures: number; millis: number }> {
    const release = await this.current();
    const published = await publishedSlices(this.db);
    const known = knownFrom([...published, slice], release.values);
    const audit = await auditOf(release, new Set([...release.hidden].filter((id) => !known.has(id))), false);
    return { passed: audit.passed, failures: audit.failures.length, millis: audit.millis };
  }

  /** A fresh audit of the current released set (`audit release`): every bound solved when `exact`. */
  async auditCurrent(exact: boolean): Promise<{ passed: boolean; failures: number; checked: number; millis: number }> {
    const release = await this.current();
    const audit = await auditOf(release, release.hidden, exact);
    return { passed: audit.passed, failures: audit.failures.length, checked: audit.checked, millis: audit.millis };
  }
}

function auditOf(release: Release, hidden: Set<string>, exact: boolean) {
  return auditRelease({
    cells: [...release.values].map(([id, value]) => ({ id, value })),
    constraints: release.constraints,
    hidden,
    threshold: DEFAULT_SUPPRESSION_THRESHOLD,
    exact,
  });
}

function pick(g: { periods: ReleasePeriod[]; agencies: string[]; districts: string[]; categories: string[]; rules: string[] }) {
  return { periods: g.periods, agencies: g.agencies, districts: g.districts, categories: g.categories, rules: g.rules };
}

/** Cells a published report showed with the value they still have: public already. */
function knownFrom(slices: readonly ReleaseSlice[], values: ReadonlyMap<string, number>): Set<string> {
  const known = new Set<string>();
  for (const slice of slices) {
    for (const [id, shown] of slice.cells) if (shown !== null && values.get(id) === shown) known.add(id);
  }
  return known;
}

export function parseCellId(id: string): ReleaseCellKey {
  const [measure, period, dimension, ...key] = id.split('|');
  return { measure: measure as ReleaseCellKey['measure'], period, dimension: dimension as ReleaseCellKey['dimension'], key: key.join('|') };
}
