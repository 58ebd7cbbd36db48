/**
 * What the public read models (the scorecard, scorecard.service.ts, and the dashboard,
 * dashboard.service.ts) read of a cycle: which cycles are public, the figures shown for one, the
 * rubric settings they were scored on, and the stored components of a unit's result.
 */
import type { ClassBand, PeerGroup, PublishedUnit, RubricDocument, SipasDashboardDto, TiePolicy } from '@parindex/contracts';
import { AppError } from '@parindex/contracts';
import { type Decimal, type NodePoints, type RankedTotals, dec, toExact, toFixedHalfUp } from '@parindex/engine';
import type { Db } from '../db/database.ts';
import type { Cycle } from '../repositories/cycle.repository.ts';
import type { GroupResultRow, UnitResult } from '../repositories/results.repository.ts';
import { PublicationStore } from './publication/publication-store.ts';
import { type Repositories, repositories } from './repositories.ts';
import { PUBLIC_STATUSES } from './results.service.ts';

/** What unit_results.components holds (see ResultsService.compute). */
export interface StoredComponents {
  nodes: { code: string; depth: number; points: string; max: string }[];
  leaves: { code: string; points: string; max: string; lost: string }[];
}

export function componentsOf(row: UnitResult): StoredComponents {
  const c = row.components as Partial<StoredComponents> | null;
  return { nodes: Array.isArray(c?.nodes) ? c.nodes : [], leaves: Array.isArray(c?.leaves) ? c.leaves : [] };
}

export const nodePoints = (nodes: StoredComponents['nodes'], depth?: number): NodePoints[] =>
  nodes.filter((n) => depth === undefined || n.depth === depth).map((n) => ({ code: n.code, points: dec(n.points), max: dec(n.max) }));

export const rankedTotals = (r: UnitResult): RankedTotals => ({
  unitId: r.unitId,
  appraised: dec(r.appraised),
  survey: dec(r.survey),
  total: dec(r.total),
  max: dec(r.maxPoints),
  index: dec(r.indexExact),
  rank: r.rank,
  order: r.ord,
});

export const exactOrNull = (d: Decimal | undefined) => (d === undefined ? null : toExact(d));
export const roundedOrNull = (d: Decimal | undefined) => (d === undefined ? null : toFixedHalfUp(d));

export interface CycleSettings {
  bands: ClassBand[];
  ties: TiePolicy;
  peerGroups: PeerGroup[];
  rubric?: RubricDocument;
}

/**
 * What the read models show of one cycle: for a published or closed cycle its latest publication
 * version (publication-store.ts), never the live rows; for an imported history cycle (or a format 1
 * publication row) the stored results as before.
 */
export interface CycleFigures {
  rubricVersionId: string | null;
  rows: UnitResult[];
  groups: GroupResultRow[];
  exclusions: (unitId: string) => Promise<{ nodeCode: string; basis: string }[]>;
  /** Per unit, the appraised leaves' stages; null: read them live. */
  stages: Map<string, PublishedUnit['stages']> | null;
  sipas: SipasDashboardDto | null;
}

export class PublicFigures {
  readonly repos: Repositories;
  private readonly store: PublicationStore;
  constructor(db: Db) {
    this.repos = repositories(db);
    this.store = new PublicationStore(db);
  }

  async figuresOf(cycle: Cycle): Promise<CycleFigures> {
    const published = await this.store.publishedFigures(cycle);
    if (published) {
      const { document } = published;
      const excl = new Map(document.groups.flatMap((g) => g.units.map((u) => [u.unitId, u.exclusions] as const)));
      return {
        rubricVersionId: document.rubric?.versionId ?? null,
        rows: published.rows,
        groups: published.groups,
        exclusions: async (unitId) => excl.get(unitId) ?? [],
        stages: new Map(document.units.map((u) => [u.unitId, u.stages])),
        sipas: document.sipas,
      };
    }
    return {
      rubricVersionId: cycle.rubricVersionId,
      rows: await this.repos.results.listUnitResults(cycle.id),
      groups: await this.repos.results.listGroupResults(cycle.id),
      exclusions: async (unitId) => (await this.repos.cycles.listExclusions(cycle.id, unitId)).map(({ nodeCode, basis }) => ({ nodeCode, basis })),
      stages: null,
      sipas: null,
    };
  }

  /**
   * A cycle anyone may see, with results; otherwise NOT_FOUND with the same message as the results
   * table. `publicOnly: false` (the secretariat's CLI) also takes a cycle not yet published.
   */
  async publicCycle(cycleId: string, publicOnly = true): Promise<Cycle> {
    const cycle = await this.repos.cycles.getById(cycleId).catch(() => undefined);
    if (!cycle || (publicOnly && !PUBLIC_STATUSES.has(cycle.status)))
      throw new AppError('NOT_FOUND', 'Không tìm thấy kết quả của kỳ đánh giá này (có thể chưa được công bố).');
    if (!cycle.computedAt) throw new AppError('NOT_FOUND', `Kỳ đánh giá ${cycle.year} chưa được tính kết quả.`);
    return cycle;
  }

  /**
   * The cache key of a public cycle's frozen results: id, computation stamp and status, or null when
   * the cycle is not public (the caller then lets the service answer 404).
   */
  async publicStamp(cycleId: string): Promise<string | null> {
    return this.store.publicStamp(await this.repos.cycles.getById(cycleId).catch(() => undefined));
  }

  /** Bands, ties and groups of the rubric version the figures were scored on (the published one for a published cycle). */
  async settingsOf(cycle: Cycle, rubricVersionId: string | null): Promise<CycleSettings> {
    if (rubricVersionId) {
      const doc = (await this.repos.rubrics.getVersion(rubricVersionId)).document;
      return { bands: doc.settings.bands, ties: doc.settings.ties, peerGroups: doc.peerGroups, rubric: doc };
    }
    if (!cycle.settings) throw new AppError('VALIDATION', `Kỳ đánh giá ${cycle.year} chưa có bộ chỉ số hay thiết lập xếp loại.`);
    return { bands: cycle.settings.bands, ties: cycle.settings.ties, peerGroups: cycle.settings.peerGroups };
  }

  /** Public cycles with results up to `year`, oldest first. */
  async publicCyclesUpTo(year: number): Promise<Cycle[]> {
    return (await this.repos.cycles.list()).filter((c) => PUBLIC_STATUSES.has(c.status) && c.computedAt && c.year <= year).sort((a, b) => a.year - b.year);
  }
}
