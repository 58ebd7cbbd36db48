import { AppError, type CycleDto, type ComputeSummaryDto, type CycleResultsDto, type PeerGroup, type RubricSettings } from '@parindex/contracts';
import {
  type Baseline,
  type CombinedGroup,
  type CycleComputation,
  EngineError,
  type RubricIndex,
  applicableMax,
  computeCycle,
  computeFromTotals,
  dec,
  importedTotals,
  indexRubric,
  largestMax,
  recomputeUnits,
  toExact,
  toFixedHalfUp,
} from '@parindex/engine';
import type { Db } from '../db/database.ts';
import type { Cycle } from '../repositories/cycle.repository.ts';
import type { StandingUpdate, UnitResultRow } from '../repositories/results.repository.ts';
import { checkCombinedGroups, combinedGroupsOf, combinedRowsFromStored, combinedRowsOf } from './combined-groups.ts';
import { changeToDto, presentCycle, presentUnitResult } from './presenters.ts';
import { PublicationStore, servedResults } from './publication/publication-store.ts';
import { type Repositories, inTransaction, repositories } from './repositories.ts';
import { groupRowsOf, sameChange, scoresByUnit, storedResultOf, unitRowOf } from './results-rows.ts';

/** Cycles whose results anyone may see. */
export const PUBLIC_STATUSES = new Set(['published', 'closed']);

/**
 * Published figures are the official record: once an assessed cycle is published and computed,
 * only a correction (CorrectionService, a new published version with its reason) recomputes it —
 * whoever calls, the HTTP route, the CLI or a job. An imported history cycle keeps its published
 * totals in imported_totals and may be recomputed from them.
 */
function assertNotFrozen(cycle: Cycle): void {
  if (cycle.source === 'assessed' && PUBLIC_STATUSES.has(cycle.status) && cycle.computedAt)
    throw new AppError('CONFLICT', `Kết quả kỳ "${cycle.name}" đã công bố: không tính lại được. Muốn sửa, hãy công bố đính chính (kèm lý do).`);
}

export interface ComputeSummary {
  cycle: CycleDto;
  units: number;
  groups: { code: string; name: string; count: number; meanIndex: string }[];
  /** Lines over several peer groups (the cycle's combined groups), e.g. "Khối sở, ban, ngành". */
  combinedGroups: { code: string; name: string; groups: string[]; count: number; meanIndex: string }[];
  /** Units whose computed index (half-up) differs from the index printed in an imported table. */
  publishedDifferences: { unit: string; published: string; computed: string }[];
}

/** What recomputeUnit did: rewrote the changed rows only, or (when it could not) computed the whole cycle. */
export interface RecomputeSummary {
  mode: 'incremental' | 'full';
  /** Why the whole cycle was computed instead. */
  reason?: string;
  /** unit_results rows written. */
  unitRows: number;
  /** group_results rows written. */
  groupRows: number;
}

/** Rubric versions are immutable, so their prepared index is kept (a few per service). */
const RUBRIC_CACHE_SIZE = 8;

/** Computes a cycle's results with the engine and serves them; the only writer of unit_results. */
export class ResultsService {
  private readonly repos: Repositories;
  /** Prepared rubric versions by id (a version is never edited). */
  private readonly rubrics = new Map<string, RubricIndex>();
  constructor(private readonly db: Db) {
    this.repos = repositories(db);
  }

  async listCycles(opts: { publicOnly: boolean }): Promise<CycleDto[]> {
    const all = await this.repos.cycles.list();
    return all.filter((c) => !opts.publicOnly || PUBLIC_STATUSES.has(c.status)).map(presentCycle);
  }

  private async settingsOf(cycle: Cycle, repos: Repositories = this.repos): Promise<{ settings: Pick<RubricSettings, 'bands' | 'ties'>; peerGroups: PeerGroup[] }> {
    if (cycle.rubricVersionId) {
      const { doc } = await this.rubricIndexOf(cycle.rubricVersionId, repos);
      return { settings: doc.settings, peerGroups: doc.peerGroups };
    }
    if (!cycle.settings?.bands) throw new AppError('VALIDATION', `Kỳ đánh giá ${cycle.year} chưa có bộ chỉ số hay thiết lập xếp loại.`);
    return { settings: cycle.settings, peerGroups: cycle.settings.peerGroups };
  }

  /** The rubric version, prepared for the engine (versions are never edited, so it is cached). */
  private async rubricIndexOf(versionId: string, repos: Repositories = this.repos): Promise<RubricIndex> {
    const cached = this.rubrics.get(versionId);
    if (cached) return cached;
    const index = indexRubric((await repos.rubrics.getVersion(versionId)).document);
    if (this.rubrics.size >= RUBRIC_CACHE_SIZE) this.rubrics.delete(this.rubrics.keys().next().value!);
    this.rubrics.set(versionId, index);
    return index;
  }

  /** The latest earlier cycle with results: the baseline for "so với năm trước". */
  private baselineCycle(cycle: Cycle, all: readonly Cycle[]): Cycle | undefined {
    return all.filter((c) => c.year < cycle.year && c.computedAt).sort((a, b) => b.year - a.year)[0];
  }

  /** The baseline's results (of every unit, or only of `unitIds` and their predecessors) and the lineage. */
  private async baselineFor(cycle: Cycle, repos: Repositories, all?: readonly Cycle[], unitIds?: readonly string[]): Promise<Baseline | undefined> {
    const earlier = this.baselineCycle(cycle, all ?? (await repos.cycles.list()));
    if (!earlier) return undefined;
    const lineage = (await repos.units.listLineage()).map((l) => ({ predecessorId: l.predecessorId, successorId: l.successorId, weight: dec(l.weight) }));
    let wanted: string[] | undefined;
    if (unitIds) {
      const ids = new Set(unitIds);
      for (const l of lineage) if (ids.has(l.successorId)) ids.add(l.predecessorId);
      wanted = [...ids];
    }
    const prev = await repos.results.listStandings(earlier.id, wanted);
    return {
      results: prev.map((r) => ({ unitId: r.unitId, total: dec(r.total), index: dec(r.indexExact), rank: r.rank })),
      lineage,
    };
  }

  private async run(cycle: Cycle, repos: Repositories): Promise<CycleComputation> {
    const units = await repos.cycles.listCycleUnits(cycle.id);
    if (units.length === 0) throw new AppError('VALIDATION', `Kỳ đánh giá ${cycle.year} chưa có đơn vị nào.`);
    const baseline = await this.baselineFor(cycle, repos);
    const { settings } = await this.settingsOf(cycle, repos);
    if (cycle.source === 'imported') {
      const totals = new Map((await repos.importedTotals.list(cycle.id)).map((t) => [t.unitId, t]));
      const inputs = units.map((u) => {
        const t = totals.get(u.unitId);
        if (!t) throw new AppError('VALIDATION', `Đơn vị "${u.name}" chưa có điểm trong bảng kết quả đã nhập.`);
        return { unitId: u.unitId, name: u.name, group: u.peerGroup, ...importedTotals(t) };
      });
      return computeFromTotals(inputs, settings, baseline);
    }
    const rubric = await this.rubricIndexOf(cycle.rubricVersionId!, repos);
    const excl = await repos.cycles.listExclusions(cycle.id);
    const scores = scoresByUnit(await repos.scores.listLeafScores(cycle.id));
    const inputs = units.map((u) => ({ unitId: u.unitId, name: u.name, group: u.peerGroup, excluded: excl.filter((e) => e.unitId === u.unitId).map((e) => e.nodeCode) }));
    return computeCycle(rubric, inputs, scores, baseline);
  }

  /**
   * Computes and stores a cycle's results (totals, index, class, rank, group figures, change on
   * last year). Reads and writes in one transaction under the cycle's row lock, as recomputeUnit
   * does, so the stored results always come from the scores as they were when they were written.
   * With `combine`, those combined groups become the cycle's (replacing earlier ones) first.
   */
  async compute(cycleId: string, opts: { combine?: CombinedGroup[]; correction?: boolean } = {}): Promise<ComputeSummaryDto> {
    const cycle = await this.repos.cycles.getById(cycleId);
    if (!opts.correction) assertNotFrozen(cycle);
    const { computation, unitRows, groupRows, combinedRows } = await inTransaction(this.db, async (r) => {
      await r.results.lockComputedAt(cycle.id);
      let computation: CycleComputation;
      try {
        computation = await this.run(cycle, r);
      } catch (e) {
        if (e instanceof EngineError) throw new AppError('VALIDATION', e.message);
        throw e;
      }
      const { peerGroups, settings } = await this.settingsOf(cycle, r);
      const combined = opts.combine ?? combinedGroupsOf(cycle);
      if (opts.combine) {
        checkCombinedGroups(opts.combine, peerGroups, cycle.year);
        await r.results.setCombinedGroups(cycle.id, opts.combine);
      }
      const unitRows: UnitResultRow[] = computation.units.map(unitRowOf);
      const groupRows = groupRowsOf(computation, peerGroups);
      const combinedRows = combinedRowsOf(computation.units, combined, settings.bands);
      await r.results.replaceResults(cycle.id, unitRows, [...groupRows, ...combinedRows], new Date());
      return { computation, unitRows, groupRows, combinedRows };
    });
    const publishedDifferences: ComputeSummary['publishedDifferences'] = [];
    if (cycle.source === 'imported') {
      const totals = new Map((await this.repos.importedTotals.list(cycle.id)).map((t) => [t.unitId, t]));
      for (const u of computation.units) {
        const p = totals.get(u.unitId)?.publishedIndex;
        if (p && !dec(p).equals(u.indexRounded)) publishedDifferences.push({ unit: u.name, published: toFixedHalfUp(dec(p)), computed: toFixedHalfUp(u.index) });
      }
    }
    return {
      cycle: presentCycle(await this.repos.cycles.getById(cycle.id)),
      units: unitRows.length,
      groups: groupRows.map((g) => ({ code: g.peerGroup, name: g.summary.name, count: g.summary.count, meanIndex: g.summary.meanIndexRounded })),
      combinedGroups: combinedRows.map((g) => ({ code: g.peerGroup, name: g.summary.name, groups: g.members!, count: g.summary.count, meanIndex: g.summary.meanIndexRounded })),
      publishedDifferences,
    };
  }

  /**
   * Makes these the cycle's combined groups (e.g. "Khối sở, ban, ngành" = departments + special
   * departments); their figures are stored by the next compute().
   */
  async setCombinedGroups(cycleId: string, combined: CombinedGroup[]): Promise<void> {
    const cycle = await this.repos.cycles.getById(cycleId);
    checkCombinedGroups(combined, (await this.settingsOf(cycle)).peerGroups, cycle.year);
    await this.repos.results.setCombinedGroups(cycle.id, combined);
  }

  /** The stored group figures of a cycle: each peer group's, and each combined group's with its members. */
  async groupSummaries(cycleId: string) {
    const cycle = await this.repos.cycles.getById(cycleId);
    return {
      groups: (await this.repos.results.listGroupResults(cycle.id)).map((g) => g.summary),
      combined: (await this.repos.results.listCombinedGroupResults(cycle.id)).map((g) => ({ ...g.summary, groups: g.members! })),
    };
  }

  /** recomputeUnits for one unit: call it after that unit's leaf scores (or exclusions) changed. */
  async recomputeUnit(cycleId: string, unitId: string): Promise<RecomputeSummary> {
    return this.recomputeUnits(cycleId, [unitId]);
  }

  /**
   * Brings the stored results up to date after the leaf scores (or exclusions) of these units
   * changed, writing only what moved: the units are rescored from their leaf scores, their peer
   * groups re-ranked with the other units' stored totals, and — in one transaction, under the
   * cycle's row lock — their rows, the ranks/positions (and rank changes) that moved and the
   * groups' summaries are written, and the cycle stamped. The stored results are then exactly those
   * of compute(cycleId).
   *
   * This relies on the other units' stored results being current. When that cannot be taken for
   * granted the whole cycle is computed instead (mode "full"): an imported cycle, a cycle never
   * computed or marked stale, a unit added, removed or moved between peer groups since, stored
   * indices that disagree with the stored totals, or a baseline cycle computed after this one.
   */
  async recomputeUnits(cycleId: string, unitIds: readonly string[], opts: { correction?: boolean } = {}): Promise<RecomputeSummary> {
    const ids = [...new Set(unitIds)];
    const all = await this.repos.cycles.list();
    const cycle = all.find((c) => c.id === cycleId) ?? (await this.repos.cycles.getById(cycleId));
    if (!opts.correction) assertNotFrozen(cycle);
    const full = async (reason: string): Promise<RecomputeSummary> => {
      const summary = await this.compute(cycleId, opts);
      return { mode: 'full', reason, unitRows: summary.units, groupRows: summary.groups.length };
    };
    if (cycle.source !== 'assessed' || !cycle.rubricVersionId) return full('imported cycle');
    if (!cycle.computedAt) return full('no current results');
    if (ids.length === 0) return { mode: 'incremental', unitRows: 0, groupRows: 0 };
    const earlier = this.baselineCycle(cycle, all);
    if (earlier && earlier.computedAt! > cycle.computedAt) return full('baseline cycle computed since');
    const rubric = await this.rubricIndexOf(cycle.rubricVersionId);
    const { peerGroups } = rubric.doc;
    const baseline = earlier ? await this.baselineFor(cycle, this.repos, all, ids) : undefined;

    const outcome = await inTransaction(this.db, async (r): Promise<RecomputeSummary | string> => {
      const locked = await r.results.lockComputedAt(cycle.id);
      if (!locked?.computedAt) return 'no current results';
      const standings = await r.results.listGroupStandings(cycle.id, ids);
      const byId = new Map(standings.map((s) => [s.unitId, s]));
      const missing = ids.filter((id) => !byId.has(id));
      if (missing.length) throw new AppError('VALIDATION', `Đơn vị (mã nội bộ ${missing.join(', ')}) không thuộc kỳ đánh giá ${cycle.year}.`);
      if (standings.some((s) => s.resultPeerGroup !== s.peerGroup)) return 'units or peer groups changed since the last computation';

      const changed = new Set(ids);
      const excl = ids.length === 1 ? await r.cycles.listExclusions(cycle.id, ids[0]) : await r.cycles.listExclusions(cycle.id);
      const scores = scoresByUnit(await r.scores.listLeafScores(cycle.id, ids.length === 1 ? ids[0] : ids));
      const inputs = ids.map((id) => ({
        unitId: id,
        name: byId.get(id)!.unitName,
        group: byId.get(id)!.peerGroup,
        excluded: excl.filter((e) => e.unitId === id).map((e) => e.nodeCode),
      }));
      const others = standings.filter((s) => !changed.has(s.unitId)).map(storedResultOf);
      let computation: CycleComputation;
      try {
        computation = recomputeUnits(rubric, inputs, scores, others, baseline);
      } catch (e) {
        if (e instanceof EngineError) throw new AppError('VALIDATION', e.message);
        throw e;
      }

      const unitRows: UnitResultRow[] = [];
      const moved: StandingUpdate[] = [];
      for (const u of computation.units) {
        if (changed.has(u.unitId)) {
          unitRows.push(unitRowOf(u));
          continue;
        }
        const before = byId.get(u.unitId)!;
        // The others keep their totals, so their index and class must be what is stored.
        if (toExact(u.index) !== before.indexExact || u.classification !== before.classification) return 'stored results disagree with their totals';
        const change = changeToDto(u.change);
        if (u.rank !== before.rank || u.order !== before.ord || !sameChange(change, before.change))
          moved.push({ unitId: u.unitId, rank: u.rank, ord: u.order, classification: u.classification, change });
      }
      const groupRows = groupRowsOf(computation, peerGroups);
      await r.results.updateUnitResults(cycle.id, unitRows);
      await r.results.updateStandings(cycle.id, moved);
      // Combined groups over a group that moved, from the members' results as now stored.
      const touched = combinedGroupsOf(cycle).filter((c) => c.groups.some((g) => computation.groups.has(g)));
      if (touched.length) {
        const stored = await r.results.listMemberIndices(cycle.id, [...new Set(touched.flatMap((c) => c.groups))]);
        groupRows.push(...combinedRowsFromStored(stored, touched, rubric.doc.settings.bands));
      }
      await r.results.upsertGroupResults(cycle.id, groupRows);
      await r.results.setComputedAt(cycle.id, new Date());
      return { mode: 'incremental', unitRows: unitRows.length + moved.length, groupRows: groupRows.length };
    });
    return typeof outcome === 'string' ? full(outcome) : outcome;
  }

  /**
   * The results table, per peer group in the rubric's order. Unpublished cycles are hidden from the
   * public. A published or closed cycle is served from its latest publication version (the stored
   * record, publication-store.ts), never from the live rows; `live` reads the live rows anyway —
   * only for the writer of a publication and a correction's recomputation.
   */
  async getResults(cycleId: string, opts: { publicOnly: boolean; live?: boolean }): Promise<CycleResultsDto> {
    const cycle = await this.repos.cycles.getById(cycleId).catch(() => undefined);
    if (!cycle || (opts.publicOnly && !PUBLIC_STATUSES.has(cycle.status)))
      throw new AppError('NOT_FOUND', 'Không tìm thấy kết quả của kỳ đánh giá này (có thể chưa được công bố).');
    if (!opts.live) {
      const published = await new PublicationStore(this.db).publishedResults(cycle);
      if (published) return servedResults(published, cycle);
    }
    if (!cycle.computedAt) throw new AppError('NOT_FOUND', `Kỳ đánh giá ${cycle.year} chưa được tính kết quả.`);
    const { peerGroups } = await this.settingsOf(cycle);
    const rows = await this.repos.results.listUnitResults(cycle.id);
    const groups = await this.repos.results.listGroupResults(cycle.id);
    const excl = await this.repos.cycles.listExclusions(cycle.id);
    const position = (code: string) => {
      const i = peerGroups.findIndex((g) => g.code === code);
      return i < 0 ? peerGroups.length : i;
    };
    groups.sort((a, b) => position(a.peerGroup) - position(b.peerGroup));
    // The full scale a reduced one is told against: the rubric's maximum for the group with nothing
    // excluded; for an imported table (no rubric), the largest maximum printed in it.
    const rubric = cycle.rubricVersionId ? await this.rubricIndexOf(cycle.rubricVersionId) : undefined;
    const largest = largestMax(rows.map((r) => r.maxPoints));
    return {
      cycle: presentCycle(cycle),
      groups: groups.map((g) => ({
        fullMax: toExact(rubric ? applicableMax(rubric, g.peerGroup) : largest),
        summary: g.summary,
        units: rows
          .filter((r) => r.peerGroup === g.peerGroup)
          .sort((a, b) => a.ord - b.ord)
          .map((r) => presentUnitResult(r, excl.filter((e) => e.unitId === r.unitId).map(({ nodeCode, basis }) => ({ nodeCode, basis })))),
      })),
    };
  }
}
